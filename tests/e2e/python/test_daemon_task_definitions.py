"""Daemon task definitions with boto3 (issue 15): RegisterDaemonTaskDefinition,
DescribeDaemonTaskDefinition (and botocore's DaemonTaskDefinitionActive and
DaemonTaskDefinitionDeleted waiters), ListDaemonTaskDefinitions with its filters and pages,
DeleteDaemonTaskDefinition, tags by ARN, and ECS's errors. No daemon runs them yet."""

import unittest

import botocore.exceptions

from berth_e2e import BerthTestCase, tags_dict, unique_name

FAST_WAIT = {"Delay": 1, "MaxAttempts": 5}


def agent_container(**extra):
    return {"name": "agent", "image": "berth-test/busybox:latest", "memory": 32,
            "command": ["sh", "-c", "sleep 600"], **extra}


class DaemonTaskDefinitionTest(BerthTestCase):
    def register(self, family, **kwargs):
        kwargs.setdefault("containerDefinitions", [agent_container()])
        return self.ecs.register_daemon_task_definition(
            family=family, **kwargs)["daemonTaskDefinitionArn"]

    def describe(self, ref):
        return self.ecs.describe_daemon_task_definition(
            daemonTaskDefinition=ref)["daemonTaskDefinition"]

    def listed(self, **filters):
        out, token = [], None
        while True:
            page = self.ecs.list_daemon_task_definitions(
                maxResults=2, **filters, **({"nextToken": token} if token else {}))
            out += [s["arn"] for s in page["daemonTaskDefinitions"]]
            token = page.get("nextToken")
            if not token:
                return out

    def test_register_describe_and_the_active_waiter(self):
        family = unique_name("py-daemon-td")
        arn = self.register(
            family, cpu="0.25 vCPU", memory="512",
            taskRoleArn="arn:aws:iam::000000000000:role/agent",
            volumes=[{"name": "var-log", "host": {"sourcePath": "/var/log"}}],
            containerDefinitions=[agent_container(
                mountPoints=[{"sourceVolume": "var-log", "containerPath": "/host/log"}])])
        self.assertTrue(arn.endswith(f":daemon-task-definition/{family}:1"), arn)
        self.ecs.get_waiter("daemon_task_definition_active").wait(
            daemonTaskDefinition=arn, WaiterConfig=FAST_WAIT)
        d = self.describe(family)
        self.assertEqual((arn, family, 1, "ACTIVE"),
                         (d["daemonTaskDefinitionArn"], d["family"], d["revision"], d["status"]))
        self.assertEqual(("256", "512"), (d["cpu"], d["memory"]))
        self.assertEqual("/var/log", d["volumes"][0]["host"]["sourcePath"])
        container = d["containerDefinitions"][0]
        self.assertTrue(container["essential"])
        self.assertEqual([], container["secrets"])
        self.assertEqual("var-log", container["mountPoints"][0]["sourceVolume"])
        self.assertIn(":root", d["registeredBy"])
        self.assertIn("registeredAt", d)
        self.assertEqual(f"{family}:2", self.register(family).rsplit("/", 1)[1])

    def test_delete_and_the_deleted_waiter(self):
        family = unique_name("py-daemon-td")
        first, second = self.register(family), self.register(family)
        out = self.ecs.delete_daemon_task_definition(daemonTaskDefinition=f"{family}:2")
        self.assertEqual(second, out["daemonTaskDefinitionArn"])
        self.ecs.get_waiter("daemon_task_definition_deleted").wait(
            daemonTaskDefinition=second, WaiterConfig=FAST_WAIT)
        self.assertIn("deleteRequestedAt", self.describe(second))
        # The family now means its newest ACTIVE revision; the active waiter fails on a
        # deleted one.
        self.assertEqual(first, self.describe(family)["daemonTaskDefinitionArn"])
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.ecs.get_waiter("daemon_task_definition_active").wait(
                daemonTaskDefinition=second, WaiterConfig=FAST_WAIT)
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.delete_daemon_task_definition,
                            daemonTaskDefinition=second)

    def test_list_filters_sort_and_pages(self):
        family = unique_name("py-daemon-list")
        arns = [self.register(family) for _ in range(3)]
        other = self.register(family + "-b")
        self.ecs.delete_daemon_task_definition(daemonTaskDefinition=arns[0])
        self.assertEqual(arns[1:], self.listed(family=family))
        self.assertEqual(arns, self.listed(family=family, status="ALL"))
        self.assertEqual(list(reversed(arns)), self.listed(family=family, status="ALL",
                                                          sort="DESC"))
        self.assertEqual(arns[1:] + [other], self.listed(familyPrefix=family))
        self.assertEqual([arns[2], other],
                         self.listed(familyPrefix=family, revision="LAST_REGISTERED"))
        summary = self.ecs.list_daemon_task_definitions(
            family=family, status="ALL")["daemonTaskDefinitions"][0]
        self.assertEqual("DELETED", summary["status"])
        self.assertIn("deleteRequestedAt", summary)

    def test_tags_by_arn(self):
        arn = self.register(unique_name("py-daemon-td"), tags=[{"key": "team", "value": "ops"}])
        self.ecs.tag_resource(resourceArn=arn, tags=[{"key": "tier", "value": "1"}])
        tags = self.ecs.list_tags_for_resource(resourceArn=arn)["tags"]
        self.assertEqual({"team": "ops", "tier": "1"}, tags_dict(tags))
        self.ecs.untag_resource(resourceArn=arn, tagKeys=["team"])
        self.assertEqual({"tier": "1"},
                         tags_dict(self.ecs.list_tags_for_resource(resourceArn=arn)["tags"]))

    def test_errors(self):
        family = unique_name("py-daemon-td")
        client_error = self.ecs.exceptions.ClientException
        self.assertAwsError(client_error, self.describe, family)
        self.assertAwsError(client_error, self.register, family, containerDefinitions=[])
        self.assertAwsError(client_error, self.register, family,
                            containerDefinitions=[agent_container(essential=False)])
        self.assertAwsError(client_error, self.register, "bad family!")
        self.assertAwsError(client_error, self.register, family,
                            containerDefinitions=[agent_container(
                                mountPoints=[{"sourceVolume": "none", "containerPath": "/x"}])])
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException, self.register,
                            family, cpu="lots")
        self.register(family)
        self.assertAwsError(client_error, self.ecs.delete_daemon_task_definition,
                            daemonTaskDefinition=family)
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                            self.ecs.list_daemon_task_definitions, maxResults=500)


if __name__ == "__main__":
    unittest.main()
