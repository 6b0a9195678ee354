"""Cloud Map's private DNS names inside tasks on the real engine (issue 13). A private DNS
namespace demo.local; an ECS service `backend` of awsvpc busybox httpd tasks registered in it
(serviceRegistries); client tasks that run `nslookup` and `wget` against backend.demo.local and
print what they got, read back with `docker logs`. Scaling to three answers three addresses, a
stopped task's address goes within the record's TTL, a bridge service's SRV records carry its
host ports, and a name outside the namespace is forwarded to the upstream Berth was given
(--dns-upstream: a stub server this test starts on loopback, so nothing leaves the host). Not
in the generic python suite: it runs as e2e.python-task-dns, alone (it needs
docker/engine.sh and docker/test-images.sh, and port 53 of the Docker networks' gateways)."""

import os
import re
import socket
import struct
import threading
import time
import unittest

from berth_e2e import (BerthTestCase, discovered_instances, running_service_tasks,
                       stop_tasks_and_delete_cluster, task_address, unique_name)
from tasks_inside import container_output

BUSYBOX_IMAGE = "berth-test/busybox:latest"
AWSVPC = {"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}}
FAST_WAIT = {"Delay": 1, "MaxAttempts": 90}
ZONE = "demo.local"
TTL = 10
PORT = 8080
# The upstream e2e.cmake gives Berth (--dns-upstream 127.0.0.1:PORT), and the one name it knows.
STUB_PORT = int(os.environ.get("BERTH_E2E_DNS_STUB_PORT", "15353"))
OUTSIDE_NAME = "outside.e2e.test"
OUTSIDE_ADDRESS = "10.99.1.9"  # only an answer: nothing is sent to it

BACKEND_COMMAND = f"echo backend-says-hello > /tmp/index.html; exec httpd -f -p {PORT} -h /tmp"
IPV4 = re.compile(r"\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\b")


class StubDns:
    """A UDP DNS server on 127.0.0.1:STUB_PORT answering OUTSIDE_NAME's A query, NXDOMAIN else."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", STUB_PORT))
        self.sock.settimeout(0.2)
        self.asked = []
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @staticmethod
    def question(query):
        labels, i = [], 12
        while query[i]:
            labels.append(query[i + 1:i + 1 + query[i]].decode())
            i += 1 + query[i]
        qtype = struct.unpack("!H", query[i + 1:i + 3])[0]
        return ".".join(labels).lower(), qtype, query[12:i + 5]

    def answer(self, query):
        name, qtype, question = self.question(query)
        self.asked.append((name, qtype))
        known = name == OUTSIDE_NAME
        flags = 0x8180 if known else 0x8183  # response, RD, RA; NXDOMAIN when unknown
        answers = b""
        if known and qtype == 1:
            answers = (b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4)
                       + socket.inet_aton(OUTSIDE_ADDRESS))
        header = query[:2] + struct.pack("!HHHHH", flags, 1, 1 if answers else 0, 0, 0)
        return header + question + answers

    def serve(self):
        while self.running:
            try:
                query, peer = self.sock.recvfrom(512)
                self.sock.sendto(self.answer(query), peer)
            except socket.timeout:
                continue
            except (IndexError, struct.error):
                continue  # not a question we can read

    def stop(self):
        self.running = False
        self.thread.join()
        self.sock.close()


class TaskDnsTest(BerthTestCase):
    @classmethod
    def setUpClass(cls):
        cls.stub = StubDns()

    @classmethod
    def tearDownClass(cls):
        cls.stub.stop()

    def setUp(self):
        super().setUp()
        self.sd = self.client(service="servicediscovery", inject_host_prefix=False)
        self.cluster = self.cluster_with_instance("py-dns")
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        existing = [n for n in self.sd.list_namespaces()["Namespaces"] if n["Name"] == ZONE]
        if existing:
            self.ns = existing[0]["Id"]
        else:
            op = self.sd.create_private_dns_namespace(Name=ZONE, Vpc="vpc-e2e")["OperationId"]
            self.ns = self.sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
        self.client_family = self.register(
            "py-dns-client", "awsvpc", {"name": "client", "command": ["sh", "-c", "sleep 1"]})

    def register(self, prefix, network_mode, container):
        definition = {"image": BUSYBOX_IMAGE, "essential": True, "memory": 64, "stopTimeout": 2}
        definition.update(container)
        extra = {"requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512"} \
            if network_mode == "awsvpc" else {}
        return self.ecs.register_task_definition(
            family=unique_name(prefix), networkMode=network_mode,
            containerDefinitions=[definition], **extra)["taskDefinition"]["taskDefinitionArn"]

    def registry(self, name, records):
        service = self.sd.create_service(
            Name=name, NamespaceId=self.ns, DnsConfig={"DnsRecords": records},
            HealthCheckCustomConfig={"FailureThreshold": 1})["Service"]
        self.addCleanup(self.sd.delete_service, Id=service["Id"])
        return service

    def service(self, name, task_definition, count, registries, **kwargs):
        self.ecs.create_service(cluster=self.cluster, serviceName=name,
                                taskDefinition=task_definition, desiredCount=count,
                                serviceRegistries=registries, **kwargs)
        self.addCleanup(self.delete_service, name)

    def delete_service(self, name):
        self.ecs.delete_service(cluster=self.cluster, service=name, force=True)
        self.ecs.get_waiter("services_inactive").wait(cluster=self.cluster, services=[name],
                                                      WaiterConfig=FAST_WAIT)

    def running_tasks(self, service, count):
        return running_service_tasks(self, self.ecs, self.cluster, service, count)

    def wait_instances(self, service, count):
        return discovered_instances(self, self.sd, ZONE, service, count)

    def run_client(self, script):
        """Runs `script` in a new awsvpc busybox task; its stdout once it printed DONE."""
        out = self.ecs.run_task(
            cluster=self.cluster, taskDefinition=self.client_family, launchType="FARGATE",
            networkConfiguration=AWSVPC,
            overrides={"containerOverrides": [{"name": "client", "command": [
                "sh", "-c", f"{script}; echo DONE; sleep 300"]}]})
        self.assertEqual([], out["failures"])
        arn = out["tasks"][0]["taskArn"]
        try:
            self.ecs.get_waiter("tasks_running").wait(cluster=self.cluster, tasks=[arn],
                                                      WaiterConfig=FAST_WAIT)
            return container_output(arn, "client")
        finally:
            self.ecs.stop_task(cluster=self.cluster, task=arn, reason="e2e client done")
            self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=[arn],
                                                      WaiterConfig=FAST_WAIT)

    def resolved(self, name):
        """The IPv4 addresses `nslookup name` printed in a client task (its server's aside)."""
        out = self.run_client(f"nslookup {name} | sed -n '/^Name:/,$p'")
        return set(IPV4.findall(out))

    def test_names_follow_the_services_tasks(self):
        registry = self.registry("backend", [{"Type": "A", "TTL": TTL}])
        backend = self.register("py-dns-backend", "awsvpc", {
            "name": "web", "portMappings": [{"containerPort": PORT}],
            "command": ["sh", "-c", BACKEND_COMMAND]})
        self.service("backend", backend, 2, [{"registryArn": registry["Arn"]}],
                     launchType="FARGATE", networkConfiguration=AWSVPC)
        tasks = self.running_tasks("backend", 2)
        self.wait_instances("backend", 2)

        out = self.run_client(f"nslookup backend.{ZONE}; "
                              f"wget -q -O- http://backend.{ZONE}:{PORT}/ | sed 's/^/BODY /'")
        self.assertEqual({task_address(t) for t in tasks},
                         set(IPV4.findall(out.split("Name:", 1)[-1].split("BODY", 1)[0])), out)
        self.assertIn("BODY backend-says-hello", out)

        self.ecs.update_service(cluster=self.cluster, service="backend", desiredCount=3)
        tasks = self.running_tasks("backend", 3)
        self.wait_instances("backend", 3)
        self.assertEqual({task_address(t) for t in tasks}, self.resolved(f"backend.{ZONE}"))

        victim = tasks[0]
        self.ecs.stop_task(cluster=self.cluster, task=victim["taskArn"], reason="e2e")
        stopped_at = time.time()
        while task_address(victim) in self.resolved(f"backend.{ZONE}"):
            self.assertLess(time.time() - stopped_at, TTL + 20,
                            "a stopped task's address was still answered past the TTL")
        # The lookups ran in client tasks: each takes a few seconds to start.
        self.assertLess(time.time() - stopped_at, TTL + 20)

    def test_srv_records_of_a_bridge_service_carry_its_host_ports(self):
        registry = self.registry("web", [{"Type": "SRV", "TTL": TTL}])
        web = self.register("py-dns-web", "bridge", {
            "name": "web", "portMappings": [{"containerPort": PORT, "hostPort": 0}],
            "command": ["sh", "-c", BACKEND_COMMAND]})
        self.service("web", web, 2, [{"registryArn": registry["Arn"], "containerName": "web",
                                      "containerPort": PORT}], launchType="EC2")
        tasks = self.running_tasks("web", 2)
        self.wait_instances("web", 2)
        host_ports = {b["hostPort"] for t in tasks for c in t["containers"]
                      for b in c.get("networkBindings", [])}
        self.assertEqual(2, len(host_ports))
        out = self.run_client(f"nslookup -type=SRV web.{ZONE}")
        # busybox: "web.demo.local  service = 1 1 32768 <task id>.web.demo.local"
        answered = {int(m) for m in re.findall(r"service = \d+ \d+ (\d+) ", out)}
        self.assertEqual(host_ports, answered, out)

    def test_names_outside_the_namespace_are_forwarded(self):
        self.assertEqual({OUTSIDE_ADDRESS}, self.resolved(OUTSIDE_NAME))
        self.assertIn((OUTSIDE_NAME, 1), self.stub.asked)
        # A name of the private namespace is answered by Berth, never forwarded.
        self.resolved(f"nothing-here.{ZONE}")
        self.assertNotIn(f"nothing-here.{ZONE}", {name for name, _ in self.stub.asked})


if __name__ == "__main__":
    unittest.main()
