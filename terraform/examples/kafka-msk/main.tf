# Tributary reading an MSK cluster with IAM authentication into Iceberg tables on Glue, queried
# with Athena. One replica: table maintenance is not yet coordinated between replicas.

locals {
  topic          = "orders"
  consumer_group = "tributary-orders" # tributary-<pipeline>, set in pipeline.yaml.tftpl too
}

resource "aws_security_group" "msk" {
  name        = "${var.name}-msk"
  description = "MSK brokers: IAM-authenticated clients from the Tributary service"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "msk_from_service" {
  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka over TLS with IAM from Tributary"
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  referenced_security_group_id = module.tributary.security_group_id
}

resource "aws_msk_cluster" "orders" {
  cluster_name           = var.name
  kafka_version          = "3.8.x"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m7g.large"
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.msk.id]

    storage_info {
      ebs_storage_info {
        volume_size = 100
      }
    }
  }

  client_authentication {
    sasl {
      iam = true
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
}

module "tributary" {
  source = "../.."

  name       = var.name
  namespaces = ["raw"]
  tags       = { project = "orders-lake" }

  dead_letter_tables = ["raw.orders__dead_letter"]

  msk_cluster_arn     = aws_msk_cluster.orders.arn
  msk_topics          = [local.topic]
  msk_consumer_groups = [local.consumer_group]

  image              = var.image
  ecr_repository_arn = var.ecr_repository_arn
  pipeline_yaml = templatefile("${path.module}/pipeline.yaml.tftpl", {
    warehouse         = module.tributary.warehouse
    region            = var.region
    bootstrap_servers = aws_msk_cluster.orders.bootstrap_brokers_sasl_iam
    topic             = local.topic
    consumer_group    = local.consumer_group
  })
  secret_environment = merge({ TRIBUTARY_OPERATOR_TOKEN = var.operator_token_secret_arn }, var.secret_environment)

  cpu                    = 1024
  memory                 = 3072
  jvm_max_ram_percentage = 70
  desired_count          = 1

  vpc_id                    = var.vpc_id
  subnet_ids                = var.private_subnet_ids
  admin_ingress_cidr_blocks = var.admin_cidr_blocks

  create_alarms = true
}
