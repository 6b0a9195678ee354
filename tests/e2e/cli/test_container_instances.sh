#!/usr/bin/env bash
# RegisterContainerInstance and DeregisterContainerInstance (issue 15) with the aws cli v1 and
# v2: an EC2 instance registered from its identity document with resources and attributes,
# described and listed beside Berth's own, keeping its cluster, deregistered to INACTIVE, and
# the errors ECS gives. No task runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clis=(aws)
[[ -x /usr/bin/aws ]] && clis+=(/usr/bin/aws)
for AWS_CLI in "${clis[@]}"; do
    echo "  with $("$AWS_CLI" --version 2>&1 | cut -d' ' -f1)"
    cluster=$(unique_name instances)

    step "a cluster and Berth's own instance in it"
    ecs create-cluster --cluster-name "$cluster"
    wait_container_instance "$cluster"

    step "register-container-instance from an identity document"
    doc='{"instanceId":"i-0abc0abc0abc0abc0","availabilityZone":"us-east-1c","instanceType":"m5.large","imageId":"ami-0abc","region":"us-east-1"}'
    ecs register-container-instance --cluster "$cluster" --instance-identity-document "$doc" \
        --total-resources name=CPU,type=INTEGER,integerValue=2048 \
        name=MEMORY,type=INTEGER,integerValue=7680 \
        --attributes name=stack,value=prod --tags key=team,value=e2e
    expect '.containerInstance.ec2InstanceId' i-0abc0abc0abc0abc0
    expect '.containerInstance.status' ACTIVE
    expect '[.containerInstance.registeredResources[] | select(.name == "MEMORY")][0].integerValue' 7680
    expect '[.containerInstance.attributes[] | select(.name == "ecs.availability-zone")][0].value' us-east-1c
    expect '[.containerInstance.attributes[] | select(.name == "ecs.instance-type")][0].value' m5.large
    expect '[.containerInstance.attributes[] | select(.name == "stack")][0].value' prod
    instance=$(jq -r '.containerInstance.containerInstanceArn' <<<"$OUT")

    step "listed beside Berth's own, and it keeps the cluster"
    ecs list-container-instances --cluster "$cluster"
    expect '.containerInstanceArns | length' 2
    ecs list-container-instances --cluster "$cluster" --filter "attribute:ecs.instance-type == m5.large"
    expect '.containerInstanceArns | length' 1
    expect '.containerInstanceArns[0]' "$instance"
    ecs_error ClusterContainsContainerInstancesException delete-cluster --cluster "$cluster"

    step "deregister-container-instance: INACTIVE, described, no longer listed"
    ecs deregister-container-instance --cluster "$cluster" --container-instance "$instance"
    expect '.containerInstance.status' INACTIVE
    expect '.containerInstance.agentConnected' false
    ecs describe-container-instances --cluster "$cluster" --container-instances "$instance"
    expect '.containerInstances[0].status' INACTIVE
    ecs list-container-instances --cluster "$cluster"
    expect '.containerInstanceArns | length' 1

    step "errors: unknown cluster, bad document, unknown instance"
    ecs_error ClusterNotFoundException register-container-instance --cluster nope
    ecs_error InvalidParameterException register-container-instance --cluster "$cluster" \
        --instance-identity-document 'not json'
    ecs_error InvalidParameterException deregister-container-instance --cluster "$cluster" \
        --container-instance 0000000000000000000000000000dead
    ecs delete-cluster --cluster "$cluster"
done
