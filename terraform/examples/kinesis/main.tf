# Tributary reading an on-demand Kinesis stream (KCL 3, leases in DynamoDB) into Iceberg tables
# on Glue, queried with Athena. One replica: table maintenance is not yet coordinated between
# replicas.

locals {
  application_name = "tributary-clicks" # the KCL application: names the DynamoDB lease tables
}

resource "aws_kinesis_stream" "clicks" {
  name             = "clicks"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

module "tributary" {
  source = "../.."

  name       = var.name
  namespaces = ["web"]
  tags       = { project = "clickstream" }

  dead_letter_tables = ["web.clicks__dead_letter"]

  kinesis_stream_arns       = [aws_kinesis_stream.clicks.arn]
  kinesis_application_names = [local.application_name]

  image              = var.image
  ecr_repository_arn = var.ecr_repository_arn
  pipeline_yaml = templatefile("${path.module}/pipeline.yaml.tftpl", {
    warehouse        = module.tributary.warehouse
    region           = var.region
    stream           = aws_kinesis_stream.clicks.name
    application_name = local.application_name
  })
  secret_environment = merge({ TRIBUTARY_OPERATOR_TOKEN = var.operator_token_secret_arn }, var.secret_environment)

  cpu                    = 1024
  memory                 = 3072
  jvm_max_ram_percentage = 70
  desired_count          = 1

  vpc_id                    = var.vpc_id
  subnet_ids                = var.private_subnet_ids
  admin_ingress_cidr_blocks = var.admin_cidr_blocks

  create_alarms        = true
  commit_alarm_minutes = 30
}
