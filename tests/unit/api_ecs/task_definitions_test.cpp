#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class TaskDefinitions : public EcsTest {
  protected:
    // A RUNNING task of web:`revision`, which keeps a deleted revision visible; stop_the_task
    // releases it.
    void seed_running_task(int revision) {
        seed([&](model::Partition& p) {
            model::Task t;
            t.arn = arn("task/default/abc");
            t.cluster_name = "default";
            t.task_definition_arn = arn("task-definition/web:" + std::to_string(revision));
            t.family = "web";
            t.revision = revision;
            t.last_status = model::TaskStatus::running;
            p.tasks[t.arn] = t;
        });
    }
    void stop_the_task() {
        seed([&](model::Partition& p) {
            p.tasks.begin()->second.last_status = model::TaskStatus::stopped;
        });
    }
};

TEST_F(TaskDefinitions, TheTutorialsSampleFargateRegistersVerbatim) {
    const auto input = json::parse(read_data_file("sample-fargate.json"));
    auto out = call("RegisterTaskDefinition", input);
    const auto& td = out["taskDefinition"];
    EXPECT_EQ(td["taskDefinitionArn"], arn("task-definition/sample-fargate:1"));
    EXPECT_EQ(td["family"], "sample-fargate");
    EXPECT_EQ(td["revision"], 1);
    EXPECT_EQ(td["status"], "ACTIVE");
    EXPECT_EQ(td["cpu"], "256");
    EXPECT_EQ(td["memory"], "512");
    EXPECT_EQ(td["networkMode"], "awsvpc");
    EXPECT_EQ(td["requiresCompatibilities"], json({"FARGATE"}));
    EXPECT_EQ(td["compatibilities"], json({"EC2", "FARGATE"}));
    EXPECT_EQ(td["registeredBy"], "arn:aws:iam::000000000000:root");
    EXPECT_DOUBLE_EQ(td["registeredAt"].get<double>(), 1'700'000'000.0);
    const auto& c = td["containerDefinitions"][0];
    EXPECT_EQ(c["name"], "fargate-app");
    EXPECT_EQ(c["command"], input["containerDefinitions"][0]["command"]);
    EXPECT_EQ(c["entryPoint"], json({"sh", "-c"}));
    EXPECT_EQ(c["portMappings"][0],
              json({{"containerPort", 80}, {"hostPort", 80}, {"protocol", "tcp"}}));
    EXPECT_FALSE(out.contains("tags"));
}

TEST_F(TaskDefinitions, RevisionsCountUpPerFamilyAndAreNeverReused) {
    for (int i = 1; i <= 3; ++i) {
        auto out = call("RegisterTaskDefinition", simple_task_definition("web"));
        EXPECT_EQ(out["taskDefinition"]["revision"], i);
    }
    EXPECT_EQ(
        call("RegisterTaskDefinition", simple_task_definition("db"))["taskDefinition"]["revision"],
        1);

    call("DeregisterTaskDefinition", {{"taskDefinition", "web:3"}});
    auto deleted = call("DeleteTaskDefinitions", {{"taskDefinitions", {"web:3"}}});
    ASSERT_EQ(deleted["taskDefinitions"].size(), 1u);
    EXPECT_EQ(deleted["taskDefinitions"][0]["status"], "DELETE_IN_PROGRESS");
    EXPECT_TRUE(deleted["taskDefinitions"][0].contains("deleteRequestedAt"));

    // Nothing uses web:3, so it is gone; the next revision is 4, not 3 again.
    EXPECT_EQ(error("DescribeTaskDefinition", {{"taskDefinition", "web:3"}}).message,
              "Unable to describe task definition.");
    EXPECT_EQ(
        call("RegisterTaskDefinition", simple_task_definition("web"))["taskDefinition"]["revision"],
        4);
}

TEST_F(TaskDefinitions, DescribesByFamilyRevisionAndArn) {
    call("RegisterTaskDefinition", simple_task_definition("web"));
    call("RegisterTaskDefinition", simple_task_definition("web"));
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web"}})["taskDefinition"]["revision"],
        2);
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web:1"}})["taskDefinition"]["revision"],
        1);
    EXPECT_EQ(
        call("DescribeTaskDefinition",
             {{"taskDefinition", arn("task-definition/web:1")}})["taskDefinition"]["revision"],
        1);

    // A bare family names the latest ACTIVE revision.
    call("DeregisterTaskDefinition", {{"taskDefinition", "web:2"}});
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web"}})["taskDefinition"]["revision"],
        1);
    // An INACTIVE revision stays describable by revision.
    auto inactive = call("DescribeTaskDefinition", {{"taskDefinition", "web:2"}})["taskDefinition"];
    EXPECT_EQ(inactive["status"], "INACTIVE");
    EXPECT_TRUE(inactive.contains("deregisteredAt"));

    auto missing = error("DescribeTaskDefinition", {{"taskDefinition", "nope"}});
    EXPECT_EQ(missing.type, "ClientException");
    EXPECT_EQ(missing.message, "Unable to describe task definition.");
    EXPECT_EQ(error("DescribeTaskDefinition", {{"taskDefinition", "web:9"}}).type,
              "ClientException");
}

TEST_F(TaskDefinitions, TagsComeBackWithIncludeTags) {
    auto input = simple_task_definition("web");
    input["tags"] = json::array({{{"key", "team"}, {"value", "blue"}}});
    auto registered = call("RegisterTaskDefinition", input);
    EXPECT_EQ(registered["tags"], input["tags"]);

    EXPECT_FALSE(call("DescribeTaskDefinition", {{"taskDefinition", "web:1"}}).contains("tags"));
    auto described =
        call("DescribeTaskDefinition", {{"taskDefinition", "web:1"}, {"include", {"TAGS"}}});
    EXPECT_EQ(described["tags"], input["tags"]);
    EXPECT_FALSE(described["taskDefinition"].contains("tags"));
}

TEST_F(TaskDefinitions, DeleteOnlyTakesInactiveRevisions) {
    call("RegisterTaskDefinition", simple_task_definition("web"));
    call("RegisterTaskDefinition", simple_task_definition("web"));
    call("DeregisterTaskDefinition", {{"taskDefinition", "web:2"}});
    auto out =
        call("DeleteTaskDefinitions",
             {{"taskDefinitions", {"web:1", "web:2", "ghost:1", arn("task-definition/web:7")}}});
    ASSERT_EQ(out["taskDefinitions"].size(), 1u);
    EXPECT_EQ(out["taskDefinitions"][0]["taskDefinitionArn"], arn("task-definition/web:2"));
    ASSERT_EQ(out["failures"].size(), 3u);
    EXPECT_EQ(out["failures"][0]["arn"], arn("task-definition/web:1"));
    EXPECT_EQ(out["failures"][0]["reason"],
              "The specified task definition is still in ACTIVE status. Please deregister the "
              "target and try again.");
    EXPECT_EQ(out["failures"][1]["reason"], "The specified task definition does not exist.");
    EXPECT_EQ(out["failures"][2]["arn"], arn("task-definition/web:7"));
}

TEST_F(TaskDefinitions, ADeletedRevisionInUseStaysVisibleUntilReleased) {
    call("RegisterTaskDefinition", simple_task_definition("web"));
    call("DeregisterTaskDefinition", {{"taskDefinition", "web:1"}});
    seed_running_task(1);
    call("DeleteTaskDefinitions", {{"taskDefinitions", {"web:1"}}});
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web:1"}})["taskDefinition"]["status"],
        "DELETE_IN_PROGRESS");
    EXPECT_EQ(call("ListTaskDefinitions", {{"status", "DELETE_IN_PROGRESS"}})["taskDefinitionArns"],
              json({arn("task-definition/web:1")}));

    stop_the_task();
    EXPECT_EQ(error("DescribeTaskDefinition", {{"taskDefinition", "web:1"}}).type,
              "ClientException");
    EXPECT_EQ(call("ListTaskDefinitionFamilies")["families"], json::array());
}

// Gone revisions are erased (a CI job that registers and deletes all day does not grow Berth),
// but for the newest, whose number the next revision follows.
TEST_F(TaskDefinitions, GoneRevisionsAreForgottenButTheirNumbersAreNot) {
    auto stored_revisions = [&] {
        std::vector<int> out;
        seed([&](model::Partition& p) {
            for (const auto& td : p.task_definitions["web"]) out.push_back(td.revision);
        });
        return out;
    };
    auto deregister_and_delete = [&](const std::string& ref) {
        call("DeregisterTaskDefinition", {{"taskDefinition", ref}});
        call("DeleteTaskDefinitions", {{"taskDefinitions", {ref}}});
    };
    for (int i = 0; i < 4; ++i) call("RegisterTaskDefinition", simple_task_definition("web"));
    seed_running_task(2);
    deregister_and_delete("web:1");
    deregister_and_delete("web:2");  // a task still runs it
    deregister_and_delete("web:4");  // the newest
    EXPECT_EQ(stored_revisions(), (std::vector<int>{2, 3, 4}));
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web:3"}})["taskDefinition"]["revision"],
        3)
        << "found past the gap";
    EXPECT_EQ(error("DescribeTaskDefinition", {{"taskDefinition", "web:4"}}).type,
              "ClientException");

    stop_the_task();
    EXPECT_EQ(
        call("RegisterTaskDefinition", simple_task_definition("web"))["taskDefinition"]["revision"],
        5);
    EXPECT_EQ(stored_revisions(), (std::vector<int>{3, 5}));
    EXPECT_EQ(
        call("DescribeTaskDefinition", {{"taskDefinition", "web"}})["taskDefinition"]["revision"],
        5);
    EXPECT_EQ(call("ListTaskDefinitions")["taskDefinitionArns"],
              json({arn("task-definition/web:3"), arn("task-definition/web:5")}));
}

TEST_F(TaskDefinitions, DeregisterNeedsARevision) {
    call("RegisterTaskDefinition", simple_task_definition("web"));
    EXPECT_EQ(error("DeregisterTaskDefinition", {{"taskDefinition", "web"}}).type,
              "ClientException");
    EXPECT_EQ(error("DeregisterTaskDefinition", {{"taskDefinition", "web:5"}}).type,
              "ClientException");
    auto out = call("DeregisterTaskDefinition", {{"taskDefinition", "web:1"}});
    EXPECT_EQ(out["taskDefinition"]["status"], "INACTIVE");
    EXPECT_DOUBLE_EQ(out["taskDefinition"]["deregisteredAt"].get<double>(), 1'700'000'000.0);
}

TEST_F(TaskDefinitions, ListsSortPaginateAndFilter) {
    for (const char* family : {"web", "web-api", "db"}) {
        for (int i = 0; i < (std::string(family) == "web" ? 11 : 1); ++i) {
            call("RegisterTaskDefinition", simple_task_definition(family));
        }
    }
    call("DeregisterTaskDefinition", {{"taskDefinition", "db:1"}});

    // ASC: by family, then revision as a number (web:2 before web:10).
    json arns = json::array();
    json request = {{"maxResults", 4}};
    int pages = 0;
    for (;;) {
        auto out = call("ListTaskDefinitions", request);
        ++pages;
        for (const auto& a : out["taskDefinitionArns"]) arns.push_back(a);
        if (!out.contains("nextToken")) break;
        request["nextToken"] = out["nextToken"];
    }
    EXPECT_EQ(pages, 3);
    ASSERT_EQ(arns.size(), 12u);
    EXPECT_EQ(arns[0], arn("task-definition/web:1"));
    EXPECT_EQ(arns[1], arn("task-definition/web:2"));
    EXPECT_EQ(arns[10], arn("task-definition/web:11"));
    EXPECT_EQ(arns[11], arn("task-definition/web-api:1"));

    auto desc =
        call("ListTaskDefinitions", {{"familyPrefix", "web"}, {"sort", "DESC"}, {"maxResults", 2}});
    EXPECT_EQ(desc["taskDefinitionArns"],
              json({arn("task-definition/web:11"), arn("task-definition/web:10")}));
    auto next = call("ListTaskDefinitions",
                     {{"familyPrefix", "web"}, {"sort", "DESC"}, {"nextToken", desc["nextToken"]}});
    EXPECT_EQ(next["taskDefinitionArns"].size(), 9u);
    EXPECT_EQ(next["taskDefinitionArns"][0], arn("task-definition/web:9"));

    EXPECT_EQ(call("ListTaskDefinitions", {{"status", "INACTIVE"}})["taskDefinitionArns"],
              json({arn("task-definition/db:1")}));

    EXPECT_EQ(call("ListTaskDefinitionFamilies")["families"], json({"db", "web", "web-api"}));
    EXPECT_EQ(call("ListTaskDefinitionFamilies", {{"status", "ACTIVE"}})["families"],
              json({"web", "web-api"}));
    EXPECT_EQ(call("ListTaskDefinitionFamilies", {{"status", "INACTIVE"}})["families"],
              json({"db"}));
    EXPECT_EQ(call("ListTaskDefinitionFamilies", {{"familyPrefix", "web"}})["families"],
              json({"web", "web-api"}));

    EXPECT_EQ(error("ListTaskDefinitions", {{"nextToken", "garbage"}}).type,
              "InvalidParameterException");
}

TEST_F(TaskDefinitions, ModelLevelErrorsComeFromTheProtocol) {
    // containerDefinitions is required by the model: the handler never sees this.
    EXPECT_EQ(error("RegisterTaskDefinition", {{"family", "web"}}).type,
              "InvalidParameterException");
    auto bad_mode = simple_task_definition("web");
    bad_mode["networkMode"] = "banana";
    EXPECT_EQ(error("RegisterTaskDefinition", bad_mode).type, "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::ecs::testing
