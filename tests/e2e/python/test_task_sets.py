"""Task sets with boto3 (issue 15): an EXTERNAL service deployed blue/green by hand as an
external controller would, CreateTaskSet, UpdateTaskSet, UpdateServicePrimaryTaskSet,
DescribeTaskSets and DeleteTaskSet, each task set's tasks running for real on the engine
(docker/engine.sh, docker/test-images.sh), and ECS's errors."""

import time
import unittest

import botocore

from berth_e2e import (BerthTestCase, delete_service_and_wait, running_service_tasks,
                       stop_tasks_and_delete_cluster, task_containers, unique_name)

BUSYBOX_IMAGE = "berth-test/busybox:latest"


class TaskSetTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-tasksets")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        self.container_instances(self.cluster)
        family = unique_name("py-tasksets")
        self.blue_td, self.green_td = [
            self.ecs.register_task_definition(
                family=family,
                containerDefinitions=[{
                    "name": "app", "image": BUSYBOX_IMAGE, "memory": 16, "essential": True,
                    "environment": [{"name": "COLOR", "value": color}],
                    "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]}],
            )["taskDefinition"]["taskDefinitionArn"] for color in ("blue", "green")]
        self.ecs.create_service(cluster=self.cluster, serviceName="web", desiredCount=2,
                                deploymentController={"type": "EXTERNAL"})
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "web")

    def task_set(self, ref):
        out = self.ecs.describe_task_sets(cluster=self.cluster, service="web", taskSets=[ref])
        self.assertEqual([], out["failures"])
        return out["taskSets"][0]

    def steady(self, ref, timeout=90):
        """The task set once it reports STEADY_STATE."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            ts = self.task_set(ref)
            if ts["stabilityStatus"] == "STEADY_STATE":
                return ts
            time.sleep(0.5)
        self.fail(f"task set {ref} never reached a steady state: {ts}")

    def tasks_by_task_set(self):
        arns = self.ecs.list_tasks(cluster=self.cluster, serviceName="web",
                                   desiredStatus="RUNNING")["taskArns"]
        tasks = self.ecs.describe_tasks(cluster=self.cluster, tasks=arns)["tasks"] if arns else []
        out = {}
        for t in tasks:
            out.setdefault(t["startedBy"], []).append(t)
        return out

    def test_blue_green_by_task_sets(self):
        blue = self.ecs.create_task_set(cluster=self.cluster, service="web",
                                        taskDefinition=self.blue_td, externalId="deploy-1",
                                        scale={"value": 100.0, "unit": "PERCENT"})["taskSet"]
        self.assertEqual("ACTIVE", blue["status"])
        self.assertEqual(2, blue["computedDesiredCount"])
        self.ecs.update_service_primary_task_set(cluster=self.cluster, service="web",
                                                 primaryTaskSet=blue["taskSetArn"])
        tasks = running_service_tasks(self, self.ecs, self.cluster, "web", 2)
        for t in tasks:
            self.assertEqual(blue["id"], t["startedBy"])
            self.assertEqual(self.blue_td, t["taskDefinitionArn"])
            self.assertTrue(task_containers(t["taskArn"]), "each task runs a real container")
        ts = self.steady(blue["id"])
        self.assertEqual((2, 0, "PRIMARY"), (ts["runningCount"], ts["pendingCount"], ts["status"]))
        service = self.ecs.describe_services(cluster=self.cluster, services=["web"])["services"][0]
        self.assertEqual(self.blue_td, service["taskDefinition"])
        self.assertEqual(2, service["runningCount"])
        self.assertEqual([blue["id"]], [t["id"] for t in service["taskSets"]])

        # Green beside blue at half scale, then primary, then full scale; blue scaled away.
        green = self.ecs.create_task_set(cluster=self.cluster, service="web",
                                         taskDefinition=self.green_td,
                                         scale={"value": 50.0, "unit": "PERCENT"})["taskSet"]
        self.assertEqual(1, green["computedDesiredCount"])
        self.assertEqual(1, self.steady(green["taskSetArn"])["runningCount"])
        self.assertEqual(2, len(self.tasks_by_task_set()[blue["id"]]))
        self.ecs.update_service_primary_task_set(cluster=self.cluster, service="web",
                                                 primaryTaskSet=green["id"])
        self.assertEqual("ACTIVE", self.task_set(blue["id"])["status"])
        self.ecs.update_task_set(cluster=self.cluster, service="web", taskSet=green["id"],
                                 scale={"value": 100.0, "unit": "PERCENT"})
        self.assertEqual(2, self.steady(green["id"])["runningCount"])
        self.ecs.update_task_set(cluster=self.cluster, service="web", taskSet=blue["id"],
                                 scale={"value": 0.0, "unit": "PERCENT"})
        self.assertEqual(0, self.steady(blue["id"])["runningCount"])
        by_set = self.tasks_by_task_set()
        self.assertEqual([green["id"]], list(by_set))
        self.assertEqual({self.green_td}, {t["taskDefinitionArn"] for t in by_set[green["id"]]})

        # Blue deleted: DRAINING, then gone.
        deleted = self.ecs.delete_task_set(cluster=self.cluster, service="web",
                                           taskSet=blue["taskSetArn"])["taskSet"]
        self.assertEqual("DRAINING", deleted["status"])
        deadline = time.time() + 60
        while time.time() < deadline:
            out = self.ecs.describe_task_sets(cluster=self.cluster, service="web",
                                              taskSets=[blue["taskSetArn"]])
            if out["failures"]:
                break
            time.sleep(0.5)
        self.assertEqual([{"arn": blue["taskSetArn"], "reason": "MISSING"}], out["failures"])
        service = self.ecs.describe_services(cluster=self.cluster, services=["web"])["services"][0]
        self.assertEqual(self.green_td, service["taskDefinition"])
        self.assertEqual([green["id"]], [t["id"] for t in service["taskSets"]])

        # The service's count drives the task set's: desiredCount 3 at 100% is 3 tasks.
        self.ecs.update_service(cluster=self.cluster, service="web", desiredCount=3)
        self.assertEqual(3, self.steady(green["id"])["runningCount"])

    def test_errors(self):
        self.ecs.create_service(cluster=self.cluster, serviceName="rolling", desiredCount=0,
                                taskDefinition=self.blue_td)
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "rolling")
        err = self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                                  self.ecs.create_task_set, cluster=self.cluster,
                                  service="rolling", taskDefinition=self.blue_td)
        self.assertIn("external deployment controllers", err.response["Error"]["Message"])
        self.assertAwsError(self.ecs.exceptions.ServiceNotFoundException,
                            self.ecs.create_task_set, cluster=self.cluster, service="nope",
                            taskDefinition=self.blue_td)
        self.assertAwsError(self.ecs.exceptions.TaskSetNotFoundException,
                            self.ecs.update_task_set, cluster=self.cluster, service="web",
                            taskSet="ecs-svc/1234567890123456789",
                            scale={"value": 10.0, "unit": "PERCENT"})
        self.assertAwsError(self.ecs.exceptions.TaskSetNotFoundException,
                            self.ecs.delete_task_set, cluster=self.cluster, service="web",
                            taskSet="ecs-svc/1234567890123456789")
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                            self.ecs.describe_task_sets, cluster=self.cluster, service="web")
        # A task set scaled above 0 goes only with force.
        ts = self.ecs.create_task_set(cluster=self.cluster, service="web",
                                      taskDefinition=self.blue_td,
                                      scale={"value": 50.0, "unit": "PERCENT"})["taskSet"]
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                            self.ecs.delete_task_set, cluster=self.cluster, service="web",
                            taskSet=ts["id"])
        self.assertEqual("DRAINING", self.ecs.delete_task_set(
            cluster=self.cluster, service="web", taskSet=ts["id"], force=True)["taskSet"]["status"])
        # UpdateService cannot change what task sets decide.
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.ecs.update_service(cluster=self.cluster, service="web",
                                    taskDefinition=self.green_td)
        self.assertEqual("InvalidParameterException", ctx.exception.response["Error"]["Code"])


if __name__ == "__main__":
    unittest.main()
