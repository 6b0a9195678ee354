// requiresAttributes against what real ECS returned for the same documents
// (tests/data/requires-attributes.json, each case naming where it was found).
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "api/ecs/requires_attribute_rules.hpp"
#include "api/ecs/task_definition_document.hpp"
#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

using Names = std::set<std::string>;

const json& cases() {
    static const json data = json::parse(read_data_file("requires-attributes.json"));
    return data["cases"];
}

Names names_of(const json& list) {
    Names out;
    for (const auto& a : list)
        out.insert(a.is_string() ? a.get<std::string>() : a["name"].get<std::string>());
    return out;
}

Names derived(const json& definition) {
    return names_of(prepare_task_definition(definition)["requiresAttributes"]);
}

TEST(RequiresAttributes, AreWhatEcsReturnedForRealDefinitions) {
    ASSERT_GE(cases().size(), 10U);
    for (const auto& c : cases()) {
        auto expected = names_of(c["ecs_returned"]);
        for (const auto& name : names_of(c.value("not_derived", json::array())))
            expected.erase(name);
        EXPECT_EQ(derived(c["definition"]), expected) << c["source"];
    }
}

// A rule marked `seen` has a real output behind it: some case uses the member and ECS
// returned the attribute for it.
TEST(RequiresAttributes, EverySeenRuleIsInARealOutput) {
    for (const auto& rule : requires_attribute_rules()) {
        if (rule.basis != AttributeBasis::seen) continue;
        bool found = false;
        for (const auto& c : cases()) {
            const auto doc = normalize_task_definition(c["definition"]);
            if (rule_applies(doc, rule) &&
                names_of(c["ecs_returned"]).contains(std::string(rule.attribute)))
                found = true;
        }
        EXPECT_TRUE(found) << rule.member << " -> " << rule.attribute;
    }
}

json one_container(json container) {
    container["name"] = "app";
    container["image"] = "busybox";
    container["memory"] = 128;  // ECS asks EC2 containers for memory; it brings no attribute
    return {{"family", "f"}, {"containerDefinitions", json::array({container})}};
}

TEST(RequiresAttributes, EmptyListsBringNothing) {
    // ECS adds no env-files.s3 for `environmentFiles: []`, no 1.18 for `ulimits: []`.
    EXPECT_EQ(derived(one_container({{"environmentFiles", json::array()},
                                     {"ulimits", json::array()},
                                     {"secrets", json::array()}})),
              Names{});
}

TEST(RequiresAttributes, SecretsNameTheirStore) {
    const auto secret = [](const char* from) {
        return one_container({{"secrets", {{{"name", "A"}, {"valueFrom", from}}}}});
    };
    EXPECT_EQ(derived(secret("arn:aws:secretsmanager:us-east-1:000000000000:secret:s-AbCdEf")),
              Names{"ecs.capability.secrets.asm.environment-variables"});
    EXPECT_EQ(derived(secret("arn:aws:ssm:us-east-1:000000000000:parameter/p")),
              Names{"ecs.capability.secrets.ssm.environment-variables"});
    EXPECT_EQ(derived(secret("/a/parameter/name")),
              Names{"ecs.capability.secrets.ssm.environment-variables"});
    // A log driver's secret options need the bootstrap capability, not the environment one.
    auto logged = one_container(
        {{"logConfiguration",
          {{"logDriver", "splunk"},
           {"secretOptions",
            {{{"name", "splunk-token"}, {"valueFrom", "arn:aws:ssm:us-east-1:0:parameter/t"}}}}}}});
    EXPECT_EQ(derived(logged), (Names{"com.amazonaws.ecs.capability.logging-driver.splunk",
                                      "ecs.capability.secrets.ssm.bootstrap.log-driver"}));
}

TEST(RequiresAttributes, ListedOnceInRuleOrder) {
    auto doc = one_container({{"startTimeout", 10},
                              {"stopTimeout", 10},
                              {"healthCheck", {{"command", {"CMD", "true"}}}}});
    doc["containerDefinitions"].push_back(
        {{"name", "b"},
         {"image", "busybox"},
         {"memory", 128},
         {"dependsOn", {{{"containerName", "app"}, {"condition", "HEALTHY"}}}}});
    EXPECT_EQ(prepare_task_definition(doc)["requiresAttributes"],
              json::array({{{"name", "ecs.capability.container-health-check"}},
                           {{"name", "ecs.capability.container-ordering"}}}));
}

}  // namespace
}  // namespace berth::api::ecs::testing
