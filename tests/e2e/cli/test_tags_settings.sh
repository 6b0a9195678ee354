#!/usr/bin/env bash
# Tags on clusters and task definitions, and account settings, with the aws cli.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tags_of() { jq -r '.tags | map("\(.key)=\(.value)") | sort | join(",")' <<<"$OUT"; }

cluster=$(unique_name cli-tags)
arn=$(cluster_arn "$cluster")

step "tag-resource on a cluster, then list-tags-for-resource"
ecs create-cluster --cluster-name "$cluster" --tags key=created,value=yes
ecs tag-resource --resource-arn "$arn" --tags key=team,value=berth key=tier,value=gold
ecs list-tags-for-resource --resource-arn "$arn"
[[ $(tags_of) == "created=yes,team=berth,tier=gold" ]] || fail "tags are '$(tags_of)'"

step "tag-resource with an existing key replaces its value"
ecs tag-resource --resource-arn "$arn" --tags key=tier,value=silver
ecs list-tags-for-resource --resource-arn "$arn"
[[ $(tags_of) == "created=yes,team=berth,tier=silver" ]] || fail "tags are '$(tags_of)'"

step "untag-resource removes only the named keys"
ecs untag-resource --resource-arn "$arn" --tag-keys tier created
ecs list-tags-for-resource --resource-arn "$arn"
[[ $(tags_of) == "team=berth" ]] || fail "tags are '$(tags_of)'"

step "describe-clusters --include TAGS agrees with list-tags-for-resource"
ecs describe-clusters --clusters "$cluster" --include TAGS
expect '.clusters[0].tags | map("\(.key)=\(.value)") | join(",")' team=berth

step "tags on a task definition revision"
family=$(unique_name cli-tagged-td)
ecs register-task-definition --family "$family" \
    --container-definitions '[{"name":"app","image":"busybox","memory":32,"essential":true}]'
td_arn=$(jq -r .taskDefinition.taskDefinitionArn <<<"$OUT")
ecs tag-resource --resource-arn "$td_arn" --tags key=stage,value=test
ecs list-tags-for-resource --resource-arn "$td_arn"
[[ $(tags_of) == "stage=test" ]] || fail "tags are '$(tags_of)'"
ecs untag-resource --resource-arn "$td_arn" --tag-keys stage
ecs list-tags-for-resource --resource-arn "$td_arn"
expect '.tags | length' 0

step "put-account-setting, list-account-settings, delete-account-setting"
ecs put-account-setting --name containerInsights --value enabled
expect .setting.name containerInsights
expect .setting.value enabled
expect_true '.setting.principalArn | startswith("arn:aws:iam::000000000000:")'
ecs list-account-settings --name containerInsights
expect_true '[.settings[] | select(.name == "containerInsights") | .value] | index("enabled") != null'
ecs delete-account-setting --name containerInsights
expect .setting.name containerInsights

step "put-account-setting-default sets the account default that effective settings show"
ecs put-account-setting-default --name containerInsights --value disabled
expect .setting.name containerInsights
expect .setting.value disabled
ecs list-account-settings --name containerInsights --effective-settings
expect '[.settings[] | select(.name == "containerInsights") | .value] | first' disabled

echo "ok"
