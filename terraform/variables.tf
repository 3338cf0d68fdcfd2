# --- naming ------------------------------------------------------------------------------------

variable "name" {
  type        = string
  description = "Name of this deployment; prefixes every resource the module creates (bucket, roles, cluster, service, log group)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource the module creates."
  default     = {}
}

# --- storage -----------------------------------------------------------------------------------

variable "create_bucket" {
  type        = bool
  description = "Create the lake bucket. When false, bucket_name names an existing bucket whose encryption, versioning and policy you manage."
  default     = true
}

variable "bucket_name" {
  type        = string
  description = "Name of the lake bucket: created when create_bucket is true (default: <name>-lake-<account id>), else an existing bucket."
  default     = null

  validation {
    condition     = var.bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)."
  }
}

variable "warehouse_prefix" {
  type        = string
  description = "Key prefix of the Iceberg warehouse inside the bucket; the service's S3 permissions are limited to it."
  default     = "warehouse"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]+(/[a-zA-Z0-9_-]+)*$", var.warehouse_prefix))
    error_message = "warehouse_prefix must be a key prefix without leading or trailing slash, for example \"warehouse\"."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete the bucket with every table in it. Leave false outside experiments."
  default     = false
}

variable "create_kms_key" {
  type        = bool
  description = "Create the KMS key that encrypts the bucket, the pipeline parameter and Athena results. When false, pass kms_key_arn."
  default     = true
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of an existing KMS key to use when create_kms_key is false. Its key policy must let IAM policies of this account grant its use."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-f0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias."
  }
}

variable "dead_letter_tables" {
  type        = list(string)
  description = "Dead-letter tables (namespace.table) whose data files move to STANDARD_IA after dead_letter_transition_days. They are never expired by S3: Iceberg metadata references them."
  default     = []

  validation {
    condition     = alltrue([for t in var.dead_letter_tables : can(regex("^[a-z0-9_]+\\.[a-z0-9_]+$", t))])
    error_message = "dead_letter_tables must be namespace.table names of lowercase letters, digits and underscores."
  }
}

variable "dead_letter_transition_days" {
  type        = number
  description = "Days after which dead-letter data files move to STANDARD_IA (S3 requires at least 30)."
  default     = 30

  validation {
    condition     = var.dead_letter_transition_days >= 30
    error_message = "dead_letter_transition_days must be at least 30 (S3's minimum for STANDARD_IA)."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days after which object versions that compaction, snapshot expiry and the orphan sweep replaced or deleted are removed for good."
  default     = 7

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  type        = number
  description = "Days after which unfinished multipart uploads (from a writer killed mid-file) are aborted and their parts deleted."
  default     = 1

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be at least 1."
  }
}

# --- catalog -----------------------------------------------------------------------------------

variable "namespaces" {
  type        = list(string)
  description = "Namespaces the pipelines write (route tables, dead-letter tables, the drift ledger); each becomes a Glue database. Tables are created by the service."

  validation {
    condition     = length(var.namespaces) > 0 && alltrue([for n in var.namespaces : can(regex("^[a-z0-9_]{1,255}$", n))])
    error_message = "namespaces must be a non-empty list of names of lowercase letters, digits and underscores (what Athena reads)."
  }
}

variable "create_athena_workgroup" {
  type        = bool
  description = "Create an Athena workgroup with an enforced, KMS-encrypted result location in the lake bucket."
  default     = true
}

variable "athena_results_prefix" {
  type        = string
  description = "Key prefix of Athena query results inside the lake bucket (outside the warehouse prefix)."
  default     = "athena-results"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]+(/[a-zA-Z0-9_-]+)*$", var.athena_results_prefix))
    error_message = "athena_results_prefix must be a key prefix without leading or trailing slash."
  }
}

variable "athena_results_expiration_days" {
  type        = number
  description = "Days after which Athena query results are deleted."
  default     = 30

  validation {
    condition     = var.athena_results_expiration_days >= 1
    error_message = "athena_results_expiration_days must be at least 1."
  }
}

# --- sources -----------------------------------------------------------------------------------

variable "kinesis_stream_arns" {
  type        = list(string)
  description = "ARNs of the Kinesis streams the pipelines read."
  default     = []

  validation {
    condition     = alltrue([for a in var.kinesis_stream_arns : can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]+$", a))])
    error_message = "kinesis_stream_arns must be stream ARNs (arn:aws:kinesis:<region>:<account>:stream/<name>)."
  }
}

variable "kinesis_enhanced_fan_out" {
  type        = bool
  description = "Whether a Kinesis pipeline uses enhanced fan-out (enhanced-fan-out: true); grants registering and subscribing a stream consumer."
  default     = false
}

variable "kinesis_application_names" {
  type        = list(string)
  description = "KCL application names of the Kinesis pipelines (application-name, default tributary-<pipeline>); each names the DynamoDB lease, worker-metrics and coordinator tables."
  default     = []

  validation {
    condition     = alltrue([for a in var.kinesis_application_names : can(regex("^[a-zA-Z0-9_.-]{3,200}$", a))])
    error_message = "kinesis_application_names must be 3-200 characters of letters, digits, '_', '.' and '-' (they name DynamoDB tables)."
  }
}

variable "msk_cluster_arn" {
  type        = string
  description = "ARN of the MSK cluster the Kafka pipelines read with IAM authentication; null when no pipeline reads MSK with IAM."
  default     = null

  validation {
    condition     = var.msk_cluster_arn == null || can(regex("^arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:cluster/[a-zA-Z0-9-]+/[a-zA-Z0-9-]+$", var.msk_cluster_arn))
    error_message = "msk_cluster_arn must be an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)."
  }
}

variable "msk_topics" {
  type        = list(string)
  description = "Topics the Kafka pipelines read from the MSK cluster (exact names; a topic-pattern needs its names listed here)."
  default     = []
}

variable "msk_consumer_groups" {
  type        = list(string)
  description = "Consumer groups of the Kafka pipelines: tributary-<pipeline> for each pipeline reading MSK."
  default     = []
}

# --- service -----------------------------------------------------------------------------------

variable "image" {
  type        = string
  description = "The service image (built from ui-api/src/main/docker/Dockerfile.jvm), for example <account>.dkr.ecr.<region>.amazonaws.com/tributary:0.1.0."
}

variable "ecr_repository_arn" {
  type        = string
  description = "ARN of the private ECR repository holding the image, so the task can pull it; null for a public image."
  default     = null
}

variable "pipeline_yaml" {
  type        = string
  description = "The service's configuration (the tributary: YAML of catalog and pipelines). Stored as an encrypted SSM parameter and written to a file by the image's entrypoint."

  validation {
    condition     = length(var.pipeline_yaml) <= 8192 && can(yamldecode(var.pipeline_yaml).tributary)
    error_message = "pipeline_yaml must be YAML with a top-level tributary: key and at most 8 KB (the SSM advanced parameter limit)."
  }
}

variable "secret_environment" {
  type        = map(string)
  description = "Environment variables filled from Secrets Manager at task start: name -> secret ARN (optionally with :json-key:version-stage:version-id). Admin tokens and credentials go here, never in plain environment."
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.secret_environment) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[a-zA-Z0-9/_+=.@-]+", v))])
    error_message = "secret_environment values must be Secrets Manager secret ARNs."
  }
}

variable "secrets_kms_key_arns" {
  type        = list(string)
  description = "Customer-managed KMS keys that encrypt the secrets in secret_environment (none for the AWS-managed key)."
  default     = []
}

variable "environment" {
  type        = map(string)
  description = "Plain environment variables for the service (non-secret settings only, for example TRIBUTARY_MAINTENANCE_INTERVAL)."
  default     = {}
}

variable "create_ecs_cluster" {
  type        = bool
  description = "Create an ECS cluster; when false, pass ecs_cluster_arn."
  default     = true
}

variable "ecs_cluster_arn" {
  type        = string
  description = "ARN of an existing ECS cluster, used when create_ecs_cluster is false."
  default     = null
}

variable "cpu" {
  type        = number
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  default     = 1024

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  type        = number
  description = "Fargate task memory in MiB; must be a valid combination with cpu (1024 CPU: 2048-8192)."
  default     = 3072

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880 && var.memory % 512 == 0
    error_message = "memory must be a multiple of 512 MiB between 512 and 122880."
  }
}

variable "jvm_max_ram_percentage" {
  type        = number
  description = "Share of the task memory the JVM heap may take (-XX:MaxRAMPercentage); the rest is metaspace, threads, Parquet and network buffers."
  default     = 70

  validation {
    condition     = var.jvm_max_ram_percentage >= 25 && var.jvm_max_ram_percentage <= 85
    error_message = "jvm_max_ram_percentage must be between 25 and 85."
  }
}

variable "cpu_architecture" {
  type        = string
  description = "CPU architecture of the task: X86_64 or ARM64 (the image must be built for it)."
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "desired_count" {
  type        = number
  description = "Number of replicas. Keep 1 until table maintenance is coordinated between replicas (see README)."
  default     = 1

  validation {
    condition     = var.desired_count >= 0 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number of at least 0."
  }
}

variable "deployment_minimum_healthy_percent" {
  type        = number
  description = "Lower bound of running tasks during a deployment. 0 with a maximum of 100 stops the old task before the new one starts, so two replicas never maintain the same tables at once."
  default     = 0
}

variable "deployment_maximum_percent" {
  type        = number
  description = "Upper bound of running tasks during a deployment (see deployment_minimum_healthy_percent)."
  default     = 100

  validation {
    condition     = var.deployment_maximum_percent >= 100
    error_message = "deployment_maximum_percent must be at least 100."
  }
}

variable "stop_timeout" {
  type        = number
  description = "Seconds between SIGTERM and SIGKILL; SIGTERM commits what is buffered, so this must cover one commit (Fargate allows at most 120)."
  default     = 120

  validation {
    condition     = var.stop_timeout >= 30 && var.stop_timeout <= 120
    error_message = "stop_timeout must be between 30 and 120 seconds."
  }
}

variable "health_check_start_period" {
  type        = number
  description = "Seconds after start during which failed readiness checks do not count (start-up reaches the catalog and the brokers)."
  default     = 120

  validation {
    condition     = var.health_check_start_period >= 0 && var.health_check_start_period <= 300
    error_message = "health_check_start_period must be between 0 and 300 seconds (ECS's limit)."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC the service runs in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Subnets of the service's tasks; private subnets with a NAT gateway or VPC endpoints for S3, Glue, STS, Logs, SSM, Secrets Manager and ECR."

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must name at least one subnet."
  }
}

variable "assign_public_ip" {
  type        = bool
  description = "Give tasks a public IP (only for public subnets without NAT; ingress stays limited by the security group)."
  default     = false
}

variable "admin_port" {
  type        = number
  description = "Port of the admin API, web UI, health and metrics."
  default     = 8090

  validation {
    condition     = var.admin_port >= 1024 && var.admin_port <= 65535
    error_message = "admin_port must be between 1024 and 65535 (the image runs as a non-root user)."
  }
}

variable "admin_ingress_cidr_blocks" {
  type        = list(string)
  description = "CIDR blocks that may reach the admin port (a VPN or office range). Never the whole internet."
  default     = []

  validation {
    condition     = alltrue([for c in var.admin_ingress_cidr_blocks : can(cidrhost(c, 0)) && !contains(["0.0.0.0/0", "::/0"], c)])
    error_message = "admin_ingress_cidr_blocks must be valid CIDR blocks and must not be 0.0.0.0/0 or ::/0."
  }
}

variable "admin_ingress_security_group_ids" {
  type        = list(string)
  description = "Security groups (a bastion, a load balancer, Prometheus) that may reach the admin port."
  default     = []
}

variable "egress_cidr_blocks" {
  type        = list(string)
  description = "Where the tasks may connect: AWS APIs over HTTPS and the Kafka brokers."
  default     = ["0.0.0.0/0"]
}

# --- scaling -----------------------------------------------------------------------------------

variable "enable_autoscaling" {
  type        = bool
  description = "Scale the number of replicas with target tracking on average CPU. More than one replica needs coordinated table maintenance (see README)."
  default     = false
}

variable "autoscaling_min_capacity" {
  type        = number
  description = "Fewest replicas when autoscaling."
  default     = 1

  validation {
    condition     = var.autoscaling_min_capacity >= 1
    error_message = "autoscaling_min_capacity must be at least 1."
  }
}

variable "autoscaling_max_capacity" {
  type        = number
  description = "Most replicas when autoscaling; more replicas than Kafka partitions or Kinesis shards stay idle."
  default     = 4

  validation {
    condition     = var.autoscaling_max_capacity >= 1
    error_message = "autoscaling_max_capacity must be at least 1."
  }
}

variable "autoscaling_cpu_target" {
  type        = number
  description = "Average CPU utilization (percent) that target tracking keeps the service at."
  default     = 60

  validation {
    condition     = var.autoscaling_cpu_target >= 10 && var.autoscaling_cpu_target <= 90
    error_message = "autoscaling_cpu_target must be between 10 and 90."
  }
}

# --- observability -----------------------------------------------------------------------------

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the service's logs."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "create_alarms" {
  type        = bool
  description = "Create CloudWatch alarms on pipeline failures, the dead-letter rate, the time since the last commit, and CPU and memory."
  default     = false
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs (SNS topics) notified when an alarm fires or clears."
  default     = []
}

variable "dead_letter_alarm_threshold" {
  type        = number
  description = "Dead letters per 5 minutes, over all pipelines, above which the dead-letter alarm fires."
  default     = 100
}

variable "commit_alarm_minutes" {
  type        = number
  description = "Minutes without any commit after which the commit-age alarm fires (an idle source commits nothing, so set it above the longest quiet period)."
  default     = 15

  validation {
    condition     = var.commit_alarm_minutes >= 1
    error_message = "commit_alarm_minutes must be at least 1."
  }
}
