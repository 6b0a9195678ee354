"""ECS services behind an Application Load Balancer on the real engine (issue 12), with boto3:
three awsvpc busybox tasks, each answering with its own task id, registered in a target group
as they run; requests through the listener reach all three; the target-in-service waiter; a
target made unhealthy (its health page removed) gets its task replaced with ECS's stopped
reason; a rolling update under constant load answers every request with 2xx. Runs as
e2e.python-ecs-load-balancers, alone (it needs docker/engine.sh and docker/test-images.sh); the
generic python suite, which discovers it by name, skips it."""

import os
import socket
import subprocess
import threading
import time
import unittest
import urllib.error
import urllib.request

from berth_e2e import BerthTestCase, unique_name

BUSYBOX_IMAGE = "berth-test/busybox:latest"
WAIT = {"Delay": 1, "MaxAttempts": 120}

# The task's id from its metadata, served at / and /health by busybox httpd; SIGTERM ends it.
SERVE_TASK_ID = r"""
mkdir -p /www
until wget -q -O /tmp/task "$ECS_CONTAINER_METADATA_URI_V4/task"; do sleep 0.2; done
sed -n 's/.*"TaskARN": *"[^"]*\/\([0-9a-f]*\)".*/\1/p' /tmp/task > /www/index.html
cp /www/index.html /www/health
exec httpd -f -p 80 -h /www
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=5):
    """(status, body) of a GET; the status of an HTTP error too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode().strip()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace").strip()


def container_of(task_arn, name="web"):
    out = subprocess.run(
        ["docker", "ps", "-q", "--filter", f"label=com.amazonaws.ecs.task-arn={task_arn}",
         "--filter", f"label=com.amazonaws.ecs.container-name={name}"],
        capture_output=True, text=True, check=True).stdout.split()
    return out[0] if out else None


@unittest.skipUnless(os.environ.get("BERTH_E2E_LOAD_BALANCERS"),
                     "runs alone, as e2e.python-ecs-load-balancers")
class LoadBalancedServiceTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.elb = self.client(service="elbv2")
        self.cluster = unique_name("py-lb")
        self.ecs.create_cluster(clusterName=self.cluster)
        self.addCleanup(self.ecs.delete_cluster, cluster=self.cluster)
        name = unique_name("lb")[-32:].strip("-")
        lb = self.elb.create_load_balancer(Name=name, Subnets=["subnet-a", "subnet-b"],
                                           Type="application")["LoadBalancers"][0]
        self.addCleanup(self.elb.delete_load_balancer, LoadBalancerArn=lb["LoadBalancerArn"])
        tg = self.elb.create_target_group(
            Name=name, Protocol="HTTP", Port=80, VpcId="vpc-e2e", TargetType="ip",
            HealthCheckPath="/health", HealthCheckIntervalSeconds=5,
            HealthCheckTimeoutSeconds=2, HealthyThresholdCount=2,
            UnhealthyThresholdCount=2)["TargetGroups"][0]
        self.tg = tg["TargetGroupArn"]
        self.addCleanup(self.elb.delete_target_group, TargetGroupArn=self.tg)
        self.elb.modify_target_group_attributes(
            TargetGroupArn=self.tg,
            Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "2"}])
        self.port = free_port()
        listener = self.elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=self.port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": self.tg}])["Listeners"][0]
        self.addCleanup(self.elb.delete_listener, ListenerArn=listener["ListenerArn"])
        self.url = f"http://127.0.0.1:{self.port}/"
        self.family = unique_name("py-lb")
        self.task_definition = self.ecs.register_task_definition(
            family=self.family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{
                "name": "web", "image": BUSYBOX_IMAGE, "essential": True,
                "command": ["sh", "-c", SERVE_TASK_ID],
                "portMappings": [{"containerPort": 80}]}])["taskDefinition"]["taskDefinitionArn"]

    def create_service(self, name, count=3, **kwargs):
        service = self.ecs.create_service(
            cluster=self.cluster, serviceName=name, taskDefinition=self.task_definition,
            desiredCount=count, launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}},
            loadBalancers=[{"targetGroupArn": self.tg, "containerName": "web",
                            "containerPort": 80}], **kwargs)["service"]
        self.addCleanup(self.delete_service, name)
        return service

    def delete_service(self, name):
        self.ecs.delete_service(cluster=self.cluster, service=name, force=True)
        self.ecs.get_waiter("services_inactive").wait(cluster=self.cluster, services=[name],
                                                      WaiterConfig=WAIT)

    def running_task_ids(self, name):
        arns = self.ecs.list_tasks(cluster=self.cluster, serviceName=name,
                                   desiredStatus="RUNNING")["taskArns"]
        return {arn.rsplit("/", 1)[1]: arn for arn in arns}

    def events(self, name):
        [s] = self.ecs.describe_services(cluster=self.cluster, services=[name])["services"]
        return [e["message"] for e in s["events"]]

    def wait_in_service(self, name, count=3):
        self.ecs.get_waiter("services_stable").wait(cluster=self.cluster, services=[name],
                                                    WaiterConfig=WAIT)
        tasks = self.ecs.describe_tasks(cluster=self.cluster,
                                        tasks=list(self.running_task_ids(name).values()))["tasks"]
        self.assertEqual(count, len(tasks))
        targets = [{"Id": t["containers"][0]["networkInterfaces"][0]["privateIpv4Address"],
                    "Port": 80} for t in tasks]
        self.elb.get_waiter("target_in_service").wait(TargetGroupArn=self.tg, Targets=targets,
                                                      WaiterConfig=WAIT)
        return tasks, targets

    def test_requests_reach_every_task_and_targets_follow_the_tasks(self):
        name = unique_name("web")
        created = self.create_service(name)
        self.assertEqual([{"targetGroupArn": self.tg, "containerName": "web",
                           "containerPort": 80}], created["loadBalancers"])
        tasks, targets = self.wait_in_service(name)

        # DescribeTargetHealth lists exactly the deployment's RUNNING tasks, all healthy.
        health = self.elb.describe_target_health(TargetGroupArn=self.tg)
        listed = {(d["Target"]["Id"], d["Target"]["Port"]): d["TargetHealth"]["State"]
                  for d in health["TargetHealthDescriptions"]}
        self.assertEqual({(t["Id"], t["Port"]): "healthy" for t in targets}, listed)
        [described] = self.ecs.describe_services(cluster=self.cluster,
                                                 services=[name])["services"]
        self.assertEqual(created["loadBalancers"], described["loadBalancers"])
        messages = [e["message"] for e in described["events"]]
        self.assertTrue(any(m.startswith(f"(service {name}) registered ") and
                            m.endswith(f"targets in (target-group {self.tg})")
                            for m in messages), messages)

        # Round robin through the listener reaches all three tasks, each naming itself.
        ids = set(self.running_task_ids(name))
        seen = set()
        for _ in range(30):
            status, body = get(self.url)
            self.assertEqual(200, status, body)
            seen.add(body)
        self.assertEqual(ids, seen)

        # Scaling in drains the task's target before it stops.
        self.ecs.update_service(cluster=self.cluster, service=name, desiredCount=2)
        self.wait_in_service(name, count=2)
        self.elb.get_waiter("target_deregistered").wait(
            TargetGroupArn=self.tg,
            Targets=[t for t in targets
                     if t["Id"] not in {x["Id"] for x in self.current_targets(name)}],
            WaiterConfig=WAIT)
        messages = self.events(name)
        self.assertIn(f"(service {name}) has begun draining connections on 1 tasks.", messages)
        self.assertIn(f"(service {name}) deregistered 1 targets in (target-group {self.tg})",
                      messages)

    def current_targets(self, name):
        tasks = self.ecs.describe_tasks(cluster=self.cluster,
                                        tasks=list(self.running_task_ids(name).values()))["tasks"]
        return [{"Id": t["containers"][0]["networkInterfaces"][0]["privateIpv4Address"],
                 "Port": 80} for t in tasks]

    def test_an_unhealthy_target_gets_its_task_replaced(self):
        name = unique_name("web")
        self.create_service(name, count=1)
        tasks, _ = self.wait_in_service(name, count=1)
        victim = tasks[0]["taskArn"]
        container = container_of(victim)
        self.assertTrue(container)
        subprocess.run(["docker", "exec", container, "rm", "/www/health"], check=True)

        self.ecs.get_waiter("tasks_stopped").wait(cluster=self.cluster, tasks=[victim],
                                                  WaiterConfig=WAIT)
        [stopped] = self.ecs.describe_tasks(cluster=self.cluster, tasks=[victim])["tasks"]
        self.assertEqual(f"Task failed ELB health checks in (target-group {self.tg})",
                         stopped["stoppedReason"])
        self.assertEqual("ServiceSchedulerInitiated", stopped["stopCode"])
        self.wait_in_service(name, count=1)
        self.assertNotIn(victim.rsplit("/", 1)[1], self.running_task_ids(name))
        self.assertTrue(any("is unhealthy in (target-group " + self.tg in m
                            for m in self.events(name)))

    def test_a_rolling_update_under_load_loses_no_request(self):
        name = unique_name("web")
        self.create_service(name, count=3, deploymentConfiguration={
            "minimumHealthyPercent": 100, "maximumPercent": 200})
        self.wait_in_service(name)
        before = set(self.running_task_ids(name))

        failures, answered, stop = [], [0], threading.Event()

        def load():
            while not stop.is_set():
                status, body = get(self.url)
                answered[0] += 1
                if not 200 <= status < 300:
                    failures.append((status, body))
                time.sleep(0.01)  # bounded: about 100 requests a second, on loopback

        thread = threading.Thread(target=load)
        thread.start()
        try:
            self.ecs.update_service(cluster=self.cluster, service=name,
                                    forceNewDeployment=True)
            time.sleep(1)
            self.wait_in_service(name)
            deadline = time.time() + 60
            while before & set(self.running_task_ids(name)) and time.time() < deadline:
                time.sleep(0.5)
        finally:
            stop.set()
            thread.join()
        self.assertFalse(before & set(self.running_task_ids(name)), "old tasks still run")
        self.assertGreater(answered[0], 100)
        self.assertEqual([], failures[:10], f"{len(failures)} of {answered[0]} failed")

    def test_create_service_checks_the_load_balancers(self):
        def create(**lb):
            spec = {"targetGroupArn": self.tg, "containerName": "web", "containerPort": 80}
            spec.update(lb)
            spec = {k: v for k, v in spec.items() if v is not None}
            return self.ecs.create_service(
                cluster=self.cluster, serviceName=unique_name("bad"),
                taskDefinition=self.task_definition, desiredCount=1, launchType="FARGATE",
                networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-e2e"]}},
                loadBalancers=[spec])

        bad = self.ecs.exceptions.InvalidParameterException
        e = self.assertAwsError(bad, create, containerPort=8080)
        self.assertEqual("The container web did not have a container port 8080 defined.",
                         e.response["Error"]["Message"])
        e = self.assertAwsError(bad, create, containerName="nope")
        self.assertEqual("The container nope does not exist in the task definition.",
                         e.response["Error"]["Message"])
        e = self.assertAwsError(bad, create, targetGroupArn=None, loadBalancerName="classic")
        self.assertEqual("The load balancer classic does not exist.",
                         e.response["Error"]["Message"])
        instance_tg = self.elb.create_target_group(
            Name=unique_name("inst")[-32:].strip("-"), Protocol="HTTP", Port=80,
            VpcId="vpc-e2e", TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
        self.addCleanup(self.elb.delete_target_group, TargetGroupArn=instance_tg)
        e = self.assertAwsError(bad, create, targetGroupArn=instance_tg)
        self.assertIn("does not have an associated load balancer", e.response["Error"]["Message"])
        missing = self.tg[:-4] + "ffff"
        self.assertAwsError(bad, create, targetGroupArn=missing)
        self.assertEqual([], self.ecs.list_services(cluster=self.cluster)["serviceArns"])
