"""Inside a task on the real engine (issue 9): the environment ECS sets, the task metadata
endpoint v4 at $ECS_CONTAINER_METADATA_URI_V4, the task role's credentials at 169.254.170.2,
for a FARGATE (awsvpc) task and a bridge task, and an unmodified boto3 inside a task calling
STS with no keys in its environment. The containers report what they saw on stdout, read back
with `docker logs`. Not in the generic python suite: it runs as e2e.python-tasks-inside, alone
(it needs docker/engine.sh and docker/test-images.sh)."""

import json
import subprocess
import time
import unittest

from berth_e2e import REGION, BerthTestCase, stop_tasks_and_delete_cluster, unique_name

BUSYBOX_IMAGE = "berth-test/busybox:latest"
HOST_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 90}
ROLE_ARN = "arn:aws:iam::000000000000:role/e2e-task-role"

# Prints one line per endpoint: "<NAME> <body>" ("<NAME> FAILED" when wget failed). No
# `wget -T`: the static busybox crashes on it.
PROBE = r"""
sleep 1  # the task is RUNNING once all its containers have started
fetch() { body=$(wget -q -O - "$2") && echo "$1 $body" || echo "$1 FAILED"; }
env | sed 's/^/ENV /'
fetch CONTAINER "$ECS_CONTAINER_METADATA_URI_V4"
fetch TASK "$ECS_CONTAINER_METADATA_URI_V4/task"
fetch V3TASK "$ECS_CONTAINER_METADATA_URI/task"
fetch STATS "$ECS_CONTAINER_METADATA_URI_V4/task/stats"
[ -n "$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" ] &&
    fetch CREDENTIALS "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
fetch UNKNOWN "http://169.254.170.2/v4/no-such-id/task"
echo DONE
sleep 300
"""

# Run by the host's Python inside a task: which credentials boto3's default chain found, then
# STS's answer for them (AWS_ENDPOINT_URL sends it to Berth).
BOTO3_SCRIPT = """
import json, boto3
session = boto3.session.Session()
found = session.get_credentials()
print("CREDENTIALS", json.dumps({"method": found.method,
                                 "access_key": found.get_frozen_credentials().access_key}))
try:
    print("IDENTITY", json.dumps(session.client("sts").get_caller_identity()))
except Exception as e:
    print("IDENTITY-ERROR", e)
"""


def container_output(task_arn, container, marker="DONE", timeout=90):
    """The container's stdout once `marker` appears in it."""
    deadline = time.time() + timeout
    out = ""
    while time.time() < deadline:
        ids = subprocess.run(
            ["docker", "ps", "-aq", "--filter", f"label=com.amazonaws.ecs.task-arn={task_arn}",
             "--filter", f"label=com.amazonaws.ecs.container-name={container}"],
            capture_output=True, text=True, check=True).stdout.split()
        if ids:
            out = subprocess.run(["docker", "logs", ids[0]], capture_output=True, text=True).stdout
            if marker in out.split():
                return out
        time.sleep(0.5)
    raise AssertionError(f"{container} of {task_arn} never printed {marker}; it printed:\n{out}")


def lines(output, name):
    prefix = name + " "
    return [line[len(prefix):] for line in output.splitlines() if line.startswith(prefix)]


def environment(output):
    return dict(entry.split("=", 1) for entry in lines(output, "ENV") if "=" in entry)


class InsideTaskTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-inside")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(stop_tasks_and_delete_cluster, self.ecs, self.cluster)

    def run_task(self, containers, **kwargs):
        launch = kwargs.pop("launchType", None)
        family = unique_name("py-inside")
        arn = self.ecs.register_task_definition(
            family=family, containerDefinitions=containers,
            **kwargs)["taskDefinition"]["taskDefinitionArn"]
        run = {"cluster": self.cluster, "taskDefinition": arn}
        if launch:
            run["launchType"] = launch
        if kwargs.get("networkMode") == "awsvpc":
            run["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}}
        out = self.ecs.run_task(**run)
        self.assertEqual([], out["failures"])
        task_arn = out["tasks"][0]["taskArn"]
        self.ecs.get_waiter("tasks_running").wait(cluster=self.cluster, tasks=[task_arn],
                                                  WaiterConfig=FAST_WAIT)
        return family, task_arn

    def probe(self, **kwargs):
        container = {"name": "probe", "image": BUSYBOX_IMAGE, "essential": True,
                     "memory": 64, "command": ["sh", "-c", PROBE]}
        container.update(kwargs.pop("container", {}))
        family, task_arn = self.run_task([container], **kwargs)
        return family, task_arn, container_output(task_arn, "probe")

    def check_metadata(self, family, task_arn, output, network_mode):
        [body] = lines(output, "TASK")
        self.assertNotEqual("FAILED", body, output)
        task = json.loads(body)
        self.assertEqual(task_arn, task["TaskARN"])
        self.assertEqual(family, task["Family"])
        self.assertEqual("1", task["Revision"])
        self.assertEqual("RUNNING", task["KnownStatus"])
        self.assertIn(self.cluster, task["Cluster"])
        [container] = task["Containers"]
        self.assertEqual("probe", container["Name"])
        self.assertEqual(BUSYBOX_IMAGE, container["Image"])
        self.assertEqual(task_arn, container["Labels"]["com.amazonaws.ecs.task-arn"])
        self.assertEqual(network_mode, container["Networks"][0]["NetworkMode"])
        self.assertTrue(container["Networks"][0]["IPv4Addresses"][0])
        [own] = [json.loads(body) for body in lines(output, "CONTAINER")]
        self.assertEqual(container["DockerId"], own["DockerId"])
        self.assertTrue(own["DockerName"].startswith("ecs-" + family + "-1-probe-"))
        [v3] = [json.loads(body) for body in lines(output, "V3TASK")]
        self.assertEqual(task_arn, v3["TaskARN"])
        self.assertNotIn("LaunchType", v3)
        [stats] = [json.loads(body) for body in lines(output, "STATS")]
        self.assertIn("memory_stats", stats[container["DockerId"]])
        self.assertEqual(["FAILED"], lines(output, "UNKNOWN"))  # a 404 fails wget
        return task

    def check_credentials(self, output, task_arn):
        [credentials] = [json.loads(body) for body in lines(output, "CREDENTIALS")]
        self.assertEqual(ROLE_ARN, credentials["RoleArn"])
        self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"))
        self.assertTrue(credentials["SecretAccessKey"])
        self.assertTrue(credentials["Token"])
        self.assertRegex(credentials["Expiration"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_fargate_task_sees_its_metadata_and_credentials(self):
        family, task_arn, output = self.probe(
            launchType="FARGATE", requiresCompatibilities=["FARGATE"], networkMode="awsvpc",
            cpu="256", memory="512", taskRoleArn=ROLE_ARN)
        env = environment(output)
        self.assertEqual(REGION, env["AWS_REGION"])
        self.assertEqual(REGION, env["AWS_DEFAULT_REGION"])
        self.assertEqual("AWS_ECS_FARGATE", env["AWS_EXECUTION_ENV"])
        self.assertRegex(env["ECS_CONTAINER_METADATA_URI_V4"], r"^http://169\.254\.170\.2/v4/")
        self.assertRegex(env["ECS_CONTAINER_METADATA_URI"], r"^http://169\.254\.170\.2/v3/")
        self.assertRegex(env["ECS_AGENT_URI"], r"^http://169\.254\.170\.2/api/")
        self.assertRegex(env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], r"^/v2/credentials/")
        self.assertEqual("http://169.254.170.2", env["AWS_ENDPOINT_URL"])
        task = self.check_metadata(family, task_arn, output, "awsvpc")
        self.assertEqual("FARGATE", task["LaunchType"])
        self.assertEqual({"CPU": 0.25, "Memory": 512}, task["Limits"])
        [described] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[task_arn])["tasks"]
        eni = described["containers"][0]["networkInterfaces"][0]["privateIpv4Address"]
        self.assertEqual([eni], task["Containers"][0]["Networks"][0]["IPv4Addresses"])
        self.check_credentials(output, task_arn)

    def test_bridge_task_keeps_its_own_region_and_gets_its_role(self):
        family, task_arn, output = self.probe(
            taskRoleArn=ROLE_ARN,
            container={"environment": [{"name": "AWS_REGION", "value": "eu-west-3"}]})
        env = environment(output)
        self.assertEqual("eu-west-3", env["AWS_REGION"])  # the definition's own value wins
        self.assertEqual(REGION, env["AWS_DEFAULT_REGION"])
        self.assertEqual("AWS_ECS_EC2", env["AWS_EXECUTION_ENV"])
        task = self.check_metadata(family, task_arn, output, "bridge")
        self.assertEqual("EC2", task["LaunchType"])
        self.check_credentials(output, task_arn)

    def test_task_without_a_role_gets_no_credentials_uri(self):
        _, _, output = self.probe()
        env = environment(output)
        self.assertNotIn("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", env)
        self.assertEqual([], lines(output, "CREDENTIALS"))

    def test_boto3_inside_a_task_is_the_task_role(self):
        # No image has Python: the host's root, read-only, entered with chroot. No keys and no
        # config files: only the container credential provider can answer.
        command = f'chroot /host {HOST_PYTHON} -c "$SCRIPT"; echo DONE; sleep 300'
        family, task_arn = self.run_task(
            [{"name": "py", "image": BUSYBOX_IMAGE, "essential": True, "memory": 256,
              "command": ["sh", "-c", command],
              "environment": [{"name": "SCRIPT", "value": BOTO3_SCRIPT},
                              {"name": "AWS_CONFIG_FILE", "value": "/nonexistent"},
                              {"name": "AWS_SHARED_CREDENTIALS_FILE", "value": "/nonexistent"}],
              "mountPoints": [{"sourceVolume": "root", "containerPath": "/host",
                               "readOnly": True}]}],
            # EC2, since Fargate refuses host volumes; awsvpc, as a Fargate task's network.
            volumes=[{"name": "root", "host": {"sourcePath": "/"}}],
            taskRoleArn=ROLE_ARN, networkMode="awsvpc", launchType="EC2")
        output = container_output(task_arn, "py")
        [credentials] = [json.loads(body) for body in lines(output, "CREDENTIALS")]
        self.assertEqual("container-role", credentials["method"])
        self.assertTrue(credentials["access_key"].startswith("ASIA"))
        identity = [json.loads(body) for body in lines(output, "IDENTITY")]
        self.assertEqual(1, len(identity), output)
        task_id = task_arn.rsplit("/", 1)[1]
        self.assertEqual(f"arn:aws:sts::000000000000:assumed-role/e2e-task-role/{task_id}",
                         identity[0]["Arn"])
        self.assertEqual("000000000000", identity[0]["Account"])

if __name__ == "__main__":
    unittest.main()
