#!/usr/bin/env bash
# Daemon task definitions (issue 15) with the aws cli v1, from a JSON file as the developer
# guide registers one: register, describe, list with filters, delete to DELETED (and the
# daemon-task-definition-deleted waiter), and ECS's errors. Debian's aws cli v2 (2.9) predates
# daemons and has no such commands, so it is not driven here.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

family=$(unique_name cli-daemon-td)
file=$(mktemp --suffix .json)
trap 'rm -f "$file"' EXIT
cat >"$file" <<JSON
{
  "family": "$family",
  "containerDefinitions": [{
    "name": "daemon-container",
    "image": "berth-test/busybox:latest",
    "essential": true,
    "command": ["sh", "-c", "while true; do echo alive; sleep 30; done"],
    "memoryReservation": 64,
    "mountPoints": [{"sourceVolume": "var-log", "containerPath": "/host/var/log", "readOnly": true}]
  }],
  "volumes": [{"name": "var-log", "host": {"sourcePath": "/var/log"}}],
  "tags": [{"key": "team", "value": "e2e"}]
}
JSON

step "register-daemon-task-definition --cli-input-json (twice: revisions 1 and 2)"
ecs register-daemon-task-definition --cli-input-json "file://$file"
expect .daemonTaskDefinitionArn "arn:aws:ecs:$REGION:$ACCOUNT:daemon-task-definition/$family:1"
first=$(jq -r .daemonTaskDefinitionArn <<<"$OUT")
ecs register-daemon-task-definition --cli-input-json "file://$file"
second=$(jq -r .daemonTaskDefinitionArn <<<"$OUT")
[[ $second == *"/$family:2" ]] || fail "second revision is $second"

step "describe-daemon-task-definition: the family is its newest ACTIVE revision"
ecs describe-daemon-task-definition --daemon-task-definition "$family"
expect .daemonTaskDefinition.daemonTaskDefinitionArn "$second"
expect .daemonTaskDefinition.status ACTIVE
expect .daemonTaskDefinition.containerDefinitions[0].memoryReservation 64
expect .daemonTaskDefinition.containerDefinitions[0].mountPoints[0].readOnly true
expect .daemonTaskDefinition.volumes[0].host.sourcePath /var/log
expect_true '.daemonTaskDefinition.registeredBy | endswith(":root")'
ecs list-tags-for-resource --resource-arn "$first"
expect '.tags[0] | "\(.key)=\(.value)"' team=e2e

step "delete-daemon-task-definition: DELETED, still described, no longer listed as ACTIVE"
ecs delete-daemon-task-definition --daemon-task-definition "$family:2"
expect .daemonTaskDefinitionArn "$second"
ecs wait daemon-task-definition-deleted --daemon-task-definition "$second"
ecs describe-daemon-task-definition --daemon-task-definition "$second"
expect .daemonTaskDefinition.status DELETED
ecs list-daemon-task-definitions --family "$family"
expect '[.daemonTaskDefinitions[].arn] | join(",")' "$first"
ecs list-daemon-task-definitions --family "$family" --status ALL --sort DESC
expect '[.daemonTaskDefinitions[].arn] | join(",")' "$second,$first"

step "errors: unknown family, a deleted revision, no revision, a bad definition"
ecs_error ClientException describe-daemon-task-definition --daemon-task-definition "$family-none"
ecs_error ClientException delete-daemon-task-definition --daemon-task-definition "$family:2"
ecs_error ClientException delete-daemon-task-definition --daemon-task-definition "$family"
ecs_error ClientException register-daemon-task-definition --family "$family" \
    --container-definitions '[{"name":"a","image":"busybox","memory":32,"essential":false}]'
