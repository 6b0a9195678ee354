#!/usr/bin/env bash
# Services with the aws cli, the API's side (issue 4): create-service defaults and errors,
# update-service deployments, delete-service rules, describe-services failures, list-services
# pages and filters. Services stay at a desired count of 0 so that no container is needed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cluster=$(unique_name services)
family=$(unique_name svc)

step "a cluster and two revisions of a task definition"
ecs create-cluster --cluster-name "$cluster"
definitions='[{"name": "app", "image": "berth-test/busybox:latest", "memory": 16, "essential": true}]'
ecs register-task-definition --family "$family" --container-definitions "$definitions"
ecs register-task-definition --family "$family" --container-definitions "$definitions"

step "create-service answers with ECS's defaults"
ecs create-service --cluster "$cluster" --service-name web --task-definition "$family:1" \
    --desired-count 0 --tags key=team,value=a
expect '.service.serviceArn' "arn:aws:ecs:$REGION:$ACCOUNT:service/$cluster/web"
expect '.service.status' ACTIVE
expect '.service.launchType' EC2
expect '.service.schedulingStrategy' REPLICA
expect '.service.deploymentController.type' ECS
expect '.service.deploymentConfiguration.maximumPercent' 200
expect '.service.deploymentConfiguration.minimumHealthyPercent' 100
expect '.service.deploymentConfiguration.deploymentCircuitBreaker.enable' false
expect '.service.deployments[0].status' PRIMARY
expect '.service.propagateTags' NONE
first=$(jq -r '.service.deployments[0].id' <<<"$OUT")

step "the same name again is not idempotent"
ecs_error InvalidParameterException create-service --cluster "$cluster" --service-name web \
    --task-definition "$family:1" --desired-count 0
grep -q "Creation of service was not idempotent." <<<"$ERR" || fail "unexpected message: $ERR"

step "an awsvpc network configuration for a bridge task definition is refused"
ecs_error InvalidParameterException create-service --cluster "$cluster" --service-name net \
    --task-definition "$family" --desired-count 0 \
    --network-configuration "awsvpcConfiguration={subnets=[subnet-abcd1234]}"

step "update-service to the second revision starts a new primary deployment"
ecs update-service --cluster "$cluster" --service web --task-definition "$family:2" \
    --deployment-configuration maximumPercent=150,minimumHealthyPercent=50
expect '.service.taskDefinition' "$(task_definition_arn "$family:2")"
expect '.service.deployments | length' 2
expect '.service.deployments[0].status' PRIMARY
expect '.service.deployments[1].status' ACTIVE
expect '.service.deployments[1].id' "$first"
expect '.service.deploymentConfiguration.maximumPercent' 150

step "describe-services with TAGS, and a missing service as a failure"
ecs describe-services --cluster "$cluster" --services web nope --include TAGS
expect '.services | length' 1
expect '.services[0].tags[0].key' team
expect '.failures[0].reason' MISSING
expect '.failures[0].arn' "arn:aws:ecs:$REGION:$ACCOUNT:service/nope"

step "list-services pages with --max-items"
for name in a b c; do
    ecs create-service --cluster "$cluster" --service-name "$name" --task-definition "$family" \
        --desired-count 0
done
ecs list-services --cluster "$cluster" --max-items 2
expect '.serviceArns | length' 2
token=$(jq -r '.NextToken' <<<"$OUT")
ecs list-services --cluster "$cluster" --max-items 2 --starting-token "$token"
expect '.serviceArns | length' 2
ecs list-services --cluster "$cluster" --launch-type FARGATE
expect '.serviceArns | length' 0

step "a scaled service is not deleted without --force"
ecs update-service --cluster "$cluster" --service a --desired-count 1
ecs_error InvalidParameterException delete-service --cluster "$cluster" --service a
grep -q "The service cannot be stopped while it is scaled above 0." <<<"$ERR" || fail "$ERR"
ecs delete-service --cluster "$cluster" --service a --force
expect '.service.status' DRAINING

step "unknown and deleted services"
ecs_error ServiceNotFoundException update-service --cluster "$cluster" --service nope --desired-count 1
ecs_error ServiceNotActiveException update-service --cluster "$cluster" --service a --desired-count 1
ecs_error ClusterNotFoundException describe-services --cluster "$(unique_name nope)" --services web

step "the cluster cannot go while it has services"
ecs_error ClusterContainsServicesException delete-cluster --cluster "$cluster"

step "delete the rest; the services go INACTIVE and the cluster can go"
for name in web b c; do
    ecs delete-service --cluster "$cluster" --service "$name"
done
for name in web a b c; do  # the waiter succeeds when any one of the services is INACTIVE
    ecs wait services-inactive --cluster "$cluster" --services "$name"
done
ecs list-services --cluster "$cluster"
expect '.serviceArns | length' 0
ecs delete-cluster --cluster "$cluster"
expect '.cluster.status' INACTIVE
