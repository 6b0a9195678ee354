"""Secrets that reach the container (issue 10), through boto3: Secrets Manager secrets (plain
and JSON, by full and partial ARN, with JSON keys and version stages) and SSM SecureString
parameters named by `secrets` and read when the task starts; the busybox container prints its
environment, read back with `docker logs` of the container carrying the task's ARN label. An
updated secret reaches the next task; a missing secret, JSON key or parameter stops the task
with ECS's reason and no container. Needs a Docker engine and the test images
(docker/engine.sh, docker/test-images.sh)."""

import json
import subprocess
import unittest

from berth_e2e import ACCOUNT, REGION, BerthTestCase, task_containers, unique_name

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 90}
PREFIX = ("ResourceInitializationError: unable to pull secrets or registry auth: "
          "execution resource retrieval failed: ")
FROM_ASM = PREFIX + "unable to retrieve secret from asm: service call has been retried 1 time(s): "
FROM_SSM = PREFIX + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): "


def task_output(task_arn):
    """What the task's one container printed, as NAME=value lines → {NAME: value}."""
    [container] = task_containers(task_arn)
    logs = subprocess.run(["docker", "logs", container], check=True, capture_output=True,
                          text=True).stdout
    return dict(line.split("=", 1) for line in logs.splitlines() if "=" in line)


class EcsSecretsTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.secrets = self.client(service="secretsmanager")
        self.ssm = self.client(service="ssm")
        self.cluster = self.cluster_with_instance("py-secrets")
        self.name = unique_name("py-db")

    def create_secret(self, suffix, value):
        arn = self.secrets.create_secret(Name=f"{self.name}-{suffix}", SecretString=value)["ARN"]
        self.addCleanup(self.secrets.delete_secret, SecretId=arn, ForceDeleteWithoutRecovery=True)
        return arn

    def put_parameter(self, suffix, value, **kwargs):
        name = f"/{self.name}/{suffix}"
        self.ssm.put_parameter(Name=name, Value=value, Type="SecureString", **kwargs)
        if not kwargs:
            self.addCleanup(self.ssm.delete_parameter, Name=name)
        return name

    def register(self, secrets):
        """A busybox container that prints each secret's variable and exits."""
        printer = "; ".join(f'echo "{s["name"]}=${s["name"]}"' for s in secrets)
        return self.ecs.register_task_definition(
            family=unique_name("py-secrets-app"),
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 32,
                                   "essential": True, "command": ["sh", "-c", printer],
                                   "secrets": secrets}],
        )["taskDefinition"]["taskDefinitionArn"]

    def run_to_stop(self, task_definition):
        out = self.ecs.run_task(cluster=self.cluster, taskDefinition=task_definition)
        self.assertEqual([], out["failures"])
        arn = out["tasks"][0]["taskArn"]
        self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=[arn],
                                                  WaiterConfig=FAST_WAIT)
        [task] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[arn])["tasks"]
        return task

    def test_values_reach_the_environment_and_updates_reach_the_next_task(self):
        plain = self.create_secret("plain", "plain value")
        doc = self.create_secret("json", json.dumps({"username": "admin", "password": "pw-1"}))
        partial = doc[:-7]  # without "-" and the six characters Secrets Manager added
        token = self.put_parameter("token", "token-1")
        token_arn = self.ssm.get_parameter(Name=token)["Parameter"]["ARN"]
        td = self.register([
            {"name": "PLAIN", "valueFrom": plain},
            {"name": "DB_USER", "valueFrom": f"{doc}:username::"},
            {"name": "DB_PASS", "valueFrom": f"{partial}:password::"},
            {"name": "TOKEN", "valueFrom": token},
            {"name": "TOKEN_BY_ARN", "valueFrom": token_arn},
        ])
        task = self.run_to_stop(td)
        self.assertEqual("EssentialContainerExited", task["stopCode"])
        self.assertEqual(0, task["containers"][0]["exitCode"])
        self.assertEqual({"PLAIN": "plain value", "DB_USER": "admin", "DB_PASS": "pw-1",
                          "TOKEN": "token-1", "TOKEN_BY_ARN": "token-1"},
                         task_output(task["taskArn"]))
        self.assertNotIn("pw-1", json.dumps(task, default=str))

        self.secrets.put_secret_value(SecretId=doc, SecretString=json.dumps(
            {"username": "admin", "password": "pw-2"}))
        self.put_parameter("token", "token-2", Overwrite=True)
        task = self.run_to_stop(td)
        output = task_output(task["taskArn"])
        self.assertEqual("pw-2", output["DB_PASS"])
        self.assertEqual("token-2", output["TOKEN"])

        # The version that was current before is AWSPREVIOUS now.
        task = self.run_to_stop(self.register(
            [{"name": "OLD", "valueFrom": f"{doc}:password:AWSPREVIOUS:"}]))
        self.assertEqual({"OLD": "pw-1"}, task_output(task["taskArn"]))

    def assertFailedToStart(self, secrets, reason):
        task = self.run_to_stop(self.register(secrets))
        self.assertEqual("STOPPED", task["lastStatus"])
        self.assertEqual("TaskFailedToStart", task["stopCode"])
        self.assertEqual(reason, task["stoppedReason"])
        self.assertNotIn("runtimeId", task["containers"][0])
        self.assertEqual([], task_containers(task["taskArn"]))

    def test_a_missing_secret_stops_the_task_before_any_container(self):
        arn = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{self.name}-gone-AbCdEf"
        self.assertFailedToStart(
            [{"name": "X", "valueFrom": arn}],
            FROM_ASM + f"failed to fetch secret {arn} from secrets manager: "
            "ResourceNotFoundException: Secrets Manager can't find the specified secret.")

    def test_a_missing_json_key_stops_the_task(self):
        doc = self.create_secret("keys", json.dumps({"username": "admin"}))
        self.assertFailedToStart(
            [{"name": "X", "valueFrom": f"{doc}:password::"}],
            FROM_ASM + "retrieved secret from Secrets Manager did not contain json key password")

    def test_a_key_of_a_secret_that_is_not_json_stops_the_task(self):
        plain = self.create_secret("text", "plain value")
        self.assertFailedToStart(
            [{"name": "X", "valueFrom": f"{plain}:password::"}],
            FROM_ASM + "invalid character 'p' looking for beginning of value")

    def test_a_missing_parameter_stops_the_task(self):
        name = f"/{self.name}/absent"
        self.assertFailedToStart([{"name": "X", "valueFrom": name}],
                                 FROM_SSM + f"invalid ssm parameters: {name}")


if __name__ == "__main__":
    unittest.main()
