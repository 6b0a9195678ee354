#include "berth/model/placement.hpp"

#include <cstddef>
#include <utility>

namespace berth::model {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_strategies = 5;

// ECS's first objection to one constraint, or "".
std::string constraint_error(const std::string& type, const std::string& expression,
                             const QueryParse& parsed) {
    if (type == "distinctInstance" && !expression.empty()) {
        return "The distinctInstance placement constraint does not take an expression.";
    }
    if (type != "memberOf") return {};
    if (expression.empty()) return "The memberOf placement constraint requires an expression.";
    if (!parsed.query) return "Invalid placement constraint expression: " + parsed.error;
    return {};
}

std::string strategy_error(PlacementStrategy::Type type, const std::string& field) {
    using Type = PlacementStrategy::Type;
    if (type == Type::binpack && field != "cpu" && field != "memory") {
        return "The binpack placement strategy field must be cpu or memory.";
    }
    if (type == Type::spread && field.empty()) {
        return "The spread placement strategy requires a field.";
    }
    if (type == Type::random && !field.empty()) {
        return "The random placement strategy does not take a field.";
    }
    return {};
}

void keep_first(std::string& error, std::string found) {
    if (error.empty()) error = std::move(found);
}

}  // namespace

namespace {

// Reads each object of a list with `read_one` (which returns nothing for what it skips),
// keeping the first objection in `error`, the list's own length first.
template <class T, class ReadOne>
std::vector<T> read_list(const nlohmann::json& list, std::size_t max, const char* too_many,
                         std::string* error, ReadOne read_one) {
    std::vector<T> out;
    if (!list.is_array()) return out;
    std::string first = list.size() > max ? too_many : "";
    for (const auto& item : list) {
        if (!item.is_object()) continue;
        if (auto value = read_one(item, first)) out.push_back(std::move(*value));
    }
    if (error) *error = std::move(first);
    return out;
}

}  // namespace

std::vector<PlacementConstraint> read_constraints(const nlohmann::json& constraints,
                                                  std::string* error) {
    return read_list<PlacementConstraint>(
        constraints, k_max_placement_constraints, k_too_many_placement_constraints.data(), error,
        [](const nlohmann::json& c, std::string& first) -> std::optional<PlacementConstraint> {
            const std::string type = c.value("type", "");
            const std::string expression = c.value("expression", "");
            auto parsed = type == "memberOf" ? parse_query(expression) : QueryParse{};
            keep_first(first, constraint_error(type, expression, parsed));
            auto kind = parse<PlacementConstraint::Type>(type);
            if (!kind) return std::nullopt;  // the model's enum already refused it
            // An expression that does not parse is kept as "matches nothing": placing the task
            // anywhere would ignore what the user asked for.
            return PlacementConstraint{*kind, std::move(parsed.query), expression};
        });
}

std::vector<PlacementStrategy> read_strategies(const nlohmann::json& strategies,
                                               std::string* error) {
    return read_list<PlacementStrategy>(
        strategies, k_max_strategies, "Too many placement strategies. The limit is 5.", error,
        [](const nlohmann::json& s, std::string& first) -> std::optional<PlacementStrategy> {
            auto type = parse<PlacementStrategy::Type>(s.value("type", ""));
            if (!type) return std::nullopt;  // the model's enum already refused it
            PlacementStrategy strategy{*type, s.value("field", "")};
            keep_first(first, strategy_error(strategy.type, strategy.field));
            return strategy;
        });
}

Placement parse_placement(const nlohmann::json& constraints, const nlohmann::json& strategies) {
    Placement out;
    std::string strategy_problem;
    out.constraints = read_constraints(constraints, &out.error);
    out.strategies = read_strategies(strategies, &strategy_problem);
    keep_first(out.error, std::move(strategy_problem));
    return out;
}

json to_json(const std::vector<PlacementConstraint>& constraints) {
    json out = json::array();
    for (const auto& c : constraints) {
        json item{{"type", to_string(c.type)}};
        if (!c.text.empty()) item["expression"] = c.text;
        out.push_back(std::move(item));
    }
    return out;
}

json to_json(const std::vector<PlacementStrategy>& strategies) {
    json out = json::array();
    for (const auto& s : strategies) {
        json item{{"type", to_string(s.type)}};
        if (!s.field.empty()) item["field"] = s.field;
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace berth::model
