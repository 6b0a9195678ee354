// GPU placement: resourceRequirements of type GPU against the GPU ids container instances
// register, directly through the ledger and through reconcile and apply.
#include "berth/scheduler/placement.hpp"

#include "berth/scheduler/reconcile.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

nlohmann::json gpu_container(const char* name, int gpus) {
    auto c = container_def(name, 128, 128);
    c["resourceRequirements"] = {{{"type", "GPU"}, {"value", std::to_string(gpus)}}};
    return c;
}

class GpuPlacement : public ::testing::Test {
  protected:
    World w;

    std::string instance_with(std::vector<std::string> gpus) {
        auto arn = w.add_instance();
        w.p.container_instances.at(arn).gpu_ids = std::move(gpus);
        return arn;
    }

    PlacementRequest request_for(const std::string& td_arn) {
        PlacementRequest request;
        request.cluster_name = w.cluster;
        request.needs = needs_of(*find_task_definition(w.p, td_arn)->body);
        return request;
    }
};

TEST_F(GpuPlacement, NeedsCountEachContainersGpus) {
    auto td = w.add_task_definition(
        "train", {{"containerDefinitions",
                   {gpu_container("a", 2), container_def("b", 128, 128), gpu_container("c", 1)}}});
    auto needs = needs_of(*find_task_definition(w.p, td)->body);
    EXPECT_EQ(needs.gpus, (std::vector<std::pair<std::string, int>>{{"a", 2}, {"c", 1}}));
    EXPECT_EQ(needs.gpu_count(), 3);
}

struct GpuCase {
    const char* name;
    std::vector<std::vector<std::string>> instances;  // each instance's GPU ids
    std::vector<int> container_gpus;                  // containers a, b, ... of the task
    int count;                                        // tasks to place
    int placed;
    std::vector<model::GpuAssignment> pinned;  // the first tasks' assignments
    const char* reason;                        // "" when all were placed
};

class GpuTable : public GpuPlacement, public ::testing::WithParamInterface<GpuCase> {};

TEST_P(GpuTable, PlacesWhereEnoughGpusRemain) {
    const auto& c = GetParam();
    std::vector<std::string> arns;
    for (const auto& gpus : c.instances) arns.push_back(instance_with(gpus));
    nlohmann::json containers = nlohmann::json::array();
    for (std::size_t i = 0; i < c.container_gpus.size(); ++i) {
        const std::string name(1, static_cast<char>('a' + i));
        containers.push_back(c.container_gpus[i] > 0
                                 ? gpu_container(name.c_str(), c.container_gpus[i])
                                 : container_def(name, 128, 128));
    }
    auto td = w.add_task_definition("train", {{"containerDefinitions", containers}});
    ClusterLedger ledger(w.p);
    auto result = ledger.place(request_for(td), c.count);
    EXPECT_EQ(static_cast<int>(result.container_instance_arns.size()), c.placed);
    ASSERT_EQ(result.gpus.size(), result.container_instance_arns.size());
    for (std::size_t i = 0; i < c.pinned.size(); ++i) EXPECT_EQ(result.gpus.at(i), c.pinned[i]);
    EXPECT_EQ(result.reason, c.reason);
    if (*c.reason) {
        EXPECT_EQ(result.closest_instance_arn, arns.front());
        EXPECT_NE(result.detail.find("has insufficient GPU available."), std::string::npos)
            << result.detail;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GpuTable,
    ::testing::Values(
        GpuCase{"NoGpusAnywhere", {{}}, {1}, 1, 0, {}, "RESOURCE:GPU"},
        GpuCase{"OneOfOne", {{"0"}}, {1}, 1, 1, {{{"a", {"0"}}}}, ""},
        GpuCase{"SecondTaskFindsNoneLeft", {{"0"}}, {1}, 2, 1, {{{"a", {"0"}}}}, "RESOURCE:GPU"},
        GpuCase{"EachContainerItsOwn",
                {{"0", "1", "2"}},
                {2, 0, 1},
                1,
                1,
                {{{"a", {"0", "1"}}, {"c", {"2"}}}},
                ""},
        GpuCase{"TwoTasksShareAnInstance",
                {{"0", "1"}},
                {1},
                2,
                2,
                {{{"a", {"0"}}}, {{"a", {"1"}}}},
                ""},
        GpuCase{"TooManyForAnyOneInstance", {{"0"}, {"1"}}, {2}, 1, 0, {}, "RESOURCE:GPU"},
        GpuCase{"NoGpuTaskOnGpuInstance", {{"0"}}, {0}, 2, 2, {{}, {}}, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(GpuPlacement, SkipsInstancesWithoutEnoughGpus) {
    instance_with({});
    auto gpu = instance_with({"GPU-a", "GPU-b"});
    auto td = w.add_task_definition("train", {{"containerDefinitions", {gpu_container("a", 2)}}});
    ClusterLedger ledger(w.p);
    auto result = ledger.place(request_for(td), 1);
    EXPECT_EQ(result.container_instance_arns, (std::vector<std::string>{gpu}));
    EXPECT_EQ(result.gpus.at(0), (model::GpuAssignment{{"a", {"GPU-a", "GPU-b"}}}));
}

TEST_F(GpuPlacement, GpusHeldByLiveTasksAreNotGivenTwice) {
    auto ci = instance_with({"0", "1"});
    auto td = w.add_task_definition("train", {{"containerDefinitions", {gpu_container("a", 1)}}});
    auto& s = w.add_service("train", 3, td);
    auto& held = w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, ci);
    held.containers.at(0).gpu_ids = {"0"};
    auto& old = w.add_service("old", 0, td);
    auto& gone =
        w.add_task(old, old.deployments[0], TaskStatus::stopped, HealthStatus::unknown, ci);
    gone.containers.at(0).gpu_ids = {"1"};  // a stopped task holds nothing

    auto plan = w.reconcile();
    ASSERT_EQ(plan.starts.size(), 1u);
    EXPECT_EQ(plan.starts[0].container_instance_arns, (std::vector<std::string>{ci}));
    EXPECT_EQ(plan.starts[0].gpus, (std::vector<model::GpuAssignment>{{{"a", {"1"}}}}));
    // The third task fits nowhere: the service's events say why.
    std::string events;
    for (const auto& e : plan.events) events += e.message + "\n";
    EXPECT_NE(events.find("has insufficient GPU available."), std::string::npos) << events;

    w.apply(plan);
    int pinned = 0;
    for (const auto& [arn, task] : w.p.tasks) {
        if (&task == &held || &task == &gone) continue;
        EXPECT_EQ(task.containers.at(0).gpu_ids, (std::vector<std::string>{"1"}));
        ++pinned;
    }
    EXPECT_EQ(pinned, 1) << "apply writes the pinned GPUs onto the new task's container";
}

}  // namespace
}  // namespace berth::scheduler::testing
