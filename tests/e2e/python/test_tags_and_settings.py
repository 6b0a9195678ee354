"""Tags on clusters and task definitions, and account settings, through boto3."""

import unittest

from berth_e2e import ACCOUNT, BerthTestCase, cluster_arn, tags_dict, unique_name

NOT_FOUND = ("ClusterNotFoundException", "ResourceNotFoundException",
             "InvalidParameterException")
INVALID = ("InvalidParameterException", "ClientException")


class TagTest(BerthTestCase):
    def tags(self, arn):
        return tags_dict(self.ecs.list_tags_for_resource(resourceArn=arn)["tags"])

    def test_tag_list_untag_a_cluster(self):
        name = unique_name("py-tags")
        arn = self.ecs.create_cluster(clusterName=name,
                                      tags=[{"key": "a", "value": "1"}])["cluster"]["clusterArn"]
        self.assertEqual({"a": "1"}, self.tags(arn))
        self.ecs.tag_resource(resourceArn=arn, tags=[{"key": "b", "value": "2"},
                                                     {"key": "a", "value": "one"}])
        self.assertEqual({"a": "one", "b": "2"}, self.tags(arn))
        self.ecs.untag_resource(resourceArn=arn, tagKeys=["a", "not-there"])
        self.assertEqual({"b": "2"}, self.tags(arn))
        described = self.ecs.describe_clusters(clusters=[name], include=["TAGS"])["clusters"][0]
        self.assertEqual({"b": "2"}, tags_dict(described["tags"]))

    def test_tag_a_task_definition_revision(self):
        td = self.ecs.register_task_definition(
            family=unique_name("py-tagged"),
            containerDefinitions=[{"name": "app", "image": "busybox", "memory": 32}],
        )["taskDefinition"]
        arn = td["taskDefinitionArn"]
        self.assertEqual({}, self.tags(arn))
        self.ecs.tag_resource(resourceArn=arn, tags=[{"key": "stage", "value": "test"}])
        self.assertEqual({"stage": "test"}, self.tags(arn))
        described = self.ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
        self.assertEqual({"stage": "test"}, tags_dict(described["tags"]))
        self.ecs.untag_resource(resourceArn=arn, tagKeys=["stage"])
        self.assertEqual({}, self.tags(arn))

    def test_tagging_a_cluster_that_does_not_exist_fails(self):
        arn = cluster_arn(unique_name("py-ghost"))
        self.assertErrorCodeIn(NOT_FOUND, self.ecs.tag_resource, resourceArn=arn,
                               tags=[{"key": "k", "value": "v"}])
        self.assertErrorCodeIn(NOT_FOUND, self.ecs.list_tags_for_resource, resourceArn=arn)

    def test_a_malformed_arn_is_an_invalid_parameter(self):
        self.assertErrorCodeIn(INVALID, self.ecs.list_tags_for_resource,
                               resourceArn="not-an-arn")


class AccountSettingTest(BerthTestCase):
    NAME = "containerInsights"

    def effective(self):
        settings = self.ecs.list_account_settings(name=self.NAME, effectiveSettings=True)
        values = [s["value"] for s in settings["settings"] if s["name"] == self.NAME]
        self.assertEqual(1, len(values), settings)
        return values[0]

    def test_put_list_delete_against_the_account_default(self):
        default = self.ecs.put_account_setting_default(name=self.NAME, value="disabled")
        self.assertEqual(self.NAME, default["setting"]["name"])
        self.assertEqual("disabled", default["setting"]["value"])
        self.assertEqual("disabled", self.effective())

        mine = self.ecs.put_account_setting(name=self.NAME, value="enabled")["setting"]
        self.assertEqual(("containerInsights", "enabled"), (mine["name"], mine["value"]))
        self.assertTrue(mine["principalArn"].startswith(f"arn:aws:iam::{ACCOUNT}:"),
                        mine["principalArn"])
        listed = self.ecs.list_account_settings(name=self.NAME)["settings"]
        self.assertIn("enabled", [s["value"] for s in listed])
        self.assertEqual("enabled", self.effective())

        deleted = self.ecs.delete_account_setting(name=self.NAME)["setting"]
        self.assertEqual(self.NAME, deleted["name"])
        self.assertEqual("disabled", self.effective())

    def test_list_account_settings_paginator(self):
        pages = list(self.ecs.get_paginator("list_account_settings").paginate(
            effectiveSettings=True, PaginationConfig={"PageSize": 1}))
        names = [s["name"] for p in pages for s in p["settings"]]
        self.assertEqual(len(names), len(set(names)))
        self.assertIn("containerInsights", names)
        self.assertGreater(len(pages), 1)

    def test_unknown_setting_name_is_refused(self):
        self.assertErrorCodeIn(INVALID, self.ecs.put_account_setting,
                               name="notASetting", value="enabled")


if __name__ == "__main__":
    unittest.main()
