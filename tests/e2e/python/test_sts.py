"""STS (a query-protocol service: form in, XML out) with boto3: who the caller is, roles
assumed and the credentials they give, and errors in AWS's XML shape for raw requests."""

import datetime
import re
import urllib.parse
import xml.etree.ElementTree as ET

import botocore.exceptions

from berth_e2e import ACCOUNT, BerthTestCase, raw_request, unique_name

STS_NS = "{https://sts.amazonaws.com/doc/2011-06-15/}"
ROLE_ACCOUNT = "210987654321"


def signed_for(service, access_key="AKIAIOSFODNN7EXAMPLE"):
    """Headers of a form POST whose SigV4 scope names `service` (Berth checks no signature)."""
    return {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Authorization": f"AWS4-HMAC-SHA256 Credential={access_key}/20260101/us-east-1/"
                             f"{service}/aws4_request, SignedHeaders=host, Signature=00"}


class StsTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.sts = self.client(service="sts")

    def role_arn(self, name=None):
        return f"arn:aws:iam::{ROLE_ACCOUNT}:role/{name or unique_name('role')}"

    def client_with(self, credentials, service="sts"):
        return self.client(service=service, access_key=credentials["AccessKeyId"],
                           secret_key=credentials["SecretAccessKey"],
                           session_token=credentials["SessionToken"])

    def test_long_term_keys_are_their_accounts_root(self):
        identity = self.sts.get_caller_identity()
        self.assertEqual(ACCOUNT, identity["Account"])
        self.assertEqual(f"arn:aws:iam::{ACCOUNT}:root", identity["Arn"])
        self.assertEqual(ACCOUNT, identity["UserId"])
        numbered = self.client(service="sts", access_key="123456789012").get_caller_identity()
        self.assertEqual("123456789012", numbered["Account"])

    def test_assume_role_gives_credentials_that_act_as_the_role(self):
        role = self.role_arn("deployer")
        before = datetime.datetime.now(datetime.timezone.utc)
        answer = self.sts.assume_role(RoleArn=role, RoleSessionName="ci-run.1",
                                      DurationSeconds=900)
        credentials = answer["Credentials"]
        self.assertRegex(credentials["AccessKeyId"], r"^ASIA[A-Z2-7]{16}$")
        self.assertEqual(40, len(credentials["SecretAccessKey"]))
        self.assertTrue(credentials["SessionToken"])
        remaining = (credentials["Expiration"] - before).total_seconds()
        self.assertTrue(895 <= remaining <= 905, remaining)
        user = answer["AssumedRoleUser"]
        self.assertEqual(f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/deployer/ci-run.1", user["Arn"])
        self.assertRegex(user["AssumedRoleId"], r"^AROA[A-Z2-7]{17}:ci-run\.1$")
        self.assertNotIn("PackedPolicySize", answer)

        identity = self.client_with(credentials).get_caller_identity()
        self.assertEqual(ROLE_ACCOUNT, identity["Account"])
        self.assertEqual(user["Arn"], identity["Arn"])
        self.assertEqual(user["AssumedRoleId"], identity["UserId"])

        # Other services see the role's account too: a cluster made with the role's
        # credentials is in that account.
        ecs = self.client_with(credentials, service="ecs")
        name = unique_name("sts")
        arn = ecs.create_cluster(clusterName=name)["cluster"]["clusterArn"]
        self.assertEqual(f"arn:aws:ecs:us-east-1:{ROLE_ACCOUNT}:cluster/{name}", arn)
        ecs.delete_cluster(cluster=name)

    def test_assume_role_defaults_to_an_hour_and_keeps_one_id_per_role(self):
        role = self.role_arn()
        first = self.sts.assume_role(RoleArn=role, RoleSessionName="aa")
        second = self.sts.assume_role(RoleArn=role, RoleSessionName="bb")
        remaining = (first["Credentials"]["Expiration"]
                     - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(3590 <= remaining <= 3605, remaining)
        role_id = lambda a: a["AssumedRoleUser"]["AssumedRoleId"].split(":")[0]  # noqa: E731
        self.assertEqual(role_id(first), role_id(second))
        self.assertNotEqual(first["Credentials"]["AccessKeyId"], second["Credentials"]["AccessKeyId"])

    def test_session_policies_and_tags_report_their_packed_size(self):
        answer = self.sts.assume_role(
            RoleArn=self.role_arn(), RoleSessionName="tagged",
            Policy='{"Version":"2012-10-17","Statement":[]}',
            Tags=[{"Key": "team", "Value": "web"}])
        self.assertGreater(answer["PackedPolicySize"], 0)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.sts.assume_role(RoleArn=self.role_arn(), RoleSessionName="bad", Policy="{not json")
        self.assertEqual("MalformedPolicyDocument", ctx.exception.response["Error"]["Code"])

    def test_bad_role_arns_session_names_and_durations_are_validation_errors(self):
        cases = [
            dict(RoleArn="arn:aws:iam::123456789012:user/alice", RoleSessionName="s1"),
            dict(RoleArn=self.role_arn(), RoleSessionName="has space"),
            dict(RoleArn=self.role_arn(), RoleSessionName="s1", DurationSeconds=43201),
        ]
        for case in cases:
            with self.subTest(case=case):
                with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                    self.sts.assume_role(**case)
                self.assertEqual("ValidationError", ctx.exception.response["Error"]["Code"])
                self.assertEqual(400, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.sts.assume_role(RoleArn=self.role_arn(), RoleSessionName="has space")
        self.assertIn("at 'roleSessionName' failed to satisfy constraint",
                      ctx.exception.response["Error"]["Message"])

    def test_role_chaining_is_limited_to_an_hour(self):
        credentials = self.sts.assume_role(RoleArn=self.role_arn(), RoleSessionName="aa")["Credentials"]
        chained = self.client_with(credentials)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            chained.assume_role(RoleArn=self.role_arn(), RoleSessionName="bb", DurationSeconds=7200)
        self.assertEqual("ValidationError", ctx.exception.response["Error"]["Code"])
        again = chained.assume_role(RoleArn=self.role_arn("next"), RoleSessionName="bb")
        self.assertIn("assumed-role/next/bb", again["AssumedRoleUser"]["Arn"])

    def test_session_tokens_are_the_roots_for_at_most_an_hour(self):
        answer = self.sts.get_session_token(DurationSeconds=7200)
        credentials = answer["Credentials"]
        self.assertRegex(credentials["AccessKeyId"], r"^ASIA")
        remaining = (credentials["Expiration"]
                     - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(3590 <= remaining <= 3605, remaining)
        identity = self.client_with(credentials).get_caller_identity()
        self.assertEqual(f"arn:aws:iam::{ACCOUNT}:root", identity["Arn"])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client_with(credentials).get_session_token()
        self.assertEqual("AccessDenied", ctx.exception.response["Error"]["Code"])

    def test_access_key_info_names_the_keys_account(self):
        credentials = self.sts.assume_role(RoleArn=self.role_arn(), RoleSessionName="kk")["Credentials"]
        info = self.sts.get_access_key_info(AccessKeyId=credentials["AccessKeyId"])
        self.assertEqual(ROLE_ACCOUNT, info["Account"])
        self.assertEqual(ACCOUNT, self.sts.get_access_key_info(
            AccessKeyId="AKIAIOSFODNN7EXAMPLE")["Account"])

    def test_an_operation_not_built_names_itself(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.sts.get_federation_token(Name="bob")
        self.assertIn("GetFederationToken", ctx.exception.response["Error"]["Message"])
        self.assertEqual(400, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])


class StsRawQueryTest(BerthTestCase):
    """Query requests without an SDK: the XML AWS answers, byte for byte where it matters."""

    def post(self, params, service="sts", access_key="AKIAIOSFODNN7EXAMPLE"):
        status, headers, body = raw_request(urllib.parse.urlencode(params),
                                            headers=signed_for(service, access_key))
        return status, headers, ET.fromstring(body)

    def assertQueryError(self, params, code, message_pattern, status=400):
        got_status, headers, root = self.post(params)
        self.assertEqual(status, got_status)
        self.assertIn("xml", headers.get("Content-Type", ""))
        self.assertEqual(f"{STS_NS}ErrorResponse", root.tag)
        error = root.find(f"{STS_NS}Error")
        self.assertEqual("Sender", error.findtext(f"{STS_NS}Type"))
        self.assertEqual(code, error.findtext(f"{STS_NS}Code"))
        self.assertRegex(error.findtext(f"{STS_NS}Message"), message_pattern)
        self.assertEqual(headers["x-amzn-RequestId"], root.findtext(f"{STS_NS}RequestId"))

    def test_a_result_is_wrapped_as_the_model_says(self):
        status, headers, root = self.post({"Action": "GetCallerIdentity", "Version": "2011-06-15"})
        self.assertEqual(200, status)
        self.assertEqual(f"{STS_NS}GetCallerIdentityResponse", root.tag)
        result = root.find(f"{STS_NS}GetCallerIdentityResult")
        self.assertEqual(ACCOUNT, result.findtext(f"{STS_NS}Account"))
        self.assertEqual(headers["x-amzn-RequestId"],
                         root.find(f"{STS_NS}ResponseMetadata").findtext(f"{STS_NS}RequestId"))

    def test_unknown_actions_and_versions_are_invalid_actions(self):
        self.assertQueryError({"Action": "LaunchRockets", "Version": "2011-06-15"}, "InvalidAction",
                              r"^Could not find operation LaunchRockets for version 2011-06-15$")
        self.assertQueryError({"Action": "GetCallerIdentity", "Version": "2012-01-01"},
                              "InvalidAction",
                              r"^Could not find operation GetCallerIdentity for version 2012-01-01$")
        self.assertQueryError({"Action": "GetCallerIdentity"}, "InvalidAction",
                              r"for version NO_VERSION_SPECIFIED$")
        self.assertQueryError({"Version": "2011-06-15"}, "MissingAction", r"Action")

    def test_a_missing_parameter_is_a_validation_error(self):
        self.assertQueryError({"Action": "AssumeRole", "Version": "2011-06-15",
                               "RoleArn": f"arn:aws:iam::{ROLE_ACCOUNT}:role/r"},
                              "ValidationError",
                              re.escape("1 validation error detected: Value null at "
                                        "'roleSessionName' failed to satisfy constraint: Member "
                                        "must not be null"))
        self.assertQueryError({"Action": "AssumeRole", "Version": "2011-06-15",
                               "RoleArn": f"arn:aws:iam::{ROLE_ACCOUNT}:role/r",
                               "RoleSessionName": "s1", "DurationSeconds": "soon"},
                              "ValidationError", r"'soon'")
