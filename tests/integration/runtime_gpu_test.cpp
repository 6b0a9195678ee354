// GPUs on the real engine, which has no NVIDIA runtime: the GPUs --gpus names are not
// registered, so RunTask of a definition that asks for a GPU is refused with RESOURCE:GPU and
// nothing starts, while the same definition without the GPU runs there.
#include <algorithm>

#include "berth/api/ecs/ecs_api.hpp"
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

class GpuOnEngine : public RuntimeTest {
  protected:
    std::unique_ptr<protocol::JsonService> ecs_ = api::ecs::make_ecs_service({store_});
    protocol::RequestContext ctx_{"000000000000", "us-east-1", "AKIDEXAMPLE", "req"};

    json call(const std::string& op, const json& input) {
        return ecs_->invoke(op, ctx_, input.dump());
    }

    std::string register_gpu_definition(int gpus) {
        auto c = busybox_container("app", "sleep 600");
        c["memory"] = 32;
        if (gpus > 0)
            c["resourceRequirements"] = {{{"type", "GPU"}, {"value", std::to_string(gpus)}}};
        return call("RegisterTaskDefinition",
                    {{"family", unique_name("gpu")},
                     {"containerDefinitions", {c}}})["taskDefinition"]["taskDefinitionArn"];
    }
};

TEST_F(GpuOnEngine, AGpuTaskIsRefusedWithResourceGpuWhereTheEngineHasNoNvidiaRuntime) {
    const auto info = docker().info();
    if (std::find(info.runtimes.begin(), info.runtimes.end(), "nvidia") != info.runtimes.end()) {
        GTEST_SKIP() << "this engine has the nvidia runtime: its --gpus would be registered";
    }
    auto o = options();
    o.gpus = {{o.docker_hosts.front(), {"0", "1"}}};  // named, but the engine cannot run them
    start_runtime(std::move(o));
    const auto ci = container_instance();

    const auto described = call("DescribeContainerInstances", {{"containerInstances", {ci}}});
    ASSERT_EQ(described["containerInstances"].size(), 1u) << described.dump();
    for (const auto& r : described["containerInstances"][0]["registeredResources"]) {
        EXPECT_NE(r["name"], "GPU") << "no GPU resource without the nvidia runtime";
    }

    const auto refused =
        call("RunTask", {{"taskDefinition", register_gpu_definition(1)}, {"launchType", "EC2"}});
    EXPECT_EQ(refused["tasks"], json::array()) << refused.dump();
    EXPECT_EQ(refused["failures"], (json{{{"arn", ci}, {"reason", "RESOURCE:GPU"}}}))
        << refused.dump();
    const auto tasks = store_.read(key_, [](const model::Partition& p) { return p.tasks.size(); });
    EXPECT_EQ(tasks, 0u) << "a task that fits nowhere is never created";

    // The engine itself is fine: without the GPU the same container runs there.
    const auto placed =
        call("RunTask", {{"taskDefinition", register_gpu_definition(0)}, {"launchType", "EC2"}});
    ASSERT_EQ(placed["tasks"].size(), 1u) << placed.dump();
    const auto running =
        wait_status(placed["tasks"][0]["taskArn"].get<std::string>(), model::TaskStatus::running);
    EXPECT_TRUE(running.containers.at(0).gpu_ids.empty());
}

}  // namespace
}  // namespace berth::test
