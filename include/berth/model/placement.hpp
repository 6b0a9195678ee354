#pragma once
// Placement constraints and strategies as ECS's requests and task definitions give them, read
// once where they enter (RunTask, CreateService, UpdateService, RegisterTaskDefinition) and
// kept typed: the scheduler's placement (berth/scheduler/placement.hpp) reads these values,
// DescribeServices writes them back (to_json).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/names.hpp"
#include "berth/model/query.hpp"

namespace berth::model {

struct PlacementConstraint {
    enum class Type { distinct_instance, member_of };
    Type type = Type::distinct_instance;
    std::optional<Query> expression;  // member_of only; none when `text` does not parse
    std::string text;                 // the expression as sent ("" when none)

    // The expression is read from `text`, so the text decides.
    bool operator==(const PlacementConstraint& o) const { return type == o.type && text == o.text; }
};

struct PlacementStrategy {
    enum class Type { spread, binpack, random };
    Type type = Type::spread;
    std::string field;  // spread: instanceId | host | attribute:NAME; binpack: cpu | memory
    bool operator==(const PlacementStrategy&) const = default;
};

}  // namespace berth::model

template <>
inline constexpr berth::model::NameTable<berth::model::PlacementConstraint::Type, 2>
    berth::model::k_names<berth::model::PlacementConstraint::Type>{{{
        {berth::model::PlacementConstraint::Type::distinct_instance, "distinctInstance"},
        {berth::model::PlacementConstraint::Type::member_of, "memberOf"},
    }}};

template <>
inline constexpr berth::model::NameTable<berth::model::PlacementStrategy::Type, 3>
    berth::model::k_names<berth::model::PlacementStrategy::Type>{{{
        {berth::model::PlacementStrategy::Type::spread, "spread"},
        {berth::model::PlacementStrategy::Type::binpack, "binpack"},
        {berth::model::PlacementStrategy::Type::random, "random"},
    }}};

namespace berth::model {

// ECS's limit on the constraints one task is placed by, its task definition's included.
inline constexpr std::size_t k_max_placement_constraints = 10;
inline constexpr std::string_view k_too_many_placement_constraints =
    "Too many placement constraints. The limit is 10.";

// A request's (or a service's) placementConstraints and placementStrategy.
struct Placement {
    std::vector<PlacementConstraint> constraints;
    std::vector<PlacementStrategy> strategies;
    // ECS's InvalidParameterException message for the first rule the request breaks (too many
    // items, a missing or extra expression or field, an unparsable memberOf expression); empty
    // when it breaks none. An unparsable memberOf is kept as a constraint nothing satisfies.
    std::string error;
};

// ECS JSON (placementConstraints and placementStrategy lists, either may be null) read into
// values.
Placement parse_placement(const nlohmann::json& constraints, const nlohmann::json& strategies);

// The two halves of parse_placement (a task definition has constraints only).
std::vector<PlacementConstraint> read_constraints(const nlohmann::json& constraints,
                                                  std::string* error = nullptr);
std::vector<PlacementStrategy> read_strategies(const nlohmann::json& strategies,
                                               std::string* error = nullptr);

// ECS's JSON lists again, as DescribeServices shows them.
nlohmann::json to_json(const std::vector<PlacementConstraint>& constraints);
nlohmann::json to_json(const std::vector<PlacementStrategy>& strategies);

}  // namespace berth::model
