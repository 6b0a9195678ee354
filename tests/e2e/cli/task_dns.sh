#!/usr/bin/env bash
# Cloud Map's private DNS names inside tasks on the real engine (issue 13), with the aws cli v2
# and its waiters: the scenario of python/task_dns.py. A private DNS namespace demo.local; an
# ECS service `backend` of two awsvpc busybox httpd tasks registered in it (serviceRegistries);
# a client task that runs nslookup and wget against backend.demo.local, read back with
# `docker logs`; scaling to three answers three addresses; a name outside the namespace is
# forwarded to --dns-upstream (the stub of python/task_dns.py, started here on loopback, so
# nothing leaves the host). Runs as e2e.cli-task-dns, alone: it needs docker/engine.sh,
# docker/test-images.sh and port 53 of the Docker networks' gateways.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
AWS_CLI=${AWS_CLI_V2:-/usr/bin/aws}

IMAGE=berth-test/busybox:latest
ZONE=demo.local
PORT=8080
STUB_PORT=${BERTH_E2E_DNS_STUB_PORT:-15353}
OUTSIDE_NAME=outside.e2e.test
OUTSIDE_ADDRESS=10.99.1.9 # the stub's one answer (python/task_dns.py): nothing is sent to it
AWSVPC='awsvpcConfiguration={subnets=[subnet-e2e]}'
cluster=$(unique_name cli-dns)
work=$(mktemp -d)
sd_services=()

sd() { aws_ok servicediscovery "$@"; }

cleanup() {
    set +e
    _run_aws ecs delete-service --cluster "$cluster" --service backend --force
    _run_aws ecs wait services-inactive --cluster "$cluster" --services backend
    _run_aws ecs list-tasks --cluster "$cluster"
    for arn in $(jq -r '.taskArns[]?' <<<"$OUT"); do
        _run_aws ecs stop-task --cluster "$cluster" --task "$arn"
    done
    for id in "${sd_services[@]}"; do _run_aws servicediscovery delete-service --id "$id"; done
    _run_aws ecs delete-cluster --cluster "$cluster"
    [[ -n ${stub_pid:-} ]] && kill "$stub_pid"
    rm -rf "$work"
}
trap cleanup EXIT

step "start the stub upstream on 127.0.0.1:$STUB_PORT (it logs every question it is asked)"
(cd "$BERTH_E2E_DIR/python" && BERTH_E2E_DNS_STUB_PORT=$STUB_PORT exec python3 -u -c '
import time, task_dns
class Logged(task_dns.StubDns):
    def answer(self, query):
        reply = super().answer(query)
        print(*self.asked[-1], flush=True)
        return reply
Logged()
while True: time.sleep(1)') >"$work/asked" 2>&1 &
stub_pid=$!

step "a cluster with the engine's container instance, and the namespace $ZONE"
ecs create-cluster --cluster-name "$cluster"
wait_container_instance "$cluster"
sd list-namespaces
ns=$(jq -r --arg z $ZONE '[.Namespaces[] | select(.Name == $z) | .Id][0] // empty' <<<"$OUT")
if [[ -z $ns ]]; then
    sd create-private-dns-namespace --name $ZONE --vpc vpc-e2e
    op=$(jq -r .OperationId <<<"$OUT")
    for _ in $(seq 1 30); do
        sd get-operation --operation-id "$op"
        [[ $(jq -r .Operation.Status <<<"$OUT") == SUCCESS ]] && break
        sleep 0.5
    done
    ns=$(jq -r .Operation.Targets.NAMESPACE <<<"$OUT")
fi
[[ $ns == ns-* ]] || fail "no namespace $ZONE: $ns"

# register FAMILY_PREFIX CONTAINER_JSON: an awsvpc Fargate task definition; $FAMILY its arn.
register() {
    ecs register-task-definition --family "$(unique_name "$1")" --network-mode awsvpc \
        --requires-compatibilities FARGATE --cpu 256 --memory 512 --container-definitions \
        "[$(jq -c --arg i $IMAGE '. + {image: $i, essential: true, memory: 64, stopTimeout: 2}' <<<"$2")]"
    FAMILY=$(jq -r .taskDefinition.taskDefinitionArn <<<"$OUT")
}

# The private IPv4 addresses of the service's running tasks, sorted, one a line.
task_addresses() {
    ecs list-tasks --cluster "$cluster" --service-name "$1" --desired-status RUNNING
    ecs describe-tasks --cluster "$cluster" --tasks $(jq -r '.taskArns[]' <<<"$OUT")
    jq -r '.tasks[] | select(.lastStatus == "RUNNING") | .attachments[0].details[]
        | select(.name == "privateIPv4Address") | .value' <<<"$OUT" | sort
}

# Waits until list-instances answers COUNT instances of the Cloud Map service ID (cli v2.9 has
# no switch for discover-instances' data- host prefix, which names no host here).
wait_instances() {
    for _ in $(seq 1 120); do
        sd list-instances --service-id "$1"
        [[ $(jq '.Instances | length' <<<"$OUT") == "$2" ]] && return
        sleep 0.5
    done
    fail "list-instances never answered $2 instances of $1"
}

# run_client SCRIPT: runs SCRIPT in a new awsvpc busybox task; $CLIENT is its stdout once it
# printed DONE (read with docker logs), then the task is stopped.
run_client() {
    ecs run-task --cluster "$cluster" --task-definition "$CLIENT_FAMILY" --launch-type FARGATE \
        --network-configuration "$AWSVPC" --overrides "$(jq -nc --arg s "$1; echo DONE; sleep 300" \
        '{containerOverrides: [{name: "client", command: ["sh", "-c", $s]}]}')"
    expect '.failures | length' 0
    local task ids
    task=$(jq -r '.tasks[0].taskArn' <<<"$OUT")
    ecs wait tasks-running --cluster "$cluster" --tasks "$task"
    CLIENT=""
    for _ in $(seq 1 180); do
        ids=$(docker ps -aq --filter "label=com.amazonaws.ecs.task-arn=$task" \
            --filter label=com.amazonaws.ecs.container-name=client)
        [[ -n $ids ]] && CLIENT=$(docker logs "$ids" 2>/dev/null)
        grep -qx DONE <<<"$CLIENT" && break
        sleep 0.5
    done
    ecs stop-task --cluster "$cluster" --task "$task" --reason "e2e client done"
    ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
    grep -qx DONE <<<"$CLIENT" || fail "the client never printed DONE; it printed: $CLIENT"
}

# The IPv4 addresses in the answer part of busybox nslookup's output (after its server's).
answered() { sed -n '/^Name:/,$p' <<<"$1" | grep -Eo '([0-9]{1,3}\.){3}[0-9]{1,3}' | sort -u; }

register cli-dns-client '{"name": "client", "command": ["sh", "-c", "sleep 1"]}'
CLIENT_FAMILY=$FAMILY

step "a Cloud Map service backend (A, TTL 10) and an ECS service of two awsvpc httpd tasks in it"
sd create-service --name backend --namespace-id "$ns" --dns-config 'DnsRecords=[{Type=A,TTL=10}]' \
    --health-check-custom-config FailureThreshold=1
registry=$(jq -r .Service.Arn <<<"$OUT")
sd_services+=("$(jq -r .Service.Id <<<"$OUT")")
register cli-dns-backend "$(jq -nc --argjson p $PORT '{name: "web", portMappings: [{containerPort: $p}],
    command: ["sh", "-c", "echo backend-says-hello > /tmp/index.html; exec httpd -f -p \($p) -h /tmp"]}')"
ecs create-service --cluster "$cluster" --service-name backend --task-definition "$FAMILY" \
    --desired-count 2 --launch-type FARGATE --network-configuration "$AWSVPC" \
    --service-registries "registryArn=$registry"
ecs wait services-stable --cluster "$cluster" --services backend
wait_instances "${sd_services[0]}" 2
addresses=$(task_addresses backend)
[[ $(wc -l <<<"$addresses") == 2 ]] || fail "two running tasks expected: $addresses"

step "a client task resolves backend.$ZONE to both tasks and fetches the page by name"
run_client "nslookup backend.$ZONE; wget -q -O- http://backend.$ZONE:$PORT/ | sed 's/^/BODY /'"
[[ $(answered "$(sed '/^BODY/,$d' <<<"$CLIENT")") == "$addresses" ]] ||
    fail "backend.$ZONE answered $(answered "$CLIENT"), the tasks are $addresses: $CLIENT"
grep -qx 'BODY backend-says-hello' <<<"$CLIENT" || fail "no page by name: $CLIENT"

step "scaled to three tasks, the name answers three addresses"
ecs update-service --cluster "$cluster" --service backend --desired-count 3
ecs wait services-stable --cluster "$cluster" --services backend
wait_instances "${sd_services[0]}" 3
addresses=$(task_addresses backend)
[[ $(wc -l <<<"$addresses") == 3 ]] || fail "three running tasks expected: $addresses"
run_client "nslookup backend.$ZONE"
[[ $(answered "$CLIENT") == "$addresses" ]] ||
    fail "backend.$ZONE answered $(answered "$CLIENT"), the tasks are $addresses: $CLIENT"

step "a name outside the namespace is forwarded to the upstream; one inside it is not"
run_client "nslookup $OUTSIDE_NAME"
[[ $(answered "$CLIENT") == "$OUTSIDE_ADDRESS" ]] || fail "$OUTSIDE_NAME answered: $CLIENT"
grep -qx "$OUTSIDE_NAME 1" "$work/asked" || fail "the stub was not asked: $(cat "$work/asked")"
run_client "nslookup nothing-here.$ZONE"
if grep -q "nothing-here" "$work/asked"; then fail "a name of $ZONE was forwarded"; fi
echo "ok"
