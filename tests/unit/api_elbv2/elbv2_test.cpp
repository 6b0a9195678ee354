// The ELBv2 handlers through their QueryService: forms in, XML out, on a clock the test moves.
#include <gtest/gtest.h>

#include "berth/api/elbv2/elbv2_api.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::elbv2 {
namespace {

using namespace std::chrono_literals;

class Elbv2Test : public ::testing::Test {
  protected:
    std::string call(const std::string& form) {
        protocol::RequestContext ctx{"000000000000", "eu-west-1", "AKIAIOSFODNN7EXAMPLE", "rid"};
        return service->invoke(ctx, "Version=2015-12-01&" + form);
    }

    // The text of the first <tag> in `xml` after `from`.
    static std::string element(const std::string& xml, const std::string& tag,
                               std::size_t from = 0) {
        const auto open = xml.find("<" + tag + ">", from);
        if (open == std::string::npos) return "(no " + tag + ")";
        const auto start = open + tag.size() + 2;
        return xml.substr(start, xml.find("</" + tag + ">", start) - start);
    }
    static int count(const std::string& xml, const std::string& tag) {
        int n = 0;
        for (auto at = xml.find("<" + tag + ">"); at != std::string::npos;
             at = xml.find("<" + tag + ">", at + 1)) {
            ++n;
        }
        return n;
    }

    std::string error_of(const std::string& form) {
        try {
            call(form);
        } catch (const protocol::AwsError& e) {
            return e.type() + ": " + e.what();
        }
        return "no error";
    }
    std::string code_of(const std::string& form) {
        auto e = error_of(form);
        return e.substr(0, e.find(':'));
    }

    std::string create_lb(const std::string& name, const std::string& type = "application") {
        return element(call("Action=CreateLoadBalancer&Name=" + name + "&Type=" + type +
                            "&Subnets.member.1=subnet-a&Subnets.member.2=subnet-b"),
                       "LoadBalancerArn");
    }
    std::string create_tg(const std::string& name, const std::string& extra = "") {
        return element(call("Action=CreateTargetGroup&Name=" + name +
                            "&Protocol=HTTP&Port=80&TargetType=ip" + extra),
                       "TargetGroupArn");
    }
    std::string create_listener(const std::string& lb, const std::string& tg, int port = 80) {
        return element(call("Action=CreateListener&LoadBalancerArn=" + lb +
                            "&Protocol=HTTP&Port=" + std::to_string(port) +
                            "&DefaultActions.member.1.Type=forward"
                            "&DefaultActions.member.1.TargetGroupArn=" +
                            tg),
                       "ListenerArn");
    }

    model::TimePoint now = model::TimePoint{} + 1'800'000'000s;
    model::LoadBalancerStore store;
    std::unique_ptr<protocol::QueryService> service =
        make_elbv2_service({store, [this] { return now; }});
};

TEST_F(Elbv2Test, ALoadBalancerIsProvisioningThenActive) {
    auto xml = call(
        "Action=CreateLoadBalancer&Name=web&Subnets.member.1=subnet-a"
        "&Subnets.member.2=subnet-b&SecurityGroups.member.1=sg-1");
    EXPECT_EQ(element(xml, "Code"), "provisioning");
    EXPECT_EQ(element(xml, "Type"), "application");
    EXPECT_EQ(element(xml, "Scheme"), "internet-facing");
    EXPECT_EQ(element(xml, "ZoneName"), "eu-west-1a");
    auto arn = element(xml, "LoadBalancerArn");
    EXPECT_TRUE(arn.starts_with(
        "arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/web/"));
    auto dns = element(xml, "DNSName");
    EXPECT_TRUE(dns.starts_with("web-") && dns.ends_with(".eu-west-1.elb.localhost")) << dns;
    EXPECT_EQ(element(call("Action=DescribeLoadBalancers&Names.member.1=web"), "Code"), "active");
    // Creating it again with the same settings answers the same load balancer.
    EXPECT_EQ(create_lb("web"), arn);
    EXPECT_EQ(code_of("Action=CreateLoadBalancer&Name=web&Type=network"),
              "DuplicateLoadBalancerName");
}

TEST_F(Elbv2Test, LoadBalancerErrorsAreElbs) {
    EXPECT_EQ(code_of("Action=DescribeLoadBalancers&Names.member.1=nope"), "LoadBalancerNotFound");
    EXPECT_EQ(code_of("Action=CreateLoadBalancer&Name=-bad"), "ValidationError");
    EXPECT_EQ(code_of("Action=CreateLoadBalancer&Name=gw&Type=gateway"),
              "InvalidConfigurationRequest");
    EXPECT_EQ(code_of("Action=CreateLoadBalancer&Name=one&Subnets.member.1=subnet-a"),
              "ValidationError");
    // Deleting what is gone succeeds, as on ELB.
    EXPECT_EQ(error_of("Action=DeleteLoadBalancer&LoadBalancerArn=arn%3Aaws%3Aelasticloadbalancing"
                       "%3Aeu-west-1%3A000000000000%3Aloadbalancer%2Fapp%2Fx%2F1"),
              "no error");
}

TEST_F(Elbv2Test, DeletionProtectionRefusesDelete) {
    auto lb = create_lb("web");
    auto xml = call("Action=ModifyLoadBalancerAttributes&LoadBalancerArn=" + lb +
                    "&Attributes.member.1.Key=deletion_protection.enabled"
                    "&Attributes.member.1.Value=true");
    EXPECT_NE(xml.find("<Key>idle_timeout.timeout_seconds</Key>"), std::string::npos);
    EXPECT_EQ(code_of("Action=DeleteLoadBalancer&LoadBalancerArn=" + lb), "OperationNotPermitted");
    EXPECT_EQ(code_of("Action=ModifyLoadBalancerAttributes&LoadBalancerArn=" + lb +
                      "&Attributes.member.1.Key=nope&Attributes.member.1.Value=1"),
              "ValidationError");
    EXPECT_EQ(code_of("Action=ModifyLoadBalancerAttributes&LoadBalancerArn=" + lb +
                      "&Attributes.member.1.Key=idle_timeout.timeout_seconds"
                      "&Attributes.member.1.Value=0"),
              "ValidationError");
}

TEST_F(Elbv2Test, TargetGroupsGetElbsDefaults) {
    auto xml = call("Action=CreateTargetGroup&Name=web&Protocol=HTTP&Port=8080&TargetType=ip");
    EXPECT_EQ(element(xml, "HealthCheckProtocol"), "HTTP");
    EXPECT_EQ(element(xml, "HealthCheckPort"), "traffic-port");
    EXPECT_EQ(element(xml, "HealthCheckPath"), "/");
    EXPECT_EQ(element(xml, "HealthCheckIntervalSeconds"), "30");
    EXPECT_EQ(element(xml, "HealthCheckTimeoutSeconds"), "6");
    EXPECT_EQ(element(xml, "HealthyThresholdCount"), "5");
    EXPECT_EQ(element(xml, "UnhealthyThresholdCount"), "2");
    EXPECT_EQ(element(xml, "HttpCode"), "200");
    EXPECT_EQ(element(xml, "ProtocolVersion"), "HTTP1");
    auto arn = element(xml, "TargetGroupArn");
    auto attrs = call("Action=DescribeTargetGroupAttributes&TargetGroupArn=" + arn);
    EXPECT_NE(attrs.find("<Key>deregistration_delay.timeout_seconds</Key><Value>300</Value>"),
              std::string::npos)
        << attrs;
    EXPECT_NE(attrs.find("<Key>stickiness.type</Key><Value>lb_cookie</Value>"), std::string::npos);
    auto tcp = call("Action=CreateTargetGroup&Name=tcp&Protocol=TCP&Port=5432");
    EXPECT_EQ(element(tcp, "HealthCheckProtocol"), "TCP");
    EXPECT_EQ(element(tcp, "HealthCheckTimeoutSeconds"), "10");
    EXPECT_EQ(element(tcp, "TargetType"), "instance");
    EXPECT_EQ(element(tcp, "HealthCheckPath"), "(no HealthCheckPath)");
}

TEST_F(Elbv2Test, TargetGroupValidationIsElbs) {
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Port=80"), "ValidationError");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTPS&Port=443"),
              "UnsupportedProtocol");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTP&Port=80"
                      "&HealthCheckIntervalSeconds=5&HealthCheckTimeoutSeconds=5"),
              "ValidationError");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTP&Port=80&Matcher.HttpCode=600"),
              "ValidationError");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=TCP&Port=80&HealthCheckPath=%2F"),
              "ValidationError");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTP&Port=80&TargetType=lambda"),
              "InvalidConfigurationRequest");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTP&Port=80"
                      "&HealthCheckIntervalSeconds=1"),
              "ValidationError");  // the model's range
    create_tg("a");
    EXPECT_EQ(code_of("Action=CreateTargetGroup&Name=a&Protocol=HTTP&Port=81&TargetType=ip"),
              "DuplicateTargetGroupName");
    EXPECT_EQ(code_of("Action=DescribeTargetGroups&Names.member.1=zz"), "TargetGroupNotFound");
    auto tg = create_tg("b");
    auto modified = call("Action=ModifyTargetGroup&TargetGroupArn=" + tg +
                         "&HealthCheckPath=%2Fhealth&Matcher.HttpCode=200-299"
                         "&HealthCheckIntervalSeconds=10&HealthCheckTimeoutSeconds=2");
    EXPECT_EQ(element(modified, "HealthCheckPath"), "/health");
    EXPECT_EQ(element(modified, "HttpCode"), "200-299");
}

TEST_F(Elbv2Test, TargetGroupAttributesAreTyped) {
    auto tg = create_tg("web");
    call("Action=ModifyTargetGroupAttributes&TargetGroupArn=" + tg +
         "&Attributes.member.1.Key=deregistration_delay.timeout_seconds"
         "&Attributes.member.1.Value=5&Attributes.member.2.Key=stickiness.enabled"
         "&Attributes.member.2.Value=true");
    auto summary = store.find_target_group({"000000000000", "eu-west-1"}, tg);
    EXPECT_EQ(summary->deregistration_delay_seconds, 5);
    EXPECT_EQ(code_of("Action=ModifyTargetGroupAttributes&TargetGroupArn=" + tg +
                      "&Attributes.member.1.Key=stickiness.type&Attributes.member.1.Value="
                      "source_ip"),
              "ValidationError");
    EXPECT_EQ(code_of("Action=ModifyTargetGroupAttributes&TargetGroupArn=" + tg +
                      "&Attributes.member.1.Key=deregistration_delay.timeout_seconds"
                      "&Attributes.member.1.Value=4000"),
              "ValidationError");
}

TEST_F(Elbv2Test, TargetsFollowTheirGroupsUse) {
    auto lb = create_lb("web");
    auto tg = create_tg("web");
    call("Action=RegisterTargets&TargetGroupArn=" + tg + "&Targets.member.1.Id=10.0.0.5");
    auto health = call("Action=DescribeTargetHealth&TargetGroupArn=" + tg);
    EXPECT_EQ(element(health, "State"), "unused");
    EXPECT_EQ(element(health, "Reason"), "Target.NotInUse");
    EXPECT_EQ(element(health, "Port"), "80");
    create_listener(lb, tg);
    health = call("Action=DescribeTargetHealth&TargetGroupArn=" + tg);
    EXPECT_EQ(element(health, "State"), "initial");
    EXPECT_EQ(element(health, "Reason"), "Elb.RegistrationInProgress");
    EXPECT_EQ(element(health, "HealthCheckPort"), "80");
    auto described = call("Action=DescribeTargetGroups&TargetGroupArns.member.1=" + tg);
    EXPECT_EQ(element(described, "member", described.find("<LoadBalancerArns>")), lb);
    // Draining for the delay, then gone.
    call("Action=ModifyTargetGroupAttributes&TargetGroupArn=" + tg +
         "&Attributes.member.1.Key=deregistration_delay.timeout_seconds"
         "&Attributes.member.1.Value=10");
    call("Action=DeregisterTargets&TargetGroupArn=" + tg + "&Targets.member.1.Id=10.0.0.5");
    health = call("Action=DescribeTargetHealth&TargetGroupArn=" + tg);
    EXPECT_EQ(element(health, "State"), "draining");
    EXPECT_EQ(element(health, "Reason"), "Target.DeregistrationInProgress");
    now += 10s;
    health =
        call("Action=DescribeTargetHealth&TargetGroupArn=" + tg + "&Targets.member.1.Id=10.0.0.5");
    EXPECT_EQ(element(health, "State"), "unused");
    EXPECT_EQ(element(health, "Reason"), "Target.NotRegistered");
}

TEST_F(Elbv2Test, TargetErrorsAreElbs) {
    auto tg = create_tg("web");
    EXPECT_EQ(code_of("Action=RegisterTargets&TargetGroupArn=" + tg +
                      "&Targets.member.1.Id=i-0123456789abcdef0"),
              "InvalidTarget");
    EXPECT_EQ(
        code_of("Action=DeregisterTargets&TargetGroupArn=" + tg + "&Targets.member.1.Id=10.0.0.9"),
        "InvalidTarget");
    EXPECT_EQ(code_of("Action=RegisterTargets&TargetGroupArn=" + tg + "x" +
                      "&Targets.member.1.Id=10.0.0.9"),
              "TargetGroupNotFound");
}

TEST_F(Elbv2Test, ATargetGroupInUseCannotBeDeleted) {
    auto lb = create_lb("web");
    auto tg = create_tg("web");
    auto listener = create_listener(lb, tg);
    EXPECT_EQ(code_of("Action=DeleteTargetGroup&TargetGroupArn=" + tg), "ResourceInUse");
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + lb +
                      "&Protocol=HTTP&Port=80&DefaultActions.member.1.Type=forward"
                      "&DefaultActions.member.1.TargetGroupArn=" +
                      tg),
              "DuplicateListener");
    call("Action=DeleteListener&ListenerArn=" + listener);
    EXPECT_EQ(error_of("Action=DeleteTargetGroup&TargetGroupArn=" + tg), "no error");
    EXPECT_EQ(code_of("Action=DescribeTargetGroups&TargetGroupArns.member.1=" + tg),
              "TargetGroupNotFound");
}

TEST_F(Elbv2Test, ListenersCheckProtocolsAndActions) {
    auto alb = create_lb("web");
    auto nlb = create_lb("tcp", "network");
    auto http = create_tg("web");
    auto tcp =
        element(call("Action=CreateTargetGroup&Name=tcp&Protocol=TCP&Port=5432"), "TargetGroupArn");
    auto forward = [](const std::string& tg) {
        return "&DefaultActions.member.1.Type=forward&DefaultActions.member.1.TargetGroupArn=" + tg;
    };
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + alb + "&Protocol=HTTPS&Port=443" +
                      forward(http)),
              "UnsupportedProtocol");
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + alb + "&Protocol=HTTP&Port=80" +
                      forward(tcp)),
              "IncompatibleProtocols");
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + nlb + "&Protocol=TCP&Port=5432" +
                      "&DefaultActions.member.1.Type=fixed-response"
                      "&DefaultActions.member.1.FixedResponseConfig.StatusCode=200"),
              "InvalidLoadBalancerAction");
    auto l = element(call("Action=CreateListener&LoadBalancerArn=" + nlb +
                          "&Protocol=TCP&Port=5432" + forward(tcp)),
                     "ListenerArn");
    EXPECT_TRUE(l.find(":listener/net/tcp/") != std::string::npos) << l;
    // A target group serves one load balancer.
    auto other = create_lb("other");
    create_listener(alb, http);
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + other + "&Protocol=HTTP&Port=80" +
                      forward(http)),
              "TargetGroupAssociationLimit");
    EXPECT_EQ(code_of("Action=DescribeListeners"), "ValidationError");
    EXPECT_EQ(count(call("Action=DescribeListeners&LoadBalancerArn=" + alb), "ListenerArn"), 1);
    // Fixed responses and redirects; a redirect to itself is a loop.
    auto fixed =
        call("Action=ModifyListener&ListenerArn=" +
             element(call("Action=DescribeListeners&LoadBalancerArn=" + alb), "ListenerArn") +
             "&DefaultActions.member.1.Type=fixed-response"
             "&DefaultActions.member.1.FixedResponseConfig.StatusCode=503"
             "&DefaultActions.member.1.FixedResponseConfig.ContentType=text%2Fplain"
             "&DefaultActions.member.1.FixedResponseConfig.MessageBody=down");
    EXPECT_EQ(element(fixed, "StatusCode"), "503");
    EXPECT_EQ(code_of("Action=CreateListener&LoadBalancerArn=" + alb + "&Protocol=HTTP&Port=81" +
                      "&DefaultActions.member.1.Type=redirect"
                      "&DefaultActions.member.1.RedirectConfig.StatusCode=HTTP_301"),
              "InvalidLoadBalancerAction");
}

TEST_F(Elbv2Test, WeightedForwardsAndStickiness) {
    auto lb = create_lb("web");
    auto blue = create_tg("blue");
    auto green = create_tg("green");
    auto xml = call("Action=CreateListener&LoadBalancerArn=" + lb +
                    "&Protocol=HTTP&Port=80&DefaultActions.member.1.Type=forward"
                    "&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn=" +
                    blue +
                    "&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight=90"
                    "&DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn=" +
                    green +
                    "&DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight=10"
                    "&DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled="
                    "true&DefaultActions.member.1.ForwardConfig.TargetGroupStickinessConfig."
                    "DurationSeconds=60");
    EXPECT_EQ(count(xml, "Weight"), 2);
    EXPECT_EQ(element(xml, "DurationSeconds"), "60");
    auto snapshot = store.snapshot();
    const auto& listener = snapshot->find({"000000000000", "eu-west-1"})->listeners.begin()->second;
    const auto& forward = std::get<model::ForwardAction>(listener.default_actions.at(0).detail);
    EXPECT_EQ(forward.target_groups.at(0).weight + forward.target_groups.at(1).weight, 100);
    EXPECT_TRUE(forward.stickiness_enabled);
}

TEST_F(Elbv2Test, RulesByPriorityWithTheDefaultLast) {
    auto lb = create_lb("web");
    auto tg = create_tg("web");
    auto api = create_tg("api");
    auto listener = create_listener(lb, tg);
    auto rule = [&](int priority, const std::string& path) {
        return "Action=CreateRule&ListenerArn=" + listener +
               "&Priority=" + std::to_string(priority) +
               "&Conditions.member.1.Field=path-pattern"
               "&Conditions.member.1.PathPatternConfig.Values.member.1=" +
               path + "&Actions.member.1.Type=forward&Actions.member.1.TargetGroupArn=" + api;
    };
    auto r20 = element(call(rule(20, "%2Fapi%2F*")), "RuleArn");
    auto r10 = element(call(rule(10, "%2Fv1%2F*")), "RuleArn");
    EXPECT_EQ(code_of(rule(10, "%2Fx")), "PriorityInUse");
    auto rules = call("Action=DescribeRules&ListenerArn=" + listener);
    EXPECT_EQ(count(rules, "RuleArn"), 3);
    EXPECT_LT(rules.find(r10), rules.find(r20));
    EXPECT_NE(rules.find("<Priority>default</Priority>"), std::string::npos);
    EXPECT_NE(rules.find("<IsDefault>true</IsDefault>"), std::string::npos);
    // Swapping priorities in one call is allowed; clashing with another rule is not.
    call("Action=SetRulePriorities&RulePriorities.member.1.RuleArn=" + r10 +
         "&RulePriorities.member.1.Priority=20&RulePriorities.member.2.RuleArn=" + r20 +
         "&RulePriorities.member.2.Priority=10");
    rules = call("Action=DescribeRules&ListenerArn=" + listener);
    EXPECT_LT(rules.find(r20), rules.find(r10));
    EXPECT_EQ(code_of("Action=SetRulePriorities&RulePriorities.member.1.RuleArn=" + r10 +
                      "&RulePriorities.member.1.Priority=10"),
              "PriorityInUse");
    // Pages.
    auto first = call("Action=DescribeRules&PageSize=2&ListenerArn=" + listener);
    EXPECT_EQ(count(first, "RuleArn"), 2);
    auto marker = element(first, "NextMarker");
    auto second =
        call("Action=DescribeRules&PageSize=2&ListenerArn=" + listener + "&Marker=" + marker);
    EXPECT_EQ(count(second, "RuleArn"), 1);
    EXPECT_EQ(element(second, "NextMarker"), "(no NextMarker)");
    // The default rule cannot go; another can.
    auto default_arn = element(second, "RuleArn");
    EXPECT_EQ(code_of("Action=DeleteRule&RuleArn=" + default_arn), "OperationNotPermitted");
    call("Action=DeleteRule&RuleArn=" + r10);
    EXPECT_EQ(code_of("Action=DeleteRule&RuleArn=" + r10), "RuleNotFound");
    // Modifying the rule's conditions.
    auto modified = call("Action=ModifyRule&RuleArn=" + r20 +
                         "&Conditions.member.1.Field=http-request-method"
                         "&Conditions.member.1.HttpRequestMethodConfig.Values.member.1=GET");
    EXPECT_EQ(element(modified, "Field"), "http-request-method");
}

TEST_F(Elbv2Test, ConditionsFollowElbsLimits) {
    auto lb = create_lb("web");
    auto tg = create_tg("web");
    auto listener = create_listener(lb, tg);
    auto with = [&](const std::string& conditions) {
        return "Action=CreateRule&ListenerArn=" + listener + "&Priority=1" + conditions +
               "&Actions.member.1.Type=forward&Actions.member.1.TargetGroupArn=" + tg;
    };
    EXPECT_EQ(code_of(with("&Conditions.member.1.Field=source-ip"
                           "&Conditions.member.1.SourceIpConfig.Values.member.1=10.0.0.0%2F99")),
              "ValidationError");
    EXPECT_EQ(code_of(with("&Conditions.member.1.Field=http-request-method"
                           "&Conditions.member.1.HttpRequestMethodConfig.Values.member.1=get")),
              "ValidationError");
    EXPECT_EQ(
        code_of(with("&Conditions.member.1.Field=cookie&Conditions.member.1.Values.member.1=x")),
        "ValidationError");
    std::string six;
    for (int i = 1; i <= 6; ++i) {
        six += "&Conditions.member.1.HostHeaderConfig.Values.member." + std::to_string(i) + "=h" +
               std::to_string(i);
    }
    EXPECT_EQ(code_of(with("&Conditions.member.1.Field=host-header" + six)), "ValidationError");
    auto xml =
        call(with("&Conditions.member.1.Field=query-string"
                  "&Conditions.member.1.QueryStringConfig.Values.member.1.Key=v"
                  "&Conditions.member.1.QueryStringConfig.Values.member.1.Value=2"
                  "&Conditions.member.2.Field=http-header"
                  "&Conditions.member.2.HttpHeaderConfig.HttpHeaderName=X-Env"
                  "&Conditions.member.2.HttpHeaderConfig.Values.member.1=blue"
                  "&Conditions.member.3.Field=host-header"
                  "&Conditions.member.3.Values.member.1=api.example.com"));
    EXPECT_EQ(element(xml, "HttpHeaderName"), "X-Env");
    EXPECT_EQ(element(xml, "Key"), "v");
}

TEST_F(Elbv2Test, TagsOnEveryResource) {
    auto lb = create_lb("web");
    auto tg = create_tg("web");
    auto listener = create_listener(lb, tg);
    call("Action=AddTags&ResourceArns.member.1=" + lb + "&ResourceArns.member.2=" + listener +
         "&Tags.member.1.Key=team&Tags.member.1.Value=a");
    auto xml = call("Action=DescribeTags&ResourceArns.member.1=" + lb +
                    "&ResourceArns.member.2=" + listener + "&ResourceArns.member.3=" + tg);
    EXPECT_EQ(count(xml, "Key"), 2);
    call("Action=RemoveTags&ResourceArns.member.1=" + lb + "&TagKeys.member.1=team");
    xml = call("Action=DescribeTags&ResourceArns.member.1=" + lb);
    EXPECT_EQ(count(xml, "Key"), 0);
    EXPECT_EQ(code_of("Action=AddTags&ResourceArns.member.1=" + tg + "x" +
                      "&Tags.member.1.Key=a&Tags.member.1.Value=b"),
              "TargetGroupNotFound");
    EXPECT_EQ(code_of("Action=AddTags&ResourceArns.member.1=" + lb +
                      "&Tags.member.1.Key=a&Tags.member.1.Value=b"
                      "&Tags.member.2.Key=a&Tags.member.2.Value=c"),
              "DuplicateTagKeys");
}

TEST_F(Elbv2Test, LoadBalancersPageAndDeleteWithTheirListeners) {
    for (auto name : {"a", "b", "c"}) create_lb(name);
    auto first = call("Action=DescribeLoadBalancers&PageSize=2");
    EXPECT_EQ(count(first, "LoadBalancerArn"), 2);
    auto second =
        call("Action=DescribeLoadBalancers&PageSize=2&Marker=" + element(first, "NextMarker"));
    EXPECT_EQ(count(second, "LoadBalancerArn"), 1);
    auto lb = element(second, "LoadBalancerArn");
    auto tg = create_tg("web");
    create_listener(lb, tg);
    call("Action=DeleteLoadBalancer&LoadBalancerArn=" + lb);
    EXPECT_EQ(code_of("Action=DescribeListeners&LoadBalancerArn=" + lb), "LoadBalancerNotFound");
    EXPECT_EQ(error_of("Action=DeleteTargetGroup&TargetGroupArn=" + tg), "no error");
}

}  // namespace
}  // namespace berth::api::elbv2
