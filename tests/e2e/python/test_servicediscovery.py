"""Cloud Map through boto3: namespaces with operation polling, services, instances,
DiscoverInstances (its data- host prefix turned off), health, attributes, tags, errors."""

import unittest

import botocore.exceptions

from berth_e2e import ACCOUNT, REGION, BerthTestCase, unique_name


class CloudMapTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        # DiscoverInstances' model puts "data-" before the endpoint's host: off for Berth.
        self.sd = self.client(service="servicediscovery", inject_host_prefix=False)
        self.errors = self.sd.exceptions

    def wait_operation(self, operation_id):
        """Polls GetOperation as AWS's examples do; returns the statuses seen."""
        seen = []
        for _ in range(30):
            op = self.sd.get_operation(OperationId=operation_id)["Operation"]
            seen.append(op["Status"])
            if op["Status"] in ("SUCCESS", "FAIL"):
                return op, seen
        self.fail(f"operation {operation_id} never finished: {seen}")

    def private_namespace(self, name):
        created = self.sd.create_private_dns_namespace(Name=name, Vpc="vpc-12345678")
        op, seen = self.wait_operation(created["OperationId"])
        self.assertEqual(["SUBMITTED", "SUCCESS"], seen)
        self.assertEqual("CREATE_NAMESPACE", op["Type"])
        return op["Targets"]["NAMESPACE"]

    def test_namespaces(self):
        name = unique_name("py-ns") + ".local"
        ns_id = self.private_namespace(name)
        ns = self.sd.get_namespace(Id=ns_id)["Namespace"]
        self.assertEqual((name, "DNS_PRIVATE", 0), (ns["Name"], ns["Type"], ns["ServiceCount"]))
        self.assertEqual(f"arn:aws:servicediscovery:{REGION}:{ACCOUNT}:namespace/{ns_id}", ns["Arn"])
        self.assertAwsError(self.errors.NamespaceAlreadyExists,
                            self.sd.create_private_dns_namespace, Name=name, Vpc="vpc-12345678")
        http = unique_name("py-http")
        http_op = self.sd.create_http_namespace(Name=http, Description="apps")["OperationId"]
        http_id = self.wait_operation(http_op)[0]["Targets"]["NAMESPACE"]
        pages = self.sd.get_paginator("list_namespaces").paginate(
            Filters=[{"Name": "TYPE", "Values": ["HTTP"], "Condition": "EQ"}])
        names = [n["Name"] for page in pages for n in page["Namespaces"]]
        self.assertIn(http, names)
        self.assertNotIn(name, names)
        ops = self.sd.list_operations(
            Filters=[{"Name": "NAMESPACE_ID", "Values": [http_id], "Condition": "EQ"}])["Operations"]
        self.assertEqual([http_op], [o["Id"] for o in ops])
        update = self.sd.update_http_namespace(Id=http_id, Namespace={"Description": "new"})
        self.wait_operation(update["OperationId"])
        self.assertEqual("new", self.sd.get_namespace(Id=http_id)["Namespace"]["Description"])
        self.wait_operation(self.sd.delete_namespace(Id=http_id)["OperationId"])
        self.assertAwsError(self.errors.NamespaceNotFound, self.sd.get_namespace, Id=http_id)
        self.assertAwsError(self.errors.OperationNotFound, self.sd.get_operation, OperationId="nope")

    def test_services_instances_and_discovery(self):
        zone = unique_name("py-zone") + ".local"
        ns_id = self.private_namespace(zone)
        service = self.sd.create_service(
            Name="backend", NamespaceId=ns_id,
            DnsConfig={"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 10}]},
            HealthCheckCustomConfig={"FailureThreshold": 1})["Service"]
        self.assertEqual("DNS_HTTP", service["Type"])
        self.assertAwsError(self.errors.ServiceAlreadyExists, self.sd.create_service,
                            Name="backend", NamespaceId=ns_id)
        self.assertAwsError(self.errors.ResourceInUse, self.sd.delete_namespace, Id=ns_id)
        self.assertAwsError(self.errors.InvalidInput, self.sd.register_instance,
                            ServiceId=service["Id"], InstanceId="x", Attributes={"a": "b"})
        for i, color in enumerate(["blue", "green"]):
            op = self.sd.register_instance(
                ServiceId=service["Id"], InstanceId=color,
                Attributes={"AWS_INSTANCE_IPV4": f"10.0.0.{i + 1}", "color": color})
            self.assertEqual("REGISTER_INSTANCE", self.wait_operation(op["OperationId"])[0]["Type"])
        self.sd.update_instance_custom_health_status(
            ServiceId=service["Id"], InstanceId="green", Status="UNHEALTHY")

        def discovered(**kwargs):
            found = self.sd.discover_instances(NamespaceName=zone, ServiceName="backend", **kwargs)
            return sorted(i["InstanceId"] for i in found["Instances"])

        self.assertEqual(["blue"], discovered())
        self.assertEqual(["blue", "green"], discovered(HealthStatus="ALL"))
        self.assertEqual(["green"], discovered(HealthStatus="ALL", QueryParameters={"color": "green"}))
        self.assertEqual(["blue", "green"],
                         discovered(HealthStatus="ALL", OptionalParameters={"color": "red"}))
        rev = self.sd.discover_instances_revision(NamespaceName=zone, ServiceName="backend")
        self.assertGreater(rev["InstancesRevision"], 0)
        health = self.sd.get_instances_health_status(ServiceId=service["Id"])["Status"]
        self.assertEqual({"blue": "HEALTHY", "green": "UNHEALTHY"}, health)
        listed = [i["Id"] for page in self.sd.get_paginator("list_instances").paginate(
            ServiceId=service["Id"]) for i in page["Instances"]]
        self.assertEqual(["blue", "green"], sorted(listed))
        self.assertAwsError(self.errors.ServiceNotFound, self.sd.discover_instances,
                            NamespaceName=zone, ServiceName="nope")
        self.assertAwsError(self.errors.ResourceInUse, self.sd.delete_service, Id=service["Id"])
        for color in ("blue", "green"):
            self.sd.deregister_instance(ServiceId=service["Id"], InstanceId=color)
        self.assertAwsError(self.errors.InstanceNotFound, self.sd.get_instance,
                            ServiceId=service["Id"], InstanceId="blue")
        self.sd.delete_service(Id=service["Id"])
        self.wait_operation(self.sd.delete_namespace(Id=ns_id)["OperationId"])

    def test_attributes_tags_and_custom_health_errors(self):
        ns_id = self.private_namespace(unique_name("py-tags") + ".local")
        service = self.sd.create_service(
            Name="api", NamespaceId=ns_id, Tags=[{"Key": "team", "Value": "a"}],
            DnsConfig={"DnsRecords": [{"Type": "SRV", "TTL": 30}]})["Service"]
        self.assertEqual([{"Key": "team", "Value": "a"}],
                         self.sd.list_tags_for_resource(ResourceARN=service["Arn"])["Tags"])
        self.sd.untag_resource(ResourceARN=service["Arn"], TagKeys=["team"])
        self.assertEqual([], self.sd.list_tags_for_resource(ResourceARN=service["Arn"])["Tags"])
        self.sd.update_service_attributes(ServiceId=service["Id"], Attributes={"k": "v"})
        got = self.sd.get_service_attributes(ServiceId=service["Id"])["ServiceAttributes"]
        self.assertEqual({"k": "v"}, got["Attributes"])
        self.sd.register_instance(ServiceId=service["Id"], InstanceId="i1",
                                  Attributes={"AWS_INSTANCE_IPV4": "10.0.0.9", "AWS_INSTANCE_PORT": "80"})
        self.assertAwsError(self.errors.CustomHealthNotFound,
                            self.sd.update_instance_custom_health_status,
                            ServiceId=service["Id"], InstanceId="i1", Status="HEALTHY")

    def test_the_host_prefix_is_what_a_user_must_turn_off(self):
        """With the prefix on (boto3's default), DiscoverInstances goes to data-<host>."""
        sd = self.client(service="servicediscovery")
        with self.assertRaises(botocore.exceptions.EndpointConnectionError):
            sd.discover_instances(NamespaceName="x.local", ServiceName="y")


if __name__ == "__main__":
    unittest.main()
