#!/usr/bin/env bash
# Elastic Load Balancing v2 with the aws cli, v1 (`aws` on PATH) and v2 (/usr/bin/aws) alike:
# load balancers (and `wait load-balancer-available`), target groups with ELB's defaults,
# targets and their health, listeners, rules, attributes, tags, pages and ELB's errors.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clis=(aws)
[[ -x /usr/bin/aws ]] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2' && clis+=(/usr/bin/aws)
elb() { aws_ok elbv2 "$@"; }
elb_error() { aws_error "$1" elbv2 "${@:2}"; }

for AWS_CLI in "${clis[@]}"; do
    version=$("$AWS_CLI" --version 2>&1 | cut -d' ' -f1)
    name=$(unique_name lb)

    step "$version: create-load-balancer answers provisioning, then the waiter sees it active"
    elb create-load-balancer --name "$name" --subnets subnet-a subnet-b \
        --security-groups sg-1 --tags Key=team,Value=web
    expect '.LoadBalancers[0].State.Code' provisioning
    expect '.LoadBalancers[0].Type' application
    expect_true '.LoadBalancers[0].DNSName | endswith(".'"$REGION"'.elb.localhost")'
    lb=$(jq -r '.LoadBalancers[0].LoadBalancerArn' <<<"$OUT")
    elb wait load-balancer-available --load-balancer-arns "$lb"
    elb describe-load-balancers --names "$name"
    expect '.LoadBalancers[0].State.Code' active
    expect '.LoadBalancers[0].AvailabilityZones | length' 2
    elb_error LoadBalancerNotFound describe-load-balancers --names "$name-none"
    elb_error DuplicateLoadBalancerName create-load-balancer --name "$name" --type network

    step "$version: create-target-group fills in ELB's health check defaults"
    elb create-target-group --name "$name" --protocol HTTP --port 8080 --target-type ip \
        --vpc-id vpc-1
    tg=$(jq -r '.TargetGroups[0].TargetGroupArn' <<<"$OUT")
    expect '.TargetGroups[0].HealthCheckPath' /
    expect '.TargetGroups[0].HealthCheckTimeoutSeconds' 6
    expect '.TargetGroups[0].Matcher.HttpCode' 200
    elb describe-target-group-attributes --target-group-arn "$tg"
    expect '.Attributes[] | select(.Key == "deregistration_delay.timeout_seconds") | .Value' 300
    elb modify-target-group-attributes --target-group-arn "$tg" \
        --attributes Key=deregistration_delay.timeout_seconds,Value=0
    elb_error ValidationError create-target-group --name "$name-2" --protocol HTTP --port 80 \
        --health-check-interval-seconds 5 --health-check-timeout-seconds 6

    step "$version: targets are unused until a listener forwards to their group"
    elb register-targets --target-group-arn "$tg" --targets Id=10.0.0.5 Id=10.0.0.6,Port=9090
    elb describe-target-health --target-group-arn "$tg"
    expect '[.TargetHealthDescriptions[].TargetHealth.Reason] | unique | join(",")' Target.NotInUse
    elb create-listener --load-balancer-arn "$lb" --protocol HTTP --port 8080 \
        --default-actions Type=forward,TargetGroupArn="$tg"
    listener=$(jq -r '.Listeners[0].ListenerArn' <<<"$OUT")
    elb describe-target-health --target-group-arn "$tg"
    expect '[.TargetHealthDescriptions[].TargetHealth.State] | unique | join(",")' initial
    # The data plane's first health check may already have run: ELB goes from
    # Elb.RegistrationInProgress to Elb.InitialHealthChecking.
    expect '[.TargetHealthDescriptions[].TargetHealth.Reason | select(. != "Elb.RegistrationInProgress" and . != "Elb.InitialHealthChecking")] | length' 0
    elb describe-target-groups --load-balancer-arn "$lb"
    expect '.TargetGroups[0].LoadBalancerArns[0]' "$lb"
    elb_error DuplicateListener create-listener --load-balancer-arn "$lb" --protocol HTTP \
        --port 8080 --default-actions Type=forward,TargetGroupArn="$tg"
    elb_error ResourceInUse delete-target-group --target-group-arn "$tg"
    elb_error InvalidTarget register-targets --target-group-arn "$tg" --targets Id=i-0123456789abcdef0

    step "$version: rules by priority, the default one last; set-rule-priorities"
    elb create-rule --listener-arn "$listener" --priority 10 \
        --conditions Field=path-pattern,Values=/api/* \
        --actions Type=fixed-response,FixedResponseConfig='{StatusCode=404,ContentType=text/plain}'
    r10=$(jq -r '.Rules[0].RuleArn' <<<"$OUT")
    elb create-rule --listener-arn "$listener" --priority 20 \
        --conditions '[{"Field":"http-header","HttpHeaderConfig":{"HttpHeaderName":"X-Env","Values":["blue"]}}]' \
        --actions Type=forward,TargetGroupArn="$tg"
    r20=$(jq -r '.Rules[0].RuleArn' <<<"$OUT")
    elb_error PriorityInUse create-rule --listener-arn "$listener" --priority 10 \
        --conditions Field=host-header,Values=a.example.com --actions Type=forward,TargetGroupArn="$tg"
    elb describe-rules --listener-arn "$listener"
    expect '[.Rules[].Priority] | join(",")' 10,20,default
    elb set-rule-priorities --rule-priorities RuleArn="$r10",Priority=30
    elb describe-rules --listener-arn "$listener"
    expect '[.Rules[].Priority] | join(",")' 20,30,default
    elb modify-rule --rule-arn "$r20" --conditions Field=host-header,Values=api.example.com
    expect '.Rules[0].Conditions[0].HostHeaderConfig.Values[0]' api.example.com
    elb delete-rule --rule-arn "$r10"
    elb_error RuleNotFound delete-rule --rule-arn "$r10"

    step "$version: tags on load balancers and target groups"
    elb add-tags --resource-arns "$tg" --tags Key=env,Value=dev
    elb describe-tags --resource-arns "$lb" "$tg"
    expect '.TagDescriptions[0].Tags[0].Key' team
    expect '.TagDescriptions[1].Tags[0].Value' dev
    elb remove-tags --resource-arns "$lb" --tag-keys team
    elb describe-tags --resource-arns "$lb"
    expect '.TagDescriptions[0].Tags | length' 0

    # For elbv2 the cli's --page-size is the operation's own PageSize member, which shadows
    # the cli's paging argument and turns its automatic pagination off (aws/aws-cli#3673,
    # the same against AWS): one page comes back with NextMarker, followed by --marker.
    step "$version: describe-load-balancers pages by PageSize and Marker"
    elb create-load-balancer --name "$name-p" --type network --subnets subnet-a
    nlb=$(jq -r '.LoadBalancers[0].LoadBalancerArn' <<<"$OUT")
    seen=()
    marker=()
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        elb describe-load-balancers --page-size 1 "${marker[@]}"
        expect '.LoadBalancers | length' 1
        seen+=("$(jq -r '.LoadBalancers[0].LoadBalancerArn' <<<"$OUT")")
        next=$(jq -r '.NextMarker // empty' <<<"$OUT")
        [[ -n $next ]] || break
        marker=(--marker "$next")
    done
    OUT=$(printf '%s\n' "${seen[@]}" | jq -R . | jq -s .)
    expect_true 'index($a) != null and index($b) != null and (unique | length) == length' --arg a "$lb" --arg b "$nlb"

    step "$version: deregistering from a group drains (here: delay 0, so at once)"
    elb deregister-targets --target-group-arn "$tg" --targets Id=10.0.0.5
    elb wait target-deregistered --target-group-arn "$tg" --targets Id=10.0.0.5
    elb describe-target-health --target-group-arn "$tg"
    expect '[.TargetHealthDescriptions[].Target.Id] | join(",")' 10.0.0.6

    step "$version: deleting the load balancer takes its listeners; then the group can go"
    elb delete-load-balancer --load-balancer-arn "$lb"
    elb delete-load-balancer --load-balancer-arn "$nlb"
    elb_error LoadBalancerNotFound describe-listeners --load-balancer-arn "$lb"
    elb delete-target-group --target-group-arn "$tg"
    elb_error TargetGroupNotFound describe-target-groups --target-group-arns "$tg"
done
