locals {
  # The module's version; bump it with every change that alters what apply does.
  module_version = "0.1.0"

  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  tags = merge({ "tributary:module-version" = local.module_version }, var.tags)
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
