output "stream_name" {
  description = "The Kinesis stream to put test records into."
  value       = aws_kinesis_stream.clicks.name
}

output "athena_workgroup" {
  description = "Athena workgroup to query web.clicks in."
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
