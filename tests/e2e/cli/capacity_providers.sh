#!/usr/bin/env bash
# Capacity providers (issue 15) with the aws cli: an Auto Scaling group provider is created with
# ECS's defaults filled in, associated with a cluster, and a run-task with a strategy naming it
# really runs on Berth's engine and reports the provider; the provider cannot be deleted while a
# cluster names it (DELETE_FAILED, as ECS answers) nor taken off the cluster while a service
# uses it; once removed it deletes and stays describable as INACTIVE. Needs a Docker engine and
# the test images (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cluster=$(unique_name cp)
provider=$(unique_name asg)
family=$(unique_name cp-task)
group="arn:aws:autoscaling:$REGION:$ACCOUNT:autoScalingGroup:7d1b9c4e-1111-4222-8333-444455556666:autoScalingGroupName/$provider"

step "create-capacity-provider fills in ECS's managed scaling defaults"
ecs create-capacity-provider --name "$provider" \
    --auto-scaling-group-provider "autoScalingGroupArn=$group,managedScaling={status=ENABLED,targetCapacity=90}" \
    --tags key=team,value=e2e
expect '.capacityProvider.status' ACTIVE
expect '.capacityProvider.type' EC2_AUTOSCALING
expect '.capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity' 90
expect '.capacityProvider.autoScalingGroupProvider.managedScaling.maximumScalingStepSize' 10000
expect '.capacityProvider.autoScalingGroupProvider.managedTerminationProtection' DISABLED
provider_arn=$(jq -r '.capacityProvider.capacityProviderArn' <<<"$OUT")
expect_true '.capacityProvider.capacityProviderArn | endswith(":capacity-provider/'"$provider"'")'

step "the same name again, a reserved name and the same group are refused"
ecs_error ClientException create-capacity-provider --name "$provider" \
    --auto-scaling-group-provider "autoScalingGroupArn=$group"
ecs_error ClientException create-capacity-provider --name "ecs-$provider" \
    --auto-scaling-group-provider "autoScalingGroupArn=$group"
ecs_error ClientException create-capacity-provider --name "$provider-2" \
    --auto-scaling-group-provider "autoScalingGroupArn=$group"

step "describe-capacity-providers: the built-ins and this one, with tags when asked"
ecs describe-capacity-providers --capacity-providers FARGATE "$provider_arn" --include TAGS
expect '.capacityProviders | length' 2
expect '.capacityProviders[0].type' FARGATE
expect '.capacityProviders[1].tags[0].value' e2e

step "a cluster with the provider as its default strategy"
ecs create-cluster --cluster-name "$cluster" --capacity-providers "$provider" FARGATE \
    --default-capacity-provider-strategy "capacityProvider=$provider,weight=1,base=1"
expect '.cluster.capacityProviders[0]' "$provider"
wait_container_instance "$cluster"

step "run-task through the default strategy runs on the engine and names the provider"
ecs register-task-definition --family "$family" --container-definitions "$(jq -cn \
    '[{name: "app", image: "berth-test/busybox:latest", memory: 32, essential: true,
       command: ["sleep", "300"]}]')"
ecs run-task --cluster "$cluster" --task-definition "$family"
expect '.failures | length' 0
expect '.tasks[0].capacityProviderName' "$provider"
task=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
ecs wait tasks-running --cluster "$cluster" --tasks "$task"
ecs describe-tasks --cluster "$cluster" --tasks "$task"
expect '.tasks[0].lastStatus' RUNNING
expect '.tasks[0].capacityProviderName' "$provider"
expect_true '.tasks[0].containers[0].runtimeId | length > 0'

step "a service using the provider keeps it on the cluster"
ecs create-service --cluster "$cluster" --service-name "$family" --task-definition "$family" \
    --desired-count 0 --capacity-provider-strategy "capacityProvider=$provider,weight=1"
ecs_error ResourceInUseException put-cluster-capacity-providers --cluster "$cluster" \
    --capacity-providers FARGATE --default-capacity-provider-strategy '[]'
ecs delete-service --cluster "$cluster" --service "$family" --force

step "delete-capacity-provider while the cluster names it: DELETE_FAILED, still ACTIVE"
ecs delete-capacity-provider --capacity-provider "$provider"
expect '.capacityProvider.status' ACTIVE
expect '.capacityProvider.updateStatus' DELETE_FAILED
expect_true '.capacityProvider.updateStatusReason | contains("associated with cluster: '"$cluster"'")'

step "update-capacity-provider changes managed scaling"
ecs update-capacity-provider --name "$provider" \
    --auto-scaling-group-provider "managedScaling={minimumScalingStepSize=2}"
expect '.capacityProvider.updateStatus' UPDATE_COMPLETE
expect '.capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity' 90
expect '.capacityProvider.autoScalingGroupProvider.managedScaling.minimumScalingStepSize' 2

step "off the cluster, the provider deletes and is described INACTIVE"
ecs stop-task --cluster "$cluster" --task "$task"
ecs put-cluster-capacity-providers --cluster "$cluster" --capacity-providers FARGATE \
    --default-capacity-provider-strategy '[]'
ecs delete-capacity-provider --capacity-provider "$provider_arn"
expect '.capacityProvider.status' INACTIVE
expect '.capacityProvider.updateStatus' DELETE_COMPLETE
ecs describe-capacity-providers --capacity-providers "$provider" missing-one
expect '.capacityProviders[0].status' INACTIVE
expect '.failures[0].reason' MISSING
ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
ecs delete-cluster --cluster "$cluster"
