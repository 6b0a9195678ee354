#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class Tags : public EcsTest {
  protected:
    Tags() {
        call("CreateCluster", {{"clusterName", "web"}});
        call("RegisterTaskDefinition", simple_task_definition("app"));
    }
    json tags_of(const std::string& resource_arn) {
        return call("ListTagsForResource", {{"resourceArn", resource_arn}})["tags"];
    }
    static json tag(const std::string& k, const std::string& v) {
        return {{"key", k}, {"value", v}};
    }
};

TEST_F(Tags, TagUntagAndListOnClustersAndTaskDefinitions) {
    for (const auto& resource : {arn("cluster/web"), arn("task-definition/app:1")}) {
        EXPECT_EQ(tags_of(resource), json::array());
        EXPECT_EQ(call("TagResource",
                       {{"resourceArn", resource}, {"tags", {tag("a", "1"), tag("b", "2")}}}),
                  json::object());
        // Tagging an existing key replaces its value.
        call("TagResource", {{"resourceArn", resource}, {"tags", {tag("a", "9")}}});
        EXPECT_EQ(tags_of(resource), json({tag("a", "9"), tag("b", "2")}));
        call("UntagResource", {{"resourceArn", resource}, {"tagKeys", {"a", "missing"}}});
        EXPECT_EQ(tags_of(resource), json::array({tag("b", "2")}));
    }
    auto described = call("DescribeClusters", {{"clusters", {"web"}}, {"include", {"TAGS"}}});
    EXPECT_EQ(described["clusters"][0]["tags"], json::array({tag("b", "2")}));
}

TEST_F(Tags, LimitsAndReservedKeys) {
    const auto resource = arn("cluster/web");
    json fifty = json::array();
    for (int i = 0; i < 50; ++i) fifty.push_back(tag("k" + std::to_string(i), "v"));
    EXPECT_EQ(error("TagResource", {{"resourceArn", resource}, {"tags", fifty}}).type, "none");
    // A 51st key is one too many; re-tagging an existing key is not.
    EXPECT_EQ(error("TagResource", {{"resourceArn", resource}, {"tags", {tag("k51", "v")}}}).type,
              "InvalidParameterException");
    EXPECT_EQ(error("TagResource", {{"resourceArn", resource}, {"tags", {tag("k0", "w")}}}).type,
              "none");
    EXPECT_EQ(tags_of(resource).size(), 50u);

    for (const char* reserved : {"aws:owner", "AWS:owner", "Aws:x"}) {
        EXPECT_EQ(
            error("TagResource", {{"resourceArn", resource}, {"tags", {tag(reserved, "v")}}}).type,
            "InvalidParameterException")
            << reserved;
    }
    EXPECT_EQ(error("UntagResource", {{"resourceArn", resource}, {"tagKeys", {"aws:owner"}}}).type,
              "InvalidParameterException");
    EXPECT_EQ(error("TagResource",
                    {{"resourceArn", resource}, {"tags", {tag(std::string(129, 'k'), "v")}}})
                  .type,
              "InvalidParameterException");
    EXPECT_EQ(error("TagResource",
                    {{"resourceArn", resource}, {"tags", {tag("big", std::string(257, 'v'))}}})
                  .type,
              "InvalidParameterException");
    EXPECT_EQ(
        error("CreateCluster", {{"clusterName", "dup"}, {"tags", {tag("a", "1"), tag("a", "2")}}})
            .type,
        "InvalidParameterException");
}

TEST_F(Tags, UnknownResources) {
    auto e = error("ListTagsForResource", {{"resourceArn", arn("cluster/ghost")}});
    EXPECT_EQ(e.type, "ClusterNotFoundException");
    e = error("TagResource",
              {{"resourceArn", arn("task-definition/app:7")}, {"tags", {tag("a", "1")}}});
    EXPECT_EQ(e.type, "ClientException");
    e = error("ListTagsForResource", {{"resourceArn", "not-an-arn"}});
    EXPECT_EQ(e.type, "InvalidParameterException");
    EXPECT_EQ(e.message, "The ARN provided is invalid.");
    e = error("ListTagsForResource", {{"resourceArn", "arn:aws:s3:::bucket"}});
    EXPECT_EQ(e.type, "InvalidParameterException");
    e = error("ListTagsForResource", {{"resourceArn", arn("service/web/ghost")}});
    EXPECT_EQ(e.type, "ServiceNotFoundException");

    call("DeleteCluster", {{"cluster", "web"}});
    e = error("ListTagsForResource", {{"resourceArn", arn("cluster/web")}});
    EXPECT_EQ(e.type, "InvalidParameterException");
    EXPECT_EQ(e.message,
              "The specified cluster is inactive. Specify an active cluster and try again.");
}

TEST_F(Tags, TasksServicesAndContainerInstancesAreTaggableByArn) {
    seed([&](model::Partition& p) {
        model::Task t;
        t.arn = arn("task/web/0123456789abcdef0123456789abcdef");
        p.tasks[t.arn] = t;
        model::Service s;
        s.arn = arn("service/web/api");
        p.services[s.arn] = s;
        model::ContainerInstance ci;
        ci.arn = arn("container-instance/web/i1");
        p.container_instances[ci.arn] = ci;
    });
    for (const auto& resource : {arn("task/web/0123456789abcdef0123456789abcdef"),
                                 arn("service/web/api"), arn("container-instance/web/i1")}) {
        call("TagResource", {{"resourceArn", resource}, {"tags", {tag("t", "1")}}});
        EXPECT_EQ(tags_of(resource), json::array({tag("t", "1")})) << resource;
    }
}

}  // namespace
}  // namespace berth::api::ecs::testing
