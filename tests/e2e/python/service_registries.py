"""ECS serviceRegistries on the real engine (issue 13): an ECS service of awsvpc busybox tasks
registered in a private DNS namespace demo.local. DiscoverInstances lists both tasks'
addresses, scaling to three lists three, and a stopped task is deregistered; CreateService
refuses registries ECS would refuse. Not in the generic python suite: it runs as
e2e.python-service-registries, alone (it needs docker/engine.sh and docker/test-images.sh)."""

import time
import unittest

from berth_e2e import (BerthTestCase, discovered_instances, running_service_tasks, task_address,
                       unique_name)

BUSYBOX_IMAGE = "berth-test/busybox:latest"
AWSVPC = {"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}}


class ServiceRegistriesTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.sd = self.client(service="servicediscovery", inject_host_prefix=False)
        self.cluster = self.cluster_with_instance("py-sd")
        self.zone = "demo.local"
        existing = [n for n in self.sd.list_namespaces()["Namespaces"] if n["Name"] == self.zone]
        if existing:
            self.ns = existing[0]["Id"]
        else:
            op = self.sd.create_private_dns_namespace(Name=self.zone, Vpc="vpc-e2e")["OperationId"]
            self.sd.get_operation(OperationId=op)
            self.ns = self.sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
        self.name = unique_name("backend")
        self.registry = self.sd.create_service(
            Name=self.name, NamespaceId=self.ns,
            DnsConfig={"DnsRecords": [{"Type": "A", "TTL": 10}]},
            HealthCheckCustomConfig={"FailureThreshold": 1})["Service"]
        self.family = unique_name("py-sd")
        self.td = self.ecs.register_task_definition(
            family=self.family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{"name": "web", "image": BUSYBOX_IMAGE, "essential": True,
                                   "portMappings": [{"containerPort": 8080}],
                                   "stopTimeout": 2,
                                   "command": ["sh", "-c", "sleep 600"]}],
        )["taskDefinition"]["taskDefinitionArn"]

    def tearDown(self):
        try:
            self.ecs.delete_service(cluster=self.cluster, service="backend", force=True)
            deleted = True
        except self.ecs.exceptions.ServiceNotFoundException:
            deleted = False  # the test made none
        tasks = self.ecs.list_tasks(cluster=self.cluster)["taskArns"]
        for arn in tasks:
            self.ecs.stop_task(cluster=self.cluster, task=arn)
        if tasks:
            self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=tasks,
                                                      WaiterConfig={"Delay": 1, "MaxAttempts": 90})
        self.wait_instances(0)
        if deleted:
            self.ecs.get_waiter("services_inactive").wait(cluster=self.cluster, services=["backend"],
                                                          WaiterConfig={"Delay": 1, "MaxAttempts": 90})
        self.sd.delete_service(Id=self.registry["Id"])
        super().tearDown()

    def discovered(self):
        found = self.sd.discover_instances(NamespaceName=self.zone, ServiceName=self.name,
                                           HealthStatus="ALL")["Instances"]
        return {i["InstanceId"]: i["Attributes"] for i in found}

    def wait_instances(self, count):
        found = discovered_instances(self, self.sd, self.zone, self.name, count)
        return {i["InstanceId"]: i["Attributes"] for i in found}

    def running_tasks(self, count):
        return running_service_tasks(self, self.ecs, self.cluster, "backend", count)

    def test_tasks_register_scale_and_deregister(self):
        self.ecs.create_service(
            cluster=self.cluster, serviceName="backend", taskDefinition=self.td, desiredCount=2,
            launchType="FARGATE", networkConfiguration=AWSVPC,
            serviceRegistries=[{"registryArn": self.registry["Arn"]}])
        described = self.ecs.describe_services(cluster=self.cluster, services=["backend"])
        self.assertEqual([{"registryArn": self.registry["Arn"]}],
                         described["services"][0]["serviceRegistries"])
        tasks = self.running_tasks(2)
        found = self.wait_instances(2)
        self.assertEqual({t["taskArn"].rsplit("/", 1)[1]: task_address(t) for t in tasks},
                         {i: a["AWS_INSTANCE_IPV4"] for i, a in found.items()})
        attributes = next(iter(found.values()))
        self.assertEqual(self.cluster, attributes["ECS_CLUSTER_NAME"])
        self.assertEqual("backend", attributes["ECS_SERVICE_NAME"])
        self.assertEqual(self.family, attributes["ECS_TASK_DEFINITION_FAMILY"])
        self.assertIn("AVAILABILITY_ZONE", attributes)
        self.assertEqual("HEALTHY", attributes["AWS_INIT_HEALTH_STATUS"])

        self.ecs.update_service(cluster=self.cluster, service="backend", desiredCount=3)
        self.running_tasks(3)
        self.assertEqual(3, len(self.wait_instances(3)))

        victim = tasks[0]["taskArn"]
        self.ecs.stop_task(cluster=self.cluster, task=victim, reason="e2e")
        victim_id = victim.rsplit("/", 1)[1]
        deadline = time.time() + 60
        while victim_id in self.discovered() and time.time() < deadline:
            time.sleep(0.5)
        self.assertNotIn(victim_id, self.discovered())

    def test_create_service_checks_the_registries(self):
        errors = self.ecs.exceptions
        missing = self.registry["Arn"].rsplit("/", 1)[0] + "/srv-doesnotexist0000"
        base = dict(cluster=self.cluster, taskDefinition=self.td, desiredCount=0,
                    launchType="FARGATE", networkConfiguration=AWSVPC)
        self.assertAwsError(errors.InvalidParameterException, self.ecs.create_service,
                            serviceName="bad1", serviceRegistries=[{"registryArn": missing}], **base)
        error = self.assertAwsError(
            errors.InvalidParameterException, self.ecs.create_service, serviceName="bad2",
            serviceRegistries=[{"registryArn": self.registry["Arn"], "port": 80}], **base)
        self.assertIn("A port was provided but is not required",
                      error.response["Error"]["Message"])
        self.assertAwsError(errors.InvalidParameterException, self.ecs.create_service,
                            serviceName="bad3",
                            serviceRegistries=[{"registryArn": self.registry["Arn"]}] * 2, **base)


if __name__ == "__main__":
    unittest.main()
