output "bootstrap_brokers" {
  description = "MSK bootstrap brokers for IAM clients (port 9098), for producing test events."
  value       = aws_msk_cluster.orders.bootstrap_brokers_sasl_iam
}

output "athena_workgroup" {
  description = "Athena workgroup to query raw.orders in."
  value       = module.tributary.athena_workgroup_name
}

output "log_group" {
  description = "CloudWatch log group of the service."
  value       = module.tributary.log_group_name
}

output "ecs_cluster_arn" {
  description = "ECS cluster running the service."
  value       = module.tributary.ecs_cluster_arn
}

output "ecs_service_name" {
  description = "ECS service name."
  value       = module.tributary.ecs_service_name
}
