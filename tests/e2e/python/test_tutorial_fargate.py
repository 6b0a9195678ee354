"""The Amazon ECS "getting started with Fargate" tutorial with boto3 (issue 4): the cluster,
the verbatim sample-fargate task definition, a FARGATE service with an awsvpc network
configuration, the services_stable waiter, the sample page at the task's ENI address, then
delete_service(force=True), the services_inactive waiter and delete_cluster. Needs a Docker
engine and the test images (docker/engine.sh, docker/test-images.sh)."""

import unittest

from berth_e2e import BerthTestCase, http_get, load_sample_fargate, unique_name

FAST_WAIT = {"Delay": 1, "MaxAttempts": 120}
NETWORK = {"awsvpcConfiguration": {"subnets": ["subnet-abcd1234"],
                                   "securityGroups": ["sg-abcd1234"],
                                   "assignPublicIp": "ENABLED"}}



class FargateTutorialTest(BerthTestCase):
    def test_tutorial(self):
        cluster = unique_name("fargate-cluster")
        service = "fargate-service"
        self.ecs.create_cluster(clusterName=cluster)
        task_definition = self.ecs.register_task_definition(**load_sample_fargate())[
            "taskDefinition"]["taskDefinitionArn"]

        created = self.ecs.create_service(
            cluster=cluster, serviceName=service, taskDefinition=task_definition,
            desiredCount=1, launchType="FARGATE", networkConfiguration=NETWORK)["service"]
        self.assertEqual("ACTIVE", created["status"])
        self.assertEqual("LATEST", created["platformVersion"])
        self.assertEqual(NETWORK, created["networkConfiguration"])
        [deployment] = created["deployments"]
        self.assertEqual("IN_PROGRESS", deployment["rolloutState"])
        self.assertEqual(f"ECS deployment {deployment['id']} in progress.",
                         deployment["rolloutStateReason"])

        self.ecs.get_waiter("services_stable").wait(cluster=cluster, services=[service],
                                                    WaiterConfig=FAST_WAIT)
        [stable] = self.ecs.describe_services(cluster=cluster, services=[service])["services"]
        self.assertEqual(1, stable["runningCount"])
        self.assertEqual("COMPLETED", stable["deployments"][0]["rolloutState"])
        self.assertEqual("(service fargate-service) has reached a steady state.",
                         stable["events"][0]["message"])

        [task_arn] = self.ecs.list_tasks(cluster=cluster, serviceName=service)["taskArns"]
        [task] = self.ecs.describe_tasks(cluster=cluster, tasks=[task_arn])["tasks"]
        self.assertEqual("RUNNING", task["lastStatus"])
        self.assertEqual(deployment["id"], task["startedBy"])
        self.assertEqual(f"service:{service}", task["group"])
        [eni] = task["attachments"]
        details = {d["name"]: d["value"] for d in eni["details"]}
        self.assertEqual("subnet-abcd1234", details["subnetId"])
        page = http_get(f"http://{details['privateIPv4Address']}/", attempts=40)
        self.assertIn("Amazon ECS Sample App", page)

        deleted = self.ecs.delete_service(cluster=cluster, service=service, force=True)["service"]
        self.assertEqual("DRAINING", deleted["status"])
        self.ecs.get_waiter("services_inactive").wait(cluster=cluster, services=[service],
                                                      WaiterConfig=FAST_WAIT)
        [gone] = self.ecs.describe_services(cluster=cluster, services=[service])["services"]
        self.assertEqual("INACTIVE", gone["status"])
        [stopped] = self.ecs.describe_tasks(cluster=cluster, tasks=[task_arn])["tasks"]
        self.assertEqual("STOPPED", stopped["lastStatus"])
        self.assertEqual("ServiceSchedulerInitiated", stopped["stopCode"])
        self.assertEqual("INACTIVE",
                         self.ecs.delete_cluster(cluster=cluster)["cluster"]["status"])


if __name__ == "__main__":
    unittest.main()
