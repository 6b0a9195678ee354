#include "berth/persist/image.hpp"

#include <gtest/gtest.h>

#include "berth/model/arn.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/persist/errors.hpp"

namespace berth::persist {
namespace {

using nlohmann::json;

const model::PartitionKey k_part{"123456789012", "eu-west-1"};

model::TaskDefinition revision(int n) {
    model::TaskDefinition td;
    td.family = "web";
    td.revision = n;
    td.arn = model::task_definition_arn(k_part, "web", n);
    td.body = model::read_task_definition(json::parse(R"({"family": "web",
        "containerDefinitions": [{"name": "app", "image": "httpd", "memory": 512,
                                  "portMappings": [{"containerPort": 80}]}]})"));
    td.tags = {{"team", "a"}};
    td.registered_at = model::TimePoint{std::chrono::seconds(100 + n)};
    return td;
}

model::Service service(const model::Cluster& c) {
    model::Service s;
    s.name = "api";
    s.arn = "arn:aws:ecs:eu-west-1:123456789012:service/prod/api";
    s.cluster_name = c.name;
    s.cluster_arn = c.arn;
    s.task_definition_arn = revision(2).arn;
    s.desired_count = 2;
    s.launch_type = model::LaunchType::ec2;
    model::Deployment primary;
    primary.id = "ecs-svc/1234567890123456789";
    primary.task_definition_arn = revision(2).arn;
    primary.desired_count = 2;
    primary.rollout_state = model::RolloutState::completed;
    model::Deployment active;
    active.id = "ecs-svc/1234567890123456788";
    active.status = model::DeploymentStatus::active;
    active.task_definition_arn = revision(1).arn;
    s.deployments = {primary, active};
    model::TaskSet ts;  // beside deployments only to round-trip it: EXTERNAL services have these
    ts.id = "ecs-svc/1234567890123456787";
    ts.arn = "arn:aws:ecs:eu-west-1:123456789012:task-set/prod/api/" + ts.id;
    ts.external_id = "deploy-7";
    ts.status = model::TaskSetStatus::primary;
    ts.scale_percent = 37.5;
    ts.computed_desired_count = 1;
    ts.stability_status = model::StabilityStatus::steady_state;
    ts.tags = {{"team", "a"}};
    s.task_sets = {ts};
    s.events.push_back({"e1", model::TimePoint{std::chrono::milliseconds(1234567)},
                        "(service api) has reached a steady state."});
    return s;
}

model::Partition partition() {
    model::Partition p;
    p.key = k_part;
    model::Cluster c;
    c.name = "prod";
    c.arn = model::cluster_arn(k_part, "prod");
    c.tags = {{"env", "test"}};
    p.clusters[c.name] = c;
    p.task_definitions["web"] = {revision(1), revision(2)};
    model::TaskLaunch launch;
    launch.now = model::TimePoint{std::chrono::seconds(1000)};
    auto task = model::make_task(k_part, c, revision(2), launch);
    p.tasks[task.arn] = task;
    auto s = service(c);
    p.services[s.arn] = s;
    p.next_seq = 42;
    return p;
}

TEST(Image, EncodeDecodeRoundTrip) {
    const auto image = encode_state({partition()});
    auto decoded = decode_state(image);
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_EQ(encode_state(decoded), image);  // every member written is read back

    const auto& p = decoded.front();
    EXPECT_EQ(p.key, k_part);
    EXPECT_EQ(p.next_seq, 42u);
    ASSERT_EQ(p.task_definitions.at("web").size(), 2u);
    EXPECT_EQ(p.task_definitions.at("web")[1].revision, 2);
    EXPECT_EQ(p.task_definitions.at("web")[1].body->document, revision(2).body->document);
    const auto& s = p.services.at(service(p.clusters.at("prod")).arn);
    ASSERT_EQ(s.deployments.size(), 2u);
    EXPECT_EQ(s.deployments[0].rollout_state, model::RolloutState::completed);
    EXPECT_EQ(s.deployments[1].status, model::DeploymentStatus::active);
    ASSERT_EQ(s.task_sets.size(), 1u);
    EXPECT_EQ(s.task_sets[0].status, model::TaskSetStatus::primary);
    EXPECT_EQ(s.task_sets[0].scale_percent, 37.5);
    EXPECT_EQ(s.task_sets[0].external_id, "deploy-7");
    EXPECT_EQ(s.task_sets[0].stability_status, model::StabilityStatus::steady_state);
    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].created_at, model::TimePoint{std::chrono::milliseconds(1234567)});
    ASSERT_EQ(p.tasks.size(), 1u);
    EXPECT_EQ(p.tasks.begin()->second.last_status, model::TaskStatus::pending);
}

// Deleted revisions gone for good leave gaps; the rest come back in order of their numbers
// (the image orders them as text: web:10 before web:3).
TEST(Image, RevisionsWithGapsComeBackInOrder) {
    auto p = partition();
    p.task_definitions["web"] = {revision(1), revision(3), revision(10)};
    auto decoded = decode_state(encode_state({p}));
    std::vector<int> revisions;
    for (const auto& td : decoded.front().task_definitions.at("web")) {
        revisions.push_back(td.revision);
    }
    EXPECT_EQ(revisions, (std::vector<int>{1, 3, 10}));
}

model::DaemonTaskDefinition daemon_revision(int n) {
    model::DaemonTaskDefinition d;
    d.family = "agent";
    d.revision = n;
    d.arn = model::daemon_task_definition_arn(k_part, "agent", n);
    d.document = R"({"containerDefinitions":[{"name":"a","image":"busybox","memory":64}]})";
    d.registered_by = "arn:aws:iam::123456789012:root";
    d.registered_at = model::TimePoint{std::chrono::seconds(200 + n)};
    d.tags = {{"team", "b"}};
    return d;
}

// Revision n comes back at index n - 1 (the image orders them as text: agent:10 first), a
// DELETED one with its time of deletion.
TEST(Image, DaemonTaskDefinitionsRoundTripInOrder) {
    auto p = partition();
    auto& revisions = p.daemon_task_definitions["agent"];
    for (int n = 1; n <= 10; ++n) revisions.push_back(daemon_revision(n));
    revisions[2].status = model::DaemonTaskDefinitionStatus::deleted;
    revisions[2].delete_requested_at = model::TimePoint{std::chrono::seconds(900)};
    const auto image = encode_state({p});
    auto decoded = decode_state(image);
    EXPECT_EQ(encode_state(decoded), image);
    const auto& back = decoded.front().daemon_task_definitions.at("agent");
    ASSERT_EQ(back.size(), 10u);
    for (int n = 1; n <= 10; ++n) EXPECT_EQ(back[n - 1].revision, n);
    EXPECT_EQ(back[2].status, model::DaemonTaskDefinitionStatus::deleted);
    EXPECT_EQ(back[2].delete_requested_at, model::TimePoint{std::chrono::seconds(900)});
    EXPECT_EQ(back[9].document, daemon_revision(10).document);
    EXPECT_EQ(back[9].registered_by, "arn:aws:iam::123456789012:root");
}

// The handlers find revision n at index n - 1, so a missing one is refused.
TEST(Image, ADaemonRevisionMissingIsRefused) {
    auto p = partition();
    p.daemon_task_definitions["agent"] = {daemon_revision(1), daemon_revision(3)};
    EXPECT_THROW(decode_state(encode_state({p})), StateError);
}

TEST(Image, DiffAppliedOverTheOldImageGivesTheNew) {
    const auto before = encode_state({partition()});
    auto changed = partition();
    changed.clusters.erase("prod");
    changed.task_definitions["web"].push_back(revision(3));
    const auto after = encode_state({changed});
    auto image = before;
    for (const auto& change : diff(before, after)) apply_payload(image, change_payload(change));
    EXPECT_EQ(image, after);
    EXPECT_TRUE(diff(after, after).empty());
}

// (A missing revision is not: revisions deleted for good leave gaps.)
TEST(Image, ARevisionStoredTwiceIsRefused) {
    auto image = encode_state({partition()});
    const std::string partition_text = "123456789012/eu-west-1";
    image.emplace(EntityKey{"task-definition", partition_text, "web:9"},
                  image.at(EntityKey{"task-definition", partition_text, "web:2"}));
    EXPECT_THROW(decode_state(image), StateError);
}

TEST(Image, AnUnreadableEntityIsNamed) {
    auto image = encode_state({partition()});
    image[EntityKey{"cluster", "123456789012/eu-west-1", "prod"}] = R"({"status": "NOPE"})";
    try {
        decode_state(image);
        FAIL() << "read a cluster with an unknown status";
    } catch (const StateError& e) {
        EXPECT_NE(std::string(e.what()).find("cluster prod"), std::string::npos) << e.what();
    }
}

// Attributes a client put on a container instance (PutAttributes) survive a restart.
TEST(Image, ContainerInstanceAttributesRoundTrip) {
    auto p = partition();
    auto& ci = p.container_instances["arn:ci"];
    ci.arn = "arn:ci";
    ci.cluster_name = "prod";
    ci.attributes = nlohmann::json::array(
        {{{"name", "ecs.os-type"}, {"value", "linux"}}, {{"name", "stack"}, {"value", "prod"}}});
    auto decoded = decode_state(encode_state({p}));
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_EQ(decoded.front().container_instances.at("arn:ci").attributes, ci.attributes);
}

// A task's scale-in protection survives a restart; state written before the field existed
// reads as unprotected.
TEST(Image, TaskProtectionRoundTripsAndIsAbsentInOlderState) {
    auto p = partition();
    auto& task = p.tasks.begin()->second;
    task.protected_until = model::TimePoint{std::chrono::seconds(4600)};
    auto image = encode_state({p});
    auto decoded = decode_state(image);
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_EQ(decoded.front().tasks.at(task.arn).protected_until, task.protected_until);

    for (auto& [key, payload] : image) {
        if (key.kind != "task") continue;
        auto doc = json::parse(payload);
        ASSERT_TRUE(doc.contains("protectedUntil"));
        doc.erase("protectedUntil");
        payload = doc.dump();
    }
    EXPECT_FALSE(decode_state(image).front().tasks.at(task.arn).protected_until);
}

// A batch takes unchanged revisions' text from what it encoded before: the same image as
// without, each round, and a changed revision encoded again.
TEST(Image, TaskDefinitionTextsGiveTheSameImage) {
    TaskDefinitionTexts documents;
    const auto p = partition();
    const auto first = encode_state({p}, documents);
    EXPECT_EQ(first, encode_state({p}));
    EXPECT_EQ(encode_state({p}, documents), first);
    auto grown = p;
    grown.task_definitions["web"].push_back(revision(3));
    grown.task_definitions["web"][0].status = model::TaskDefinitionStatus::inactive;
    const auto next = encode_state({grown}, documents);
    EXPECT_EQ(diff(first, next).size(), 2u);  // the new revision, and revision 1's status
    EXPECT_EQ(next, encode_state({grown}));
}

}  // namespace
}  // namespace berth::persist
