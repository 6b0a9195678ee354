#!/usr/bin/env bash
# Clusters with the aws cli: create (idempotent), describe with --include, list with
# pagination, delete, and the errors ECS gives for clusters that do not exist.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

name=$(unique_name cli-cluster)
arn=$(cluster_arn "$name")

step "create-cluster with settings and tags"
ecs create-cluster --cluster-name "$name" \
    --settings name=containerInsights,value=enabled \
    --tags key=team,value=berth key=env,value=e2e
expect .cluster.clusterName "$name"
expect .cluster.clusterArn "$arn"
expect .cluster.status ACTIVE
expect .cluster.registeredContainerInstancesCount 0
expect .cluster.runningTasksCount 0
expect .cluster.pendingTasksCount 0
expect .cluster.activeServicesCount 0

step "create-cluster again with the same name returns the same cluster"
ecs create-cluster --cluster-name "$name"
expect .cluster.clusterArn "$arn"
expect .cluster.status ACTIVE

step "describe-clusters by name, without --include: no settings, no tags"
ecs describe-clusters --clusters "$name"
expect '.clusters | length' 1
expect '.failures | length' 0
expect .clusters[0].clusterArn "$arn"
expect_true '(.clusters[0].tags // []) | length == 0'
expect_true '(.clusters[0].settings // []) | length == 0'

step "describe-clusters by ARN with --include SETTINGS TAGS STATISTICS"
ecs describe-clusters --clusters "$arn" --include SETTINGS TAGS STATISTICS
expect .clusters[0].clusterName "$name"
expect '.clusters[0].settings[] | select(.name == "containerInsights") | .value' enabled
expect '.clusters[0].tags | map("\(.key)=\(.value)") | sort | join(",")' "env=e2e,team=berth"
expect_true '.clusters[0].statistics | type == "array"'

step "describe-clusters reports an unknown cluster in failures with reason MISSING"
missing=$(unique_name cli-missing)
ecs describe-clusters --clusters "$name" "$missing"
expect '.clusters | length' 1
expect '.failures | length' 1
expect .failures[0].reason MISSING
expect .failures[0].arn "$(cluster_arn "$missing")"

step "list-clusters walks every page (--page-size 2) and finds the new clusters"
others=()
for i in 1 2 3 4; do
    other=$(unique_name cli-list)
    others+=("$other")
    ecs create-cluster --cluster-name "$other"
done
ecs list-clusters --page-size 2
for c in "$name" "${others[@]}"; do
    expect_true '[.clusterArns[] | select(. == $a)] | length == 1' --arg a "$(cluster_arn "$c")"
done

step "list-clusters --page-size 1 --max-items 2 gives a NextToken that continues the listing"
ecs list-clusters --page-size 1 --max-items 2
expect '.clusterArns | length' 2
first_page=$(jq -c .clusterArns <<<"$OUT")
token=$(jq -r .NextToken <<<"$OUT")
[[ -n $token && $token != null ]] || fail "no NextToken after 2 of at least 5 clusters"
ecs list-clusters --page-size 1 --starting-token "$token"
expect_true '.clusterArns | length >= 3'
expect_true '$first - .clusterArns == $first' --argjson first "$first_page"

step "delete-cluster returns the cluster INACTIVE"
ecs delete-cluster --cluster "$name"
expect .cluster.clusterArn "$arn"
expect .cluster.status INACTIVE

step "an INACTIVE cluster stays describable"
ecs describe-clusters --clusters "$name"
expect .clusters[0].status INACTIVE

step "delete-cluster of a cluster that never existed fails with ClusterNotFoundException"
ecs_error ClusterNotFoundException delete-cluster --cluster "$(unique_name cli-nowhere)"

step "describe-clusters without --clusters describes the default cluster (MISSING until created)"
ecs describe-clusters
expect_true '(.clusters | length) + (.failures | length) == 1'
expect_true '[.clusters[].clusterName, .failures[].arn] | .[0] | test("default$")'

echo "ok"
