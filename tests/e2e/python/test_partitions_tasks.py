"""Tasks of two regions on one engine (issue 5), through boto3 and the docker cli.

The same cluster and task definition family in us-east-1 and eu-west-1 of one account: each
region's cluster gets its own container instance, a task run in each is its own task (ARNs,
ListTasks, DescribeTasks, StopTask stay in their region), and on the engine both run side by
side, their containers labelled with their partition (berth.partition = "<account>/<region>")
and their own cluster ARN. With services: the same service in both regions gets its own task
in each. Needs a Docker engine and the test images (docker/engine.sh, docker/test-images.sh);
skipped, saying why, when the engine does not answer.
"""

import json
import shutil
import subprocess
import unittest

import botocore.exceptions

from berth_e2e import unique_name
from test_partitions import ACCOUNT_A, ACCOUNT_B, EU, US, PartitionTestCase, arn, label

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 90}
PARTITION_LABEL = "berth.partition"
TASK_ARN_LABEL = "com.amazonaws.ecs.task-arn"
CLUSTER_LABEL = "com.amazonaws.ecs.cluster"
ROLE_LABEL = "berth.role"
REGIONS = ((ACCOUNT_A, US), (ACCOUNT_A, EU))


def docker(*args):
    result = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"docker {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def engine_problem():
    """Why tasks cannot run here, or None."""
    if shutil.which("docker") is None:
        return "no docker cli"
    try:
        docker("version", "--format", "{{.Server.Version}}")
    except (AssertionError, subprocess.TimeoutExpired) as e:
        return f"no Docker engine answers (bash docker/engine.sh starts one): {e}"
    try:
        docker("image", "inspect", BUSYBOX_IMAGE)
    except AssertionError:
        return f"no {BUSYBOX_IMAGE} image (bash docker/test-images.sh makes it)"
    return None


def task_containers(**labels):
    """docker inspect of the task containers (not sandboxes) carrying all `labels`."""
    filters = [f"--filter=label={k}={v}" for k, v in labels.items()]
    ids = docker("ps", "-a", "-q", "--no-trunc", f"--filter=label={ROLE_LABEL}=task",
                 *filters).split()
    return json.loads(docker("inspect", *ids)) if ids else []


class PartitionTaskTest(PartitionTestCase):
    @classmethod
    def setUpClass(cls):
        problem = engine_problem()
        if problem:
            raise unittest.SkipTest(problem)

    def setUp(self):
        super().setUp()
        self.cluster = unique_name("part-run")
        self.family = unique_name("part-run")
        for p in REGIONS:
            ecs = self.ecs_in[p]
            ecs.create_cluster(clusterName=self.cluster)
            self.addCleanup(self.clean_up, ecs)
            ecs.register_task_definition(family=self.family, containerDefinitions=[
                {"name": "sleep", "image": BUSYBOX_IMAGE, "memory": 16, "essential": True,
                 "command": ["sleep", "600"], "stopTimeout": 2}])  # sleep ignores SIGTERM

    def clean_up(self, ecs):
        running = ecs.list_tasks(cluster=self.cluster)["taskArns"]
        for task in running:
            ecs.stop_task(cluster=self.cluster, task=task, reason="test cleanup")
        if running:
            ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=running,
                                                 WaiterConfig=FAST_WAIT)
        ecs.delete_cluster(cluster=self.cluster)

    def wait_running(self, p, task_arns):
        ecs = self.ecs_in[p]
        ecs.get_waiter("tasks_running").wait(cluster=self.cluster, tasks=task_arns,
                                             WaiterConfig=FAST_WAIT)
        return ecs.describe_tasks(cluster=self.cluster, tasks=task_arns)["tasks"]

    def test_same_cluster_and_family_run_side_by_side_in_two_regions(self):
        tasks = {}
        for p in REGIONS:
            [instance] = self.container_instances(self.cluster, self.ecs_in[p])
            self.assertTrue(instance.startswith(arn(*p, f"container-instance/{self.cluster}/")))
            out = self.ecs_in[p].run_task(cluster=self.cluster, taskDefinition=self.family)
            self.assertEqual([], out["failures"])
            [task] = out["tasks"]
            self.assertTrue(task["taskArn"].startswith(arn(*p, f"task/{self.cluster}/")))
            self.assertEqual(arn(*p, f"task-definition/{self.family}:1"),
                             task["taskDefinitionArn"])
            tasks[p] = task["taskArn"]
        for p in REGIONS:
            [task] = self.wait_running(p, [tasks[p]])
            self.assertEqual("RUNNING", task["containers"][0]["lastStatus"])

        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        us_task, eu_task = tasks[(ACCOUNT_A, US)], tasks[(ACCOUNT_A, EU)]
        self.assertEqual([us_task], us.list_tasks(cluster=self.cluster)["taskArns"])
        self.assertEqual([eu_task], eu.list_tasks(cluster=self.cluster)["taskArns"])
        for ecs in (us, eu):
            [cluster] = ecs.describe_clusters(clusters=[self.cluster])["clusters"]
            self.assertEqual(1, cluster["runningTasksCount"])

        # Across regions a task id finds nothing, a task ARN is refused; across accounts too.
        us_id = us_task.rsplit("/", 1)[1]
        out = eu.describe_tasks(cluster=self.cluster, tasks=[us_id])
        self.assertEqual([{"arn": us_id, "reason": "MISSING"}], out["failures"])
        self.assertRegionRefused(eu, eu.describe_tasks, cluster=self.cluster, tasks=[us_task])
        self.assertRegionRefused(eu, eu.stop_task, cluster=self.cluster, task=us_task)
        b = self.ecs_in[(ACCOUNT_B, US)]
        b.create_cluster(clusterName=self.cluster)  # so that only the task ARN is wrong
        self.addCleanup(b.delete_cluster, cluster=self.cluster)
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.describe_tasks,
                                  cluster=self.cluster, tasks=[us_task])

        # On the engine: one running container per task, labelled with its own partition.
        names = set()
        for p in REGIONS:
            [container] = task_containers(**{TASK_ARN_LABEL: tasks[p]})
            labels = container["Config"]["Labels"]
            self.assertEqual(label(p), labels[PARTITION_LABEL])
            self.assertEqual(arn(*p, f"cluster/{self.cluster}"), labels[CLUSTER_LABEL])
            self.assertTrue(container["State"]["Running"], container["Name"])
            names.add(container["Name"])
            by_partition = task_containers(**{PARTITION_LABEL: label(p),
                                              CLUSTER_LABEL: arn(*p, f"cluster/{self.cluster}")})
            self.assertEqual([tasks[p]], [c["Config"]["Labels"][TASK_ARN_LABEL]
                                          for c in by_partition])
        self.assertEqual(2, len(names))

        # Stopping us-east-1's task stops its container only.
        us.stop_task(cluster=self.cluster, task=us_task, reason="part-e2e")
        us.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=[us_task],
                                            WaiterConfig=FAST_WAIT)
        [still] = eu.describe_tasks(cluster=self.cluster, tasks=[eu_task])["tasks"]
        self.assertEqual("RUNNING", still["lastStatus"])
        [container] = task_containers(**{TASK_ARN_LABEL: eu_task})
        self.assertTrue(container["State"]["Running"])
        for container in task_containers(**{TASK_ARN_LABEL: us_task}):
            self.assertFalse(container["State"]["Running"])

    def delete_service(self, ecs, name):
        """Deleted and INACTIVE, so that its cluster can go: ECS refuses to delete a cluster
        while a service is ACTIVE or DRAINING."""
        ecs.delete_service(cluster=self.cluster, service=name, force=True)
        ecs.get_waiter("services_inactive").wait(cluster=self.cluster, services=[name],
                                                 WaiterConfig=FAST_WAIT)

    def test_same_service_in_two_regions_gets_a_task_in_each(self):
        name = unique_name("part-run-svc")
        for p in REGIONS:
            self.container_instances(self.cluster, self.ecs_in[p])
            ecs = self.ecs_in[p]
            try:
                service = ecs.create_service(cluster=self.cluster, serviceName=name,
                                             taskDefinition=self.family, desiredCount=1)
            except botocore.exceptions.ClientError as e:
                if e.response["Error"]["Code"] != "UnsupportedFeatureException":
                    raise
                self.recorder.problems.clear()
                self.skipTest("this Berth has no service operations yet")
            self.assertEqual(arn(*p, f"service/{self.cluster}/{name}"),
                             service["service"]["serviceArn"])
            # Runs before clean_up (cleanups run last-in first-out).
            self.addCleanup(self.delete_service, ecs, name)

        for p in REGIONS:
            ecs = self.ecs_in[p]
            ecs.get_waiter("services_stable").wait(cluster=self.cluster, services=[name],
                                                   WaiterConfig=FAST_WAIT)
            arns = ecs.list_tasks(cluster=self.cluster, serviceName=name)["taskArns"]
            self.assertEqual(1, len(arns), p)
            self.assertTrue(arns[0].startswith(arn(*p, f"task/{self.cluster}/")))
            [task] = ecs.describe_tasks(cluster=self.cluster, tasks=arns)["tasks"]
            self.assertEqual("RUNNING", task["lastStatus"])
            self.assertTrue(task["startedBy"].startswith("ecs-svc/"), task["startedBy"])
            [container] = task_containers(**{TASK_ARN_LABEL: arns[0]})
            self.assertEqual(label(p), container["Config"]["Labels"][PARTITION_LABEL])
            self.assertTrue(container["State"]["Running"])


if __name__ == "__main__":
    unittest.main()
