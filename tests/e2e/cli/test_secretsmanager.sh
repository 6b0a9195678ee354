#!/usr/bin/env bash
# Secrets Manager with the aws cli: create, read by name and ARN, new versions and their
# labels, listing with filters, tags, deletion and restore.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sm() { aws_ok secretsmanager "$@"; }
sm_error() { aws_error "$1" secretsmanager "${@:2}"; }

name=$(unique_name cli-secret)

step "create-secret, then get-secret-value by name, ARN and partial ARN"
sm create-secret --name "$name" --secret-string '{"user":"admin"}' --description "cli test" \
    --tags Key=team,Value=berth
arn=$(jq -r .ARN <<<"$OUT")
v1=$(jq -r .VersionId <<<"$OUT")
[[ $arn =~ ^arn:aws:secretsmanager:$REGION:$ACCOUNT:secret:$name-[A-Za-z0-9]{6}$ ]] || fail "ARN is $arn"
for id in "$name" "$arn" "${arn%-??????}"; do
    sm get-secret-value --secret-id "$id"
    expect .SecretString '{"user":"admin"}'
    expect '.VersionStages | join(",")' AWSCURRENT
done

step "get-secret-value of an unknown secret is ResourceNotFoundException"
sm_error ResourceNotFoundException get-secret-value --secret-id "$name-missing"

step "create-secret with a taken name is ResourceExistsException"
sm_error ResourceExistsException create-secret --name "$name" --secret-string other

step "put-secret-value: AWSCURRENT moves to the new version, AWSPREVIOUS to the old"
sm put-secret-value --secret-id "$name" --secret-string two
v2=$(jq -r .VersionId <<<"$OUT")
sm describe-secret --secret-id "$name"
expect ".VersionIdsToStages[\"$v1\"] | join(\",\")" AWSPREVIOUS
expect ".VersionIdsToStages[\"$v2\"] | join(\",\")" AWSCURRENT
expect .Description "cli test"
sm get-secret-value --secret-id "$name" --version-stage AWSPREVIOUS
expect .SecretString '{"user":"admin"}'

step "update-secret-version-stage moves AWSCURRENT back"
sm update-secret-version-stage --secret-id "$name" --version-stage AWSCURRENT \
    --move-to-version-id "$v1" --remove-from-version-id "$v2"
sm get-secret-value --secret-id "$name"
expect .VersionId "$v1"
sm list-secret-version-ids --secret-id "$name"
expect '.Versions | length' 2

step "list-secrets with a name filter, and tags"
sm tag-resource --secret-id "$name" --tags Key=tier,Value=gold
sm untag-resource --secret-id "$name" --tag-keys team
sm list-secrets --filters Key=name,Values="$name"
expect '.SecretList | length' 1
expect '.SecretList[0].Tags | map("\(.Key)=\(.Value)") | join(",")' tier=gold

step "delete-secret schedules the deletion; restore-secret cancels it"
sm_error InvalidParameterException delete-secret --secret-id "$name" --recovery-window-in-days 5
sm delete-secret --secret-id "$name" --recovery-window-in-days 7
expect_true '.DeletionDate != null'
sm_error InvalidRequestException get-secret-value --secret-id "$name"
sm list-secrets --filters Key=name,Values="$name"
expect '.SecretList | length' 0
sm restore-secret --secret-id "$name"
sm get-secret-value --secret-id "$name"
expect .VersionId "$v1"

step "delete-secret --force-delete-without-recovery removes it at once"
sm delete-secret --secret-id "$name" --force-delete-without-recovery
sm_error ResourceNotFoundException describe-secret --secret-id "$name"
