# One Glue database per namespace the pipelines write. The service creates and evolves the
# tables itself (Iceberg on Glue), so Terraform never fights it over their schemas.

resource "aws_glue_catalog_database" "namespace" {
  for_each = toset(var.namespaces)

  name         = each.value
  description  = "Tributary ${var.name}: Iceberg tables written by the service"
  location_uri = "${local.warehouse_uri}/${each.value}.db"
  tags         = local.tags
}

# Athena reads the tables right after the first commit; the workgroup forces every query's
# results into the lake bucket, encrypted with the lake key, whatever the client asks.
resource "aws_athena_workgroup" "lake" {
  count = var.create_athena_workgroup ? 1 : 0

  name          = var.name
  description   = "Tributary ${var.name}: queries over the lake"
  force_destroy = var.force_destroy

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${local.bucket_name}/${var.athena_results_prefix}/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = local.kms_key_arn
      }
    }
  }

  tags = local.tags
}
