"""Services with boto3 (issue 4): CreateService's answer and errors by exception class, the
list_services paginator, scaling and a rolling update followed with the services_stable
waiter and the service events, service deployments, a deployment stopped and rolled back
(StopServiceDeployment, issue 15), and delete_service with the
services_inactive waiter. The scaling test runs real containers (docker/engine.sh,
docker/test-images.sh)."""

import time
import unittest

from berth_e2e import BerthTestCase, delete_service_and_wait, unique_name

BUSYBOX_IMAGE = "berth-test/busybox:latest"
FAST_WAIT = {"Delay": 1, "MaxAttempts": 120}


class ServiceTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = unique_name("py-services")
        self.family = unique_name("py-svc")
        self.ecs.create_cluster(clusterName=self.cluster)

    def register(self, command="sleep 600"):
        # The shell exits on SIGTERM, so that stopped tasks go at once.
        return self.ecs.register_task_definition(
            family=self.family,
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True,
                                   "command": ["sh", "-c", f"trap 'exit 0' TERM; {command} & wait"]}],
        )["taskDefinition"]["taskDefinitionArn"]

    def describe(self, name):
        [service] = self.ecs.describe_services(cluster=self.cluster, services=[name])["services"]
        return service

    def wait_stable(self, name):
        self.ecs.get_waiter("services_stable").wait(cluster=self.cluster, services=[name],
                                                    WaiterConfig=FAST_WAIT)
        return self.describe(name)

    def messages(self, name):
        return [e["message"] for e in self.describe(name)["events"]]

    def test_create_answers_with_defaults_and_errors_by_class(self):
        td = self.register()
        service = self.ecs.create_service(cluster=self.cluster, serviceName="web",
                                          taskDefinition=td, desiredCount=0)["service"]
        self.assertEqual("ACTIVE", service["status"])
        self.assertEqual("EC2", service["launchType"])
        self.assertEqual({"type": "ECS"}, service["deploymentController"])
        self.assertEqual(200, service["deploymentConfiguration"]["maximumPercent"])
        self.assertEqual(100, service["deploymentConfiguration"]["minimumHealthyPercent"])
        self.assertEqual("PRIMARY", service["deployments"][0]["status"])

        exceptions = self.ecs.exceptions
        error = self.assertAwsError(exceptions.InvalidParameterException, self.ecs.create_service,
                                    cluster=self.cluster, serviceName="web", taskDefinition=td,
                                    desiredCount=0)
        self.assertIn("Creation of service was not idempotent.", str(error))
        self.assertAwsError(exceptions.ClusterNotFoundException, self.ecs.create_service,
                            cluster=unique_name("nope"), serviceName="web", taskDefinition=td)
        self.assertAwsError(exceptions.ClientException, self.ecs.create_service,
                            cluster=self.cluster, serviceName="x",
                            taskDefinition=unique_name("nope"))
        self.assertAwsError(exceptions.ServiceNotFoundException, self.ecs.update_service,
                            cluster=self.cluster, service="nope", desiredCount=1)
        self.ecs.delete_service(cluster=self.cluster, service="web")
        self.assertAwsError(exceptions.ServiceNotActiveException, self.ecs.update_service,
                            cluster=self.cluster, service="web", desiredCount=1)
        failures = self.ecs.describe_services(cluster=self.cluster,
                                              services=["nope"])["failures"]
        self.assertEqual("MISSING", failures[0]["reason"])

    def test_list_services_paginator(self):
        td = self.register()
        arns = sorted(
            self.ecs.create_service(cluster=self.cluster, serviceName=f"s{i}", taskDefinition=td,
                                    desiredCount=0)["service"]["serviceArn"]
            for i in range(5))
        pages = list(self.ecs.get_paginator("list_services").paginate(
            cluster=self.cluster, PaginationConfig={"PageSize": 2}))
        self.assertEqual(3, len(pages))
        self.assertEqual(arns, sorted(a for p in pages for a in p["serviceArns"]))
        self.assertEqual([], self.ecs.list_services(cluster=self.cluster,
                                                    schedulingStrategy="DAEMON")["serviceArns"])

    def test_scale_roll_and_delete_with_waiters(self):
        first = self.register()
        self.ecs.create_service(cluster=self.cluster, serviceName="web", taskDefinition=first,
                                desiredCount=2)
        service = self.wait_stable("web")
        self.assertEqual(2, service["runningCount"])
        self.assertTrue(any(m.startswith("(service web) has started 2 tasks: (task ")
                            for m in self.messages("web")))
        tasks = self.ecs.list_tasks(cluster=self.cluster, serviceName="web")["taskArns"]
        self.assertEqual(2, len(tasks))

        self.ecs.update_service(cluster=self.cluster, service="web", desiredCount=1)
        service = self.wait_stable("web")
        self.assertEqual(1, service["runningCount"])
        self.assertTrue(any(m.startswith("(service web) has stopped 1 running tasks: (task ")
                            for m in self.messages("web")))

        second = self.register("sleep 601")
        updated = self.ecs.update_service(cluster=self.cluster, service="web",
                                          taskDefinition=second, desiredCount=2)["service"]
        self.assertEqual(2, len(updated["deployments"]))
        new_id = updated["deployments"][0]["id"]
        service = self.wait_stable("web")
        self.assertEqual(second, service["taskDefinition"])
        [deployment] = service["deployments"]
        self.assertEqual(new_id, deployment["id"])
        self.assertEqual("COMPLETED", deployment["rolloutState"])
        self.assertIn(f"(service web) (deployment {new_id}) deployment completed.",
                      self.messages("web"))
        running = self.ecs.describe_tasks(
            cluster=self.cluster,
            tasks=self.ecs.list_tasks(cluster=self.cluster, serviceName="web")["taskArns"])
        self.assertEqual({second}, {t["taskDefinitionArn"] for t in running["tasks"]})
        self.assertEqual({new_id}, {t["startedBy"] for t in running["tasks"]})

        listed = self.ecs.list_service_deployments(cluster=self.cluster,
                                                   service="web")["serviceDeployments"]
        self.assertEqual("SUCCESSFUL", listed[0]["status"])
        described = self.ecs.describe_service_deployments(
            serviceDeploymentArns=[listed[0]["serviceDeploymentArn"]])["serviceDeployments"]
        self.assertEqual(2, described[0]["targetServiceRevision"]["runningTaskCount"])
        # Each deployment's revision: the new one, and the first (listed oldest last).
        revisions = self.ecs.describe_service_revisions(serviceRevisionArns=[
            described[0]["targetServiceRevision"]["arn"], listed[-1]["targetServiceRevisionArn"],
        ])["serviceRevisions"]
        self.assertEqual([second, first], [r["taskDefinition"] for r in revisions])
        self.assertEqual([{"containerName": "app", "image": BUSYBOX_IMAGE}],
                         revisions[0]["containerImages"])

        self.ecs.delete_service(cluster=self.cluster, service="web", force=True)
        self.ecs.get_waiter("services_inactive").wait(cluster=self.cluster, services=["web"],
                                                      WaiterConfig=FAST_WAIT)
        self.assertEqual([], self.ecs.list_tasks(cluster=self.cluster)["taskArns"])
        self.ecs.delete_cluster(cluster=self.cluster)


    def test_stop_service_deployment_rolls_back(self):
        first = self.register()
        self.ecs.create_service(cluster=self.cluster, serviceName="web", taskDefinition=first,
                                desiredCount=1)
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "web")
        self.wait_stable("web")
        # A revision whose health check has not passed yet: its deployment stays IN_PROGRESS.
        second = self.ecs.register_task_definition(
            family=self.family,
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True,
                                   "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"],
                                   "healthCheck": {"command": ["CMD-SHELL", "exit 1"],
                                                   "interval": 5, "retries": 10,
                                                   "startPeriod": 300}}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.ecs.update_service(cluster=self.cluster, service="web", taskDefinition=second)
        [ongoing, _] = self.ecs.list_service_deployments(
            cluster=self.cluster, service="web")["serviceDeployments"]
        self.assertEqual("IN_PROGRESS", ongoing["status"])
        arn = ongoing["serviceDeploymentArn"]
        answer = self.ecs.stop_service_deployment(serviceDeploymentArn=arn, stopType="ROLLBACK")
        self.assertEqual(arn, answer["serviceDeploymentArn"])

        service = self.wait_stable("web")
        self.assertEqual(first, service["taskDefinition"])
        [deployment] = service["deployments"]
        self.assertEqual("COMPLETED", deployment["rolloutState"])
        running = self.ecs.describe_tasks(
            cluster=self.cluster,
            tasks=self.ecs.list_tasks(cluster=self.cluster, serviceName="web")["taskArns"])
        self.assertEqual({first}, {t["taskDefinitionArn"] for t in running["tasks"]})
        [stopped] = self.ecs.describe_service_deployments(
            serviceDeploymentArns=[arn])["serviceDeployments"]
        self.assertEqual("ROLLBACK_SUCCESSFUL", stopped["status"])
        # A finished deployment cannot be stopped.
        self.assertAwsError(self.ecs.exceptions.ConflictException,
                            self.ecs.stop_service_deployment, serviceDeploymentArn=arn)

    def test_a_missing_image_is_retried_throttled_with_events(self):
        absent = self.ecs.register_task_definition(
            family=self.family,
            containerDefinitions=[{"name": "app", "image": "127.0.0.1:1/berth/absent:latest",
                                   "memory": 16, "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.ecs.create_service(cluster=self.cluster, serviceName="web", taskDefinition=absent,
                                desiredCount=1)
        self.addCleanup(delete_service_and_wait, self.ecs, self.cluster, "web")
        throttled = "(service web) is unable to consistently start tasks successfully."
        deadline = time.time() + 60
        while throttled not in self.messages("web") and time.time() < deadline:
            time.sleep(0.5)
        self.assertIn(throttled, self.messages("web"))

        stopped = self.ecs.list_tasks(cluster=self.cluster, serviceName="web",
                                      desiredStatus="STOPPED")["taskArns"]
        self.assertGreaterEqual(len(stopped), 3)
        for task in self.ecs.describe_tasks(cluster=self.cluster, tasks=stopped)["tasks"]:
            self.assertEqual("TaskFailedToStart", task["stopCode"])
            self.assertTrue(task["stoppedReason"].startswith("CannotPullContainerError: "),
                            task["stoppedReason"])
        service = self.describe("web")
        self.assertEqual("ACTIVE", service["status"])
        self.assertEqual(0, service["runningCount"])
        self.assertEqual("IN_PROGRESS", service["deployments"][0]["rolloutState"])
        self.assertGreaterEqual(service["deployments"][0]["failedTasks"], 3)
        self.assertTrue(any(m.startswith("(service web) has started 1 tasks: (task ")
                            for m in self.messages("web")))

if __name__ == "__main__":
    unittest.main()
