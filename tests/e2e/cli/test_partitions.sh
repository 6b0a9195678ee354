#!/usr/bin/env bash
# Partitions with the aws cli (issue 5): the same cluster name and task definition family in
# two regions (--region) and two accounts (AWS_ACCESS_KEY_ID=<12 digits>) are separate; ARNs
# carry the partition; an ARN of another region or account is refused as ECS refuses it; and
# --no-sign-request (no Authorization header) lands in the default partition.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

name=$(unique_name cli-part)
family=$(unique_name cli-part-family)
a=111111111111
b=222222222222

# as KEY REGION COMMAND...: runs a helper (ecs, ecs_error) signed with that key for that region.
as() {
    local key=$1 region=$2
    shift 2
    AWS_ACCESS_KEY_ID=$key AWS_DEFAULT_REGION=$region "$@"
}

part_arn() { echo "arn:aws:ecs:$2:$1:$3"; }

step "create-cluster $name in three partitions"
for partition in "$a us-east-1" "$a eu-west-1" "$b us-east-1"; do
    read -r account region <<<"$partition"
    as "$account" "$region" ecs create-cluster --cluster-name "$name" \
        --tags "key=partition,value=$account/$region"
    expect .cluster.clusterArn "$(part_arn "$account" "$region" "cluster/$name")"
done

step "each partition describes its own cluster and lists only its own"
for partition in "$a us-east-1" "$a eu-west-1" "$b us-east-1"; do
    read -r account region <<<"$partition"
    as "$account" "$region" ecs describe-clusters --clusters "$name" --include TAGS
    expect .clusters[0].clusterArn "$(part_arn "$account" "$region" "cluster/$name")"
    expect .clusters[0].tags[0].value "$account/$region"
    as "$account" "$region" ecs list-clusters
    expect_true 'all(.clusterArns[]; startswith($p))' \
        --arg p "$(part_arn "$account" "$region" cluster/)"
    expect_true '[.clusterArns[] | select(endswith($n))] | length == 1' --arg n "/$name"
done

step "a partition without it reports it MISSING"
as 222222222222 eu-west-1 ecs describe-clusters --clusters "$name"
expect '.clusters | length' 0
expect .failures[0].reason MISSING
expect .failures[0].arn "$(part_arn $b eu-west-1 "cluster/$name")"

step "an ARN of another region is refused"
as $a eu-west-1 ecs_error InvalidParameterException describe-clusters \
    --clusters "$(part_arn $a us-east-1 "cluster/$name")"
grep -q "Invalid Region in ARN" <<<"$ERR" || fail "unexpected message"

step "an ARN of another account is refused"
as $b us-east-1 ecs_error InvalidParameterException delete-cluster \
    --cluster "$(part_arn $a us-east-1 "cluster/$name")"
grep -q "Invalid identifier" <<<"$ERR" || fail "unexpected message"
as $a us-east-1 ecs describe-clusters --clusters "$name"
expect .clusters[0].status ACTIVE

step "task definition revisions count per partition"
containers='[{"name":"app","image":"busybox","memory":16}]'
as $a us-east-1 ecs register-task-definition --family "$family" --container-definitions "$containers"
as $a us-east-1 ecs register-task-definition --family "$family" --container-definitions "$containers"
expect .taskDefinition.taskDefinitionArn "$(part_arn $a us-east-1 "task-definition/$family:2")"
as $a eu-west-1 ecs register-task-definition --family "$family" --container-definitions "$containers"
expect .taskDefinition.taskDefinitionArn "$(part_arn $a eu-west-1 "task-definition/$family:1")"
as $b us-east-1 ecs_error ClientException describe-task-definition --task-definition "$family"

step "--no-sign-request works in the default partition"
ecs create-cluster --cluster-name "$name-unsigned" --no-sign-request
expect .cluster.clusterArn "$(part_arn "$ACCOUNT" "$REGION" "cluster/$name-unsigned")"
ecs describe-clusters --clusters "$name-unsigned"
expect .clusters[0].status ACTIVE
as $a "$REGION" ecs describe-clusters --clusters "$name-unsigned"
expect .failures[0].reason MISSING

step "clean up"
for partition in "$a us-east-1" "$a eu-west-1" "$b us-east-1"; do
    read -r account region <<<"$partition"
    as "$account" "$region" ecs delete-cluster --cluster "$name"
    expect .cluster.status INACTIVE
done
ecs delete-cluster --cluster "$name-unsigned"

echo "ok"
