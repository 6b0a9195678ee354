// RegisterDaemonTaskDefinition, DescribeDaemonTaskDefinition, ListDaemonTaskDefinitions and
// DeleteDaemonTaskDefinition through the JSON API (strict output: every answer matches the
// model's shapes).
#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class DaemonTaskDefinitions : public EcsTest {
  protected:
    // ECS's own sample request, in the shape the API reference shows.
    static json agent(const std::string& family = "monitoring-agent") {
        return {{"family", family},
                {"cpu", "128"},
                {"memory", "256"},
                {"taskRoleArn", "arn:aws:iam::000000000000:role/agent"},
                {"containerDefinitions",
                 json::array({{{"name", "cloudwatch-agent"},
                               {"image", "amazon/cloudwatch-agent:latest"},
                               {"cpu", 128},
                               {"memory", 256},
                               {"logConfiguration",
                                {{"logDriver", "awslogs"},
                                 {"options", {{"awslogs-group", "/ecs/agent"}}}}}}})}};
    }

    std::string register_one(const json& input) {
        return call("RegisterDaemonTaskDefinition", input)["daemonTaskDefinitionArn"];
    }

    json describe(const std::string& ref) {
        return call("DescribeDaemonTaskDefinition",
                    {{"daemonTaskDefinition", ref}})["daemonTaskDefinition"];
    }

    std::vector<std::string> listed(json input = json::object()) {
        std::vector<std::string> out;
        const auto answer = call("ListDaemonTaskDefinitions", input);
        for (const auto& s : answer["daemonTaskDefinitions"]) out.push_back(s["arn"]);
        return out;
    }

    std::string daemon_arn(const std::string& family, int revision) const {
        return arn("daemon-task-definition/" + family + ":" + std::to_string(revision));
    }
};

TEST_F(DaemonTaskDefinitions, RegisterCountsRevisionsPerFamily) {
    EXPECT_EQ(register_one(agent()), daemon_arn("monitoring-agent", 1));
    EXPECT_EQ(register_one(agent()), daemon_arn("monitoring-agent", 2));
    EXPECT_EQ(register_one(agent("other")), daemon_arn("other", 1));
}

TEST_F(DaemonTaskDefinitions, DescribeShowsTheDocumentWithWhatEcsFillsIn) {
    register_one(agent());
    auto d = describe("monitoring-agent:1");
    EXPECT_EQ(d["daemonTaskDefinitionArn"], daemon_arn("monitoring-agent", 1));
    EXPECT_EQ(d["family"], "monitoring-agent");
    EXPECT_EQ(d["revision"], 1);
    EXPECT_EQ(d["status"], "ACTIVE");
    EXPECT_EQ(d["cpu"], "128");
    EXPECT_EQ(d["memory"], "256");
    EXPECT_EQ(d["taskRoleArn"], "arn:aws:iam::000000000000:role/agent");
    EXPECT_EQ(d["registeredBy"], "arn:aws:iam::000000000000:root");
    EXPECT_TRUE(d["registeredAt"].is_number());
    EXPECT_FALSE(d.contains("deleteRequestedAt"));
    EXPECT_EQ(d["volumes"], json::array());
    const auto& c = d["containerDefinitions"][0];
    EXPECT_EQ(c["essential"], true);
    EXPECT_EQ(c["mountPoints"], json::array());
    EXPECT_EQ(c["secrets"], json::array());
    EXPECT_EQ(c["logConfiguration"]["logDriver"], "awslogs");
}

TEST_F(DaemonTaskDefinitions, SizesWithUnitsAreStoredAsNumbers) {
    auto input = agent();
    input["cpu"] = "0.25 vCPU";
    input["memory"] = "1 GB";
    register_one(input);
    auto d = describe("monitoring-agent");
    EXPECT_EQ(d["cpu"], "256");
    EXPECT_EQ(d["memory"], "1024");
}

TEST_F(DaemonTaskDefinitions, ABareFamilyIsItsNewestActiveRevision) {
    register_one(agent());
    register_one(agent());
    EXPECT_EQ(describe("monitoring-agent")["revision"], 2);
    call("DeleteDaemonTaskDefinition", {{"daemonTaskDefinition", "monitoring-agent:2"}});
    EXPECT_EQ(describe("monitoring-agent")["revision"], 1);
    EXPECT_EQ(describe(daemon_arn("monitoring-agent", 2))["revision"], 2);
}

// As the DaemonTaskDefinitionDeleted waiter reads it: the revision still describes, DELETED.
TEST_F(DaemonTaskDefinitions, DeleteAnswersTheArnAndTheRevisionDescribesAsDeleted) {
    register_one(agent());
    auto out = call("DeleteDaemonTaskDefinition",
                    {{"daemonTaskDefinition", daemon_arn("monitoring-agent", 1)}});
    EXPECT_EQ(out, json({{"daemonTaskDefinitionArn", daemon_arn("monitoring-agent", 1)}}));
    auto d = describe("monitoring-agent:1");
    EXPECT_EQ(d["status"], "DELETED");
    EXPECT_TRUE(d["deleteRequestedAt"].is_number());
    // Only an ACTIVE revision can be deleted; a bare family names none.
    EXPECT_EQ(
        error("DeleteDaemonTaskDefinition", {{"daemonTaskDefinition", "monitoring-agent:1"}}).type,
        "ClientException");
    EXPECT_EQ(
        error("DeleteDaemonTaskDefinition", {{"daemonTaskDefinition", "monitoring-agent"}}).message,
        "Revision must be specified.");
    // The next revision follows the deleted one.
    EXPECT_EQ(register_one(agent()), daemon_arn("monitoring-agent", 2));
}

TEST_F(DaemonTaskDefinitions, UnknownOnesAreClientErrors) {
    EXPECT_EQ(error("DescribeDaemonTaskDefinition", {{"daemonTaskDefinition", "nope"}}).type,
              "ClientException");
    EXPECT_EQ(error("DescribeDaemonTaskDefinition", {{"daemonTaskDefinition", "nope:3"}}).type,
              "ClientException");
    EXPECT_EQ(error("DeleteDaemonTaskDefinition", {{"daemonTaskDefinition", "nope:1"}}).type,
              "ClientException");
    // A task definition's ARN names no daemon task definition.
    EXPECT_EQ(error("DescribeDaemonTaskDefinition",
                    {{"daemonTaskDefinition", arn("task-definition/web:1")}})
                  .type,
              "InvalidParameterException");
}

TEST_F(DaemonTaskDefinitions, RefusedAsATaskDefinitionWouldBe) {
    auto no_containers = agent();
    no_containers["containerDefinitions"] = json::array();
    auto no_name = agent();
    no_name["containerDefinitions"][0].erase("name");
    auto bad_family = agent("bad family");
    auto none_essential = agent();
    none_essential["containerDefinitions"][0]["essential"] = false;
    auto no_memory = agent();
    no_memory.erase("memory");
    no_memory["containerDefinitions"][0].erase("memory");
    auto unknown_volume = agent();
    unknown_volume["containerDefinitions"][0]["mountPoints"] =
        json::array({{{"sourceVolume", "logs"}, {"containerPath", "/logs"}}});
    auto bad_cpu = agent();
    bad_cpu["cpu"] = "lots";
    for (const auto& input :
         {no_containers, no_name, bad_family, none_essential, no_memory, unknown_volume}) {
        EXPECT_EQ(error("RegisterDaemonTaskDefinition", input).type, "ClientException")
            << input.dump();
    }
    EXPECT_EQ(error("RegisterDaemonTaskDefinition", bad_cpu).type, "InvalidParameterException");
    EXPECT_EQ(listed(), std::vector<std::string>{});
}

// What the model has no room for (a daemon has no network mode, its containers no port
// mappings) is dropped with a warning, as AWS ignores it: never stored, never described.
TEST_F(DaemonTaskDefinitions, MembersTheModelDoesNotNameAreDropped) {
    auto input = agent();
    input["networkMode"] = "awsvpc";
    input["containerDefinitions"][0]["portMappings"] = json::array({{{"containerPort", 80}}});
    register_one(input);
    auto d = describe("monitoring-agent:1");
    EXPECT_FALSE(d.contains("networkMode"));
    EXPECT_FALSE(d["containerDefinitions"][0].contains("portMappings"));
}

TEST_F(DaemonTaskDefinitions, HostVolumesMountByName) {
    auto input = agent();
    input["volumes"] = json::array({{{"name", "var-log"}, {"host", {{"sourcePath", "/var/log"}}}}});
    input["containerDefinitions"][0]["mountPoints"] =
        json::array({{{"sourceVolume", "var-log"}, {"containerPath", "/host/var/log"}}});
    register_one(input);
    auto d = describe("monitoring-agent:1");
    EXPECT_EQ(d["volumes"][0]["host"]["sourcePath"], "/var/log");
    EXPECT_EQ(d["containerDefinitions"][0]["mountPoints"][0]["sourceVolume"], "var-log");
}

TEST_F(DaemonTaskDefinitions, ListFiltersSortsAndPages) {
    register_one(agent("web"));
    register_one(agent("web"));
    register_one(agent("web-2"));
    register_one(agent("api"));
    call("DeleteDaemonTaskDefinition", {{"daemonTaskDefinition", "web:1"}});
    const auto web1 = daemon_arn("web", 1), web2 = daemon_arn("web", 2);
    const auto web_2 = daemon_arn("web-2", 1), api = daemon_arn("api", 1);
    // ACTIVE by default, by family then revision; "web" before "web-2".
    EXPECT_EQ(listed(), (std::vector<std::string>{api, web2, web_2}));
    EXPECT_EQ(listed({{"status", "ALL"}}), (std::vector<std::string>{api, web1, web2, web_2}));
    EXPECT_EQ(listed({{"status", "ALL"}, {"sort", "DESC"}}),
              (std::vector<std::string>{web_2, web2, web1, api}));
    EXPECT_EQ(listed({{"family", "web"}, {"status", "ALL"}}),
              (std::vector<std::string>{web1, web2}));
    EXPECT_EQ(listed({{"familyPrefix", "web"}}), (std::vector<std::string>{web2, web_2}));
    EXPECT_EQ(listed({{"status", "DELETE_IN_PROGRESS"}}), std::vector<std::string>{});
    EXPECT_EQ(listed({{"status", "ALL"}, {"revision", "LAST_REGISTERED"}}),
              (std::vector<std::string>{api, web2, web_2}));
    // Pages of two, resumed by nextToken.
    auto first = call("ListDaemonTaskDefinitions", {{"status", "ALL"}, {"maxResults", 2}});
    ASSERT_EQ(first["daemonTaskDefinitions"].size(), 2u);
    auto second = call("ListDaemonTaskDefinitions",
                       {{"status", "ALL"}, {"maxResults", 2}, {"nextToken", first["nextToken"]}});
    ASSERT_EQ(second["daemonTaskDefinitions"].size(), 2u);
    EXPECT_EQ(second["daemonTaskDefinitions"][0]["arn"], web2);
    EXPECT_FALSE(second.contains("nextToken"));
    // Summaries carry ECS's fields.
    auto all = call("ListDaemonTaskDefinitions", {{"family", "web"}, {"status", "ALL"}});
    EXPECT_EQ(all["daemonTaskDefinitions"][0]["status"], "DELETED");
    EXPECT_TRUE(all["daemonTaskDefinitions"][0]["deleteRequestedAt"].is_number());
    EXPECT_EQ(all["daemonTaskDefinitions"][1]["registeredBy"], "arn:aws:iam::000000000000:root");
    EXPECT_EQ(error("ListDaemonTaskDefinitions", {{"maxResults", 101}}).type,
              "InvalidParameterException");
}

TEST_F(DaemonTaskDefinitions, TaggedAtRegistrationAndByArn) {
    auto input = agent();
    input["tags"] = json::array({{{"key", "team"}, {"value", "ops"}}});
    const auto d = register_one(input);
    auto tags = call("ListTagsForResource", {{"resourceArn", d}})["tags"];
    EXPECT_EQ(tags, json::array({{{"key", "team"}, {"value", "ops"}}}));
    call("TagResource",
         {{"resourceArn", d}, {"tags", json::array({{{"key", "tier"}, {"value", "1"}}})}});
    EXPECT_EQ(call("ListTagsForResource", {{"resourceArn", d}})["tags"].size(), 2u);
    EXPECT_EQ(error("ListTagsForResource", {{"resourceArn", daemon_arn("nope", 1)}}).type,
              "ClientException");
    // Tags stay beside the document, not in it.
    EXPECT_FALSE(describe("monitoring-agent:1").contains("tags"));
}

}  // namespace
}  // namespace berth::api::ecs::testing
