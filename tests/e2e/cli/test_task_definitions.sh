#!/usr/bin/env bash
# Task definitions with the aws cli: the getting-started tutorial's sample-fargate task
# definition registered verbatim with --cli-input-json, then describe, list, deregister,
# and the errors ECS gives for an invalid Fargate size and an unknown family.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample=$BERTH_E2E_DIR/data/sample-fargate.json
family=sample-fargate

step "register-task-definition --cli-input-json file://sample-fargate.json (verbatim tutorial JSON)"
ecs register-task-definition --cli-input-json "file://$sample"
rev=$(jq -r .taskDefinition.revision <<<"$OUT")
[[ $rev =~ ^[0-9]+$ && $rev -ge 1 ]] || fail "revision '$rev' is not a positive number"
expect .taskDefinition.family "$family"
expect .taskDefinition.taskDefinitionArn "$(task_definition_arn "$family:$rev")"
expect .taskDefinition.status ACTIVE
expect .taskDefinition.networkMode awsvpc
expect .taskDefinition.cpu 256
expect .taskDefinition.memory 512
expect '.taskDefinition.requiresCompatibilities | join(",")' FARGATE
expect_true '.taskDefinition.compatibilities | index("FARGATE") != null'
expect_true '.taskDefinition.compatibilities | index("EC2") != null'
expect_true '[.taskDefinition.requiresAttributes[].name] | index("ecs.capability.task-eni") != null'
expect_true '.taskDefinition.registeredAt | type == "string" or type == "number"'
expect '.taskDefinition.containerDefinitions | length' 1
expect .taskDefinition.containerDefinitions[0].name fargate-app
expect .taskDefinition.containerDefinitions[0].image public.ecr.aws/docker/library/httpd:latest
expect .taskDefinition.containerDefinitions[0].essential true
expect '.taskDefinition.containerDefinitions[0].portMappings[0] | "\(.containerPort)/\(.hostPort)/\(.protocol)"' 80/80/tcp
# The shell command comes back byte for byte as the tutorial wrote it.
expect_true '.taskDefinition.containerDefinitions[0].entryPoint == $td[0].containerDefinitions[0].entryPoint' \
    --slurpfile td "$sample"
expect_true '.taskDefinition.containerDefinitions[0].command == $td[0].containerDefinitions[0].command' \
    --slurpfile td "$sample"

step "registering the same JSON again makes the next revision"
ecs register-task-definition --cli-input-json "file://$sample"
rev2=$(jq -r .taskDefinition.revision <<<"$OUT")
[[ $rev2 == $((rev + 1)) ]] || fail "second revision is $rev2, expected $((rev + 1))"

step "describe-task-definition by family (latest ACTIVE revision), family:revision and ARN"
ecs describe-task-definition --task-definition "$family"
expect .taskDefinition.revision "$rev2"
ecs describe-task-definition --task-definition "$family:$rev"
expect .taskDefinition.revision "$rev"
expect .taskDefinition.containerDefinitions[0].name fargate-app
ecs describe-task-definition --task-definition "$(task_definition_arn "$family:$rev")"
expect .taskDefinition.taskDefinitionArn "$(task_definition_arn "$family:$rev")"

step "list-task-definitions --family-prefix lists both revisions in ascending order"
ecs list-task-definitions --family-prefix "$family"
expect_true '.taskDefinitionArns | index($a) < index($b)' \
    --arg a "$(task_definition_arn "$family:$rev")" --arg b "$(task_definition_arn "$family:$rev2")"
ecs list-task-definitions --family-prefix "$family" --sort DESC
expect .taskDefinitionArns[0] "$(task_definition_arn "$family:$rev2")"

step "list-task-definition-families includes the family"
ecs list-task-definition-families --family-prefix sample-
expect_true '.families | index("sample-fargate") != null'

step "deregister-task-definition makes the revision INACTIVE; it stays describable"
ecs deregister-task-definition --task-definition "$family:$rev"
expect .taskDefinition.status INACTIVE
expect .taskDefinition.revision "$rev"
ecs describe-task-definition --task-definition "$family:$rev"
expect .taskDefinition.status INACTIVE
ecs list-task-definitions --family-prefix "$family" --status INACTIVE
expect_true '.taskDefinitionArns | index($a) != null' --arg a "$(task_definition_arn "$family:$rev")"
ecs list-task-definitions --family-prefix "$family" --status ACTIVE
expect_true '.taskDefinitionArns | index($a) == null' --arg a "$(task_definition_arn "$family:$rev")"

step "register with tags; describe-task-definition --include TAGS returns them"
tagged=$(unique_name cli-tagged)
ecs register-task-definition --family "$tagged" \
    --container-definitions '[{"name":"app","image":"busybox","memory":64,"essential":true}]' \
    --tags key=owner,value=cli
ecs describe-task-definition --task-definition "$tagged" --include TAGS
expect '.tags | map("\(.key)=\(.value)") | join(",")' owner=cli
ecs describe-task-definition --task-definition "$tagged"
expect_true '(.tags // []) | length == 0'

step "a FARGATE task definition with an invalid cpu/memory pair fails with ClientException"
bad=$(mktemp)
jq --arg f "$(unique_name cli-badsize)" '.family = $f | .memory = "4096"' "$sample" >"$bad"
ecs_error ClientException register-task-definition --cli-input-json "file://$bad"
rm -f "$bad"

step "describe-task-definition of an unknown family fails with ClientException"
ecs_error ClientException describe-task-definition --task-definition "$(unique_name cli-nofamily)"

echo "ok"
