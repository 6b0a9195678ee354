#pragma once
// The rules requiresAttributes is computed by: which container instance attribute a member of
// a task definition brings. One table (task_definition_attributes.cpp); tests check it against
// DescribeTaskDefinition outputs of real ECS.
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::api::ecs {

// Where a rule comes from. `seen`: DescribeTaskDefinition outputs of real ECS show the member
// bringing the attribute (tests/data/requires-attributes.json holds them, with their sources).
// `agent`: no output at hand shows it, but the amazon-ecs-agent registers the attribute for
// the feature the member asks for (agent/app/agent_capability.go), and ECS places a task only
// where the agent registered what it needs. `docs`: ECS's task definition parameters page
// names the Docker Remote API version the member needs.
enum class AttributeBasis : std::uint8_t { seen, agent, docs };

// One attribute a member brings. `member` and `also` are member paths (member_path.hpp) in
// the normalized document; the rule applies when the document uses `member`, and `also` too
// when the rule has one.
struct AttributeRule {
    std::string_view member;
    std::string_view attribute;
    AttributeBasis basis;
    std::string_view also = {};
};

// In the order requiresAttributes lists them (ECS's own order follows no rule a client can
// rely on).
const std::vector<AttributeRule>& requires_attribute_rules();

// Whether the rule applies to a normalized task definition document.
bool rule_applies(const nlohmann::json& document, const AttributeRule& rule);

}  // namespace berth::api::ecs
