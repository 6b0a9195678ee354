"""Clusters through boto3: create, describe, list with the paginator, update, delete."""

import unittest

from berth_e2e import BerthTestCase, cluster_arn, tags_dict, unique_name


class ClusterTest(BerthTestCase):
    def create(self, **kwargs):
        name = unique_name(kwargs.pop("prefix", "py-cluster"))
        return name, self.ecs.create_cluster(clusterName=name, **kwargs)["cluster"]

    def test_create_returns_an_active_empty_cluster(self):
        name, cluster = self.create()
        self.assertEqual(name, cluster["clusterName"])
        self.assertEqual(cluster_arn(name), cluster["clusterArn"])
        self.assertEqual("ACTIVE", cluster["status"])
        for counter in ("registeredContainerInstancesCount", "runningTasksCount",
                        "pendingTasksCount", "activeServicesCount"):
            self.assertEqual(0, cluster[counter], counter)

    def test_create_is_idempotent_by_name(self):
        name, first = self.create()
        again = self.ecs.create_cluster(clusterName=name)["cluster"]
        self.assertEqual(first["clusterArn"], again["clusterArn"])
        listed = self.ecs.list_clusters()["clusterArns"]
        self.assertEqual(1, listed.count(first["clusterArn"]))

    def test_describe_includes_settings_tags_configuration_on_request(self):
        name, _ = self.create(
            settings=[{"name": "containerInsights", "value": "enabled"}],
            tags=[{"key": "team", "value": "berth"}],
            configuration={"executeCommandConfiguration": {"logging": "DEFAULT"}},
        )
        plain = self.ecs.describe_clusters(clusters=[name])["clusters"][0]
        self.assertEqual([], plain.get("tags", []))
        self.assertEqual([], plain.get("settings", []))

        full = self.ecs.describe_clusters(
            clusters=[name], include=["SETTINGS", "TAGS", "CONFIGURATIONS", "STATISTICS"]
        )["clusters"][0]
        self.assertIn({"name": "containerInsights", "value": "enabled"}, full["settings"])
        self.assertEqual({"team": "berth"}, tags_dict(full["tags"]))
        self.assertEqual("DEFAULT",
                         full["configuration"]["executeCommandConfiguration"]["logging"])
        self.assertIsInstance(full.get("statistics", []), list)

    def test_describe_reports_unknown_clusters_as_missing(self):
        name, _ = self.create()
        missing = unique_name("py-missing")
        response = self.ecs.describe_clusters(clusters=[name, cluster_arn(missing)])
        self.assertEqual([name], [c["clusterName"] for c in response["clusters"]])
        self.assertEqual([{"arn": cluster_arn(missing), "reason": "MISSING"}],
                         response["failures"])

    def test_list_clusters_paginator_walks_every_page(self):
        names = [self.create(prefix="py-page")[0] for _ in range(5)]
        pages = list(self.ecs.get_paginator("list_clusters").paginate(
            PaginationConfig={"PageSize": 2}))
        self.assertGreaterEqual(len(pages), 3)
        for page in pages[:-1]:
            self.assertLessEqual(len(page["clusterArns"]), 2)
            self.assertIn("nextToken", page)
        self.assertNotIn("nextToken", pages[-1])
        arns = [arn for page in pages for arn in page["clusterArns"]]
        self.assertEqual(len(arns), len(set(arns)), "a cluster appeared on two pages")
        for name in names:
            self.assertIn(cluster_arn(name), arns)

    def test_list_clusters_rejects_a_token_it_did_not_issue(self):
        self.assertErrorCodeIn(("InvalidParameterException", "ClientException"),
                               self.ecs.list_clusters, nextToken="not-a-token")

    def test_delete_leaves_an_inactive_cluster_that_is_still_describable(self):
        name, created = self.create()
        deleted = self.ecs.delete_cluster(cluster=name)["cluster"]
        self.assertEqual(created["clusterArn"], deleted["clusterArn"])
        self.assertEqual("INACTIVE", deleted["status"])
        described = self.ecs.describe_clusters(clusters=[name])["clusters"]
        self.assertEqual(["INACTIVE"], [c["status"] for c in described])
        self.assertNotIn(created["clusterArn"], self.ecs.list_clusters()["clusterArns"])

    def test_delete_of_an_unknown_cluster_raises_cluster_not_found(self):
        error = self.assertAwsError(self.ecs.exceptions.ClusterNotFoundException,
                                    self.ecs.delete_cluster, cluster=unique_name("py-nowhere"))
        self.assertEqual("ClusterNotFoundException", error.response["Error"]["Code"])

    def test_update_cluster_settings(self):
        name, _ = self.create()
        updated = self.ecs.update_cluster_settings(
            cluster=name, settings=[{"name": "containerInsights", "value": "enabled"}]
        )["cluster"]
        self.assertIn({"name": "containerInsights", "value": "enabled"}, updated["settings"])
        described = self.ecs.describe_clusters(clusters=[name], include=["SETTINGS"])
        self.assertIn({"name": "containerInsights", "value": "enabled"},
                      described["clusters"][0]["settings"])

    def test_update_cluster_configuration(self):
        name, _ = self.create()
        updated = self.ecs.update_cluster(
            cluster=name,
            configuration={"executeCommandConfiguration": {"logging": "NONE"}},
        )["cluster"]
        self.assertEqual(cluster_arn(name), updated["clusterArn"])
        described = self.ecs.describe_clusters(clusters=[name], include=["CONFIGURATIONS"])
        self.assertEqual(
            "NONE",
            described["clusters"][0]["configuration"]["executeCommandConfiguration"]["logging"])

    def test_put_cluster_capacity_providers(self):
        name, _ = self.create()
        cluster = self.ecs.put_cluster_capacity_providers(
            cluster=name,
            capacityProviders=["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1}],
        )["cluster"]
        self.assertEqual({"FARGATE", "FARGATE_SPOT"}, set(cluster["capacityProviders"]))
        self.assertEqual("FARGATE",
                         cluster["defaultCapacityProviderStrategy"][0]["capacityProvider"])

    def test_calls_without_cluster_use_the_default_cluster(self):
        self.ecs.create_cluster()  # no name: ECS creates the cluster called "default"
        described = self.ecs.describe_clusters()["clusters"]
        self.assertEqual(["default"], [c["clusterName"] for c in described])
        self.assertEqual(cluster_arn("default"), described[0]["clusterArn"])

    def test_unknown_cluster_in_update_settings_raises_cluster_not_found(self):
        self.assertAwsError(self.ecs.exceptions.ClusterNotFoundException,
                            self.ecs.update_cluster_settings, cluster=unique_name("py-gone"),
                            settings=[{"name": "containerInsights", "value": "enabled"}])

    def test_region_comes_from_the_credential_scope(self):
        west = self.client(region="eu-west-1")
        name = unique_name("py-west")
        cluster = west.create_cluster(clusterName=name)["cluster"]
        self.assertEqual(cluster_arn(name, region="eu-west-1"), cluster["clusterArn"])


if __name__ == "__main__":
    unittest.main()
