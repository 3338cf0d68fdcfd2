# Least privilege for the service. Every statement's resources come from this module's inputs or
# resources. No action is a wildcard. A "*" resource appears in one place only, where AWS offers
# nothing narrower:
#   - ecr:GetAuthorizationToken (execution role): the token is account-wide; the pull actions
#     themselves are limited to the repository.

locals {
  warehouse_objects_arn = "${local.bucket_arn}/${var.warehouse_prefix}/*"

  glue_catalog_arn   = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  glue_database_arns = [for n in var.namespaces : "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${n}"]
  glue_table_arns    = [for n in var.namespaces : "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${n}/*"]

  # KCL 3 keeps leases in a table named after the application, plus two tables of its own.
  kcl_table_arns = flatten([
    for a in var.kinesis_application_names : [
      "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${a}",
      "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${a}-WorkerMetricStats",
      "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${a}-CoordinatorState",
    ]
  ])
  kcl_index_arns = [for t in local.kcl_table_arns : "${t}/index/*"]

  # MSK names topics and groups after the cluster: cluster/<name>/<uuid> -> topic/<name>/<uuid>/<topic>.
  msk_topic_arns = var.msk_cluster_arn == null ? [] : [for t in var.msk_topics : "${replace(var.msk_cluster_arn, ":cluster/", ":topic/")}/${t}"]
  msk_group_arns = var.msk_cluster_arn == null ? [] : [for g in var.msk_consumer_groups : "${replace(var.msk_cluster_arn, ":cluster/", ":group/")}/${g}"]

  # valueFrom may carry :json-key:version-stage:version-id after the secret's ARN; IAM wants the ARN.
  secret_arns = distinct([for v in values(var.secret_environment) : join(":", slice(split(":", v), 0, 7))])
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# --- the task role: what the service itself calls --------------------------------------------

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "Tributary ${var.name}: the service's own AWS calls"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags

  # Cross-variable checks (variable validations may refer to other variables only from 1.9 on).
  lifecycle {
    precondition {
      condition     = var.create_bucket || var.bucket_name != null
      error_message = "bucket_name is required when create_bucket is false."
    }
    precondition {
      condition     = var.create_kms_key || var.kms_key_arn != null
      error_message = "kms_key_arn is required when create_kms_key is false."
    }
    precondition {
      condition     = var.create_ecs_cluster || var.ecs_cluster_arn != null
      error_message = "ecs_cluster_arn is required when create_ecs_cluster is false."
    }
  }
}

data "aws_iam_policy_document" "task" {
  # Listing is needed by the orphan sweep (and Iceberg's prefix listing), only under the warehouse.
  statement {
    sid       = "ListWarehouse"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.warehouse_prefix, "${var.warehouse_prefix}/*"]
    }
  }

  # Writers put data and metadata files (multipart for large ones); compaction, snapshot expiry
  # and the orphan sweep delete them.
  statement {
    sid = "ReadWriteWarehouse"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [local.warehouse_objects_arn]
  }

  # Iceberg's Glue catalog: read databases, create tables, commit by updating the table's
  # metadata location (a conditional UpdateTable). The catalog ARN is part of every Glue grant.
  statement {
    sid = "GlueTables"
    actions = [
      "glue:GetDatabase",
      "glue:GetTable",
      "glue:GetTables",
      "glue:CreateTable",
      "glue:UpdateTable",
    ]
    resources = concat([local.glue_catalog_arn], local.glue_database_arns, local.glue_table_arns)
  }

  statement {
    sid = "LakeKey"
    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey",
    ]
    resources = [local.kms_key_arn]
  }

  dynamic "statement" {
    for_each = length(var.kinesis_stream_arns) > 0 ? [1] : []

    content {
      sid = "KinesisRead"
      actions = [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:ListShards",
        "kinesis:GetShardIterator",
        "kinesis:GetRecords",
      ]
      resources = var.kinesis_stream_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.kinesis_stream_arns) > 0 && var.kinesis_enhanced_fan_out ? [1] : []

    content {
      sid = "KinesisEnhancedFanOut"
      actions = [
        "kinesis:RegisterStreamConsumer",
        "kinesis:DescribeStreamConsumer",
        "kinesis:SubscribeToShard",
      ]
      resources = concat(var.kinesis_stream_arns, [for s in var.kinesis_stream_arns : "${s}/consumer/*"])
    }
  }

  dynamic "statement" {
    for_each = length(local.kcl_table_arns) > 0 ? [1] : []

    content {
      sid = "KclLeases"
      actions = [
        "dynamodb:CreateTable",
        "dynamodb:DescribeTable",
        "dynamodb:UpdateTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:Scan",
        "dynamodb:Query",
      ]
      resources = concat(local.kcl_table_arns, local.kcl_index_arns)
    }
  }

  dynamic "statement" {
    for_each = var.msk_cluster_arn == null ? [] : [1]

    content {
      sid       = "MskConnect"
      actions   = ["kafka-cluster:Connect"]
      resources = [var.msk_cluster_arn]
    }
  }

  dynamic "statement" {
    for_each = length(local.msk_topic_arns) > 0 ? [1] : []

    content {
      sid = "MskReadTopics"
      actions = [
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:ReadData",
      ]
      resources = local.msk_topic_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.msk_group_arns) > 0 ? [1] : []

    content {
      sid = "MskConsumerGroups"
      actions = [
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:AlterGroup",
      ]
      resources = local.msk_group_arns
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "tributary"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# --- the execution role: what ECS does to start the task -------------------------------------
# Logs are written by ECS's awslogs driver from the container's stdout, so the Logs grant on the
# service's log group belongs to this role; the service itself never calls CloudWatch Logs.

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  description        = "Tributary ${var.name}: ECS pulls the image, reads the pipeline parameter and secrets, ships logs"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid = "ServiceLogs"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.service.arn}:log-stream:*"]
  }

  statement {
    sid       = "PipelineParameter"
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.pipeline.arn]
  }

  statement {
    sid       = "DecryptParameterAndSecrets"
    actions   = ["kms:Decrypt"]
    resources = concat([local.kms_key_arn], var.secrets_kms_key_arns)
  }

  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? [1] : []

    content {
      sid       = "Secrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns
    }
  }

  dynamic "statement" {
    for_each = var.ecr_repository_arn == null ? [] : [1]

    content {
      sid = "PullImage"
      actions = [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ]
      resources = [var.ecr_repository_arn]
    }
  }

  dynamic "statement" {
    for_each = var.ecr_repository_arn == null ? [] : [1]

    content {
      sid       = "EcrToken"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"] # account-wide token; AWS has no narrower resource (see the top of this file)
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "tributary-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}
