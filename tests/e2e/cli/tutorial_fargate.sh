#!/usr/bin/env bash
# The Amazon ECS "getting started with Fargate" tutorial for the aws cli, step by step as the
# tutorial writes it: create the cluster, register the sample-fargate task definition from its
# JSON file, create the service with an awsvpc network configuration, wait for it to be
# stable, find the task's address and fetch the sample page, then delete the service and the
# cluster. On AWS the page is reached on the ENI's public IP; here it is the ENI's private
# address, which Berth makes reachable from the host. Needs a Docker engine and the test
# images (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICE_ARN="arn:aws:ecs:$REGION:$ACCOUNT:service/fargate-cluster/fargate-service"

step "aws ecs create-cluster --cluster-name fargate-cluster"
ecs create-cluster --cluster-name fargate-cluster
expect '.cluster.clusterArn' "$(cluster_arn fargate-cluster)"
expect '.cluster.status' ACTIVE

step "aws ecs register-task-definition --cli-input-json file://.../fargate-task.json"
ecs register-task-definition --cli-input-json "file://$BERTH_E2E_DIR/data/sample-fargate.json"
expect '.taskDefinition.taskDefinitionArn' "$(task_definition_arn sample-fargate:1)"

step "aws ecs list-task-definitions"
ecs list-task-definitions
expect_true '.taskDefinitionArns | index($arn) != null' --arg arn "$(task_definition_arn sample-fargate:1)"

step "aws ecs create-service ... --launch-type FARGATE --network-configuration awsvpcConfiguration={...}"
ecs create-service --cluster fargate-cluster --service-name fargate-service \
    --task-definition sample-fargate:1 --desired-count 1 --launch-type "FARGATE" \
    --network-configuration "awsvpcConfiguration={subnets=[subnet-abcd1234],securityGroups=[sg-abcd1234],assignPublicIp=ENABLED}"
expect '.service.serviceArn' "$SERVICE_ARN"
expect '.service.status' ACTIVE
expect '.service.desiredCount' 1
expect '.service.launchType' FARGATE
expect '.service.platformVersion' LATEST
expect '.service.networkConfiguration.awsvpcConfiguration.subnets[0]' subnet-abcd1234
expect '.service.networkConfiguration.awsvpcConfiguration.securityGroups[0]' sg-abcd1234
expect '.service.networkConfiguration.awsvpcConfiguration.assignPublicIp' ENABLED
expect '.service.deployments | length' 1
expect '.service.deployments[0].status' PRIMARY
expect '.service.deployments[0].rolloutState' IN_PROGRESS
deployment=$(jq -r '.service.deployments[0].id' <<<"$OUT")
expect '.service.deployments[0].rolloutStateReason' "ECS deployment $deployment in progress."

step "aws ecs list-services --cluster fargate-cluster"
ecs list-services --cluster fargate-cluster
expect '.serviceArns[0]' "$SERVICE_ARN"

step "aws ecs wait services-stable"
ecs wait services-stable --cluster fargate-cluster --services fargate-service

step "aws ecs describe-services --cluster fargate-cluster --services fargate-service"
ecs describe-services --cluster fargate-cluster --services fargate-service
expect '.services[0].runningCount' 1
expect '.services[0].pendingCount' 0
expect '.services[0].deployments | length' 1
expect '.services[0].deployments[0].rolloutState' COMPLETED
expect '.services[0].deployments[0].rolloutStateReason' "ECS deployment $deployment completed."
expect '.services[0].events[0].message' "(service fargate-service) has reached a steady state."
expect_true '[.services[0].events[].message] | any(startswith("(service fargate-service) has started 1 tasks: (task "))'

step "aws ecs list-tasks --cluster fargate-cluster --service fargate-service"
ecs list-tasks --cluster fargate-cluster --service fargate-service
expect '.taskArns | length' 1
task=$(jq -r '.taskArns[0]' <<<"$OUT")

step "aws ecs describe-tasks: the task's ENI and its address"
ecs describe-tasks --cluster fargate-cluster --tasks "$task"
expect '.tasks[0].lastStatus' RUNNING
expect '.tasks[0].launchType' FARGATE
expect '.tasks[0].group' "service:fargate-service"
expect '.tasks[0].startedBy' "$deployment"
expect '.tasks[0].attachments[0].type' ElasticNetworkInterface
expect '.tasks[0].attachments[0].status' ATTACHED
expect '.tasks[0].attachments[0].details[] | select(.name == "subnetId") | .value' subnet-abcd1234
eni=$(jq -r '.tasks[0].attachments[0].details[] | select(.name == "networkInterfaceId") | .value' <<<"$OUT")
address=$(jq -r '.tasks[0].attachments[0].details[] | select(.name == "privateIPv4Address") | .value' <<<"$OUT")
[[ $eni == eni-* ]] || fail "no network interface id: '$eni'"
[[ $address =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no private address: '$address'"

step "the sample page at http://$address/"
body=""
for _ in $(seq 1 40); do
    body=$(curl -fsS --max-time 2 "http://$address/" 2>/dev/null) && break
    sleep 0.25
done
grep -q "Amazon ECS Sample App" <<<"$body" || fail "no sample page at http://$address/ (got '$body')"

step "aws ecs delete-service --cluster fargate-cluster --service fargate-service --force"
ecs delete-service --cluster fargate-cluster --service fargate-service --force
expect '.service.status' DRAINING
expect '.service.desiredCount' 0

step "aws ecs wait services-inactive"
ecs wait services-inactive --cluster fargate-cluster --services fargate-service
ecs describe-services --cluster fargate-cluster --services fargate-service
expect '.services[0].status' INACTIVE
expect '.services[0].runningCount' 0

step "the service's task was stopped by the scheduler"
ecs wait tasks-stopped --cluster fargate-cluster --tasks "$task"
ecs describe-tasks --cluster fargate-cluster --tasks "$task"
expect '.tasks[0].lastStatus' STOPPED
expect '.tasks[0].stopCode' ServiceSchedulerInitiated

step "aws ecs delete-cluster --cluster fargate-cluster"
ecs delete-cluster --cluster fargate-cluster
expect '.cluster.status' INACTIVE
