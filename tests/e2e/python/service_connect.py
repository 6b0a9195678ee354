"""ECS Service Connect on the real engine (issue 13), with boto3. Berth answers Service Connect
by DNS instead of ECS's Envoy proxy (docs/fidelity.md): a Cloud Map namespace; a `backend`
service of awsvpc busybox httpd tasks whose named port mapping Service Connect publishes under a
client alias; a `frontend` service in the same namespace (client only) whose task calls
http://ALIAS:PORT with busybox wget and prints the page, read back with `docker logs`; and a
client that calls an alias whose port is not the container port (Berth redirects it inside the
backend task's network namespace). Checks
DescribeServices' echo of the configuration on the service's deployment, ECS's
ListServicesByNamespace, and Cloud Map's ListServices and ListInstances. Runs as
e2e.python-service-connect, alone (it needs port 53 of the Docker networks' gateways)."""

import time
import unittest

import botocore.exceptions

from berth_e2e import (BerthTestCase, delete_service_and_wait, running_service_tasks,
                       stop_tasks_and_delete_cluster, task_address, unique_name)
from tasks_inside import container_output

BUSYBOX_IMAGE = "berth-test/busybox:latest"
AWSVPC = {"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}}
NAMESPACE = "sc-e2e.local"
PORT = 8080
ALIAS = "backend-alias"
BACKEND_COMMAND = f"echo backend-says-hello > /tmp/index.html; exec httpd -f -p {PORT} -h /tmp"
# An alias whose port is not the container port: Berth redirects it in the task's namespace.
REDIRECTED_ALIAS = "redirected-alias"
REDIRECTED_PORT = 80


def frontend_command(alias, port):
    """No -T on busybox wget (it crashes); a failed lookup or connect exits at once, so it is
    retried."""
    return (f"until wget -q -O- http://{alias}:{port}/ > /tmp/page; do sleep 1; done; "
            "sed 's/^/BODY /' /tmp/page; echo DONE; sleep 300")


class ServiceConnectTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.sd = self.client(service="servicediscovery", inject_host_prefix=False)
        self.cluster = self.cluster_with_instance("py-sc")
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        existing = [n for n in self.sd.list_namespaces()["Namespaces"] if n["Name"] == NAMESPACE]
        if existing:
            self.ns = existing[0]
        else:
            op = self.sd.create_http_namespace(Name=NAMESPACE)["OperationId"]
            ns_id = self.sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
            self.ns = self.sd.get_namespace(Id=ns_id)["Namespace"]

    def register(self, prefix, container):
        definition = {"image": BUSYBOX_IMAGE, "essential": True, "memory": 64, "stopTimeout": 2}
        definition.update(container)
        return self.ecs.register_task_definition(
            family=unique_name(prefix), networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512", containerDefinitions=[definition],
        )["taskDefinition"]["taskDefinitionArn"]

    def service(self, name, task_definition, connect):
        out = self.ecs.create_service(
            cluster=self.cluster, serviceName=name, taskDefinition=task_definition,
            desiredCount=1, launchType="FARGATE", networkConfiguration=AWSVPC,
            serviceConnectConfiguration=connect)["service"]
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, name)
        return out

    def cloudmap_instances(self, service_id, count, timeout=60):
        found = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.sd.list_instances(ServiceId=service_id)["Instances"]
            if len(found) == count:
                return found
            time.sleep(0.5)
        self.fail(f"Cloud Map service {service_id} never had {count} instances: {found}")

    def test_a_client_reaches_a_service_by_its_client_alias(self):
        backend_connect = {
            "enabled": True, "namespace": NAMESPACE,
            "services": [{"portName": "http", "discoveryName": "backend",
                          "clientAliases": [{"port": PORT, "dnsName": ALIAS}]}]}
        backend = self.register("py-sc-backend", {
            "name": "web", "portMappings": [{"containerPort": PORT, "name": "http"}],
            "command": ["sh", "-c", BACKEND_COMMAND]})
        created = self.service("backend", backend, backend_connect)
        self.assertEqual(backend_connect,
                         created["deployments"][0]["serviceConnectConfiguration"])
        resources = created["deployments"][0]["serviceConnectResources"]
        self.assertEqual(["backend"], [r["discoveryName"] for r in resources])

        frontend = self.register("py-sc-frontend", {
            "name": "client", "command": ["sh", "-c", frontend_command(ALIAS, PORT)]})
        self.service("frontend", frontend, {"enabled": True, "namespace": self.ns["Arn"]})

        # ECS's view of the namespace (by name or ARN) and Cloud Map's.
        listed = self.ecs.list_services_by_namespace(namespace=NAMESPACE)["serviceArns"]
        self.assertEqual({"backend", "frontend"}, {a.rsplit("/", 1)[-1] for a in listed})
        self.assertEqual(sorted(listed), sorted(self.ecs.list_services_by_namespace(
            namespace=self.ns["Arn"])["serviceArns"]))
        cloudmap = self.sd.list_services(
            Filters=[{"Name": "NAMESPACE_ID", "Values": [self.ns["Id"]]}])["Services"]
        by_name = {s["Name"]: s for s in cloudmap}
        self.assertIn("backend", by_name)
        self.assertEqual(resources[0]["discoveryArn"], by_name["backend"]["Arn"])

        [serving] = running_service_tasks(self, self.ecs, self.cluster, "backend", 1)
        [instance] = self.cloudmap_instances(by_name["backend"]["Id"], 1)
        self.assertEqual(task_address(serving), instance["Attributes"]["AWS_INSTANCE_IPV4"])
        self.assertEqual(str(PORT), instance["Attributes"]["AWS_INSTANCE_PORT"])

        described = self.ecs.describe_services(cluster=self.cluster, services=["backend"])
        # ECS's Service shape has no serviceConnectConfiguration: its deployments carry it.
        self.assertNotIn("serviceConnectConfiguration", described["services"][0])
        self.assertEqual(backend_connect, described["services"][0]["deployments"][0][
            "serviceConnectConfiguration"])

        [client] = running_service_tasks(self, self.ecs, self.cluster, "frontend", 1)
        out = container_output(client["taskArn"], "client")
        self.assertIn("BODY backend-says-hello", out)

    def test_a_client_reaches_an_alias_port_that_is_not_the_container_port(self):
        backend = self.register("py-sc-redirected", {
            "name": "web", "portMappings": [{"containerPort": PORT, "name": "http"}],
            "command": ["sh", "-c", BACKEND_COMMAND]})
        self.service("redirected", backend, {
            "enabled": True, "namespace": NAMESPACE,
            "services": [{"portName": "http", "discoveryName": "redirected",
                          "clientAliases": [{"port": REDIRECTED_PORT,
                                             "dnsName": REDIRECTED_ALIAS}]}]})
        frontend = self.register("py-sc-redirect-client", {
            "name": "client",
            "command": ["sh", "-c", frontend_command(REDIRECTED_ALIAS, REDIRECTED_PORT)]})
        self.service("redirect-client", frontend, {"enabled": True, "namespace": NAMESPACE})

        # The backend listens on PORT only; the client calls the alias at REDIRECTED_PORT.
        running_service_tasks(self, self.ecs, self.cluster, "redirected", 1)
        [client] = running_service_tasks(self, self.ecs, self.cluster, "redirect-client", 1)
        out = container_output(client["taskArn"], "client")
        self.assertIn("BODY backend-says-hello", out)

    def test_a_bad_configuration_gets_ecs_errors(self):
        backend = self.register("py-sc-bad", {
            "name": "web", "portMappings": [{"containerPort": PORT, "name": "http"}]})
        cases = [
            ("NamespaceNotFoundException", {"enabled": True, "namespace": "nowhere.local"}),
            ("InvalidParameterException", {"enabled": True, "namespace": NAMESPACE,
                                           "services": [{"portName": "grpc"}]}),
        ]
        for code, connect in cases:
            with self.subTest(code=code):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    self.ecs.create_service(
                        cluster=self.cluster, serviceName="bad", taskDefinition=backend,
                        desiredCount=0, launchType="FARGATE", networkConfiguration=AWSVPC,
                        serviceConnectConfiguration=connect)
                self.assertEqual(code, caught.exception.response["Error"]["Code"])


if __name__ == "__main__":
    unittest.main()
