#!/usr/bin/env bash
# STS with the aws cli, v1 (`aws` on PATH) and v2 (/usr/bin/aws) alike: get-caller-identity
# for long-term keys and for the credentials assume-role returns, assume-role's output, and a
# bad session name refused as STS refuses it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

role_account=210987654321
clis=(aws)
[[ -x /usr/bin/aws ]] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2' && clis+=(/usr/bin/aws)

# sts CLI ARGS...: `CLI sts ARGS` against Berth; stdout in $OUT, stderr in $ERR, status in $RC.
sts() {
    local cli=$1 errfile
    shift
    errfile=$(mktemp)
    set +e
    OUT=$("$cli" --endpoint-url "$BERTH_ENDPOINT" --output json sts "$@" 2>"$errfile")
    RC=$?
    set -e
    ERR=$(cat "$errfile")
    rm -f "$errfile"
}

for cli in "${clis[@]}"; do
    version=$("$cli" --version 2>&1 | cut -d' ' -f1)
    role=$(unique_name cli-role)

    step "$version: get-caller-identity with long-term keys is the account's root"
    sts "$cli" get-caller-identity
    [[ $RC == 0 ]] || fail "get-caller-identity exited with $RC"
    expect .Account "$ACCOUNT"
    expect .Arn "arn:aws:iam::$ACCOUNT:root"

    step "$version: assume-role returns temporary credentials for the role"
    sts "$cli" assume-role --role-arn "arn:aws:iam::$role_account:role/$role" \
        --role-session-name cli-session --duration-seconds 1200
    [[ $RC == 0 ]] || fail "assume-role exited with $RC"
    expect .AssumedRoleUser.Arn "arn:aws:sts::$role_account:assumed-role/$role/cli-session"
    expect_true '.Credentials.AccessKeyId | test("^ASIA[A-Z2-7]{16}$")'
    expect_true '.AssumedRoleUser.AssumedRoleId | test("^AROA[A-Z2-7]{17}:cli-session$")'
    expect_true '(.Credentials.Expiration | sub("\\.[0-9]+";"") | sub("\\+00:00$";"Z") | fromdateiso8601) - now | . > 1190 and . < 1205'
    key=$(jq -r .Credentials.AccessKeyId <<<"$OUT")
    secret=$(jq -r .Credentials.SecretAccessKey <<<"$OUT")
    token=$(jq -r .Credentials.SessionToken <<<"$OUT")

    step "$version: get-caller-identity with those credentials is the assumed role"
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
        sts "$cli" get-caller-identity
    [[ $RC == 0 ]] || fail "get-caller-identity (assumed role) exited with $RC"
    expect .Account "$role_account"
    expect .Arn "arn:aws:sts::$role_account:assumed-role/$role/cli-session"
    expect_true '.UserId | endswith(":cli-session")'

    step "$version: a session name with a space is a ValidationError"
    sts "$cli" assume-role --role-arn "arn:aws:iam::$role_account:role/$role" \
        --role-session-name "two words"
    [[ $RC == 255 || $RC == 254 ]] || fail "expected a service error, got status $RC"
    grep -q "An error occurred (ValidationError)" <<<"$ERR" || fail "expected ValidationError"
    grep -q "roleSessionName" <<<"$ERR" || fail "the message should name roleSessionName"
done
