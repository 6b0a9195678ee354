"""--state-dir (issue 11) with boto3: a Berth of the test's own, stopped (SIGTERM, then kill -9)
and started again on the same directory, answers with the same cluster, task definitions
(revisions keep counting), service and deployments; the task that ran is STOPPED with a reason
and the service runs a new one in its place, with no container of the earlier run left. The
stores around ECS come back too: secrets (binary ones too), parameters with their versions and
labels, log groups with their streams and events, so that a service whose tasks read `secrets`
and log with awslogs starts again after the restart; load balancers whose listeners forward
again, and Cloud Map namespaces, services and instances. A journal whose end tore is cut there,
with one warning, and Berth starts with what came before.

Needs the real engine (docker/engine.sh, docker/test-images.sh) and BERTH_BINARY."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from berth_e2e import (BerthTestCase, ResponseRecorder, http_get, running_service_tasks,
                       task_containers, unique_name)
from test_elbv2_forwarding import get, start_server

BERTH_BINARY = os.environ.get("BERTH_BINARY", "")
BUSYBOX_IMAGE = "berth-test/busybox:latest"
RESTART_REASON_START = "Task stopped while Berth was down"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StateDirTest(BerthTestCase):
    def setUp(self):
        if not BERTH_BINARY:
            raise unittest.SkipTest("BERTH_BINARY is not set")
        self.recorder = ResponseRecorder()
        self.state_dir = tempfile.mkdtemp(prefix="berth-state-")
        self.log_path = self.state_dir + ".log"
        self.berth = None

    def tearDown(self):
        if self.berth and self.berth.poll() is None:
            self.stop_berth(signal.SIGTERM)  # removes the containers it started
        with open(self.log_path) as log:  # what the state directory and the runs said
            print("".join(l for l in log if " state: " in l or "[error]" in l or "[warn" in l))
        shutil.rmtree(self.state_dir, ignore_errors=True)
        os.unlink(self.log_path)
        super().tearDown()

    def start_berth(self):
        port = free_port()
        log = open(self.log_path, "a")
        # Task DNS and task endpoints off: the suite's own Berth holds their addresses.
        self.berth = subprocess.Popen(
            [BERTH_BINARY, "--listen", f"127.0.0.1:{port}", "--strict-responses",
             "--state-dir", self.state_dir, "--no-task-dns", "--no-task-endpoints"],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(200):
            self.assertIsNone(self.berth.poll(), "Berth exited at start")
            try:
                urllib.request.urlopen(endpoint + "/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        self.ecs = self.client(endpoint=endpoint)
        self.endpoint = endpoint

    def stop_berth(self, sig):
        self.berth.send_signal(sig)
        code = self.berth.wait(timeout=120)
        if sig == signal.SIGTERM:
            self.assertEqual(code, 0, "Berth did not exit cleanly on SIGTERM")

    def register(self, family):
        return self.ecs.register_task_definition(
            family=family,
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True, "command": ["sleep", "600"]}],
        )["taskDefinition"]

    def service_with_a_task(self):
        """Cluster, family with revisions 1 and 2, a service of 2 running one task."""
        cluster = unique_name("state")
        family = unique_name("state-family")
        cluster_arn = self.ecs.create_cluster(clusterName=cluster)["cluster"]["clusterArn"]
        self.assertEqual(self.register(family)["revision"], 1)
        self.assertEqual(self.register(family)["revision"], 2)
        self.ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=f"{family}:2",
                                desiredCount=1)
        [task] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        service = self.ecs.describe_services(cluster=cluster, services=["web"])["services"][0]
        return cluster, cluster_arn, family, service, task

    def check_restored(self, cluster, cluster_arn, family, service, task):
        [again] = self.ecs.describe_clusters(clusters=[cluster])["clusters"]
        self.assertEqual((again["clusterArn"], again["status"]), (cluster_arn, "ACTIVE"))
        revisions = self.ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]
        self.assertEqual([arn.rsplit(":", 1)[1] for arn in revisions], ["1", "2"])
        self.assertEqual(self.register(family)["revision"], 3)

        [restored] = self.ecs.describe_services(cluster=cluster, services=["web"])["services"]
        self.assertEqual(restored["serviceArn"], service["serviceArn"])
        self.assertEqual(restored["taskDefinition"], service["taskDefinition"])
        self.assertEqual([d["id"] for d in restored["deployments"]],
                         [d["id"] for d in service["deployments"]])
        before = {e["id"] for e in service["events"]}
        self.assertTrue(before <= {e["id"] for e in restored["events"]})

        [old] = self.ecs.describe_tasks(cluster=cluster, tasks=[task["taskArn"]])["tasks"]
        self.assertEqual(old["lastStatus"], "STOPPED")
        self.assertTrue(old["stoppedReason"].startswith(RESTART_REASON_START), old["stoppedReason"])
        [new] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        self.assertNotEqual(new["taskArn"], task["taskArn"])
        self.assertEqual(task_containers(task["taskArn"]), [])  # no orphan of the earlier run

    def test_sigterm_restart(self):
        self.start_berth()
        state = self.service_with_a_task()
        self.stop_berth(signal.SIGTERM)
        self.start_berth()
        self.check_restored(*state)

    def test_kill_9_restart(self):
        self.start_berth()
        state = self.service_with_a_task()
        task = state[-1]
        self.stop_berth(signal.SIGKILL)
        self.assertNotEqual(task_containers(task["taskArn"]), [], "the killed run left nothing")
        self.start_berth()
        self.check_restored(*state)

    def side_clients(self):
        return (self.client(endpoint=self.endpoint, service="secretsmanager"),
                self.client(endpoint=self.endpoint, service="ssm"),
                self.client(endpoint=self.endpoint, service="logs"))

    def test_secrets_parameters_and_logs_survive_kill_9(self):
        self.start_berth()
        sm, ssm, logs = self.side_clients()
        name = unique_name("state-secret")
        secret_arn = sm.create_secret(Name=name, SecretString="hunter2")["ARN"]
        sm.put_secret_value(SecretId=name, SecretBinary=b"\xff\x00raw")
        param = "/" + unique_name("state") + "/url"
        ssm.put_parameter(Name=param, Value="http://one", Type="String")
        ssm.put_parameter(Name=param, Value="http://two", Type="String", Overwrite=True)
        ssm.label_parameter_version(Name=param, ParameterVersion=1, Labels=["first"])
        group = "/" + unique_name("state-logs")
        logs.create_log_group(logGroupName=group)
        logs.put_retention_policy(logGroupName=group, retentionInDays=7)

        # A service whose task reads the secret and the parameter and logs with awslogs.
        cluster = unique_name("state-side")
        self.ecs.create_cluster(clusterName=cluster)
        family = unique_name("state-side")
        self.ecs.register_task_definition(
            family=family, executionRoleArn="arn:aws:iam::000000000000:role/exec",
            containerDefinitions=[{
                "name": "app", "image": BUSYBOX_IMAGE, "memory": 16, "essential": True,
                "command": ["sh", "-c", 'echo "started $URL"; sleep 600'],
                "secrets": [{"name": "URL", "valueFrom": param},
                            {"name": "PASSWORD", "valueFrom": secret_arn}],
                "logConfiguration": {"logDriver": "awslogs", "options": {
                    "awslogs-group": group, "awslogs-region": "us-east-1",
                    "awslogs-stream-prefix": "app"}}}])
        self.ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=family,
                                desiredCount=1)
        [task] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        first_stream = "app/app/" + task["taskArn"].rsplit("/", 1)[1]
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, first_stream))
        # Events the runtime ingests are journalled within a tick (a second); an API write that
        # was answered is in the journal with everything written before it.
        logs.put_retention_policy(logGroupName=group, retentionInDays=7)

        self.stop_berth(signal.SIGKILL)
        self.start_berth()
        sm, ssm, logs = self.side_clients()

        current = sm.get_secret_value(SecretId=name)
        self.assertEqual(current["SecretBinary"], b"\xff\x00raw")
        self.assertEqual(current["ARN"], secret_arn)
        previous = sm.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")
        self.assertEqual(previous["SecretString"], "hunter2")
        self.assertEqual(ssm.get_parameter(Name=param)["Parameter"]["Version"], 2)
        self.assertEqual(ssm.get_parameter(Name=param + ":first")["Parameter"]["Value"], "http://one")
        [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
        self.assertEqual(described["retentionInDays"], 7)
        # The earlier run's events, and a new task's, which read the restored secrets.
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, first_stream))
        [new] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        self.assertNotEqual(new["taskArn"], task["taskArn"])
        new_stream = "app/app/" + new["taskArn"].rsplit("/", 1)[1]
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, new_stream))
        logs.put_log_events(logGroupName=group, logStreamName=first_stream,
                            logEvents=[{"timestamp": int(time.time() * 1000), "message": "later"}])
        self.assertEqual(["started http://two", "later"],
                         self.wait_for_messages(logs, group, first_stream, count=2))

    def test_load_balancers_and_cloud_map_survive_kill_9(self):
        self.start_berth()
        elb = self.client(endpoint=self.endpoint, service="elbv2")
        sd = self.client(endpoint=self.endpoint, service="servicediscovery")
        server = start_server("a")
        self.addCleanup(server.shutdown)
        lb = elb.create_load_balancer(Name=unique_name("state-alb"), Type="application",
                                      Subnets=["subnet-aaaa1111", "subnet-bbbb2222"])
        lb = lb["LoadBalancers"][0]
        group = elb.create_target_group(
            Name=unique_name("state-tg"), Protocol="HTTP", Port=80, VpcId="vpc-12345678",
            TargetType="ip", HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
            HealthyThresholdCount=2)["TargetGroups"][0]
        port = free_port()
        listener = elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
        )["Listeners"][0]
        elb.create_rule(ListenerArn=listener["ListenerArn"], Priority=5,
                        Conditions=[{"Field": "path-pattern", "Values": ["/down"]}],
                        Actions=[{"Type": "fixed-response", "FixedResponseConfig": {
                            "StatusCode": "200", "ContentType": "text/plain",
                            "MessageBody": "down for now"}}])
        targets = [{"Id": "127.0.0.1", "Port": server.server_address[1]}]
        elb.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=targets)
        elb.get_waiter("target_in_service").wait(TargetGroupArn=group["TargetGroupArn"],
                                                 Targets=targets,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        self.assertEqual("a", get(f"http://127.0.0.1:{port}/"))

        namespace = unique_name("state-ns")
        operation = sd.create_http_namespace(Name=namespace)["OperationId"]
        for _ in range(40):
            done = sd.get_operation(OperationId=operation)["Operation"]
            if done["Status"] == "SUCCESS":
                break
            time.sleep(0.25)
        namespace_id = done["Targets"]["NAMESPACE"]
        service_id = sd.create_service(Name="backend", NamespaceId=namespace_id)["Service"]["Id"]
        sd.register_instance(ServiceId=service_id, InstanceId="i-1",
                             Attributes={"AWS_INSTANCE_IPV4": "10.0.0.5", "team": "a"})

        self.stop_berth(signal.SIGKILL)
        self.start_berth()
        elb = self.client(endpoint=self.endpoint, service="elbv2")
        sd = self.client(endpoint=self.endpoint, service="servicediscovery")

        [again] = elb.describe_load_balancers(Names=[lb["LoadBalancerName"]])["LoadBalancers"]
        self.assertEqual((again["LoadBalancerArn"], again["DNSName"]),
                         (lb["LoadBalancerArn"], lb["DNSName"]))
        rules = elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
        self.assertEqual(["5", "default"], sorted(r["Priority"] for r in rules))
        [health] = elb.describe_target_health(
            TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]
        self.assertEqual(targets[0], {"Id": health["Target"]["Id"],
                                      "Port": health["Target"]["Port"]})
        # The listener is open again (once the data plane has started) and routes as before.
        self.assertEqual("a", http_get(f"http://127.0.0.1:{port}/"))
        self.assertEqual("down for now", get(f"http://127.0.0.1:{port}/down"))

        self.assertEqual(namespace, sd.get_namespace(Id=namespace_id)["Namespace"]["Name"])
        instance = sd.get_instance(ServiceId=service_id, InstanceId="i-1")["Instance"]
        self.assertEqual({"AWS_INSTANCE_IPV4": "10.0.0.5", "team": "a"}, instance["Attributes"])
        self.assertEqual("SUCCESS", sd.get_operation(OperationId=operation)["Operation"]["Status"])

    def wait_for_messages(self, logs, group, stream, count=1, timeout=30):
        deadline = time.time() + timeout
        messages = []
        while time.time() < deadline:
            try:
                events = logs.get_log_events(logGroupName=group, logStreamName=stream,
                                             startFromHead=True)["events"]
                messages = [e["message"] for e in events]
            except logs.exceptions.ResourceNotFoundException:
                messages = []
            if len(messages) >= count:
                return messages
            time.sleep(0.25)
        self.fail(f"{group} {stream} holds {messages}, not {count} event(s)")

    def test_torn_journal_tail_is_cut_and_reported(self):
        self.start_berth()
        cluster = unique_name("state-torn")
        self.ecs.create_cluster(clusterName=cluster)
        self.stop_berth(signal.SIGKILL)
        with open(os.path.join(self.state_dir, "journal"), "ab") as journal:
            journal.write(b"\x40\x00\x00\x00\x00")  # a record that tore in its header
        self.start_berth()
        [again] = self.ecs.describe_clusters(clusters=[cluster])["clusters"]
        self.assertEqual(again["status"], "ACTIVE")
        with open(self.log_path) as log:
            cuts = [line for line in log if "torn record header" in line]
        self.assertEqual(len(cuts), 1, cuts)
        self.assertIn("[warning]", cuts[0])


if __name__ == "__main__":
    unittest.main()
