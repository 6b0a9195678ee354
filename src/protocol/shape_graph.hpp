#pragma once
// A service model's shapes as flat tables: plain structs indexed by shape id, members sorted
// by name, strings as views. The embedded models are these tables compiled into the binary at
// build time (api-models/tools/model_tables.cpp writes them as constexpr arrays), so start-up
// parses nothing; a model read from JSON at run time (tests) is compiled into the same tables
// by model_compiler.cpp. Validation and the output check walk only these.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace berth::protocol::detail {

using ShapeId = std::uint32_t;
inline constexpr ShapeId k_no_shape = UINT32_MAX;

enum class ShapeKind : std::uint8_t {
    structure,
    list,
    map,
    string,
    integer,
    long_,
    boolean,
    double_,
    float_,
    timestamp,
    blob,
    document,  // free-form JSON ("document": true): anything goes
};

// A slice [first, first + count) of one of the ModelTables arrays.
struct Range {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

struct MemberDef {
    std::string_view name;
    ShapeId shape = k_no_shape;
};

struct ShapeDef {
    std::string_view name;
    ShapeKind kind = ShapeKind::string;
    // Length for strings, blobs, lists and maps; value for numbers.
    std::optional<double> min;
    std::optional<double> max;
    Range members;                  // structure: into ModelTables::members, sorted by name
    Range required;                 // structure: into ModelTables::required, in model order
    Range enums;                    // string: into ModelTables::enum_values, in model order
    std::string_view enum_display;  // "[a, b, c]", as AWS prints the set
    ShapeId member = k_no_shape;    // list element
    ShapeId key = k_no_shape;       // map key
    ShapeId value = k_no_shape;     // map value
};

struct OperationDef {
    std::string_view name;
    // false for an operation Berth does not implement: its shapes are left out of the binary.
    bool embedded = false;
    ShapeId input = k_no_shape;
    ShapeId output = k_no_shape;
    std::string_view result_wrapper;  // query protocol: the output's <OpResult> element
};

struct ModelTables {
    std::string_view name;  // e.g. "ecs-2014-11-13"
    std::string_view target_prefix;
    std::string_view service_id;
    std::string_view endpoint_prefix;
    std::span<const ShapeDef> shapes;
    std::span<const MemberDef> members;
    std::span<const std::uint32_t> required;  // member indices within their shape's members
    std::span<const std::string_view> enum_values;
    std::span<const OperationDef> operations;  // every operation of the model, sorted by name
    std::string_view protocol;                 // metadata.protocol: "json", "query"
    std::string_view api_version;              // metadata.apiVersion, the query `Version`
    std::string_view xml_namespace;            // metadata.xmlNamespace (query responses)
};

// Generated at build time from api-models/*.service.json and each service's operation list.
std::span<const ModelTables> embedded_model_tables();

// Read access to one model's tables.
class ShapeGraph {
  public:
    explicit ShapeGraph(const ModelTables& tables) : t_(&tables) {}

    const ModelTables& tables() const { return *t_; }
    const ShapeDef& shape(ShapeId id) const { return t_->shapes[id]; }
    std::span<const MemberDef> members(const ShapeDef& s) const {
        return t_->members.subspan(s.members.first, s.members.count);
    }
    std::span<const std::uint32_t> required(const ShapeDef& s) const {
        return t_->required.subspan(s.required.first, s.required.count);
    }
    std::span<const std::string_view> enum_values(const ShapeDef& s) const {
        return t_->enum_values.subspan(s.enums.first, s.enums.count);
    }
    bool in_enum(const ShapeDef& s, std::string_view value) const;
    const MemberDef* find_member(const ShapeDef& s, std::string_view name) const;
    const OperationDef* operation(std::string_view name) const;

  private:
    const ModelTables* t_;
};

}  // namespace berth::protocol::detail
