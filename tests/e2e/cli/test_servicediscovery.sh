#!/usr/bin/env bash
# Cloud Map with the aws cli: a private DNS namespace with get-operation polling, a service
# with A records and custom health, instances, discover-instances (with the data- host prefix
# turned off through AWS_DISABLE_HOST_PREFIX_INJECTION), and the errors of each step.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sd() { aws_ok servicediscovery "$@"; }
sd_error() { aws_error "$1" servicediscovery "${@:2}"; }

# Polls get-operation until it ends; $STATUSES holds what was seen, $OUT the last answer.
wait_operation() {
    STATUSES=""
    for _ in $(seq 1 30); do
        sd get-operation --operation-id "$1"
        STATUSES="$STATUSES$(jq -r .Operation.Status <<<"$OUT") "
        case $(jq -r .Operation.Status <<<"$OUT") in SUCCESS | FAIL) return ;; esac
    done
    fail "operation $1 never finished: $STATUSES"
}

zone=$(unique_name cli-zone).local

step "create-private-dns-namespace answers an operation: SUBMITTED, then SUCCESS"
sd create-private-dns-namespace --name "$zone" --vpc vpc-12345678
op=$(jq -r .OperationId <<<"$OUT")
wait_operation "$op"
[[ $STATUSES == "SUBMITTED SUCCESS " ]] || fail "statuses: $STATUSES"
expect .Operation.Type CREATE_NAMESPACE
ns=$(jq -r .Operation.Targets.NAMESPACE <<<"$OUT")
sd get-namespace --id "$ns"
expect .Namespace.Name "$zone"
expect .Namespace.Type DNS_PRIVATE
sd_error NamespaceAlreadyExists create-private-dns-namespace --name "$zone" --vpc vpc-12345678
sd_error NamespaceNotFound get-namespace --id ns-doesnotexist0000

step "list-namespaces with a filter"
sd list-namespaces --filters Name=TYPE,Values=DNS_PRIVATE,Condition=EQ
expect_true '[.Namespaces[].Name] | index($z) != null' --arg z "$zone"

step "create-service with DnsConfig and custom health"
sd create-service --name backend --namespace-id "$ns" \
    --dns-config 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10}]' \
    --health-check-custom-config FailureThreshold=1
svc=$(jq -r .Service.Id <<<"$OUT")
expect .Service.Type DNS_HTTP
expect .Service.DnsConfig.DnsRecords[0].TTL 10
sd_error ServiceAlreadyExists create-service --name backend --namespace-id "$ns"
sd_error ResourceInUse delete-namespace --id "$ns"

step "register-instance twice, then discover-instances"
sd register-instance --service-id "$svc" --instance-id blue --attributes AWS_INSTANCE_IPV4=10.0.0.1,color=blue
wait_operation "$(jq -r .OperationId <<<"$OUT")"
sd register-instance --service-id "$svc" --instance-id green --attributes AWS_INSTANCE_IPV4=10.0.0.2,color=green
sd_error InvalidInput register-instance --service-id "$svc" --instance-id bad --attributes color=red
export AWS_DISABLE_HOST_PREFIX_INJECTION=true
sd discover-instances --namespace-name "$zone" --service-name backend
expect '[.Instances[].Attributes.AWS_INSTANCE_IPV4] | sort | join(",")' 10.0.0.1,10.0.0.2
sd update-instance-custom-health-status --service-id "$svc" --instance-id green --status UNHEALTHY
sd discover-instances --namespace-name "$zone" --service-name backend
expect '[.Instances[].InstanceId] | join(",")' blue
sd discover-instances --namespace-name "$zone" --service-name backend --health-status ALL \
    --query-parameters color=green
expect '[.Instances[].InstanceId] | join(",")' green
sd get-instances-health-status --service-id "$svc"
expect .Status.green UNHEALTHY
sd_error ServiceNotFound discover-instances --namespace-name "$zone" --service-name nope
unset AWS_DISABLE_HOST_PREFIX_INJECTION

step "deregister, then the service and the namespace can go"
sd_error ResourceInUse delete-service --id "$svc"
sd deregister-instance --service-id "$svc" --instance-id blue
sd deregister-instance --service-id "$svc" --instance-id green
sd_error InstanceNotFound get-instance --service-id "$svc" --instance-id blue
sd list-instances --service-id "$svc"
expect '.Instances | length' 0
sd delete-service --id "$svc"
sd_error ServiceNotFound get-service --id "$svc"
sd delete-namespace --id "$ns"
wait_operation "$(jq -r .OperationId <<<"$OUT")"
expect .Operation.Type DELETE_NAMESPACE
