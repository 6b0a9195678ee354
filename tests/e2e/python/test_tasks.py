"""Tasks on the real engine through boto3 (issue 3): RunTask with the tasks_running and
tasks_stopped waiters, a bridge task answering on its host port, a FARGATE awsvpc task
answering on its ENI's private address, ListTasks paginated, and RunTask's errors by class.
Needs a Docker engine and the test images (docker/engine.sh, docker/test-images.sh)."""

import socket
import unittest

from berth_e2e import BerthTestCase, http_get, stop_tasks_and_delete_cluster, unique_name

HTTPD_IMAGE = "public.ecr.aws/docker/library/httpd:latest"
BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 90}



def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TaskTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-tasks")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(self.clean_up)
        [self.instance] = self.container_instances(self.cluster)

    def clean_up(self):
        stop_tasks_and_delete_cluster(self.ecs, self.cluster)

    def register(self, containers, **kwargs):
        return self.ecs.register_task_definition(
            family=unique_name("py-task"), containerDefinitions=containers, **kwargs
        )["taskDefinition"]["taskDefinitionArn"]

    def httpd(self, host_port=0):
        return self.register([{"name": "web", "image": HTTPD_IMAGE, "memory": 64,
                               "essential": True,
                               "portMappings": [{"containerPort": 80, "hostPort": host_port}]}])

    def run_one(self, task_definition, **kwargs):
        out = self.ecs.run_task(cluster=self.cluster, taskDefinition=task_definition, **kwargs)
        self.assertEqual([], out["failures"])
        [task] = out["tasks"]
        self.assertIn(task["lastStatus"], ("PROVISIONING", "PENDING"))
        self.assertEqual("RUNNING", task["desiredStatus"])
        return task["taskArn"]

    def wait_running(self, arn):
        self.ecs.get_waiter("tasks_running").wait(cluster=self.cluster, tasks=[arn],
                                                  WaiterConfig=FAST_WAIT)
        [task] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[arn])["tasks"]
        self.assertEqual("RUNNING", task["lastStatus"])
        return task

    def stop(self, arn):
        stopped = self.ecs.stop_task(cluster=self.cluster, task=arn, reason="py: done")["task"]
        self.assertEqual("STOPPED", stopped["desiredStatus"])
        self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=[arn],
                                                  WaiterConfig=FAST_WAIT)
        [task] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[arn])["tasks"]
        self.assertEqual("STOPPED", task["lastStatus"])
        self.assertEqual("UserInitiated", task["stopCode"])
        self.assertEqual("py: done", task["stoppedReason"])
        self.assertIn("stoppedAt", task)
        return task

    def test_bridge_task_with_waiters_answers_on_its_host_port(self):
        arn = self.run_one(self.httpd(), startedBy="py-e2e")
        task = self.wait_running(arn)
        self.assertEqual(self.instance, task["containerInstanceArn"])
        self.assertEqual("py-e2e", task["startedBy"])
        [web] = task["containers"]
        self.assertEqual("RUNNING", web["lastStatus"])
        self.assertTrue(web["runtimeId"])
        # Docker (and ECS) may report one binding per address family: 0.0.0.0 and ::.
        bindings = web["networkBindings"]
        self.assertTrue(bindings)
        self.assertEqual({80}, {b["containerPort"] for b in bindings})
        self.assertEqual(1, len({b["hostPort"] for b in bindings}))
        self.assertIn("It works!", http_get(f"http://127.0.0.1:{bindings[0]['hostPort']}/"))
        self.stop(arn)

    def test_static_host_port(self):
        port = free_port()
        arn = self.run_one(self.httpd(port))
        task = self.wait_running(arn)
        self.assertEqual(port, task["containers"][0]["networkBindings"][0]["hostPort"])
        self.assertIn("It works!", http_get(f"http://127.0.0.1:{port}/"))
        self.stop(arn)

    def test_fargate_task_answers_on_its_eni_address(self):
        task_definition = self.ecs.register_task_definition(
            family=unique_name("py-fargate"), networkMode="awsvpc",
            requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
            containerDefinitions=[{"name": "web", "image": HTTPD_IMAGE, "essential": True,
                                   "portMappings": [{"containerPort": 80}]}],
        )["taskDefinition"]["taskDefinitionArn"]
        arn = self.run_one(task_definition, launchType="FARGATE", networkConfiguration={
            "awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"],
                                    "securityGroups": ["sg-0123456789abcdef0"],
                                    "assignPublicIp": "ENABLED"}})
        task = self.wait_running(arn)
        self.assertEqual("FARGATE", task["launchType"])
        self.assertNotIn("containerInstanceArn", task)
        self.assertEqual("1.4.0", task["platformVersion"])
        [eni] = task["attachments"]
        self.assertEqual("ElasticNetworkInterface", eni["type"])
        details = {d["name"]: d["value"] for d in eni["details"]}
        self.assertEqual("subnet-0123456789abcdef0", details["subnetId"])
        address = details["privateIPv4Address"]
        [interface] = task["containers"][0]["networkInterfaces"]
        self.assertEqual(address, interface["privateIpv4Address"])
        self.assertIn("It works!", http_get(f"http://{address}/"))
        self.stop(arn)

    def test_list_tasks_paginator_and_filters(self):
        sleeper = self.register([{"name": "sleep", "image": BUSYBOX_IMAGE, "memory": 16,
                                  "essential": True, "command": ["sleep", "600"]}])
        out = self.ecs.run_task(cluster=self.cluster, taskDefinition=sleeper, count=3,
                                startedBy="py-pages")
        arns = sorted(t["taskArn"] for t in out["tasks"])
        self.assertEqual(3, len(arns))
        pages = list(self.ecs.get_paginator("list_tasks").paginate(
            cluster=self.cluster, startedBy="py-pages", PaginationConfig={"PageSize": 2}))
        self.assertEqual(2, len(pages))
        self.assertEqual(arns, sorted(a for p in pages for a in p["taskArns"]))
        self.ecs.get_waiter("tasks_running").wait(cluster=self.cluster, tasks=arns,
                                                  WaiterConfig=FAST_WAIT)
        described = self.ecs.describe_tasks(cluster=self.cluster, tasks=arns + ["nope"],
                                            include=["TAGS"])
        self.assertEqual({"RUNNING"}, {t["lastStatus"] for t in described["tasks"]})
        self.assertEqual([{"arn": "nope", "reason": "MISSING"}], described["failures"])

    def test_run_task_errors_by_class(self):
        self.assertAwsError(self.ecs.exceptions.ClientException, self.ecs.run_task,
                            cluster=self.cluster, taskDefinition=unique_name("py-none"))
        self.assertAwsError(self.ecs.exceptions.ClusterNotFoundException, self.ecs.run_task,
                            cluster=unique_name("py-none"), taskDefinition=self.httpd())
        fargate = self.ecs.register_task_definition(
            family=unique_name("py-fargate"), networkMode="awsvpc",
            requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
            containerDefinitions=[{"name": "web", "image": HTTPD_IMAGE}],
        )["taskDefinition"]["taskDefinitionArn"]
        error = self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                                    self.ecs.run_task, cluster=self.cluster,
                                    taskDefinition=fargate, launchType="FARGATE")
        self.assertIn("Network Configuration must be provided", str(error))
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException, self.ecs.stop_task,
                            cluster=self.cluster, task="0123456789abcdef0123456789abcdef")


if __name__ == "__main__":
    unittest.main()
