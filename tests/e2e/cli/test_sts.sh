#!/usr/bin/env bash
# STS with the aws cli, v1 (`aws` on PATH) and v2 (/usr/bin/aws) alike: get-caller-identity
# for long-term keys and for the credentials assume-role returns, assume-role's output, and a
# bad session name refused as STS refuses it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

role_account=210987654321
clis=(aws)
[[ -x /usr/bin/aws ]] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2' && clis+=(/usr/bin/aws)

for AWS_CLI in "${clis[@]}"; do
    version=$("$AWS_CLI" --version 2>&1 | cut -d' ' -f1)
    role=$(unique_name cli-role)

    step "$version: get-caller-identity with long-term keys is the account's root"
    aws_ok sts get-caller-identity
    expect .Account "$ACCOUNT"
    expect .Arn "arn:aws:iam::$ACCOUNT:root"

    step "$version: assume-role returns temporary credentials for the role"
    aws_ok sts assume-role --role-arn "arn:aws:iam::$role_account:role/$role" \
        --role-session-name cli-session --duration-seconds 1200
    expect .AssumedRoleUser.Arn "arn:aws:sts::$role_account:assumed-role/$role/cli-session"
    expect_true '.Credentials.AccessKeyId | test("^ASIA[A-Z2-7]{16}$")'
    expect_true '.AssumedRoleUser.AssumedRoleId | test("^AROA[A-Z2-7]{17}:cli-session$")'
    expect_true '(.Credentials.Expiration | sub("\\.[0-9]+";"") | sub("\\+00:00$";"Z") | fromdateiso8601) - now | . > 1190 and . < 1205'
    key=$(jq -r .Credentials.AccessKeyId <<<"$OUT")
    secret=$(jq -r .Credentials.SecretAccessKey <<<"$OUT")
    token=$(jq -r .Credentials.SessionToken <<<"$OUT")

    step "$version: get-caller-identity with those credentials is the assumed role"
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
        aws_ok sts get-caller-identity
    expect .Account "$role_account"
    expect .Arn "arn:aws:sts::$role_account:assumed-role/$role/cli-session"
    expect_true '.UserId | endswith(":cli-session")'

    step "$version: a session name with a space is a ValidationError"
    aws_error ValidationError sts assume-role --role-arn "arn:aws:iam::$role_account:role/$role" \
        --role-session-name "two words"
    grep -q "roleSessionName" <<<"$ERR" || fail "the message should name roleSessionName"
done
