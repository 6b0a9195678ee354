// CreateService and UpdateService with loadBalancers: ECS's checks, as a table of (load
// balancer, target group, network mode) → ECS's InvalidParameterException text; then the
// handlers with no target group to find.
#include "api/ecs/services_load_balancers.hpp"

#include "services_fixture.hpp"
#include "thrown.hpp"

namespace berth::api::ecs::testing {
namespace {

using test_support::message_thrown;

const std::string k_ip_tg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/ip/1";
const std::string k_instance_tg =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/inst/2";
const std::string k_lonely_tg =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/lonely/3";
const std::string k_missing_tg =
    "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/gone/4";

const TargetGroupFactsByArn k_groups{
    {k_ip_tg, {.ip_targets = true, .has_load_balancer = true}},
    {k_instance_tg, {.ip_targets = false, .has_load_balancer = true}},
    {k_lonely_tg, {.ip_targets = true, .has_load_balancer = false}},
};

std::shared_ptr<const model::TaskDefinitionBody> web(const std::string& mode) {
    return model::read_task_definition(
        {{"family", "web"},
         {"networkMode", mode},
         {"containerDefinitions",
          {{{"name", "web"}, {"image", "busybox"}, {"portMappings", {{{"containerPort", 80}}}}}}}});
}

model::LoadBalancer lb(std::optional<std::string> tg, std::string container = "web",
                       int port = 80) {
    model::LoadBalancer out;
    out.target_group_arn = std::move(tg);
    out.container_name = std::move(container);
    out.container_port = port;
    return out;
}

std::string check(const std::string& mode, std::vector<model::LoadBalancer> lbs) {
    auto td = web(mode);
    return message_thrown([&] { check_load_balancers(lbs, k_groups, *td); });
}

TEST(CheckLoadBalancers, AsEcsChecks) {
    model::LoadBalancer classic = lb(std::nullopt);
    classic.load_balancer_name = "classic";
    const std::vector<std::tuple<std::string, std::vector<model::LoadBalancer>, std::string>> table{
        {"awsvpc", {lb(k_ip_tg)}, "none"},
        {"bridge", {lb(k_instance_tg)}, "none"},
        {"host", {lb(k_instance_tg)}, "none"},
        {"awsvpc",
         {lb(k_ip_tg, "web", 8080)},
         "The container web did not have a container port 8080 defined."},
        {"awsvpc",
         {lb(k_ip_tg, "nope")},
         "The container nope does not exist in the task definition."},
        {"awsvpc", {lb(k_ip_tg, "")}, "Container Name can not be blank."},
        {"awsvpc",
         {lb(k_instance_tg)},
         "The provided target group " + k_instance_tg +
             " has target type instance, which is incompatible with the awsvpc network mode "
             "specified in the task definition."},
        {"bridge",
         {lb(k_ip_tg)},
         "The provided target group " + k_ip_tg +
             " has target type ip, which is incompatible with the bridge network mode "
             "specified in the task definition."},
        {"awsvpc",
         {lb(k_lonely_tg)},
         "The target group with targetGroupArn " + k_lonely_tg +
             " does not have an associated load balancer."},
        {"awsvpc",
         {lb(k_missing_tg)},
         "Unable to assume role and validate the specified targetGroupArn. Please verify "
         "that the ECS service role being passed has the proper permissions."},
        {"awsvpc", {classic}, "The load balancer classic does not exist."},
        {"awsvpc", std::vector<model::LoadBalancer>(6, lb(k_ip_tg)),
         "loadBalancers can have at most 5 target groups per service."},
    };
    for (const auto& [mode, lbs, message] : table) EXPECT_EQ(check(mode, lbs), message) << mode;
}

class LoadBalancedServices : public ServicesTest {
  protected:
    LoadBalancedServices() {
        create_cluster();
        call("RegisterTaskDefinition", {{"family", "web"},
                                        {"networkMode", "awsvpc"},
                                        {"containerDefinitions",
                                         {{{"name", "web"},
                                           {"image", "busybox"},
                                           {"memory", 64},
                                           {"portMappings", {{{"containerPort", 80}}}}}}}});
    }
};

// Without a load balancer store (or a group in it) no target group is found, and nothing is
// created.
TEST_F(LoadBalancedServices, CreateServiceRefusesATargetGroupItCannotFind) {
    auto [type, message] = error_of(
        "CreateService",
        {{"serviceName", "web"},
         {"taskDefinition", "web"},
         {"desiredCount", 1},
         {"networkConfiguration", {{"awsvpcConfiguration", {{"subnets", {"subnet-1"}}}}}},
         {"loadBalancers",
          {{{"targetGroupArn", k_ip_tg}, {"containerName", "web"}, {"containerPort", 80}}}}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message,
              "Unable to assume role and validate the specified targetGroupArn. Please verify "
              "that the ECS service role being passed has the proper permissions.");
    EXPECT_TRUE(call("ListServices", json::object())["serviceArns"].empty());
}

}  // namespace
}  // namespace berth::api::ecs::testing
