"""Regions and accounts are separate worlds, as on AWS (issue 5), through boto3.

Clients in two regions (us-east-1, eu-west-1) and three accounts (access keys "111111111111"
and "222222222222", and a key that is not an account id, which means Berth's default account)
create the same cluster, task definition family and service, and each sees only its own
(tasks, which need the engine, are test_partitions_tasks). ARNs carry the caller's account
and region; an ARN of another region or account is refused with InvalidParameterException,
as ECS does ("Invalid Region in ARN" for a region; "Invalid identifier: Identifier is for
..." for an account). Requests without an Authorization header land in the default
partition.

The e2e.python suite runs this module against a Berth with its defaults (account
000000000000, region us-east-1); e2e.python-account-id runs it again against
`berth --account-id 123456789012 --region eu-west-2`, telling it so through
BERTH_E2E_DEFAULT_ACCOUNT and BERTH_E2E_DEFAULT_REGION.
"""

import json
import os
import unittest

import botocore.exceptions

from berth_e2e import (
    TARGET_PREFIX,
    BerthTestCase,
    raw_request,
    shape_checker,
    tags_dict,
    unique_name,
)

DEFAULT_ACCOUNT = os.environ.get("BERTH_E2E_DEFAULT_ACCOUNT", "000000000000")
DEFAULT_REGION = os.environ.get("BERTH_E2E_DEFAULT_REGION", "us-east-1")
ACCOUNT_A = "111111111111"
ACCOUNT_B = "222222222222"
US = "us-east-1"
EU = "eu-west-1"
NAMED_KEY = "AKIAIOSFODNN7EXAMPLE"  # not 12 digits: the default account

# (account, region) → access key; the default account is reached through a named key.
PARTITIONS = [
    (ACCOUNT_A, US),
    (ACCOUNT_A, EU),
    (ACCOUNT_B, US),
    (DEFAULT_ACCOUNT, US),
]

SUBNETS = {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"],
                                   "securityGroups": ["sg-0123456789abcdef0"]}}


def key_for(account):
    return NAMED_KEY if account == DEFAULT_ACCOUNT else account


def arn(account, region, resource):
    return f"arn:aws:ecs:{region}:{account}:{resource}"


def label(partition):
    return f"{partition[0]}/{partition[1]}"


def fargate_definition(family, image):
    return {"family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
            "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "app", "image": image, "essential": True}]}


class PartitionTestCase(BerthTestCase):
    """A checked boto3 client per partition in self.ecs_in[(account, region)]."""

    def setUp(self):
        super().setUp()
        self.ecs_in = {p: self.client(region=p[1], access_key=key_for(p[0])) for p in PARTITIONS}

    def in_partition(self, account, region):
        """A client of any (account, region), also one outside PARTITIONS."""
        return self.client(region=region, access_key=key_for(account))

    def assertRefusedArn(self, client, message_part, call, *args, **kwargs):
        error = self.assertAwsError(client.exceptions.InvalidParameterException, call,
                                    *args, **kwargs)
        self.assertIn(message_part, error.response["Error"]["Message"])
        return error

    def assertRegionRefused(self, client, call, *args, **kwargs):
        return self.assertRefusedArn(client, "Invalid Region in ARN", call, *args, **kwargs)

    def assertAccountRefused(self, client, owner, caller, call, *args, **kwargs):
        error = self.assertRefusedArn(client, "Invalid identifier", call, *args, **kwargs)
        message = error.response["Error"]["Message"]
        self.assertIn(owner, message)
        self.assertIn(caller, message)
        return error


class ClusterPartitionTest(PartitionTestCase):
    def test_same_cluster_name_is_a_different_cluster_in_each_partition(self):
        name = unique_name("part")
        for p, ecs in self.ecs_in.items():
            created = ecs.create_cluster(clusterName=name,
                                         tags=[{"key": "partition", "value": label(p)}])
            self.assertEqual(arn(*p, f"cluster/{name}"), created["cluster"]["clusterArn"])

        for p, ecs in self.ecs_in.items():
            out = ecs.describe_clusters(clusters=[name], include=["TAGS"])
            self.assertEqual([], out["failures"])
            [cluster] = out["clusters"]
            self.assertEqual(arn(*p, f"cluster/{name}"), cluster["clusterArn"])
            self.assertEqual({"partition": label(p)}, tags_dict(cluster["tags"]))
            listed = ecs.list_clusters()["clusterArns"]
            self.assertEqual([arn(*p, f"cluster/{name}")],
                             [a for a in listed if a.endswith(f"/{name}")])
            for other in listed:
                self.assertTrue(other.startswith(arn(*p, "cluster/")), f"{p} lists {other}")

        # Deleting it in one partition leaves the others' alone.
        gone = (ACCOUNT_A, EU)
        self.ecs_in[gone].delete_cluster(cluster=name)
        for p, ecs in self.ecs_in.items():
            [cluster] = ecs.describe_clusters(clusters=[name])["clusters"]
            self.assertEqual("INACTIVE" if p == gone else "ACTIVE", cluster["status"], p)
        self.assertNotIn(arn(*gone, f"cluster/{name}"),
                         self.ecs_in[gone].list_clusters()["clusterArns"])

    def test_a_cluster_exists_only_in_its_own_partition(self):
        name = unique_name("part-only")
        self.ecs_in[(ACCOUNT_A, US)].create_cluster(clusterName=name)
        for p, ecs in self.ecs_in.items():
            if p == (ACCOUNT_A, US):
                continue
            out = ecs.describe_clusters(clusters=[name])
            self.assertEqual([], out["clusters"], p)
            self.assertEqual([{"arn": arn(*p, f"cluster/{name}"), "reason": "MISSING"}],
                             out["failures"], p)
            self.assertNotIn(arn(*p, f"cluster/{name}"), ecs.list_clusters()["clusterArns"])
            self.assertAwsError(ecs.exceptions.ClusterNotFoundException, ecs.delete_cluster,
                                cluster=name)
        # A fresh region of a fresh account is empty.
        self.assertEqual([], self.in_partition("333333333333", "ap-southeast-2")
                         .list_clusters()["clusterArns"])

    def test_cluster_arn_of_another_region_is_refused(self):
        name = unique_name("part-region")
        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        us_arn = us.create_cluster(clusterName=name)["cluster"]["clusterArn"]
        eu.create_cluster(clusterName=name)  # same name there: still not reachable by US's ARN

        self.assertRegionRefused(eu, eu.describe_clusters, clusters=[us_arn])
        self.assertRegionRefused(eu, eu.update_cluster, cluster=us_arn,
                                 settings=[{"name": "containerInsights", "value": "enabled"}])
        self.assertRegionRefused(eu, eu.list_tags_for_resource, resourceArn=us_arn)
        self.assertRegionRefused(eu, eu.tag_resource, resourceArn=us_arn,
                                 tags=[{"key": "k", "value": "v"}])
        self.assertRegionRefused(eu, eu.list_tasks, cluster=us_arn)
        self.assertRegionRefused(eu, eu.delete_cluster, cluster=us_arn)

        # None of that touched it, and its own region takes the ARN.
        [cluster] = us.describe_clusters(clusters=[us_arn], include=["TAGS", "SETTINGS"])[
            "clusters"]
        self.assertEqual("ACTIVE", cluster["status"])
        self.assertEqual([], cluster.get("tags", []))
        self.assertEqual("disabled", cluster["settings"][0]["value"])

    def test_cluster_arn_of_another_account_is_refused(self):
        name = unique_name("part-account")
        a, b = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_B, US)]
        default = self.ecs_in[(DEFAULT_ACCOUNT, US)]
        a_arn = a.create_cluster(clusterName=name)["cluster"]["clusterArn"]
        b.create_cluster(clusterName=name)

        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.describe_clusters, clusters=[a_arn])
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.delete_cluster, cluster=a_arn)
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.untag_resource, resourceArn=a_arn,
                                  tagKeys=["k"])
        self.assertAccountRefused(default, ACCOUNT_A, DEFAULT_ACCOUNT, default.describe_clusters,
                                  clusters=[a_arn])
        [cluster] = a.describe_clusters(clusters=[a_arn])["clusters"]
        self.assertEqual("ACTIVE", cluster["status"])


class TaskDefinitionPartitionTest(PartitionTestCase):
    def test_revisions_count_separately_in_each_partition(self):
        family = unique_name("part-family")
        registrations = {(ACCOUNT_A, US): 3, (ACCOUNT_A, EU): 1, (ACCOUNT_B, US): 2,
                         (DEFAULT_ACCOUNT, US): 1}
        for p, count in registrations.items():
            ecs = self.ecs_in[p]
            for revision in range(1, count + 1):
                td = ecs.register_task_definition(
                    **fargate_definition(family, f"app:{label(p)}-{revision}"))["taskDefinition"]
                self.assertEqual(revision, td["revision"])
                self.assertEqual(arn(*p, f"task-definition/{family}:{revision}"),
                                 td["taskDefinitionArn"])
                self.assertEqual(f"arn:aws:iam::{p[0]}:root", td["registeredBy"])

        for p, count in registrations.items():
            ecs = self.ecs_in[p]
            td = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]
            self.assertEqual(count, td["revision"], p)
            self.assertEqual(f"app:{label(p)}-{count}", td["containerDefinitions"][0]["image"])
            listed = ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]
            self.assertEqual([arn(*p, f"task-definition/{family}:{r}")
                              for r in range(1, count + 1)], listed)
            families = ecs.list_task_definition_families(familyPrefix=family)["families"]
            self.assertEqual([family], families)

        # Deregistering revision 1 in eu-west-1 leaves us-east-1's revision 1 ACTIVE.
        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        eu.deregister_task_definition(taskDefinition=f"{family}:1")
        self.assertEqual([], eu.list_task_definition_families(familyPrefix=family,
                                                              status="ACTIVE")["families"])
        self.assertEqual([family], us.list_task_definition_families(familyPrefix=family,
                                                                    status="ACTIVE")["families"])
        td = us.describe_task_definition(taskDefinition=f"{family}:1")["taskDefinition"]
        self.assertEqual("ACTIVE", td["status"])
        # The next revision in eu-west-1 is 2, whatever the others have reached.
        td = eu.register_task_definition(**fargate_definition(family, "app:eu-again"))
        self.assertEqual(2, td["taskDefinition"]["revision"])

    def test_a_family_exists_only_in_its_own_partition(self):
        family = unique_name("part-family-only")
        self.ecs_in[(ACCOUNT_B, US)].register_task_definition(
            **fargate_definition(family, "app:b"))
        for p, ecs in self.ecs_in.items():
            if p == (ACCOUNT_B, US):
                continue
            self.assertAwsError(ecs.exceptions.ClientException, ecs.describe_task_definition,
                                taskDefinition=family)
            self.assertEqual([], ecs.list_task_definitions(familyPrefix=family)[
                "taskDefinitionArns"])

    def test_task_definition_arn_of_another_partition_is_refused(self):
        family = unique_name("part-td-arn")
        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        b = self.ecs_in[(ACCOUNT_B, US)]
        us_arn = us.register_task_definition(**fargate_definition(family, "app:us"))[
            "taskDefinition"]["taskDefinitionArn"]
        eu.register_task_definition(**fargate_definition(family, "app:eu"))
        b.register_task_definition(**fargate_definition(family, "app:b"))

        self.assertRegionRefused(eu, eu.describe_task_definition, taskDefinition=us_arn)
        self.assertRegionRefused(eu, eu.deregister_task_definition, taskDefinition=us_arn)
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.describe_task_definition,
                                  taskDefinition=us_arn)
        # Unchanged, and found by its own partition.
        td = us.describe_task_definition(taskDefinition=us_arn)["taskDefinition"]
        self.assertEqual("ACTIVE", td["status"])
        self.assertEqual("app:us", td["containerDefinitions"][0]["image"])


class LaunchAcrossPartitionsTest(PartitionTestCase):
    def test_run_task_and_create_service_refuse_arns_of_another_partition(self):
        cluster, family = unique_name("part-launch"), unique_name("part-launch")
        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        b = self.ecs_in[(ACCOUNT_B, US)]
        us_cluster = us.create_cluster(clusterName=cluster)["cluster"]["clusterArn"]
        us_td = us.register_task_definition(**fargate_definition(family, "app:us"))[
            "taskDefinition"]["taskDefinitionArn"]
        for ecs in (eu, b):
            ecs.create_cluster(clusterName=cluster)
            ecs.register_task_definition(**fargate_definition(family, "app:other"))

        launch = {"launchType": "FARGATE", "networkConfiguration": SUBNETS}
        self.assertRegionRefused(eu, eu.run_task, cluster=us_cluster, taskDefinition=family,
                                 **launch)
        self.assertRegionRefused(eu, eu.run_task, cluster=cluster, taskDefinition=us_td, **launch)
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.run_task, cluster=cluster,
                                  taskDefinition=us_td, **launch)
        self.assertRegionRefused(eu, eu.create_service, cluster=cluster,
                                 serviceName=unique_name("part-launch"), taskDefinition=us_td,
                                 desiredCount=0, **launch)
        # Nothing was launched anywhere.
        self.assertEqual([], eu.list_services(cluster=cluster)["serviceArns"])
        for ecs in (us, eu, b):
            self.assertEqual([], ecs.list_tasks(cluster=cluster, desiredStatus="STOPPED")[
                "taskArns"] + ecs.list_tasks(cluster=cluster)["taskArns"])


class AccountSettingPartitionTest(PartitionTestCase):
    def test_account_settings_are_per_partition(self):
        # An account of its own: a default changed here must not reach any other test.
        account = "444444444444"
        us, eu = self.in_partition(account, US), self.in_partition(account, EU)
        other = self.in_partition(ACCOUNT_B, US)
        us.put_account_setting_default(name="containerInsights", value="enabled")
        name = unique_name("part-settings")
        for ecs, expected in ((us, "enabled"), (eu, "disabled"), (other, "disabled")):
            cluster = ecs.create_cluster(clusterName=name)["cluster"]
            [cluster] = ecs.describe_clusters(clusters=[cluster["clusterArn"]],
                                              include=["SETTINGS"])["clusters"]
            self.assertEqual([{"name": "containerInsights", "value": expected}],
                             cluster["settings"])
            self.addCleanup(ecs.delete_cluster, cluster=name)


class ServicePartitionTest(PartitionTestCase):
    def setUp(self):
        super().setUp()
        probe = self.ecs_in[(ACCOUNT_A, US)]
        try:
            probe.list_services(cluster=unique_name("part-probe"))
        except probe.exceptions.ClusterNotFoundException:
            pass
        except botocore.exceptions.ClientError as e:
            if e.response["Error"]["Code"] == "UnsupportedFeatureException":
                self.recorder.problems.clear()
                self.skipTest("this Berth has no service operations yet")
            raise

    def create_service(self, ecs, cluster, name, family):
        # desiredCount 0: the records are the point here, not running tasks.
        return ecs.create_service(cluster=cluster, serviceName=name, taskDefinition=family,
                                  desiredCount=0, launchType="FARGATE",
                                  networkConfiguration=SUBNETS)["service"]

    def test_same_service_name_in_each_partition(self):
        cluster, family, name = (unique_name("part-svc-c"), unique_name("part-svc-f"),
                                 unique_name("part-svc"))
        for p, ecs in self.ecs_in.items():
            ecs.create_cluster(clusterName=cluster)
            ecs.register_task_definition(**fargate_definition(family, f"app:{label(p)}"))
            service = self.create_service(ecs, cluster, name, family)
            self.assertEqual(arn(*p, f"service/{cluster}/{name}"), service["serviceArn"])
            self.assertEqual(arn(*p, f"cluster/{cluster}"), service["clusterArn"])
            self.assertEqual(arn(*p, f"task-definition/{family}:1"), service["taskDefinition"])
            self.addCleanup(ecs.delete_service, cluster=cluster, service=name, force=True)

        # Updating it in one partition changes only that one.
        us = self.ecs_in[(ACCOUNT_A, US)]
        us.register_task_definition(**fargate_definition(family, "app:us-2"))
        us.update_service(cluster=cluster, service=name, taskDefinition=f"{family}:2")
        for p, ecs in self.ecs_in.items():
            out = ecs.describe_services(cluster=cluster, services=[name])
            self.assertEqual([], out["failures"])
            [service] = out["services"]
            revision = 2 if p == (ACCOUNT_A, US) else 1
            self.assertEqual(arn(*p, f"task-definition/{family}:{revision}"),
                             service["taskDefinition"], p)
            self.assertEqual([arn(*p, f"service/{cluster}/{name}")],
                             ecs.list_services(cluster=cluster)["serviceArns"])

    def test_service_arn_of_another_partition_is_refused(self):
        cluster, family, name = (unique_name("part-svc-c"), unique_name("part-svc-f"),
                                 unique_name("part-svc"))
        us, eu = self.ecs_in[(ACCOUNT_A, US)], self.ecs_in[(ACCOUNT_A, EU)]
        b = self.ecs_in[(ACCOUNT_B, US)]
        us.create_cluster(clusterName=cluster)
        us.register_task_definition(**fargate_definition(family, "app:us"))
        us_arn = self.create_service(us, cluster, name, family)["serviceArn"]
        self.addCleanup(us.delete_service, cluster=cluster, service=name, force=True)
        eu.create_cluster(clusterName=cluster)

        out = eu.describe_services(cluster=cluster, services=[name])
        self.assertEqual([], out["services"])
        # A name ECS does not find is echoed in the short ARN form, as ECS's own output shows.
        self.assertEqual([{"arn": arn(ACCOUNT_A, EU, f"service/{name}"),
                           "reason": "MISSING"}], out["failures"])
        self.assertRegionRefused(eu, eu.describe_services, cluster=cluster, services=[us_arn])
        self.assertRegionRefused(eu, eu.update_service, cluster=cluster, service=us_arn,
                                 desiredCount=1)
        self.assertRegionRefused(eu, eu.delete_service, cluster=cluster, service=us_arn)
        self.assertAccountRefused(b, ACCOUNT_A, ACCOUNT_B, b.describe_services, services=[us_arn])
        [service] = us.describe_services(cluster=cluster, services=[us_arn])["services"]
        self.assertEqual("ACTIVE", service["status"])
        self.assertEqual(0, service["desiredCount"])


class DefaultPartitionTest(PartitionTestCase):
    def raw_call(self, operation, body, headers=None):
        status, _, raw = raw_request(json.dumps(body), target=f"{TARGET_PREFIX}.{operation}",
                                     headers=headers)
        text = raw.decode()
        self.assertEqual(200, status, text)
        self.assertEqual([], shape_checker().check_output(operation, text))
        return json.loads(text)

    def test_unsigned_requests_use_the_default_account_and_region(self):
        name = unique_name("part-unsigned")
        created = self.raw_call("CreateCluster", {"clusterName": name})
        own_arn = arn(DEFAULT_ACCOUNT, DEFAULT_REGION, f"cluster/{name}")
        self.assertEqual(own_arn, created["cluster"]["clusterArn"])
        listed = self.raw_call("ListClusters", {})["clusterArns"]
        self.assertIn(own_arn, listed)
        for other in listed:
            self.assertTrue(other.startswith(arn(DEFAULT_ACCOUNT, DEFAULT_REGION, "cluster/")))

        # A client signing for the default region with a key that names no account is in the
        # same partition; one of another account or region is not.
        same = self.in_partition(DEFAULT_ACCOUNT, DEFAULT_REGION)
        [cluster] = same.describe_clusters(clusters=[name])["clusters"]
        self.assertEqual(own_arn, cluster["clusterArn"])
        elsewhere = "us-west-2" if DEFAULT_REGION != "us-west-2" else "us-east-2"
        for account, region in ((ACCOUNT_A, DEFAULT_REGION), (DEFAULT_ACCOUNT, elsewhere)):
            out = self.in_partition(account, region).describe_clusters(clusters=[name])
            self.assertEqual("MISSING", out["failures"][0]["reason"], (account, region))

        # And an unsigned describe of another region's ARN is refused like a signed one.
        status, _, raw = raw_request(
            json.dumps({"clusters": [arn(DEFAULT_ACCOUNT, elsewhere, f"cluster/{name}")]}),
            target=f"{TARGET_PREFIX}.DescribeClusters")
        self.assertEqual(400, status)
        error = json.loads(raw)
        self.assertEqual("InvalidParameterException", error["__type"])
        self.assertEqual("Invalid Region in ARN", error["message"])

    def test_a_bare_credential_scope_picks_the_partition(self):
        # Berth checks no signatures: the Authorization header's credential scope alone names
        # the region, and a 12-digit key the account.
        name = unique_name("part-scope")
        scope = ("AWS4-HMAC-SHA256 Credential=222222222222/20240101/eu-west-1/ecs/aws4_request, "
                 "SignedHeaders=host;x-amz-date, Signature=0")
        created = self.raw_call("CreateCluster", {"clusterName": name},
                                headers={"Authorization": scope})
        self.assertEqual(arn(ACCOUNT_B, EU, f"cluster/{name}"), created["cluster"]["clusterArn"])
        b_eu = self.in_partition(ACCOUNT_B, EU)
        self.assertEqual([], b_eu.describe_clusters(clusters=[name])["failures"])

    def test_the_default_account_is_reached_by_its_number_too(self):
        name = unique_name("part-default")
        self.ecs_in[(DEFAULT_ACCOUNT, US)].create_cluster(clusterName=name)
        by_number = self.client(region=US, access_key=DEFAULT_ACCOUNT)
        [cluster] = by_number.describe_clusters(clusters=[name])["clusters"]
        self.assertEqual(arn(DEFAULT_ACCOUNT, US, f"cluster/{name}"), cluster["clusterArn"])
        # Another account id, even Berth's usual default when --account-id chose another one,
        # is another world.
        other = "000000000000" if DEFAULT_ACCOUNT != "000000000000" else "999999999999"
        out = self.client(region=US, access_key=other).describe_clusters(clusters=[name])
        self.assertEqual([{"arn": arn(other, US, f"cluster/{name}"), "reason": "MISSING"}],
                         out["failures"])


if __name__ == "__main__":
    unittest.main()
