"""Task scale-in protection with boto3 (issue 15): UpdateTaskProtection and GetTaskProtection,
their failures and errors, and a service scaled in around its protected task. Runs real
containers (docker/engine.sh, docker/test-images.sh)."""

import unittest

from berth_e2e import (BerthTestCase, delete_service_and_wait, running_service_tasks,
                       stop_tasks_and_delete_cluster, unique_name)

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 120}
MISSING_ID = "0000000000000000000000000000000f"


class TaskProtectionTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-protect")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        # The shell exits on SIGTERM, so that stopped tasks go at once.
        self.td = self.ecs.register_task_definition(
            family=unique_name("py-protect"),
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True,
                                   "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]}],
        )["taskDefinition"]["taskDefinitionArn"]

    def service(self, count):
        self.ecs.create_service(cluster=self.cluster, serviceName="web", taskDefinition=self.td,
                                desiredCount=count)
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "web")
        return running_service_tasks(self, self.ecs, self.cluster, "web", count)

    def protect(self, tasks, **kwargs):
        return self.ecs.update_task_protection(cluster=self.cluster, tasks=tasks,
                                               protectionEnabled=True, **kwargs)

    def test_scale_in_keeps_the_protected_task(self):
        [first] = self.service(1)
        other = first["taskArn"]
        # A second task, started later: the one a scale-in stops first (the newest), unless it
        # is protected.
        self.ecs.update_service(cluster=self.cluster, service="web", desiredCount=2)
        tasks = running_service_tasks(self, self.ecs, self.cluster, "web", 2)
        newest = next(t["taskArn"] for t in tasks if t["taskArn"] != other)
        answer = self.protect([newest], expiresInMinutes=60)
        self.assertEqual([], answer["failures"])
        [protected] = answer["protectedTasks"]
        self.assertEqual(newest, protected["taskArn"])
        self.assertTrue(protected["protectionEnabled"])
        self.assertIn("expirationDate", protected)

        self.ecs.update_service(cluster=self.cluster, service="web", desiredCount=1)
        self.ecs.get_waiter("services_stable").wait(cluster=self.cluster, services=["web"],
                                                    WaiterConfig=FAST_WAIT)
        running = self.ecs.list_tasks(cluster=self.cluster, serviceName="web",
                                      desiredStatus="RUNNING")["taskArns"]
        self.assertEqual([newest], running)
        [kept] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[newest])["tasks"]
        self.assertEqual("RUNNING", kept["lastStatus"])
        [gone] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[other])["tasks"]
        self.assertEqual("STOPPED", gone["desiredStatus"])

        got = self.ecs.get_task_protection(cluster=self.cluster, tasks=[newest])
        self.assertTrue(got["protectedTasks"][0]["protectionEnabled"])
        off = self.ecs.update_task_protection(cluster=self.cluster, tasks=[newest],
                                              protectionEnabled=False)["protectedTasks"][0]
        self.assertFalse(off["protectionEnabled"])
        self.assertNotIn("expirationDate", off)

    def test_standalone_and_unknown_tasks_are_failures(self):
        [standalone] = self.ecs.run_task(cluster=self.cluster, taskDefinition=self.td)["tasks"]
        answer = self.protect([standalone["taskArn"], MISSING_ID])
        self.assertEqual([], answer["protectedTasks"])
        self.assertEqual([{"arn": standalone["taskArn"], "reason": "TASK_NOT_VALID"},
                          {"arn": MISSING_ID, "reason": "MISSING"}], answer["failures"])
        got = self.ecs.get_task_protection(cluster=self.cluster, tasks=[MISSING_ID])
        self.assertEqual("MISSING", got["failures"][0]["reason"])

    def test_expires_in_minutes_out_of_range_and_unknown_cluster(self):
        exceptions = self.ecs.exceptions
        for minutes in (0, 2881):
            self.assertAwsError(exceptions.InvalidParameterException, self.protect,
                                [MISSING_ID], expiresInMinutes=minutes)
        self.assertAwsError(exceptions.ClusterNotFoundException,
                            self.ecs.get_task_protection, cluster=unique_name("nope"))


if __name__ == "__main__":
    unittest.main()
