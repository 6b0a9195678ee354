#pragma once
// The services tests: TasksTest's real JsonService and Store (strict output, controllable
// clock), with the few steps every service test takes.
#include <fstream>
#include <sstream>
#include <string>

#include "support/source_paths.hpp"
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {

class ServicesTest : public TasksTest {
  protected:
    static json sample_fargate() {
        std::ifstream in(std::string(berth::test_paths::data_dir()) + "/sample-fargate.json");
        std::ostringstream text;
        text << in.rdbuf();
        return json::parse(text.str());
    }

    // As a user types it for the tutorial: one subnet, one security group, public IP.
    static json awsvpc(const std::string& subnet = "subnet-abcd1234") {
        return {{"awsvpcConfiguration",
                 {{"subnets", json::array({subnet})},
                  {"securityGroups", json::array({"sg-abcd1234"})},
                  {"assignPublicIp", "ENABLED"}}}};
    }

    json create_service(const std::string& name, json extra = json::object()) {
        json input{{"serviceName", name}, {"taskDefinition", "web"}, {"desiredCount", 2}};
        for (const auto& [k, v] : extra.items()) input[k] = v;
        return call("CreateService", input)["service"];
    }

    json describe_service(const std::string& name, const std::string& cluster = "default") {
        auto out =
            call("DescribeServices", {{"cluster", cluster}, {"services", json::array({name})}});
        EXPECT_EQ(out["services"].size(), 1u) << out.dump();
        return out["services"].empty() ? json() : out["services"][0];
    }

    // The Store's record, as the service controller sees it.
    model::Service stored(const std::string& name, const std::string& cluster = "default") {
        return store.read(key, [&](const model::Partition& p) {
            return p.services.at(model::service_arn(key, cluster, name));
        });
    }

    std::string service_arn(const std::string& name, const std::string& cluster = "default") {
        return model::service_arn(key, cluster, name);
    }
};

}  // namespace berth::api::ecs::testing
