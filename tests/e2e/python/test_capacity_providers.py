"""Capacity providers through boto3 (issue 15): CreateCapacityProvider with ECS's defaults,
DescribeCapacityProviders (built-ins, names and ARNs, MISSING failures, pages), tags by ARN,
UpdateCapacityProvider, DeleteCapacityProvider refused in its update status while a cluster
names the provider, and the error classes a client catches."""

import unittest

from berth_e2e import ACCOUNT, REGION, BerthTestCase, tags_dict, unique_name


def group_arn(name):
    return (f"arn:aws:autoscaling:{REGION}:{ACCOUNT}:autoScalingGroup:"
            f"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0:autoScalingGroupName/{name}")


class CapacityProviderTest(BerthTestCase):
    def create(self, **asg):
        name = unique_name("py-cp")
        provider = {"autoScalingGroupArn": group_arn(name), **asg}
        out = self.ecs.create_capacity_provider(name=name, autoScalingGroupProvider=provider,
                                                tags=[{"key": "team", "value": "py"}])
        return name, out["capacityProvider"]

    def test_create_fills_ecs_defaults(self):
        name, cp = self.create()
        self.assertEqual(name, cp["name"])
        self.assertEqual("ACTIVE", cp["status"])
        self.assertEqual("EC2_AUTOSCALING", cp["type"])
        scaling = cp["autoScalingGroupProvider"]["managedScaling"]
        self.assertEqual({"status": "DISABLED", "targetCapacity": 100,
                          "minimumScalingStepSize": 1, "maximumScalingStepSize": 10000,
                          "instanceWarmupPeriod": 300}, scaling)
        self.assertEqual("ENABLED", cp["autoScalingGroupProvider"]["managedDraining"])

    def test_describe_names_arns_missing_and_pages(self):
        name, cp = self.create()
        out = self.ecs.describe_capacity_providers(
            capacityProviders=[cp["capacityProviderArn"], "FARGATE_SPOT", "py-cp-none"],
            include=["TAGS"])
        self.assertEqual([name, "FARGATE_SPOT"], [c["name"] for c in out["capacityProviders"]])
        self.assertEqual({"team": "py"}, tags_dict(out["capacityProviders"][0]["tags"]))
        self.assertEqual(["MISSING"], [f["reason"] for f in out["failures"]])

        seen, token = [], None
        while True:
            kwargs = {"nextToken": token} if token else {}
            page = self.ecs.describe_capacity_providers(maxResults=1, **kwargs)
            seen += [c["name"] for c in page["capacityProviders"]]
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual(sorted(seen), seen)
        self.assertIn("FARGATE", seen)
        self.assertIn(name, seen)

    def test_tags_by_arn(self):
        _, cp = self.create()
        self.ecs.tag_resource(resourceArn=cp["capacityProviderArn"],
                              tags=[{"key": "env", "value": "dev"}])
        tags = self.ecs.list_tags_for_resource(resourceArn=cp["capacityProviderArn"])["tags"]
        self.assertEqual({"team": "py", "env": "dev"}, tags_dict(tags))

    def test_update_then_delete_after_the_cluster_lets_go(self):
        name, _ = self.create(managedScaling={"status": "ENABLED", "targetCapacity": 75})
        updated = self.ecs.update_capacity_provider(
            name=name, autoScalingGroupProvider={"managedTerminationProtection": "ENABLED"}
        )["capacityProvider"]
        self.assertEqual("UPDATE_COMPLETE", updated["updateStatus"])
        self.assertEqual(75, updated["autoScalingGroupProvider"]["managedScaling"]["targetCapacity"])

        cluster = unique_name("py-cp-cluster")
        self.ecs.create_cluster(clusterName=cluster, capacityProviders=[name])
        self.addCleanup(self.ecs.delete_cluster, cluster=cluster)
        failed = self.ecs.delete_capacity_provider(capacityProvider=name)["capacityProvider"]
        self.assertEqual(("ACTIVE", "DELETE_FAILED"), (failed["status"], failed["updateStatus"]))
        self.assertIn(cluster, failed["updateStatusReason"])

        self.ecs.put_cluster_capacity_providers(cluster=cluster, capacityProviders=[],
                                                defaultCapacityProviderStrategy=[])
        gone = self.ecs.delete_capacity_provider(capacityProvider=name)["capacityProvider"]
        self.assertEqual(("INACTIVE", "DELETE_COMPLETE"), (gone["status"], gone["updateStatus"]))

    def test_errors_by_class(self):
        name, _ = self.create()
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.create_capacity_provider, name=name,
                            autoScalingGroupProvider={"autoScalingGroupArn": group_arn("other")})
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.create_capacity_provider, name="fargate-mine",
                            autoScalingGroupProvider={"autoScalingGroupArn": group_arn("x")})
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.update_capacity_provider, name="py-cp-none",
                            autoScalingGroupProvider={"managedDraining": "DISABLED"})
        self.assertAwsError(self.ecs.exceptions.UnsupportedFeatureException,
                            self.ecs.create_capacity_provider, name=unique_name("py-mi"),
                            managedInstancesProvider={
                                "infrastructureRoleArn": f"arn:aws:iam::{ACCOUNT}:role/mi",
                                "instanceLaunchTemplate": {
                                    "ec2InstanceProfileArn": f"arn:aws:iam::{ACCOUNT}:instance-profile/p",
                                    "networkConfiguration": {"subnets": ["subnet-1"]}}})
        self.assertAwsError(self.ecs.exceptions.InvalidParameterException,
                            self.ecs.create_cluster, clusterName=unique_name("py-cp-bad"),
                            capacityProviders=["py-cp-none"])


if __name__ == "__main__":
    unittest.main()
