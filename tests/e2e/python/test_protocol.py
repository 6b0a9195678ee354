"""The AWS JSON-1.1 front door seen from outside: health, errors in the AWS shape for bad
input, unknown and unimplemented operations, unsigned requests, and a server that keeps
serving after all of them."""

import json
import unittest

import botocore.exceptions

from berth_e2e import TARGET_PREFIX, BerthTestCase, raw_request, shape_checker, unique_name


class ProtocolTest(BerthTestCase):
    def assertAwsErrorBody(self, status, headers, body, error_type):
        self.assertEqual(400, status, body)
        parsed = json.loads(body)
        self.assertEqual(error_type, parsed["__type"].split("#")[-1], parsed)
        self.assertIsInstance(parsed.get("message", parsed.get("Message")), str, parsed)
        self.assertIn("json", headers.get("Content-Type", ""))
        return parsed

    def assertStillServing(self):
        status, _, body = raw_request("{}", target=f"{TARGET_PREFIX}.ListClusters")
        self.assertEqual(200, status, body)
        self.assertEqual([], shape_checker().check_output("ListClusters", body.decode()))

    def test_health_answers(self):
        status, _, _ = raw_request(None, method="GET", path="/health")
        self.assertEqual(200, status)

    def test_malformed_json_is_a_serialization_exception(self):
        for body in ('{"clusterName": ', "not json at all", "[1, 2]", '"a string"'):
            with self.subTest(body=body):
                status, headers, reply = raw_request(body, target=f"{TARGET_PREFIX}.CreateCluster")
                self.assertAwsErrorBody(status, headers, reply, "SerializationException")
        self.assertStillServing()

    def test_unknown_target_is_an_unknown_operation(self):
        status, headers, body = raw_request("{}", target=f"{TARGET_PREFIX}.LaunchRockets")
        self.assertAwsErrorBody(status, headers, body, "UnknownOperationException")
        status, headers, body = raw_request("{}", target="SomeOtherService_2020.ListThings")
        self.assertAwsErrorBody(status, headers, body, "UnknownOperationException")
        self.assertStillServing()

    def test_an_operation_not_built_yet_names_itself(self):
        # SubmitAttachmentStateChanges is called by the ECS agent, never by users.
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.ecs.submit_attachment_state_changes(
                attachments=[{"attachmentArn": "arn:aws:ecs:us-east-1:000000000000:attachment/x",
                              "status": "ATTACHED"}])
        error = ctx.exception.response["Error"]
        status = ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"]
        self.assertTrue(error["Code"], ctx.exception.response)
        self.assertIn("SubmitAttachmentStateChanges", error["Message"])
        self.assertGreaterEqual(status, 400)
        self.assertNotEqual(500, status, "an operation that is not built is not a crash")
        self.assertStillServing()

    def test_wrong_json_types_are_serialization_exceptions(self):
        # As on ECS ("STRING_VALUE cannot be converted to Integer"): a value of the wrong JSON
        # type fails deserialization, before any validation of values.
        target = f"{TARGET_PREFIX}.CreateCluster"
        for body, member in (('{"clusterName": 42}', "clusterName"),
                             ('{"tags": {"key": "a"}}', "tags"),
                             ('{"settings": [{"name": "containerInsights", "value": true}]}',
                              "value")):
            with self.subTest(body=body):
                status, headers, reply = raw_request(body, target=target)
                parsed = self.assertAwsErrorBody(status, headers, reply, "SerializationException")
                self.assertIn(member, parsed["message"])
        self.assertStillServing()

    def test_missing_members_and_values_outside_an_enum_are_invalid_parameters(self):
        target = f"{TARGET_PREFIX}.RegisterTaskDefinition"
        container = '[{"name": "a", "image": "busybox", "memory": 32}]'
        for body in ('{"family": "no-containers"}',
                     '{"containerDefinitions": ' + container + '}',
                     '{"family": "f", "networkMode": "banana", "containerDefinitions": '
                     + container + '}'):
            with self.subTest(body=body):
                status, _, reply = raw_request(body, target=target)
                parsed = json.loads(reply)
                self.assertEqual(400, status, parsed)
                self.assertIn(parsed["__type"].split("#")[-1],
                              ("InvalidParameterException", "ClientException"), parsed)
        self.assertStillServing()

    def test_unsigned_requests_work(self):
        name = unique_name("py-unsigned")
        status, _, body = raw_request(json.dumps({"clusterName": name}),
                                      target=f"{TARGET_PREFIX}.CreateCluster")
        self.assertEqual(200, status, body)
        cluster = json.loads(body)["cluster"]
        self.assertEqual(f"arn:aws:ecs:us-east-1:000000000000:cluster/{name}",
                         cluster["clusterArn"])
        self.assertEqual([], shape_checker().check_output("CreateCluster", body.decode()))

    def test_keep_alive_connection_serves_many_requests(self):
        import http.client
        from urllib.parse import urlparse

        url = urlparse(self.ecs.meta.endpoint_url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            for _ in range(20):
                conn.request("POST", "/", body="{}", headers={
                    "Content-Type": "application/x-amz-json-1.1",
                    "X-Amz-Target": f"{TARGET_PREFIX}.ListClusters"})
                response = conn.getresponse()
                self.assertEqual(200, response.status)
                response.read()
        finally:
            conn.close()

    def test_botocore_maps_errors_to_modeled_exception_classes(self):
        with self.assertRaises(self.ecs.exceptions.ClusterNotFoundException):
            self.ecs.delete_cluster(cluster=unique_name("py-none"))
        with self.assertRaises(self.ecs.exceptions.ClientException):
            self.ecs.describe_task_definition(taskDefinition=unique_name("py-none"))


if __name__ == "__main__":
    unittest.main()
