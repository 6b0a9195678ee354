#!/usr/bin/env bash
# CloudWatch Logs with the aws cli: groups and streams, put-log-events, get-log-events (the
# cli follows nextForwardToken until the same token comes back), filter-log-events with the
# cli's own pagination, retention, tags, errors, and `logs tail` (cli v2) on the stored events.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

group=/berth/$(unique_name cli-logs)
now=$(date +%s%3N)

step "create-log-group, and again: ResourceAlreadyExistsException"
aws_ok logs create-log-group --log-group-name "$group" --tags team=berth
aws_error ResourceAlreadyExistsException logs create-log-group --log-group-name "$group"

step "describe-log-groups by prefix: both ARN forms"
aws_ok logs describe-log-groups --log-group-name-prefix "$group"
expect '.logGroups | length' 1
expect .logGroups[0].arn "arn:aws:logs:$REGION:$ACCOUNT:log-group:$group:*"
expect .logGroups[0].logGroupArn "arn:aws:logs:$REGION:$ACCOUNT:log-group:$group"

step "create-log-stream x2, put-log-events into both"
aws_ok logs create-log-stream --log-group-name "$group" --log-stream-name app/1
aws_ok logs create-log-stream --log-group-name "$group" --log-stream-name app/2
events=$(jq -cn --argjson t "$now" '[range(0; 25) | {timestamp: ($t - 1000 + .), message: "line \(.) \(if . % 5 == 0 then "ERROR" else "ok" end)"}]')
aws_ok logs put-log-events --log-group-name "$group" --log-stream-name app/1 --log-events "$events"
expect_true '.rejectedLogEventsInfo == null'
aws_ok logs put-log-events --log-group-name "$group" --log-stream-name app/2 \
    --log-events "timestamp=$((now - 500)),message=other ERROR"

step "put-log-events with a too-new event reports it"
aws_ok logs put-log-events --log-group-name "$group" --log-stream-name app/2 \
    --log-events "timestamp=$now,message=fine" "timestamp=$((now + 3 * 3600 * 1000)),message=future"
expect .rejectedLogEventsInfo.tooNewLogEventStartIndex 1

step "get-log-events --start-from-head with a small page, then its tokens to the end"
aws_ok logs get-log-events --log-group-name "$group" --log-stream-name app/1 --start-from-head --limit 4
expect '.events | length' 4
expect .events[0].message "line 0 ERROR"
tokens_first=$(jq -r .nextForwardToken <<<"$OUT")
aws_ok logs get-log-events --log-group-name "$group" --log-stream-name app/1 --next-token "$tokens_first" --limit 100
expect '.events | length' 21
end_token=$(jq -r .nextForwardToken <<<"$OUT")
aws_ok logs get-log-events --log-group-name "$group" --log-stream-name app/1 --next-token "$end_token"
expect '.events | length' 0
expect .nextForwardToken "$end_token"

step "filter-log-events across both streams, paged by the cli (--page-size 2)"
aws_ok logs filter-log-events --log-group-name "$group" --filter-pattern ERROR --page-size 2
expect '.events | length' 6
expect '[.events[].logStreamName] | unique | length' 2
expect_true '[.events[].timestamp] == ([.events[].timestamp] | sort)'

step "filter-log-events with a JSON pattern and a stream name"
json_events=$(jq -cn --argjson t "$now" '[{timestamp: ($t + 1), message: "{\"status\":503}"}, {timestamp: ($t + 2), message: "{\"status\":200}"}]')
aws_ok logs put-log-events --log-group-name "$group" --log-stream-name app/2 --log-events "$json_events"
aws_ok logs filter-log-events --log-group-name "$group" --log-stream-names app/2 --filter-pattern '{ $.status >= 500 }'
expect '.events | length' 1
expect .events[0].message '{"status":503}'

step "describe-log-streams by last event time, newest first"
aws_ok logs describe-log-streams --log-group-name "$group" --order-by LastEventTime --descending
expect .logStreams[0].logStreamName app/2
expect_true '.logStreams[1].firstEventTimestamp == ($t - 1000)' --argjson t "$now"

step "retention: put, shown, deleted"
aws_ok logs put-retention-policy --log-group-name "$group" --retention-in-days 7
aws_ok logs describe-log-groups --log-group-name-prefix "$group"
expect .logGroups[0].retentionInDays 7
aws_error InvalidParameterException logs put-retention-policy --log-group-name "$group" --retention-in-days 4
aws_ok logs delete-retention-policy --log-group-name "$group"

step "tags by ARN and by name"
arn="arn:aws:logs:$REGION:$ACCOUNT:log-group:$group"
aws_ok logs tag-resource --resource-arn "$arn" --tags env=e2e
aws_ok logs list-tags-for-resource --resource-arn "$arn"
expect .tags.team berth
expect .tags.env e2e
aws_ok logs untag-log-group --log-group-name "$group" --tags team
aws_ok logs list-tags-log-group --log-group-name "$group"
expect '.tags | keys | join(",")' env

if [[ -x /usr/bin/aws ]]; then
    step "logs tail (cli v2) prints the stored events"
    tail_out=$(/usr/bin/aws --endpoint-url "$BERTH_ENDPOINT" logs tail "$group" --since 1h --format short 2>&1) ||
        fail "aws logs tail failed: $tail_out"
    grep -q "line 24 ok" <<<"$tail_out" || fail "logs tail did not print 'line 24 ok': $tail_out"
    grep -q "other ERROR" <<<"$tail_out" || fail "logs tail did not print 'other ERROR': $tail_out"
fi

step "errors for what does not exist"
aws_error ResourceNotFoundException logs get-log-events --log-group-name "$group" --log-stream-name nope
aws_error ResourceNotFoundException logs put-log-events --log-group-name "$group-nope" \
    --log-stream-name s --log-events "timestamp=$now,message=m"
aws_ok logs delete-log-stream --log-group-name "$group" --log-stream-name app/1
aws_error ResourceNotFoundException logs delete-log-stream --log-group-name "$group" --log-stream-name app/1
aws_ok logs delete-log-group --log-group-name "$group"
aws_error ResourceNotFoundException logs delete-log-group --log-group-name "$group"
echo "ok"
