output "module_version" {
  description = "Version of this module."
  value       = local.module_version
}

output "bucket_name" {
  description = "Name of the lake bucket."
  value       = local.bucket_name
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = local.bucket_arn
}

output "warehouse" {
  description = "The Iceberg warehouse location for the pipeline YAML (tributary.catalog.warehouse)."
  value       = local.warehouse_uri
}

output "kms_key_arn" {
  description = "ARN of the KMS key encrypting the bucket, the pipeline parameter and Athena results."
  value       = local.kms_key_arn
}

output "glue_database_names" {
  description = "Glue databases, one per namespace."
  value       = [for d in aws_glue_catalog_database.namespace : d.name]
}

output "athena_workgroup_name" {
  description = "Athena workgroup to query the tables in (null when not created)."
  value       = var.create_athena_workgroup ? aws_athena_workgroup.lake[0].name : null
}

output "task_role_arn" {
  description = "ARN of the service's task role."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "ARN of the ECS task execution role."
  value       = aws_iam_role.execution.arn
}

output "ecs_cluster_arn" {
  description = "ARN of the ECS cluster the service runs in."
  value       = local.ecs_cluster_arn
}

output "ecs_service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.service.name
}

output "security_group_id" {
  description = "Security group of the service's tasks; allow it on the Kafka brokers."
  value       = aws_security_group.service.id
}

output "log_group_name" {
  description = "CloudWatch log group of the service."
  value       = aws_cloudwatch_log_group.service.name
}

output "pipeline_parameter_name" {
  description = "SSM parameter holding the pipeline YAML."
  value       = aws_ssm_parameter.pipeline.name
}
