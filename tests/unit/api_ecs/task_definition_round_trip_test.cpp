// DescribeTaskDefinition returns every member the client registered: a definition with every
// member of the model's RegisterTaskDefinition input (the TaskDefinition and ContainerDefinition
// members, recursively) is generated from the ECS model itself, so a member the model gains is
// covered without touching this test.
#include "ecs_fixture.hpp"
#include "support/source_paths.hpp"

namespace berth::api::ecs::testing {
namespace {

json ecs_shapes() {
    std::ifstream in(std::string(berth::test_paths::source_dir()) +
                     "/api-models/ecs-2014-11-13.service.json");
    return json::parse(in)["shapes"];
}

// Values ECS's registration rules accept where a generic one would not: task sizes, and the
// names other members refer to (the container depends on, links to and takes volumes from
// itself; its mount point names the one volume), EFS and GPU settings.
json fixed_value(const std::string& member, const std::string& type) {
    static const json k_strings = {
        {"family", "round-trip"},
        {"name", "app"},
        {"containerName", "app"},
        {"sourceContainer", "app"},
        {"links", "app"},
        {"sourceVolume", "data"},
        {"cpu", "256"},
        {"memory", "512"},
        {"image", "busybox:latest"},
        {"rootDirectory", "/"},  // an access point fixes the root
        {"value", "1"},          // a GPU count, and a fine value for the other members so named
    };
    if (type != "string") return nullptr;
    auto it = k_strings.find(member);
    return it == k_strings.end() ? json() : *it;
}

json sample(const json& shapes, const std::string& shape_name, const std::string& member) {
    const auto& shape = shapes.at(shape_name);
    const auto type = shape.at("type").get<std::string>();
    if (shape.contains("enum")) return shape.at("enum").at(0);
    if (auto fixed = fixed_value(member, type); !fixed.is_null()) return fixed;
    if (type == "structure") {
        json out = json::object();
        for (const auto& [name, ref] : shape.at("members").items()) {
            out[name] = sample(shapes, ref.at("shape").get<std::string>(), name);
        }
        if (shape_name == "Volume") out["name"] = "data";
        return out;
    }
    const auto child = [&](const char* key) {
        return shape.at(key).at("shape").get<std::string>();
    };
    if (type == "list") return json::array({sample(shapes, child("member"), member)});
    if (type == "map") return {{"key", sample(shapes, child("value"), member)}};
    if (type == "boolean") return true;
    if (type == "integer" || type == "long") return 64;
    return "v-" + member;
}

class TaskDefinitionRoundTrip : public EcsTest {};

TEST_F(TaskDefinitionRoundTrip, EveryMemberOfTheModelComesBackUnchanged) {
    const auto shapes = ecs_shapes();
    auto input = sample(shapes, "RegisterTaskDefinitionRequest", "");
    input.erase("tags");  // not part of the TaskDefinition: answered beside it
    // Every member of both shapes is set (the generator would otherwise be the thing tested).
    for (const auto& [name, ref] : shapes["ContainerDefinition"]["members"].items()) {
        ASSERT_TRUE(input["containerDefinitions"][0].contains(name)) << name;
    }
    for (const auto& [name, ref] : shapes["TaskDefinition"]["members"].items()) {
        if (shapes["RegisterTaskDefinitionRequest"]["members"].contains(name)) {
            ASSERT_TRUE(input.contains(name)) << name;
        }
    }

    call("RegisterTaskDefinition", input);
    const auto described =
        call("DescribeTaskDefinition", {{"taskDefinition", "round-trip:1"}})["taskDefinition"];
    for (const auto& [name, value] : input.items()) {
        EXPECT_EQ(described[name], value) << name;
    }
}

}  // namespace
}  // namespace berth::api::ecs::testing
