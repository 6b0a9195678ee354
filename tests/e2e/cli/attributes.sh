#!/usr/bin/env bash
# Attributes (issue 15) with the aws cli: put-attributes on the container instance Berth
# registers for its engine, list-attributes with name and value filters and pages,
# describe-container-instances showing them beside the agent's, delete-attributes, and the
# errors ECS gives (unknown target, bad name, more than 10 custom attributes). Needs a Docker
# engine (docker/engine.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cluster=$(unique_name attrs)

step "a cluster and the container instance Berth registers in it"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"
instance=$(jq -r '.containerInstanceArns[0]' <<<"$OUT")
instance_id=${instance##*/}

step "put-attributes by ARN and by id"
ecs put-attributes --cluster "$cluster" \
    --attributes "name=stack,value=prod,targetId=$instance" "name=team,value=e2e,targetId=$instance_id"
expect '.attributes | length' 2
expect '.attributes[1].targetId' "$instance"

step "list-attributes filters by name and value"
ecs list-attributes --cluster "$cluster" --target-type container-instance \
    --attribute-name stack --attribute-value prod
expect '.attributes | length' 1
expect '.attributes[0].targetId' "$instance"
ecs list-attributes --cluster "$cluster" --target-type container-instance \
    --attribute-name stack --attribute-value dev
expect '.attributes | length' 0
ecs list-attributes --cluster "$cluster" --target-type container-instance --max-items 1
expect '.attributes | length' 1
expect_true '.NextToken | length > 0'

step "describe-container-instances shows them beside the built-in attributes"
ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
expect '[.containerInstances[0].attributes[] | select(.name == "stack")][0].value' prod
expect_true '[.containerInstances[0].attributes[] | select(.name == "ecs.os-type")] | length == 1'

step "errors: unknown target, a bad name, the eleventh custom attribute"
ecs_error TargetNotFoundException put-attributes --cluster "$cluster" \
    --attributes "name=x,targetId=0000000000000000000000000000dead"
ecs_error InvalidParameterException put-attributes --cluster "$cluster" \
    --attributes "name=bad!name,targetId=$instance"
more=()
for i in 1 2 3 4 5 6 7 8; do more+=("name=extra$i,targetId=$instance"); done
ecs put-attributes --cluster "$cluster" --attributes "${more[@]}"
ecs_error AttributeLimitExceededException put-attributes --cluster "$cluster" \
    --attributes "name=eleventh,targetId=$instance"

step "delete-attributes removes them"
ecs delete-attributes --cluster "$cluster" --attributes "name=stack,targetId=$instance"
ecs list-attributes --cluster "$cluster" --target-type container-instance --attribute-name stack
expect '.attributes | length' 0
ecs delete-cluster --cluster "$cluster"
