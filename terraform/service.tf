# The service on ECS Fargate: one container running the image's entrypoint, which writes the
# pipeline YAML (from the SSM parameter, injected by ECS as TRIBUTARY_CONFIG_YAML) to a file and
# points QUARKUS_CONFIG_LOCATIONS at it before starting the JVM.

locals {
  ecs_cluster_arn = var.create_ecs_cluster ? aws_ecs_cluster.this[0].arn : var.ecs_cluster_arn
  container_name  = "tributary"

  container_environment = merge(
    {
      AWS_REGION             = local.region
      QUARKUS_HTTP_PORT      = tostring(var.admin_port)
      JVM_MAX_RAM_PERCENTAGE = tostring(var.jvm_max_ram_percentage)
    },
    var.environment,
  )

  container_secrets = concat(
    [{ name = "TRIBUTARY_CONFIG_YAML", valueFrom = aws_ssm_parameter.pipeline.arn }],
    [for name, arn in var.secret_environment : { name = name, valueFrom = arn }],
  )
}

resource "aws_ssm_parameter" "pipeline" {
  name        = "/${var.name}/tributary.yaml"
  description = "Tributary ${var.name}: the service's catalog and pipeline configuration"
  type        = "SecureString"
  key_id      = local.kms_key_arn
  value       = var.pipeline_yaml
  # Advanced (8 KB) only when the YAML outgrows the standard 4 KB.
  tier = "Intelligent-Tiering"
  tags = local.tags
}

resource "aws_ecs_cluster" "this" {
  count = var.create_ecs_cluster ? 1 : 0

  name = var.name
  tags = local.tags
}

resource "aws_ecs_task_definition" "service" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  task_role_arn            = aws_iam_role.task.arn
  execution_role_arn       = aws_iam_role.execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([
    {
      name      = local.container_name
      image     = var.image
      essential = true

      portMappings = [{ containerPort = var.admin_port, protocol = "tcp" }]
      environment  = [for k in sort(keys(local.container_environment)) : { name = k, value = local.container_environment[k] }]
      secrets      = local.container_secrets

      # The same script as the image's HEALTHCHECK: ready means the catalog and sources answer.
      healthCheck = {
        command     = ["CMD", "/deployments/healthcheck.sh"]
        interval    = 15
        timeout     = 5
        retries     = 4
        startPeriod = var.health_check_start_period
      }

      # SIGTERM commits what is buffered; SIGKILL only after this many seconds.
      stopTimeout = var.stop_timeout

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "tributary"
        }
      }
    }
  ])

  tags = local.tags
}

resource "aws_security_group" "service" {
  name        = "${var.name}-service"
  description = "Tributary ${var.name}: no public ingress; admin port from the given CIDRs and security groups"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "admin_cidr" {
  for_each = toset(var.admin_ingress_cidr_blocks)

  security_group_id = aws_security_group.service.id
  description       = "Admin API and UI from ${each.value}"
  ip_protocol       = "tcp"
  from_port         = var.admin_port
  to_port           = var.admin_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "admin_security_group" {
  for_each = toset(var.admin_ingress_security_group_ids)

  security_group_id            = aws_security_group.service.id
  description                  = "Admin API and UI from ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = var.admin_port
  to_port                      = var.admin_port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "service" {
  for_each = toset(var.egress_cidr_blocks)

  security_group_id = aws_security_group.service.id
  description       = "AWS APIs and Kafka brokers"
  ip_protocol       = "-1"
  cidr_ipv4         = each.value
}

resource "aws_ecs_service" "service" {
  name            = var.name
  cluster         = local.ecs_cluster_arn
  task_definition = aws_ecs_task_definition.service.arn
  launch_type     = "FARGATE"
  desired_count   = var.desired_count

  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = var.assign_public_ip
  }

  propagate_tags = "SERVICE"
  tags           = local.tags
}
