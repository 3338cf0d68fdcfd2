#!/usr/bin/env bash
#
# Exits 0 when the service is ready: GET /q/health/ready answers 200 (the catalog and every
# source reachable). The image's HEALTHCHECK and the ECS task definition's health check run it;
# it needs only bash (no curl in the image).
#
set -uo pipefail

port=${QUARKUS_HTTP_PORT:-8090}
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ $status == HTTP/1.?" 200"* ]]
