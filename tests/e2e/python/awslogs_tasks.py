"""The awslogs log driver on the real engine through boto3 (issue 9): a task's lines read back
with the FilterLogEvents paginator (small pages) in order, from the stream
PREFIX/CONTAINER/TASK-ID, including the last line before the container exited; and
awslogs-region writing into that region's Logs. Not in the default discovery (needs Docker):
run as `python/run.sh awslogs_tasks` (the python-awslogs suite)."""

import time
import unittest

from berth_e2e import BerthTestCase, unique_name

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 60}


class AwsLogsTaskTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.logs = self.client(service="logs")
        self.cluster = self.cluster_with_instance("py-awslogs")

    def run_to_the_end(self, command, options):
        arn = self.ecs.register_task_definition(
            family=unique_name("py-awslogs"),
            containerDefinitions=[{
                "name": "app", "image": BUSYBOX_IMAGE, "memory": 32, "essential": True,
                "command": ["sh", "-c", command],
                "logConfiguration": {"logDriver": "awslogs", "options": options}}],
        )["taskDefinition"]["taskDefinitionArn"]
        task = self.ecs.run_task(cluster=self.cluster, taskDefinition=arn)["tasks"][0]
        self.ecs.get_waiter("tasks_stopped").wait(
            cluster=self.cluster, tasks=[task["taskArn"]], WaiterConfig=FAST_WAIT)
        stopped = self.ecs.describe_tasks(cluster=self.cluster, tasks=[task["taskArn"]])["tasks"][0]
        self.assertEqual(stopped["containers"][0].get("exitCode"), 0, stopped.get("stoppedReason"))
        return task["taskArn"].rsplit("/", 1)[1]

    def test_filter_log_events_paginator_reads_every_line_in_order(self):
        group = "/ecs/" + unique_name("py-awslogs")
        task_id = self.run_to_the_end(
            "echo from-stderr >&2; i=1; while [ $i -le 45 ]; do echo event-$i; i=$((i+1)); done",
            {"awslogs-group": group, "awslogs-create-group": "true",
             "awslogs-stream-prefix": "web"})
        self.addCleanup(self.logs.delete_log_group, logGroupName=group)
        pages = self.logs.get_paginator("filter_log_events").paginate(
            logGroupName=group, logStreamNamePrefix="web/app/",
            PaginationConfig={"PageSize": 10})
        events = [e for page in pages for e in page["events"]]
        # stdout and stderr are pipes the engine reads apart: only each one's order is defined.
        messages = [e["message"] for e in events]
        self.assertEqual(messages.count("from-stderr"), 1)
        self.assertEqual([m for m in messages if m != "from-stderr"],
                         ["event-%d" % i for i in range(1, 46)])
        self.assertEqual({e["logStreamName"] for e in events}, {"web/app/" + task_id})
        stamps = [e["timestamp"] for e in events]
        self.assertEqual(stamps, sorted(stamps))
        self.assertLess(abs(stamps[-1] - time.time() * 1000), 120_000)

    def test_awslogs_region_writes_into_that_regions_logs(self):
        group = "/ecs/" + unique_name("py-awslogs-eu")
        task_id = self.run_to_the_end(
            "echo in-eu", {"awslogs-group": group, "awslogs-create-group": "true",
                           "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p"})
        eu = self.client(service="logs", region="eu-west-1")
        self.addCleanup(eu.delete_log_group, logGroupName=group)
        got = eu.get_log_events(logGroupName=group, logStreamName="p/app/" + task_id,
                                startFromHead=True)["events"]
        self.assertEqual([e["message"] for e in got], ["in-eu"])
        here = self.logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
        self.assertEqual(here, [])


if __name__ == "__main__":
    unittest.main()
