"""Task scale-in protection with boto3 (issue 15): UpdateTaskProtection and GetTaskProtection,
their failures and errors, a service scaled in around its protected task, and a task that
protects itself through $ECS_AGENT_URI/task-protection/v1/state from inside its container. Runs
real containers (docker/engine.sh, docker/test-images.sh)."""

import datetime
import json
import unittest

from berth_e2e import (BerthTestCase, delete_service_and_wait, running_service_tasks,
                       stop_tasks_and_delete_cluster, unique_name)
from tasks_inside import container_output, lines

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 120}
MISSING_ID = "0000000000000000000000000000000f"
ROLE_ARN = "arn:aws:iam::000000000000:role/e2e-task-role"

# Inside the task: a PUT to the agent endpoint (busybox wget only GETs, so the request is
# written by hand to nc), then a GET; each answer's body on a line of its own. A bridge
# container reaches 169.254.170.2 once it has started (docs/fidelity.md), hence the sleep.
SELF_PROTECT = r"""
sleep 1
path=${ECS_AGENT_URI#http://169.254.170.2}/task-protection/v1/state
body='{"ProtectionEnabled":true,"ExpiresInMinutes":30}'
printf 'PUT %s HTTP/1.1\r\nHost: 169.254.170.2\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "$path" "${#body}" "$body" | nc 169.254.170.2 80 > /tmp/answer
echo "PUT $(tail -n 1 /tmp/answer)"
echo "STATUS $(head -n 1 /tmp/answer)"
echo "GET $(wget -q -O - "$ECS_AGENT_URI/task-protection/v1/state" || echo FAILED)"
echo DONE
trap 'exit 0' TERM; sleep 600 & wait
"""


class TaskProtectionTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-protect")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)
        self.container_instances(self.cluster)  # EC2 RunTask needs Berth's instance registered
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

    def test_a_task_protects_itself_through_the_agent_endpoint(self):
        td = self.ecs.register_task_definition(
            family=unique_name("py-protect-self"), taskRoleArn=ROLE_ARN,
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True, "command": ["sh", "-c", SELF_PROTECT]}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.ecs.create_service(cluster=self.cluster, serviceName="self", taskDefinition=td,
                                desiredCount=1)
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "self")
        [task] = running_service_tasks(self, self.ecs, self.cluster, "self", 1)
        arn = task["taskArn"]
        out = container_output(arn, "app")

        self.assertRegex(lines(out, "STATUS")[0], r"^HTTP/1\.[01] 200", out)
        put = json.loads(lines(out, "PUT")[0])
        self.assertEqual({"ProtectionEnabled": True, "TaskArn": arn},
                         {k: v for k, v in put["protection"].items() if k != "ExpirationDate"})
        self.assertEqual(put, json.loads(lines(out, "GET")[0]))

        # ECS's API sees what the container set: protected for about 30 minutes from now.
        [got] = self.ecs.get_task_protection(cluster=self.cluster, tasks=[arn])["protectedTasks"]
        self.assertTrue(got["protectionEnabled"])
        left = got["expirationDate"] - datetime.datetime.now(datetime.timezone.utc)
        self.assertGreater(left, datetime.timedelta(minutes=28))
        self.assertLessEqual(left, datetime.timedelta(minutes=30))

    def test_a_task_without_a_role_is_refused_by_the_agent_endpoint(self):
        td = self.ecs.register_task_definition(
            family=unique_name("py-protect-norole"),
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True, "command": ["sh", "-c", SELF_PROTECT]}],
        )["taskDefinition"]["taskDefinitionArn"]
        [task] = self.ecs.run_task(cluster=self.cluster, taskDefinition=td)["tasks"]
        out = container_output(task["taskArn"], "app")
        self.assertRegex(lines(out, "STATUS")[0], r"^HTTP/1\.[01] 403", out)
        self.assertEqual("AccessDeniedException", json.loads(lines(out, "PUT")[0])["error"]["Code"])
        self.assertEqual(["FAILED"], lines(out, "GET"))  # wget fails on the 403


if __name__ == "__main__":
    unittest.main()
