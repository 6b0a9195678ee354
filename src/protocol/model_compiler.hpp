#pragma once
// Compiles a botocore service-2 document into ModelTables. Used twice: by the build-time
// generator (api-models/tools/model_tables.cpp), which prints the tables as C++ so the binary
// parses no model at start, and by ServiceModel's JSON constructor (tests, fixtures).
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/shape_graph.hpp"

namespace berth::protocol::detail {

// Owns what `tables` views.
struct CompiledModel {
    std::deque<std::string> strings;  // a deque: growing it moves no string
    std::vector<ShapeDef> shapes;
    std::vector<MemberDef> members;
    std::vector<std::uint32_t> required;
    std::vector<std::string_view> enum_values;
    std::vector<OperationDef> operations;
    ModelTables tables;
};

// `embed`: the operations whose shapes to keep, and then only the shapes they reach (inputs
// for validation, outputs for the output check); nullopt keeps every operation and shape.
// Throws std::invalid_argument for a reference to a missing shape or member, an unknown shape
// type, or an `embed` name that is not an operation of the model.
std::unique_ptr<const CompiledModel> compile_model(
    std::string_view name, const nlohmann::json& document,
    const std::optional<std::set<std::string>>& embed);

// The C++ enumerator of a kind ("long_"), for the generator.
const char* enumerator_name(ShapeKind kind);

}  // namespace berth::protocol::detail
