variable "region" {
  type        = string
  description = "AWS region to deploy in."
  default     = "eu-west-1"
}

variable "name" {
  type        = string
  description = "Name of the deployment."
  default     = "tributary-orders"
}

variable "image" {
  type        = string
  description = "The service image pushed to ECR, for example 123456789012.dkr.ecr.eu-west-1.amazonaws.com/tributary:0.1.0."
}

variable "ecr_repository_arn" {
  type        = string
  description = "ARN of the ECR repository holding the image."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the MSK cluster and the service."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Three private subnets in three availability zones, with a NAT gateway or VPC endpoints."
}

variable "admin_cidr_blocks" {
  type        = list(string)
  description = "Networks (VPN, office) that may open the admin UI."
  default     = ["10.0.0.0/8"]
}

variable "operator_token_secret_arn" {
  type        = string
  description = "Secrets Manager secret holding the admin API's operator token (at least 16 characters)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:", var.operator_token_secret_arn))
    error_message = "operator_token_secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "secret_environment" {
  type        = map(string)
  description = "Environment variables filled from Secrets Manager (name -> secret ARN), for example the admin API's token."
  default     = {}
}
