"""Secrets Manager through boto3: values and versions, staging labels, listing, deletion."""

import unittest
import uuid

import botocore.exceptions

from berth_e2e import ACCOUNT, REGION, BerthTestCase, unique_name


class SecretsManagerTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.sm = self.client(service="secretsmanager")

    def create(self, value="one", **kwargs):
        name = unique_name("py-secret")
        return self.sm.create_secret(Name=name, SecretString=value, **kwargs)

    def test_create_and_get_by_name_arn_and_partial_arn(self):
        created = self.create("s3cr3t", Description="a test secret",
                              Tags=[{"Key": "team", "Value": "berth"}])
        arn, name = created["ARN"], created["Name"]
        self.assertRegex(arn, rf"^arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}-[A-Za-z0-9]{{6}}$")
        for secret_id in (name, arn, arn[:-7]):
            got = self.sm.get_secret_value(SecretId=secret_id)
            self.assertEqual("s3cr3t", got["SecretString"])
            self.assertEqual(["AWSCURRENT"], got["VersionStages"])
            self.assertEqual(created["VersionId"], got["VersionId"])
        described = self.sm.describe_secret(SecretId=name)
        self.assertEqual("a test secret", described["Description"])
        self.assertEqual([{"Key": "team", "Value": "berth"}], described["Tags"])
        self.assertEqual({created["VersionId"]: ["AWSCURRENT"]}, described["VersionIdsToStages"])
        error = self.assertAwsError(self.sm.exceptions.ResourceNotFoundException,
                                    self.sm.get_secret_value, SecretId=name + "-nope")
        self.assertEqual("Secrets Manager can't find the specified secret.",
                         error.response["Error"]["Message"])

    def test_binary_secret_round_trips(self):
        name = unique_name("py-binary")
        raw = bytes(range(256))
        self.sm.create_secret(Name=name, SecretBinary=raw)
        got = self.sm.get_secret_value(SecretId=name)
        self.assertEqual(raw, got["SecretBinary"])
        self.assertNotIn("SecretString", got)

    def test_client_request_token_is_idempotent(self):
        name = unique_name("py-idem")
        token = str(uuid.uuid4())
        first = self.sm.create_secret(Name=name, SecretString="x", ClientRequestToken=token)
        again = self.sm.create_secret(Name=name, SecretString="x", ClientRequestToken=token)
        self.assertEqual((first["ARN"], token), (again["ARN"], again["VersionId"]))
        self.assertAwsError(self.sm.exceptions.ResourceExistsException, self.sm.create_secret,
                            Name=name, SecretString="y", ClientRequestToken=token)
        self.assertAwsError(self.sm.exceptions.ResourceExistsException, self.sm.create_secret,
                            Name=name, SecretString="x")

    def test_put_secret_value_moves_the_labels(self):
        created = self.create("one")
        name, v1 = created["Name"], created["VersionId"]
        v2 = self.sm.put_secret_value(SecretId=name, SecretString="two")["VersionId"]
        v3 = self.sm.put_secret_value(SecretId=name, SecretString="three")["VersionId"]
        self.assertEqual("three", self.sm.get_secret_value(SecretId=name)["SecretString"])
        previous = self.sm.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")
        self.assertEqual((v2, "two"), (previous["VersionId"], previous["SecretString"]))
        self.assertEqual("one", self.sm.get_secret_value(SecretId=name, VersionId=v1)["SecretString"])
        listed = self.sm.list_secret_version_ids(SecretId=name)["Versions"]
        self.assertEqual({v2, v3}, {v["VersionId"] for v in listed})
        with_deprecated = self.sm.list_secret_version_ids(SecretId=name, IncludeDeprecated=True)
        self.assertEqual({v1, v2, v3}, {v["VersionId"] for v in with_deprecated["Versions"]})

        pending = self.sm.put_secret_value(SecretId=name, SecretString="four",
                                           VersionStages=["AWSPENDING"])
        self.assertEqual(["AWSPENDING"], pending["VersionStages"])
        self.assertEqual("three", self.sm.get_secret_value(SecretId=name)["SecretString"])
        self.sm.update_secret_version_stage(SecretId=name, VersionStage="AWSCURRENT",
                                            MoveToVersionId=pending["VersionId"],
                                            RemoveFromVersionId=v3)
        stages = self.sm.describe_secret(SecretId=name)["VersionIdsToStages"]
        self.assertEqual(["AWSPREVIOUS"], stages[v3])
        self.assertEqual({"AWSPENDING", "AWSCURRENT"}, set(stages[pending["VersionId"]]))
        self.assertEqual("four", self.sm.get_secret_value(SecretId=name)["SecretString"])

    def test_update_secret(self):
        name = self.create("one")["Name"]
        out = self.sm.update_secret(SecretId=name, Description="changed")
        self.assertNotIn("VersionId", out)
        out = self.sm.update_secret(SecretId=name, SecretString="two")
        self.assertEqual(out["VersionId"], self.sm.get_secret_value(SecretId=name)["VersionId"])
        self.assertEqual("changed", self.sm.describe_secret(SecretId=name)["Description"])

    def test_delete_restore_and_force_delete(self):
        name = self.create()["Name"]
        self.assertAwsError(self.sm.exceptions.InvalidParameterException, self.sm.delete_secret,
                            SecretId=name, RecoveryWindowInDays=7, ForceDeleteWithoutRecovery=True)
        self.assertAwsError(self.sm.exceptions.InvalidParameterException, self.sm.delete_secret,
                            SecretId=name, RecoveryWindowInDays=31)
        deleted = self.sm.delete_secret(SecretId=name, RecoveryWindowInDays=7)
        self.assertIn("DeletionDate", deleted)
        self.assertIn("DeletedDate", self.sm.describe_secret(SecretId=name))
        self.assertAwsError(self.sm.exceptions.InvalidRequestException,
                            self.sm.get_secret_value, SecretId=name)
        listed = self.sm.list_secrets(Filters=[{"Key": "name", "Values": [name]}])["SecretList"]
        self.assertEqual([], listed)
        listed = self.sm.list_secrets(Filters=[{"Key": "name", "Values": [name]}],
                                      IncludePlannedDeletion=True)["SecretList"]
        self.assertEqual([name], [s["Name"] for s in listed])
        self.sm.restore_secret(SecretId=name)
        self.assertEqual("one", self.sm.get_secret_value(SecretId=name)["SecretString"])
        self.sm.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
        self.assertAwsError(self.sm.exceptions.ResourceNotFoundException,
                            self.sm.describe_secret, SecretId=name)

    def test_list_secrets_paginator_and_filters(self):
        prefix = unique_name("py-list")
        names = [f"{prefix}/{i}" for i in range(5)]
        for n in names:
            self.sm.create_secret(Name=n, SecretString="v", Tags=[{"Key": "group", "Value": prefix}])
        pages = self.sm.get_paginator("list_secrets").paginate(
            Filters=[{"Key": "name", "Values": [prefix]}], PaginationConfig={"PageSize": 2})
        seen = [s["Name"] for page in pages for s in page["SecretList"]]
        self.assertEqual(names, seen)
        by_tag = self.sm.list_secrets(Filters=[{"Key": "tag-value", "Values": [prefix]}],
                                      SortBy="name", SortOrder="desc")["SecretList"]
        self.assertEqual(list(reversed(names)), [s["Name"] for s in by_tag])
        self.assertAwsError(self.sm.exceptions.InvalidNextTokenException, self.sm.list_secrets,
                            NextToken="not-a-token")

    def test_batch_get_secret_value(self):
        a, b = self.create("a")["Name"], self.create("b")["Name"]
        out = self.sm.batch_get_secret_value(SecretIdList=[a, b, a + "-missing"])
        self.assertEqual({a: "a", b: "b"},
                         {v["Name"]: v["SecretString"] for v in out["SecretValues"]})
        self.assertEqual([(a + "-missing", "ResourceNotFoundException")],
                         [(e["SecretId"], e["ErrorCode"]) for e in out["Errors"]])
        # By filter, a page at a time (botocore has no paginator for it).
        both = [{"Key": "name", "Values": [a, b]}]
        first = self.sm.batch_get_secret_value(Filters=both, MaxResults=1)
        rest = self.sm.batch_get_secret_value(Filters=both, MaxResults=1,
                                              NextToken=first["NextToken"])
        self.assertNotIn("NextToken", rest)
        self.assertEqual(sorted([a, b]),
                         [v["Name"] for v in first["SecretValues"] + rest["SecretValues"]])

    def test_tag_and_untag(self):
        name = self.create()["Name"]
        self.sm.tag_resource(SecretId=name, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
        self.sm.untag_resource(SecretId=name, TagKeys=["a"])
        self.assertEqual([{"Key": "b", "Value": "2"}], self.sm.describe_secret(SecretId=name)["Tags"])
        self.assertAwsError(self.sm.exceptions.ResourceNotFoundException, self.sm.tag_resource,
                            SecretId=name + "-gone", Tags=[{"Key": "a", "Value": "1"}])

    def test_what_berth_does_not_do_is_refused(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.sm.get_random_password()
        self.assertEqual("UnsupportedFeatureException", ctx.exception.response["Error"]["Code"])
        self.assertIn("GetRandomPassword", ctx.exception.response["Error"]["Message"])
        self.assertAwsError(self.sm.exceptions.InvalidRequestException, self.sm.create_secret,
                            Name=unique_name("py-replica"), SecretString="x",
                            AddReplicaRegions=[{"Region": "eu-west-1"}])

    def test_secrets_stay_in_their_region(self):
        name = self.create()["Name"]
        west = self.client(service="secretsmanager", region="eu-west-1")
        self.assertAwsError(west.exceptions.ResourceNotFoundException,
                            west.get_secret_value, SecretId=name)


if __name__ == "__main__":
    unittest.main()
