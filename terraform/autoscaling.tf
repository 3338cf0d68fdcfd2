# Replicas share Kafka partitions through the consumer group and Kinesis shards through KCL
# leases; target tracking adds replicas when the average CPU stays above the target. More
# replicas than partitions (or shards) stay idle. See the README before raising the maximum
# above one: table maintenance is not yet coordinated between replicas.

resource "aws_appautoscaling_target" "service" {
  count = var.enable_autoscaling ? 1 : 0

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${element(split("/", local.ecs_cluster_arn), 1)}/${aws_ecs_service.service.name}"
  min_capacity       = var.autoscaling_min_capacity
  max_capacity       = var.autoscaling_max_capacity
  tags               = local.tags
}

resource "aws_appautoscaling_policy" "cpu" {
  count = var.enable_autoscaling ? 1 : 0

  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.service[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.service[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value = var.autoscaling_cpu_target

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }

    # Scale in slowly: a replica that leaves hands its partitions over, which costs a rebalance.
    scale_in_cooldown  = 600
    scale_out_cooldown = 120
  }
}
