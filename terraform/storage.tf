# The lake bucket: Iceberg data and metadata under the warehouse prefix, Athena results beside it.

locals {
  bucket_name   = var.create_bucket ? aws_s3_bucket.lake[0].id : var.bucket_name
  bucket_arn    = "arn:${local.partition}:s3:::${local.bucket_name}"
  kms_key_arn   = var.create_kms_key ? aws_kms_key.lake[0].arn : var.kms_key_arn
  warehouse_uri = "s3://${local.bucket_name}/${var.warehouse_prefix}"

  # Glue's default table location is <warehouse>/<namespace>.db/<table>.
  dead_letter_prefixes = {
    for t in var.dead_letter_tables :
    t => "${var.warehouse_prefix}/${split(".", t)[0]}.db/${split(".", t)[1]}/"
  }
}

resource "aws_kms_key" "lake" {
  count = var.create_kms_key ? 1 : 0

  description             = "Tributary ${var.name}: lake bucket, pipeline parameter and Athena results"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  # No key policy here: AWS's default lets this account's IAM policies grant the key, and the
  # roles below get exactly the actions they need on it.
  tags = local.tags
}

resource "aws_kms_alias" "lake" {
  count = var.create_kms_key ? 1 : 0

  name          = "alias/${var.name}-lake"
  target_key_id = aws_kms_key.lake[0].key_id
}

resource "aws_s3_bucket" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket        = coalesce(var.bucket_name, "${var.name}-lake-${local.account_id}")
  force_destroy = var.force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
    # One data key per bucket instead of one KMS call per object: streaming commits write many
    # small objects, and per-object KMS requests would cost more than the storage.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.lake[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

data "aws_iam_policy_document" "bucket" {
  # Deny statements may name every S3 action: denying more is the safe direction.
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      local.bucket_arn,
      "${local.bucket_arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Uploads without an encryption header get the bucket default (SSE-KMS with the lake key), so
  # nothing lands unencrypted; uploads asking for another algorithm (SSE-S3, SSE-C) are refused.
  statement {
    sid       = "DenyUploadsNotEncryptedWithKms"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["false"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["aws:kms"]
    }
  }

  # A different KMS key would lock readers that only hold the lake key out of the data.
  statement {
    sid       = "DenyUploadsWithAnotherKmsKey"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
      values   = ["false"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "s3:x-amz-server-side-encryption-aws-kms-key-id"
      values   = [local.kms_key_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id
  policy = data.aws_iam_policy_document.bucket.json

  depends_on = [aws_s3_bucket_public_access_block.lake]
}

resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id

  # A writer killed in the middle of a large Parquet file leaves its parts behind; they cost
  # storage and are invisible to listings, so neither the orphan sweep nor a person sees them.
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_upload_days
    }

    # Compaction, snapshot expiry and the orphan sweep delete files all the time; with
    # versioning on, their old versions would otherwise be kept (and paid for) forever.
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
  }

  # Dead letters are read rarely; their files move to infrequent access. They are not expired by
  # S3, because Iceberg metadata references them: delete rows with SQL, then snapshot expiry and
  # the orphan sweep remove the files.
  dynamic "rule" {
    for_each = local.dead_letter_prefixes

    content {
      id     = "dead-letters-${replace(rule.key, ".", "-")}"
      status = "Enabled"

      filter {
        prefix = rule.value
      }

      transition {
        days          = var.dead_letter_transition_days
        storage_class = "STANDARD_IA"
      }
    }
  }

  rule {
    id     = "athena-results"
    status = "Enabled"

    filter {
      prefix = "${var.athena_results_prefix}/"
    }

    expiration {
      days = var.athena_results_expiration_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.lake]
}
