#!/usr/bin/env bash
# SSM Parameter Store with the aws cli: put/overwrite, selectors, SecureString, labels,
# get-parameters-by-path (the cli paginates it), describe-parameters, history, tags, delete.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

base=/$(unique_name cli-ssm)

step "put-parameter creates version 1; a second put without --overwrite fails"
ssm put-parameter --name "$base/db/url" --value postgres://db --type String
expect .Version 1
expect .Tier Standard
ssm_error ParameterAlreadyExists put-parameter --name "$base/db/url" --value x --type String

step "put-parameter --overwrite makes version 2 and keeps the type"
ssm put-parameter --name "$base/db/url" --value postgres://db2 --overwrite
expect .Version 2
ssm get-parameter --name "$base/db/url"
expect .Parameter.Value postgres://db2
expect .Parameter.Type String
expect .Parameter.ARN "arn:aws:ssm:$REGION:$ACCOUNT:parameter$base/db/url"
ssm get-parameter --name "$base/db/url:1"
expect .Parameter.Value postgres://db
expect .Parameter.Selector :1

step "a SecureString is hidden unless decrypted"
ssm put-parameter --name "$base/db/password" --value s3cret --type SecureString \
    --description "the password"
ssm get-parameter --name "$base/db/password"
expect_true '.Parameter.Value != "s3cret"'
ssm get-parameter --name "$base/db/password" --with-decryption
expect .Parameter.Value s3cret

step "label-parameter-version, then get-parameter NAME:LABEL"
ssm label-parameter-version --name "$base/db/url" --parameter-version 1 --labels stable 9lives
expect .ParameterVersion 1
expect '.InvalidLabels | join(",")' 9lives
ssm get-parameter --name "$base/db/url:stable"
expect .Parameter.Value postgres://db
ssm_error ParameterVersionNotFound get-parameter --name "$base/db/url:missing"

step "get-parameters answers the found ones and lists the rest"
ssm get-parameters --names "$base/db/url" "$base/nope" --with-decryption
expect '.Parameters | map(.Name) | join(",")' "$base/db/url"
expect '.InvalidParameters | join(",")' "$base/nope"

step "get-parameters-by-path, one level and recursive, over several pages"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    ssm put-parameter --name "$base/many/p$i" --value "$i" --type String
done
ssm get-parameters-by-path --path "$base/many" --page-size 5
expect '.Parameters | length' 12
ssm get-parameters-by-path --path "$base"
expect '.Parameters | length' 0
ssm get-parameters-by-path --path "$base" --recursive --with-decryption
expect '.Parameters | length' 14
expect '[.Parameters[] | select(.Name | endswith("/password")) | .Value] | join(",")' s3cret
ssm get-parameters-by-path --path "$base" --recursive \
    --parameter-filters Key=Type,Values=SecureString
expect '.Parameters | map(.Name) | join(",")' "$base/db/password"

step "describe-parameters with filters"
ssm describe-parameters --parameter-filters "Key=Name,Option=BeginsWith,Values=$base/db"
expect '.Parameters | map(.Name) | join(",")' "$base/db/password,$base/db/url"
expect '.Parameters[0].Description' "the password"
expect '.Parameters[0].KeyId' alias/aws/ssm
ssm describe-parameters --parameter-filters "Key=Path,Option=Recursive,Values=$base" \
    --page-size 4
expect '.Parameters | length' 14
ssm_error InvalidFilterOption describe-parameters \
    --parameter-filters "Key=Path,Option=Contains,Values=$base"

step "get-parameter-history lists every version with its labels"
ssm get-parameter-history --name "$base/db/url"
expect '.Parameters | map("\(.Version):\(.Value):\(.Labels // [] | join("+"))") | join(",")' \
    "1:postgres://db:stable,2:postgres://db2:"

step "tags: add, list, remove"
ssm add-tags-to-resource --resource-type Parameter --resource-id "$base/db/url" \
    --tags Key=team,Value=berth Key=env,Value=dev
ssm remove-tags-from-resource --resource-type Parameter --resource-id "$base/db/url" \
    --tag-keys env
ssm list-tags-for-resource --resource-type Parameter --resource-id "$base/db/url"
expect '.TagList | map("\(.Key)=\(.Value)") | join(",")' team=berth
ssm_error InvalidResourceId list-tags-for-resource --resource-type Parameter \
    --resource-id "$base/none"

step "name rules"
ssm_error ValidationException put-parameter --name "ssm-reserved" --value x --type String
ssm_error ValidationException put-parameter --name "relative/path" --value x --type String
ssm_error HierarchyLevelLimitExceededException put-parameter \
    --name "$base/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15" --value x --type String

step "delete-parameter and delete-parameters"
ssm delete-parameter --name "$base/db/password"
ssm_error ParameterNotFound get-parameter --name "$base/db/password"
ssm_error ParameterNotFound delete-parameter --name "$base/db/password"
ssm delete-parameters --names "$base/db/url" "$base/db/password"
expect '.DeletedParameters | join(",")' "$base/db/url"
expect '.InvalidParameters | join(",")' "$base/db/password"
