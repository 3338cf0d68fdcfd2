# How the service's signals reach CloudWatch: through its logs, nothing else. The service logs
# JSON lines in production (Quarkus' JSON console format: level, loggerName, message), ECS ships
# them to the log group, and metric filters turn three kinds of line into metrics:
#   - "Pipeline <name> failed"          (ERROR)  -> PipelineFailures
#   - "Dead letter: <coordinates> ..."  (WARN)   -> DeadLetters
#   - "Committed <n> rows to <table> up to <positions>" (INFO, one per table and commit with rows)
#                                                -> Commits (no commit for N minutes = commit age)
# Why: it needs no new dependency in the service, no sidecar to size and patch, and no AWS
# credentials or API calls from the service for metrics (Micrometer's CloudWatch registry would
# need both, an OpenTelemetry collector sidecar would add a second container to every task).
# The cost: the filters follow those log messages, which a rule test pins to the code.

locals {
  metric_namespace = "Tributary/${var.name}"
  pipeline_logger  = "io.tributary.ingest.Pipeline"

  log_metrics = {
    PipelineFailures = "{ ($.loggerName = \"${local.pipeline_logger}\") && ($.level = \"ERROR\") && ($.message = \"Pipeline * failed*\") }"
    DeadLetters      = "{ ($.loggerName = \"${local.pipeline_logger}\") && ($.message = \"Dead letter: *\") }"
    Commits          = "{ ($.loggerName = \"${local.pipeline_logger}\") && ($.message = \"Committed * rows to *\") }"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_cloudwatch_log_metric_filter" "service" {
  for_each = local.log_metrics

  name           = "${var.name}-${each.key}"
  log_group_name = aws_cloudwatch_log_group.service.name
  pattern        = each.value

  metric_transformation {
    name          = each.key
    namespace     = local.metric_namespace
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "pipeline_failures" {
  count = var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-pipeline-failures"
  alarm_description   = "A Tributary pipeline failed and is restarting; see the log group ${aws_cloudwatch_log_group.service.name}."
  namespace           = local.metric_namespace
  metric_name         = "PipelineFailures"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.service]
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  count = var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-dead-letter-rate"
  alarm_description   = "More than ${var.dead_letter_alarm_threshold} dead letters in 5 minutes; GET /api/v1/pipelines/{name}/dead-letters shows them."
  namespace           = local.metric_namespace
  metric_name         = "DeadLetters"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.dead_letter_alarm_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.service]
}

resource "aws_cloudwatch_metric_alarm" "commit_age" {
  count = var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-commit-age"
  alarm_description   = "No commit for ${var.commit_alarm_minutes} minutes: the service is down, stuck, or its sources are idle."
  namespace           = local.metric_namespace
  metric_name         = "Commits"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = var.commit_alarm_minutes
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  # No log lines at all (the service is down) counts as no commit.
  treat_missing_data = "breaching"
  alarm_actions      = var.alarm_actions
  ok_actions         = var.alarm_actions
  tags               = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.service]
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  count = var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-cpu"
  alarm_description   = "The service's CPU stayed above 90% for 15 minutes: it falls behind its sources."
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = { ClusterName = element(split("/", local.ecs_cluster_arn), 1), ServiceName = aws_ecs_service.service.name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 90
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "memory" {
  count = var.create_alarms ? 1 : 0

  alarm_name          = "${var.name}-memory"
  alarm_description   = "The service's memory stayed above 90% of the task's for 15 minutes: raise memory or lower max-buffered-bytes."
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = { ClusterName = element(split("/", local.ecs_cluster_arn), 1), ServiceName = aws_ecs_service.service.name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 90
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}
