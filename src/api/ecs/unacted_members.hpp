#pragma once
// The members of a task definition that Berth accepts, stores and describes but does not act
// on as ECS would: one table, read by the warning that RegisterTaskDefinition logs,
// and kept in step with docs/fidelity.md by a unit test. Every other member of the model's
// TaskDefinition and ContainerDefinition shapes is acted on (the test walks them all).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::api::ecs {

struct UnactedMember {
    // The member as ECS names it in the document ("containerDefinitions[].credentialSpecs"),
    // with the value that makes it unacted when only some values are
    // ("containerDefinitions[].logConfiguration.logDriver=awslogs").
    std::string_view member;
    std::string_view berth_does;  // what Berth does instead, in a few words
    bool being_built = false;     // work under way will act on it
};

// Every row of the table, in document order.
const std::vector<UnactedMember>& unacted_member_table();

// The top-level members of TaskDefinition and ContainerDefinition that Berth acts on (the test
// checks that these and the table cover the model's shapes).
const std::vector<std::string_view>& acted_on_members();

// The rows a normalized task definition document uses (a member present and not empty, or
// holding the value the row names).
std::vector<const UnactedMember*> unacted_members(const nlohmann::json& document);

// What the warning says about `document`: each unacted member it uses and what Berth does
// instead, or nothing when Berth acts on all of it.
std::optional<std::string> unacted_warning(const nlohmann::json& document);

// Logs that warning for the revision `arn`. RegisterTaskDefinition calls it once per revision
// it stores (a revision is registered once, so it is warned about once); returns whether it
// logged.
bool warn_unacted_members(const std::string& arn, const nlohmann::json& document);

}  // namespace berth::api::ecs
