// resourceRequirements of type GPU at registration (prepare_task_definition): a whole count,
// once per container, and never on Fargate, whose compatibilities then leave FARGATE out.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/ecs/task_definition_document.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {
namespace {

using nlohmann::json;

json gpu_definition(json requirements, bool fargate = false) {
    json doc{{"family", "train"},
             {"containerDefinitions",
              {{{"name", "app"},
                {"image", "busybox"},
                {"memory", 512},
                {"resourceRequirements", std::move(requirements)}}}}};
    if (fargate) {
        doc.update({{"networkMode", "awsvpc"},
                    {"requiresCompatibilities", {"FARGATE"}},
                    {"cpu", "1024"},
                    {"memory", "2048"}});
    }
    return doc;
}

json gpus(const char* value) {
    return {{{"type", "GPU"}, {"value", value}}};
}

std::string refusal(const json& doc) {
    try {
        prepare_task_definition(doc);
    } catch (const protocol::AwsError& e) {
        EXPECT_EQ(e.type(), "ClientException");
        return e.what();
    }
    return "";
}

TEST(TaskDefinitionGpu, AWholeNumberOfGpusIsRegistered) {
    EXPECT_EQ(refusal(gpu_definition(gpus("1"))), "");
    EXPECT_EQ(refusal(gpu_definition(gpus("8"))), "");
    const std::string bad =
        "Invalid 'resourceRequirements' setting for container 'app'. The GPU value must be a "
        "whole number of GPUs, given once.";
    for (const char* value : {"0", "-1", "1.5", "ALL", "", "01", "two"}) {
        EXPECT_EQ(refusal(gpu_definition(gpus(value))), bad) << value;
    }
    EXPECT_EQ(refusal(gpu_definition(
                  {{{"type", "GPU"}, {"value", "1"}}, {{"type", "GPU"}, {"value", "2"}}})),
              bad);
}

TEST(TaskDefinitionGpu, FargateRefusesGpus) {
    EXPECT_EQ(refusal(gpu_definition(gpus("1"), true)),
              "Tasks using the Fargate launch type do not support GPU resource requirements.");
    // Without requiresCompatibilities FARGATE it registers, for EC2 only.
    auto doc = prepare_task_definition(gpu_definition(gpus("1")));
    const auto& list = doc["compatibilities"];
    EXPECT_NE(std::find(list.begin(), list.end(), "EC2"), list.end()) << list.dump();
    EXPECT_EQ(std::find(list.begin(), list.end(), "FARGATE"), list.end()) << list.dump();
}

}  // namespace
}  // namespace berth::api::ecs
