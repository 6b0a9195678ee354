#include "api/ecs/unacted_members.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

std::string read_source_file(const std::string& path) {
    std::ifstream in(std::string(BERTH_SOURCE_DIR) + "/" + path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> names_of(const json& document) {
    std::vector<std::string> out;
    for (const auto* row : unacted_members(document)) out.emplace_back(row->member);
    return out;
}

json container(json members) {
    json c = {{"name", "app"}, {"image", "busybox"}};
    if (members.is_object()) c.update(members);  // {} reads as null
    return c;
}

json with_container(json members) {
    return {{"family", "f"}, {"containerDefinitions", json::array({container(members)})}};
}

TEST(UnactedMembers, NamesWhatADefinitionUses) {
    json doc = with_container({{"credentialSpecs", {"credentialspec:arn:aws:s3:::b/spec.json"}},
                               {"logConfiguration", {{"logDriver", "awslogs"}}},
                               {"restartPolicy", {{"enabled", true}}},
                               {"portMappings", {{{"containerPort", 80}, {"name", "web"}}}}});
    doc["taskRoleArn"] = "arn:aws:iam::000000000000:role/app";
    doc["pidMode"] = "host";  // acted on: the containers get the host's PID namespace
    doc["runtimePlatform"] = {{"operatingSystemFamily", "WINDOWS_SERVER_2022_CORE"}};
    doc["volumes"] = {{{"name", "v"}, {"dockerVolumeConfiguration", {{"autoprovision", false}}}}};
    // taskRoleArn (credentials at 169.254.170.2) and awslogs (the Logs API) are acted on.
    EXPECT_EQ(names_of(doc), (std::vector<std::string>{
                                 "runtimePlatform.operatingSystemFamily=WINDOWS_*",
                                 "volumes[].dockerVolumeConfiguration.autoprovision=false",
                                 "containerDefinitions[].credentialSpecs",
                                 "containerDefinitions[].portMappings[].name",
                                 "containerDefinitions[].restartPolicy.enabled=true",
                             }));
}

TEST(UnactedMembers, ValuesBerthActsOnAreNotNamed) {
    json doc = with_container({{"logConfiguration", {{"logDriver", "json-file"}}},
                               {"restartPolicy", {{"enabled", false}}},
                               {"versionConsistency", "disabled"},
                               {"resourceRequirements", json::array()},
                               {"portMappings", {{{"containerPort", 80}}}},
                               {"environment", json::array()}});
    doc["executionRoleArn"] = "";
    doc["runtimePlatform"] = {{"operatingSystemFamily", "LINUX"}, {"cpuArchitecture", "X86_64"}};
    doc["volumes"] = {{{"name", "v"}, {"dockerVolumeConfiguration", {{"autoprovision", true}}}}};
    EXPECT_EQ(names_of(doc), std::vector<std::string>{});
}

TEST(UnactedMembers, TheTutorialsSampleUsesNone) {
    EXPECT_EQ(names_of(json::parse(read_data_file("sample-fargate.json"))),
              std::vector<std::string>{});
}

TEST(UnactedMembers, EveryRowIsFoundInSomeContainer) {
    // A second container uses the member: each container is looked at, not only the first.
    json doc = with_container({});
    doc["containerDefinitions"].push_back(
        container({{"name", "router"}, {"firelensConfiguration", {{"type", "fluentbit"}}}}));
    EXPECT_EQ(names_of(doc),
              std::vector<std::string>{"containerDefinitions[].firelensConfiguration"});
}

// The member name a row starts with, and whether it is a container definition's.
std::pair<std::string, bool> top_member(std::string_view row) {
    constexpr std::string_view k_container = "containerDefinitions[].";
    const bool in_container = row.starts_with(k_container);
    if (in_container) row.remove_prefix(k_container.size());
    return {std::string(row.substr(0, row.find_first_of(".[="))), in_container};
}

// Every member of the model's input shapes is acted on or in the table, so a member the next
// model update adds cannot pass unnoticed.
TEST(UnactedMembers, CoverEveryMemberOfTheModel) {
    const auto model = json::parse(read_source_file("api-models/ecs-2014-11-13.service.json"));
    std::set<std::pair<std::string, bool>> known;
    for (const auto* shape : {"RegisterTaskDefinitionRequest", "ContainerDefinition"}) {
        const bool in_container = std::string_view(shape) == "ContainerDefinition";
        for (const auto& m : acted_on_members()) known.insert({std::string(m), in_container});
    }
    for (const auto& row : unacted_member_table()) known.insert(top_member(row.member));
    for (const auto* shape : {"RegisterTaskDefinitionRequest", "ContainerDefinition"}) {
        const bool in_container = std::string_view(shape) == "ContainerDefinition";
        for (const auto& [name, _] : model["shapes"][shape]["members"].items()) {
            EXPECT_TRUE(known.contains({name, in_container})) << shape << "." << name;
        }
    }
}

TEST(UnactedMembers, EveryRowIsInTheFidelityPage) {
    std::istringstream page(read_source_file("docs/fidelity.md"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(page, line);) lines.push_back(line);
    for (const auto& row : unacted_member_table()) {
        const auto quoted = "| `" + std::string(row.member) + "` |";
        auto line = std::find_if(lines.begin(), lines.end(),
                                 [&](const std::string& l) { return l.starts_with(quoted); });
        ASSERT_NE(line, lines.end()) << row.member << " has no row in docs/fidelity.md";
        EXPECT_EQ(line->find("being built") != std::string::npos, row.being_built) << *line;
    }
}

TEST(UnactedMembers, TheWarningNamesEachMemberUsedAndWhatBerthDoes) {
    json doc = with_container({{"credentialSpecs", json::array({"credentialspec:arn"})}});
    doc["enableFaultInjection"] = true;
    const auto text = unacted_warning(doc);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text,
              "enableFaultInjection: stored; no fault injection endpoints are served; "
              "containerDefinitions[].credentialSpecs: stored; no credential spec reaches the "
              "container");
    const std::string arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/warned:1";
    EXPECT_TRUE(warn_unacted_members(arn, doc));
    // Nothing to say about a definition Berth acts on in full.
    EXPECT_FALSE(unacted_warning(with_container({})));
    EXPECT_FALSE(warn_unacted_members(arn, with_container({})));
}

}  // namespace
}  // namespace berth::api::ecs::testing
