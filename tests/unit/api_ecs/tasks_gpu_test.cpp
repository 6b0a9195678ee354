// GPUs through the ECS API: an instance's GPU ids are its registered and remaining GPU
// resource, RunTask and StartTask pin free ones to a task's containers (gpuIds) and refuse a
// task no instance has enough GPUs left for with RESOURCE:GPU.
#include "tasks_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class TasksGpu : public TasksTest {
  protected:
    void SetUp() override {
        create_cluster();
        arn_ = add_instance("default", 4096, 8192);
        store.write(key, [&](model::Partition& p) {
            p.container_instances.at(arn_).gpu_ids = {"GPU-a", "GPU-b"};
        });
        json def{{"name", "train"},
                 {"image", "busybox"},
                 {"memory", 128},
                 {"resourceRequirements", {{{"type", "GPU"}, {"value", "1"}}}}};
        call("RegisterTaskDefinition",
             {{"family", "train"}, {"containerDefinitions", json::array({def})}});
    }
    json gpu_resource(const char* which) {
        auto ci = call("DescribeContainerInstances",
                       {{"containerInstances", {arn_}}})["containerInstances"][0];
        for (const auto& r : ci[which]) {
            if (r["name"] == "GPU") return r;
        }
        return nullptr;
    }
    std::string arn_;
};

TEST_F(TasksGpu, RunTaskPinsFreeGpusAndRefusesWhenNoneAreLeft) {
    EXPECT_EQ(gpu_resource("registeredResources")["stringSetValue"], json({"GPU-a", "GPU-b"}));
    EXPECT_EQ(gpu_resource("registeredResources")["type"], "STRINGSET");

    auto first = call("RunTask", {{"taskDefinition", "train"}});
    ASSERT_EQ(first["tasks"].size(), 1u) << first.dump();
    EXPECT_EQ(first["tasks"][0]["containers"][0]["gpuIds"], json({"GPU-a"}));
    EXPECT_EQ(gpu_resource("remainingResources")["stringSetValue"], json({"GPU-b"}));

    auto more = call("RunTask", {{"taskDefinition", "train"}, {"count", 2}});
    ASSERT_EQ(more["tasks"].size(), 1u) << "one GPU was left for two tasks";
    EXPECT_EQ(more["tasks"][0]["containers"][0]["gpuIds"], json({"GPU-b"}));
    EXPECT_EQ(more["failures"], (json{{{"arn", arn_}, {"reason", "RESOURCE:GPU"}}}));

    auto started = call("StartTask", {{"taskDefinition", "train"}, {"containerInstances", {arn_}}});
    EXPECT_EQ(started["tasks"], json::array());
    EXPECT_EQ(started["failures"], (json{{{"arn", arn_}, {"reason", "RESOURCE:GPU"}}}));

    // A stopped task gives its GPU back.
    set_last_status(first["tasks"][0]["taskArn"], model::TaskStatus::stopped);
    EXPECT_EQ(gpu_resource("remainingResources")["stringSetValue"], json({"GPU-a"}));
    started = call("StartTask", {{"taskDefinition", "train"}, {"containerInstances", {arn_}}});
    ASSERT_EQ(started["tasks"].size(), 1u) << started.dump();
    EXPECT_EQ(started["tasks"][0]["containers"][0]["gpuIds"], json({"GPU-a"}));
}

TEST_F(TasksGpu, AnInstanceWithoutGpusReportsNoGpuResource) {
    store.write(key, [&](model::Partition& p) { p.container_instances.at(arn_).gpu_ids.clear(); });
    EXPECT_EQ(gpu_resource("registeredResources"), nullptr);
    EXPECT_EQ(gpu_resource("remainingResources"), nullptr);
    auto refused = call("RunTask", {{"taskDefinition", "train"}});
    EXPECT_EQ(refused["tasks"], json::array());
    EXPECT_EQ(refused["failures"], (json{{{"arn", arn_}, {"reason", "RESOURCE:GPU"}}}));
}

}  // namespace
}  // namespace berth::api::ecs::testing
