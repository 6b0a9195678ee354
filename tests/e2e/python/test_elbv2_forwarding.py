"""ELBv2's data plane with boto3: two local HTTP servers registered as ip targets behind an
application load balancer; boto3's target_in_service waiter sees them pass their health
checks, and requests through the listener's port (and through Berth's main port, by the load
balancer's DNSName as Host) reach both."""

import http.server
import socket
import threading
import urllib.error
import urllib.request

from berth_e2e import ENDPOINT, BerthTestCase, unique_name


class NamedHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the load balancer uses it

    def do_GET(self):
        body = self.server.name.encode()
        self.server.seen.append(dict(self.headers))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_server(name):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NamedHandler)
    server.name, server.seen = name, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


class ElbForwardingTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.elb = self.client(service="elbv2")
        self.servers = [start_server("a"), start_server("b")]
        for s in self.servers:
            self.addCleanup(s.shutdown)

    def make_alb(self):
        lb = self.elb.create_load_balancer(Name=unique_name("alb"), Type="application",
                                           Subnets=["subnet-aaaa1111", "subnet-bbbb2222"])
        lb = lb["LoadBalancers"][0]
        self.addCleanup(self.elb.delete_load_balancer, LoadBalancerArn=lb["LoadBalancerArn"])
        group = self.elb.create_target_group(
            Name=unique_name("tg"), Protocol="HTTP", Port=80, VpcId="vpc-12345678",
            TargetType="ip", HealthCheckPath="/", HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
            HealthyThresholdCount=2)["TargetGroups"][0]
        self.addCleanup(self.elb.delete_target_group, TargetGroupArn=group["TargetGroupArn"])
        port = free_port()
        listener = self.elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}])
        listener = listener["Listeners"][0]
        self.addCleanup(self.elb.delete_listener, ListenerArn=listener["ListenerArn"])
        return lb, group, port

    def test_requests_reach_both_targets_once_in_service(self):
        lb, group, port = self.make_alb()
        targets = [{"Id": "127.0.0.1", "Port": s.server_address[1]} for s in self.servers]
        self.elb.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=targets)
        self.addCleanup(self.elb.deregister_targets, TargetGroupArn=group["TargetGroupArn"],
                        Targets=targets)
        self.elb.get_waiter("target_in_service").wait(
            TargetGroupArn=group["TargetGroupArn"], Targets=targets,
            WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        health = self.elb.describe_target_health(TargetGroupArn=group["TargetGroupArn"])
        self.assertEqual({"healthy"},
                         {d["TargetHealth"]["State"] for d in health["TargetHealthDescriptions"]})

        answers = [get(f"http://127.0.0.1:{port}/") for _ in range(6)]
        self.assertEqual(3, answers.count("a"), answers)
        self.assertEqual(3, answers.count("b"), answers)
        seen = self.servers[0].seen[-1]
        self.assertEqual("127.0.0.1", seen["X-Forwarded-For"])
        self.assertTrue(seen["X-Amzn-Trace-Id"].startswith("Root=1-"))

        # Berth's main port answers for the load balancer's DNS name too.
        by_host = {get(ENDPOINT + "/", host=lb["DNSName"]) for _ in range(4)}
        self.assertEqual({"a", "b"}, by_host)

    def test_no_registered_target_is_elb_503(self):
        _, _, port = self.make_alb()
        with self.assertRaises(urllib.error.HTTPError) as ctx:
            get(f"http://127.0.0.1:{port}/")
        self.assertEqual(503, ctx.exception.code)
        self.assertEqual("awselb/2.0", ctx.exception.headers["Server"])
