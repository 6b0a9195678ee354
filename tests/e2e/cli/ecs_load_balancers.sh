#!/usr/bin/env bash
# ECS services behind an Application Load Balancer (issue 12), with the aws cli: an ALB, an ip
# target group and a listener; a service of three awsvpc busybox tasks, each answering with
# its own task id; `aws elbv2 wait target-in-service` for the three task addresses; requests
# through the listener reach all three; describe-services shows the loadBalancers and ECS's
# "registered 3 targets" event; scaling to one drains two targets (DEACTIVATING, then
# `aws elbv2 wait target-deregistered`); CreateService's checks with ECS's messages. Needs a
# Docker engine and the test images (docker/engine.sh, docker/test-images.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUSYBOX_IMAGE=berth-test/busybox:latest
elb() { aws_ok elbv2 "$@"; }
cluster=$(unique_name cli-lb)
service=web
name=$(unique_name lb | tail -c 32 | sed 's/^-*//')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# The task's id from its metadata, served at / and /health by busybox httpd.
serve='mkdir -p /www
until wget -q -O /tmp/task "$ECS_CONTAINER_METADATA_URI_V4/task"; do sleep 0.2; done
sed -n "s/.*\"TaskARN\": *\"[^\"]*\/\([0-9a-f]*\)\".*/\1/p" /tmp/task > /www/index.html
cp /www/index.html /www/health
exec httpd -f -p 80 -h /www'

cleanup() {
    set +e
    "${AWS_CLI:-aws}" --endpoint-url "$BERTH_ENDPOINT" ecs delete-service --cluster "$cluster" \
        --service "$service" --force >/dev/null 2>&1
    "${AWS_CLI:-aws}" --endpoint-url "$BERTH_ENDPOINT" ecs wait services-inactive \
        --cluster "$cluster" --services "$service" >/dev/null 2>&1
}
trap cleanup EXIT

step "create a cluster and wait for its container instance"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"

step "an ALB, an ip target group with a fast health check, and a listener on port $port"
elb create-load-balancer --name "$name" --subnets subnet-a subnet-b --type application
lb=$(jq -r '.LoadBalancers[0].LoadBalancerArn' <<<"$OUT")
elb create-target-group --name "$name" --protocol HTTP --port 80 --vpc-id vpc-e2e \
    --target-type ip --health-check-path /health --health-check-interval-seconds 5 \
    --health-check-timeout-seconds 2 --healthy-threshold-count 2 --unhealthy-threshold-count 2
tg=$(jq -r '.TargetGroups[0].TargetGroupArn' <<<"$OUT")
elb modify-target-group-attributes --target-group-arn "$tg" \
    --attributes Key=deregistration_delay.timeout_seconds,Value=2
elb create-listener --load-balancer-arn "$lb" --protocol HTTP --port "$port" \
    --default-actions "Type=forward,TargetGroupArn=$tg"

step "register a task definition of busybox httpd on port 80"
ecs register-task-definition --family "$cluster" --network-mode awsvpc \
    --requires-compatibilities FARGATE --cpu 256 --memory 512 \
    --container-definitions "$(jq -cn --arg image "$BUSYBOX_IMAGE" --arg cmd "$serve" \
        '[{name: "web", image: $image, essential: true, command: ["sh", "-c", $cmd],
           portMappings: [{containerPort: 80}]}]')"
td=$(jq -r '.taskDefinition.taskDefinitionArn' <<<"$OUT")
network='awsvpcConfiguration={subnets=[subnet-e2e]}'

step "CreateService refuses what ECS refuses, with its messages"
ecs_error InvalidParameterException create-service --cluster "$cluster" --service-name bad \
    --task-definition "$td" --desired-count 1 --launch-type FARGATE \
    --network-configuration "$network" \
    --load-balancers "targetGroupArn=$tg,containerName=web,containerPort=8080"
grep -qF "The container web did not have a container port 8080 defined." <<<"$ERR" ||
    fail "unexpected message"
ecs_error InvalidParameterException create-service --cluster "$cluster" --service-name bad \
    --task-definition "$td" --desired-count 1 --launch-type FARGATE \
    --network-configuration "$network" \
    --load-balancers "loadBalancerName=classic,containerName=web,containerPort=80"
grep -qF "The load balancer classic does not exist." <<<"$ERR" || fail "unexpected message"

step "a service of three tasks behind the target group"
ecs create-service --cluster "$cluster" --service-name "$service" --task-definition "$td" \
    --desired-count 3 --launch-type FARGATE --network-configuration "$network" \
    --load-balancers "targetGroupArn=$tg,containerName=web,containerPort=80"
expect '.service.loadBalancers[0].targetGroupArn' "$tg"
ecs wait services-stable --cluster "$cluster" --services "$service"

step "aws elbv2 wait target-in-service for the three task addresses"
ecs list-tasks --cluster "$cluster" --service-name "$service" --desired-status RUNNING
mapfile -t tasks < <(jq -r '.taskArns[]' <<<"$OUT")
[[ ${#tasks[@]} == 3 ]] || fail "expected 3 running tasks, got ${#tasks[@]}"
ecs describe-tasks --cluster "$cluster" --tasks "${tasks[@]}"
mapfile -t ips < <(jq -r '.tasks[].containers[0].networkInterfaces[0].privateIpv4Address' <<<"$OUT")
targets=()
for ip in "${ips[@]}"; do targets+=("Id=$ip,Port=80"); done
elb wait target-in-service --target-group-arn "$tg" --targets "${targets[@]}"
elb describe-target-health --target-group-arn "$tg"
expect '[.TargetHealthDescriptions[] | select(.TargetHealth.State == "healthy")] | length' 3
expect '[.TargetHealthDescriptions[].Target.Id] | sort | join(",")' \
    "$(printf '%s\n' "${ips[@]}" | sort | paste -sd,)"

step "requests through the listener reach all three tasks"
# -w: a page without a final newline still ends its line.
seen=$(for _ in $(seq 1 30); do curl -sf -w '\n' "http://127.0.0.1:$port/" || echo FAILED; done | grep -v "^$" | sort -u)
want=$(for arn in "${tasks[@]}"; do echo "${arn##*/}"; done | sort -u)
[[ $seen == "$want" ]] || fail "the listener answered '$seen', expected the task ids '$want'"

step "describe-services shows the load balancers and ECS's registration event"
ecs describe-services --cluster "$cluster" --services "$service"
expect '.services[0].loadBalancers[0].containerPort' 80
expect_true '[.services[0].events[].message] | any(startswith("(service web) registered ") and endswith("targets in (target-group " + $tg + ")"))' --arg tg "$tg"

step "scaling to one drains two targets before their tasks stop"
ecs update-service --cluster "$cluster" --service "$service" --desired-count 1
ecs wait services-stable --cluster "$cluster" --services "$service"
ecs list-tasks --cluster "$cluster" --service-name "$service" --desired-status STOPPED
mapfile -t gone < <(jq -r '.taskArns[]' <<<"$OUT")
[[ ${#gone[@]} == 2 ]] || fail "expected 2 stopped tasks, got ${#gone[@]}"
ecs describe-tasks --cluster "$cluster" --tasks "${gone[@]}"
mapfile -t gone_ips < <(jq -r '.tasks[].containers[0].networkInterfaces[0].privateIpv4Address' <<<"$OUT")
gone_targets=()
for ip in "${gone_ips[@]}"; do gone_targets+=("Id=$ip,Port=80"); done
elb wait target-deregistered --target-group-arn "$tg" --targets "${gone_targets[@]}"
ecs describe-services --cluster "$cluster" --services "$service"
expect_true '[.services[0].events[].message] | any(. == "(service web) has begun draining connections on 2 tasks.")'
expect_true '[.services[0].events[].message] | any(. == "(service web) deregistered 2 targets in (target-group " + $tg + ")")' --arg tg "$tg"
echo "ok"
