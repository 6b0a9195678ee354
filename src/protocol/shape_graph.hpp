#pragma once
// A service model's shapes compiled once into an indexed graph, so that validating a request
// walks plain structs (shape ids, hash lookups) instead of re-reading the model's JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::protocol::detail {

using ShapeId = std::uint32_t;

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

struct Member {
    std::string name;
    ShapeId shape;
};

struct Shape {
    std::string name;
    ShapeKind kind = ShapeKind::string;
    // Length for strings, blobs, lists and maps; value for numbers.
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> enum_values;
    std::string enum_display;  // "[a, b, c]", as AWS prints the set

    std::vector<Member> members;                                  // structure, in model order
    std::unordered_map<std::string, std::uint32_t> member_index;  // name → index in members
    std::vector<std::uint32_t> required;                          // indices into members

    ShapeId member = 0;  // list element
    ShapeId key = 0;     // map key
    ShapeId value = 0;   // map value
};

struct OperationShapes {
    std::optional<ShapeId> input;
    std::optional<ShapeId> output;
};

class ShapeGraph {
  public:
    // `document` is a botocore service-2 document. Throws std::invalid_argument when a shape
    // references one that does not exist or has an unknown type.
    explicit ShapeGraph(const nlohmann::json& document);

    const Shape& shape(ShapeId id) const { return shapes_[id]; }
    std::optional<ShapeId> find(const std::string& name) const;
    const OperationShapes* operation(const std::string& name) const;

  private:
    std::vector<Shape> shapes_;
    std::unordered_map<std::string, ShapeId> by_name_;
    std::unordered_map<std::string, OperationShapes> operations_;
};

const char* kind_name(ShapeKind kind);

}  // namespace berth::protocol::detail
