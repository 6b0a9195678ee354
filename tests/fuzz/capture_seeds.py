#!/usr/bin/env python3
"""Records the seed corpus of the requests fuzz target from real clients.

Runs a recording proxy in front of a running Berth and drives the aws cli v1 and v2 and boto3
through it; every client connection's bytes (the requests, as the client wrote them) become one
file of tests/fuzz/corpus/requests. Not part of CI: run it again when a client or an API is
added, and commit what changed.

    build/berth --listen 127.0.0.1:4599 &
    python3 tests/fuzz/capture_seeds.py --berth 127.0.0.1:4599
"""
import argparse
import hashlib
import json
import os
import socket
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus", "requests")
SAMPLE_TD = os.path.join(HERE, "..", "data", "sample-fargate.json")


class Recorder:
    """A TCP proxy that keeps what each client connection sent."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.captures = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        host, port = self.upstream.rsplit(":", 1)
        server = socket.create_connection((host, int(port)))
        sent = bytearray()

        def back():
            while data := server.recv(65536):
                client.sendall(data)
            client.close()

        threading.Thread(target=back, daemon=True).start()
        while data := client.recv(65536):
            sent += data
            server.sendall(data)
        server.shutdown(socket.SHUT_WR)
        with self.lock:
            self.captures.append(bytes(sent))


def cli_commands():
    td = json.load(open(SAMPLE_TD))
    return [
        ["ecs", "create-cluster", "--cluster-name", "fuzz"],
        ["ecs", "register-task-definition", "--cli-input-json", json.dumps(td)],
        ["ecs", "list-task-definitions", "--family-prefix", td["family"]],
        ["ecs", "describe-task-definition", "--task-definition", td["family"]],
        ["ecs", "create-service", "--cluster", "fuzz", "--service-name", "web",
         "--task-definition", td["family"], "--desired-count", "0", "--launch-type", "FARGATE",
         "--network-configuration",
         "awsvpcConfiguration={subnets=[subnet-1],securityGroups=[sg-1],assignPublicIp=ENABLED}"],
        ["ecs", "update-service", "--cluster", "fuzz", "--service", "web", "--desired-count", "0"],
        ["ecs", "describe-services", "--cluster", "fuzz", "--services", "web"],
        ["ecs", "list-tasks", "--cluster", "fuzz"],
        ["ecs", "tag-resource", "--resource-arn",
         "arn:aws:ecs:us-east-1:000000000000:cluster/fuzz", "--tags", "key=team,value=a"],
        ["ecs", "put-account-setting", "--name", "containerInsights", "--value", "enabled"],
        ["ecs", "delete-service", "--cluster", "fuzz", "--service", "web", "--force"],
        ["logs", "create-log-group", "--log-group-name", "/fuzz"],
        ["logs", "create-log-stream", "--log-group-name", "/fuzz", "--log-stream-name", "s"],
        ["logs", "put-log-events", "--log-group-name", "/fuzz", "--log-stream-name", "s",
         "--log-events", "timestamp=1700000000000,message=hello"],
        ["logs", "filter-log-events", "--log-group-name", "/fuzz", "--filter-pattern", "hello"],
        ["secretsmanager", "create-secret", "--name", "db", "--secret-string", "pw"],
        ["secretsmanager", "get-secret-value", "--secret-id", "db"],
        ["ssm", "put-parameter", "--name", "/app/x", "--value", "1", "--type", "String"],
        ["ssm", "get-parameters-by-path", "--path", "/app", "--recursive"],
        ["sts", "get-caller-identity"],
        ["sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/r",
         "--role-session-name", "s"],
        ["elbv2", "create-target-group", "--name", "tg", "--protocol", "HTTP", "--port", "80",
         "--vpc-id", "vpc-1", "--target-type", "ip"],
        ["elbv2", "describe-target-groups"],
        ["elbv2", "create-load-balancer", "--name", "lb", "--subnets", "subnet-1"],
        ["servicediscovery", "create-private-dns-namespace", "--name", "local", "--vpc", "vpc-1"],
        ["servicediscovery", "list-namespaces"],
        ["ecs", "describe-clusters", "--clusters", "fuzz", "nope", "--include", "TAGS"],
        ["ecs", "run-task", "--cluster", "nope", "--task-definition", "missing:7"],
        ["ecs", "register-task-definition", "--family", "bad", "--container-definitions", "[]"],
    ]


def run_clients(port):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
    url = f"http://127.0.0.1:{port}"
    for aws in ("/root/.pyenv/shims/aws", "/usr/bin/aws"):
        for command in cli_commands():
            subprocess.run([aws, "--endpoint-url", url, *command], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import boto3  # one connection, many requests: keep-alive sequences

    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                    region_name="eu-west-1")
    ecs = session.client("ecs", endpoint_url=url)
    ecs.create_cluster(clusterName="b")
    ecs.register_task_definition(family="w", containerDefinitions=[
        {"name": "c", "image": "busybox", "memory": 64, "essential": True,
         "portMappings": [{"containerPort": 80}]}])
    ecs.create_service(cluster="b", serviceName="s", taskDefinition="w", desiredCount=0)
    ecs.get_waiter("services_stable").wait(cluster="b", services=["s"])
    ecs.list_services(cluster="b", maxResults=1)
    ecs.deregister_task_definition(taskDefinition="w:1")
    ecs.delete_task_definitions(taskDefinitions=["w:1"])
    ecs.close()  # its connection's bytes are recorded once it closes


def hand_written():
    """Paths no AWS client sends: the task endpoints and the health check."""
    return [
        b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET /v4/unknown-id/task HTTP/1.1\r\nHost: 169.254.170.2\r\n\r\n",
        b"GET /v2/credentials/unknown HTTP/1.1\r\nHost: 169.254.170.2\r\n\r\n",
        b"PUT /api/unknown/task-protection/v1/state HTTP/1.1\r\nHost: 169.254.170.2\r\n"
        b"Content-Length: 27\r\n\r\n{\"ProtectionEnabled\": true}",
        b"GET / HTTP/1.1\r\nHost: lb-1.us-east-1.elb.localhost\r\n\r\n",
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--berth", default="127.0.0.1:4566")
    args = parser.parse_args()
    recorder = Recorder(args.berth)
    run_clients(recorder.port)
    time.sleep(1)  # the last connections' threads finish recording
    os.makedirs(CORPUS, exist_ok=True)
    # Also every connection in one input, in the order they ran: sequences (create, then use,
    # then delete) that no single cli call makes.
    for data in recorder.captures + [b"".join(recorder.captures)] + hand_written():
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(CORPUS, name), "wb") as f:
            f.write(data)
    print(f"{len(recorder.captures)} connections recorded into {CORPUS}")


if __name__ == "__main__":
    main()
