"""Container instances registered by the client with boto3 (issue 15), as moto-style tests
register "EC2 instances" before they run tasks: RegisterContainerInstance with instance
identity documents in two zones, a service spread across them by
attribute:ecs.availability-zone with its tasks running for real on the engine
(docker/engine.sh, docker/test-images.sh), distinctInstance refusing a third task, and
DeregisterContainerInstance refusing, then forcing, with the service moving its task."""

import json
import time
import unittest

from berth_e2e import (BerthTestCase, delete_service_and_wait, running_service_tasks,
                       stop_tasks_and_delete_cluster, task_containers, unique_name)

BUSYBOX_IMAGE = "berth-test/busybox:latest"


def identity_document(instance_id, zone):
    return json.dumps({"instanceId": instance_id, "availabilityZone": zone,
                       "instanceType": "t3.small", "imageId": "ami-12345678",
                       "region": "us-east-1", "privateIp": "10.0.0.1"})


class ContainerInstanceTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-instances")
        self.ecs.create_cluster(clusterName=self.cluster)
        # Cleanups run last first: the service, then the registered instances (they keep the
        # cluster), then the cluster.
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        self.addCleanup(self.deregister_all)
        [engine] = self.container_instances(self.cluster)
        # Berth's own instance takes no tasks here: only the registered ones do.
        self.ecs.update_container_instances_state(cluster=self.cluster,
                                                  containerInstances=[engine], status="DRAINING")
        self.instances = {}
        for instance_id, zone in (("i-00000000000000aaa", "us-east-1a"),
                                  ("i-00000000000000bbb", "us-east-1b")):
            ci = self.ecs.register_container_instance(
                cluster=self.cluster,
                instanceIdentityDocument=identity_document(instance_id, zone),
                totalResources=[{"name": "CPU", "type": "INTEGER", "integerValue": 1024},
                                {"name": "MEMORY", "type": "INTEGER", "integerValue": 2048}],
            )["containerInstance"]
            self.assertEqual(instance_id, ci["ec2InstanceId"])
            self.instances[zone] = ci["containerInstanceArn"]
        self.td = self.ecs.register_task_definition(
            family=unique_name("py-instances"),
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True,
                                   "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]}],
        )["taskDefinition"]["taskDefinitionArn"]

    def deregister_all(self):
        """Force-deregisters the registered instances and waits for the tasks that stops."""
        tasks = self.ecs.list_tasks(cluster=self.cluster)["taskArns"]
        for arn in self.instances.values():
            self.ecs.deregister_container_instance(cluster=self.cluster, containerInstance=arn,
                                                   force=True)
        if tasks:
            self.ecs.get_waiter("tasks_stopped").wait(
                cluster=self.cluster, tasks=tasks, WaiterConfig={"Delay": 1, "MaxAttempts": 60})

    def test_spread_by_zone_and_deregister(self):
        self.ecs.create_service(
            cluster=self.cluster, serviceName="web", taskDefinition=self.td, desiredCount=2,
            placementStrategy=[{"type": "spread", "field": "attribute:ecs.availability-zone"}])
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "web")
        tasks = running_service_tasks(self, self.ecs, self.cluster, "web", 2)
        self.assertEqual(sorted(self.instances.values()),
                         sorted(t["containerInstanceArn"] for t in tasks))
        for t in tasks:
            self.assertTrue(task_containers(t["taskArn"]), "each task runs a real container")
        described = self.ecs.describe_container_instances(
            cluster=self.cluster, containerInstances=list(self.instances.values()))
        self.assertEqual([1, 1], [ci["runningTasksCount"]
                                  for ci in described["containerInstances"]])

        # Deregistering an instance with a task on it needs force; then the task moves.
        zone_b = self.instances["us-east-1b"]
        err = self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                                  self.ecs.deregister_container_instance, cluster=self.cluster,
                                  containerInstance=zone_b)
        self.assertEqual("Found running tasks on the instance.", err.response["Error"]["Message"])
        gone = self.ecs.deregister_container_instance(cluster=self.cluster,
                                                      containerInstance=zone_b, force=True)
        self.assertEqual("INACTIVE", gone["containerInstance"]["status"])
        del self.instances["us-east-1b"]
        stopped = next(t for t in tasks if t["containerInstanceArn"] == zone_b)
        self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster,
                                                  tasks=[stopped["taskArn"]],
                                                  WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        deadline = time.time() + 60
        while time.time() < deadline:
            tasks = running_service_tasks(self, self.ecs, self.cluster, "web", 2)
            if all(t["containerInstanceArn"] == self.instances["us-east-1a"] for t in tasks):
                break
            time.sleep(0.5)
        self.assertEqual({self.instances["us-east-1a"]},
                         {t["containerInstanceArn"] for t in tasks})
        listed = self.ecs.list_container_instances(cluster=self.cluster)["containerInstanceArns"]
        self.assertNotIn(zone_b, listed)

    def test_distinct_instance_refuses_a_third_task(self):
        answer = self.ecs.run_task(cluster=self.cluster, taskDefinition=self.td, count=3,
                                   placementConstraints=[{"type": "distinctInstance"}])
        self.assertEqual(2, len(answer["tasks"]))
        self.assertEqual(sorted(self.instances.values()),
                         sorted(t["containerInstanceArn"] for t in answer["tasks"]))
        self.assertEqual(1, len(answer["failures"]), answer["failures"])


if __name__ == "__main__":
    unittest.main()
