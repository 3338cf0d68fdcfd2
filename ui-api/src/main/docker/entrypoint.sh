#!/usr/bin/env bash
#
# The service image's entrypoint (Dockerfile.jvm), also run as a plain process by ImageContractIT.
#
# Configuration: either TRIBUTARY_CONFIG_YAML holds the pipeline YAML (ECS injects it from an SSM
# parameter as a secret), which is written to TRIBUTARY_CONFIG_FILE, readable only by this user;
# or QUARKUS_CONFIG_LOCATIONS names a file already mounted. Secrets arrive as environment
# variables (from Secrets Manager) and are read by the service like any TRIBUTARY_* override.
# JVM memory follows the container's limit (JVM_MAX_RAM_PERCENTAGE of it for the heap).
# Arguments are passed to the service: `docker run <image> validate` checks the configuration.
#
set -euo pipefail

app_dir=${TRIBUTARY_APP_DIR:-/deployments}

if [[ -n ${TRIBUTARY_CONFIG_YAML:-} ]]; then
  config_file=${TRIBUTARY_CONFIG_FILE:-/tmp/tributary/tributary.yaml}
  mkdir -p "$(dirname "$config_file")"
  (umask 077 && printf '%s\n' "$TRIBUTARY_CONFIG_YAML" >"$config_file")
  export QUARKUS_CONFIG_LOCATIONS=$config_file
fi
# The YAML may hold credentials; the JVM and anything it starts never see it in their environment.
unset TRIBUTARY_CONFIG_YAML

if [[ -z ${QUARKUS_CONFIG_LOCATIONS:-} ]]; then
  echo "entrypoint: no configuration: set TRIBUTARY_CONFIG_YAML (the YAML itself) or QUARKUS_CONFIG_LOCATIONS (a file)" >&2
  exit 64
fi

java=java
[[ -n ${JAVA_HOME:-} ]] && java=$JAVA_HOME/bin/java

# exec: the JVM becomes this process, so the orchestrator's SIGTERM reaches it directly and the
# service commits what it buffered before exiting. JAVA_OPTS_APPEND is split into words on purpose.
# shellcheck disable=SC2086
exec "$java" \
  "-XX:MaxRAMPercentage=${JVM_MAX_RAM_PERCENTAGE:-70}" \
  -XX:+ExitOnOutOfMemoryError \
  ${JAVA_OPTS_APPEND:-} \
  -jar "$app_dir/quarkus-run.jar" "$@"
