#include "api/ecs/unacted_members.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "ecs_fixture.hpp"
#include "support/source_paths.hpp"

namespace berth::api::ecs::testing {
namespace {

std::string read_source_file(const std::string& path) {
    std::ifstream in(std::string(berth::test_paths::source_dir()) + "/" + path, std::ios::binary);
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
    json doc = with_container(
        {{"credentialSpecs", {"credentialspec:arn:aws:s3:::b/spec.json"}},
         {"logConfiguration", {{"logDriver", "awslogs"}}},
         {"restartPolicy", {{"enabled", true}}},
         {"portMappings", {{{"containerPort", 80}, {"name", "web"}, {"appProtocol", "http"}}}}});
    doc["taskRoleArn"] = "arn:aws:iam::000000000000:role/app";
    doc["pidMode"] = "host";  // acted on: the containers get the host's PID namespace
    doc["runtimePlatform"] = {{"operatingSystemFamily", "WINDOWS_SERVER_2022_CORE"}};
    doc["volumes"] = {{{"name", "v"}, {"dockerVolumeConfiguration", {{"autoprovision", false}}}}};
    // taskRoleArn (credentials at 169.254.170.2), awslogs (the Logs API), a Windows family
    // (placed on Windows engines only) and a port mapping's name (Service Connect) are acted on.
    EXPECT_EQ(names_of(doc), (std::vector<std::string>{
                                 "volumes[].dockerVolumeConfiguration.autoprovision=false",
                                 "containerDefinitions[].credentialSpecs",
                                 "containerDefinitions[].portMappings[].appProtocol",
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
        container({{"name", "router"},
                   {"firelensConfiguration",
                    {{"type", "fluentbit"}, {"options", {{"config-file-type", "s3"}}}}}}));
    EXPECT_EQ(names_of(doc),
              std::vector<std::string>{
                  "containerDefinitions[].firelensConfiguration.options.config-file-type=s3"});
}

// The member name a row starts with, and whether it is a container definition's.
std::pair<std::string, bool> top_member(std::string_view row) {
    constexpr std::string_view k_container = "containerDefinitions[].";
    const bool in_container = row.starts_with(k_container);
    if (in_container) row.remove_prefix(k_container.size());
    return {std::string(row.substr(0, row.find_first_of(".[="))), in_container};
}

// The members of the model's RegisterTaskDefinitionRequest and ContainerDefinition shapes:
// (name, whether it is a container definition's).
std::vector<std::pair<std::string, bool>> model_members() {
    const auto model = json::parse(read_source_file("api-models/ecs-2014-11-13.service.json"));
    std::vector<std::pair<std::string, bool>> out;
    for (const auto* shape : {"RegisterTaskDefinitionRequest", "ContainerDefinition"}) {
        const bool in_container = std::string_view(shape) == "ContainerDefinition";
        for (const auto& [name, _] : model["shapes"][shape]["members"].items()) {
            out.emplace_back(name, in_container);
        }
    }
    return out;
}

std::vector<std::string> fidelity_lines() {
    std::istringstream page(read_source_file("docs/fidelity.md"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(page, line);) lines.push_back(line);
    return lines;
}

// Every member of the model's input shapes is acted on or in the table, so a member the next
// model update adds cannot pass unnoticed.
TEST(UnactedMembers, CoverEveryMemberOfTheModel) {
    std::set<std::pair<std::string, bool>> known;
    for (const bool in_container : {false, true}) {
        for (const auto& m : acted_on_members()) known.insert({std::string(m), in_container});
    }
    for (const auto& row : unacted_member_table()) known.insert(top_member(row.member));
    for (const auto& member : model_members()) {
        EXPECT_TRUE(known.contains(member))
            << member.first << (member.second ? " (container)" : "");
    }
}

TEST(UnactedMembers, EveryRowIsInTheFidelityPage) {
    const auto lines = fidelity_lines();
    for (const auto& row : unacted_member_table()) {
        const auto quoted = "| `" + std::string(row.member) + "` |";
        auto line = std::find_if(lines.begin(), lines.end(),
                                 [&](const std::string& l) { return l.starts_with(quoted); });
        ASSERT_NE(line, lines.end()) << row.member << " has no row in docs/fidelity.md";
        EXPECT_EQ(line->find("being built") != std::string::npos, row.being_built) << *line;
    }
}

// docs/fidelity.md's "Task definition members, one by one" has a row for every member of the
// model's shapes, naming what Berth does with it, and no row for a member the model lacks.
TEST(UnactedMembers, TheMemberTableListsEveryMemberOfTheModel) {
    const auto lines = fidelity_lines();
    auto line = std::find(lines.begin(), lines.end(), "## Task definition members, one by one");
    ASSERT_NE(line, lines.end());
    std::set<std::pair<std::string, bool>> rows;
    const std::set<std::string> verdicts = {"acted on", "stored", "warned", "refused"};
    for (++line; line != lines.end() && !line->starts_with("## "); ++line) {
        if (!line->starts_with("| `")) continue;
        const auto end = line->find("` |", 3);
        ASSERT_NE(end, std::string::npos) << *line;
        rows.insert(top_member(std::string_view(*line).substr(3, end - 3)));
        const auto verdict_end = line->find(" |", end + 4);
        EXPECT_TRUE(verdicts.contains(line->substr(end + 4, verdict_end - end - 4))) << *line;
    }
    const auto members = model_members();
    for (const auto& member : members) {
        EXPECT_TRUE(rows.contains(member)) << member.first << " has no row";
    }
    EXPECT_EQ(rows.size(), members.size());
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

TEST(UnactedMembers, EfsVolumesAreActedOnButNotTheirEncryptionOrAuthorization) {
    json doc = with_container({});
    doc["volumes"] = {{{"name", "v"},
                       {"efsVolumeConfiguration",
                        {{"fileSystemId", "fs-12345678"},
                         {"rootDirectory", "/data"},
                         {"transitEncryption", "DISABLED"}}}}};
    EXPECT_EQ(names_of(doc), std::vector<std::string>{});
    doc["volumes"][0]["efsVolumeConfiguration"].update(
        {{"transitEncryption", "ENABLED"},
         {"authorizationConfig",
          {{"accessPointId", "fsap-1234567890abcdef0"}, {"iam", "ENABLED"}}}});
    EXPECT_EQ(names_of(doc), (std::vector<std::string>{
                                 "volumes[].efsVolumeConfiguration.transitEncryption=ENABLED",
                                 "volumes[].efsVolumeConfiguration.authorizationConfig"}));
}

// App Mesh reached its end of support: a definition from its samples registers, with a warning.
TEST(UnactedMembers, ProxyConfigurationIsWarnedAbout) {
    json doc = with_container({});
    doc["proxyConfiguration"] = {
        {"type", "APPMESH"},
        {"containerName", "envoy"},
        {"properties", {{{"name", "ProxyIngressPort"}, {"value", "15000"}}}}};
    EXPECT_EQ(names_of(doc), std::vector<std::string>{"proxyConfiguration"});
    const auto text = unacted_warning(doc);
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("App Mesh reached end of support"), std::string::npos) << *text;
}

}  // namespace
}  // namespace berth::api::ecs::testing
