// ServiceModel::check_output: does a handler's result fit the operation's output shape?
// Stricter than any client (which ignores what it does not know): every member must be named
// by the shape, carry the JSON type the shape implies, and be non-null, timestamps are epoch
// seconds (numbers), and enum members hold one of the enum's values. This is how the e2e suite
// catches a handler that answers something ECS never would (--strict-responses).
#include "berth/protocol/service_model.hpp"
#include "protocol/json_text.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {
namespace {

using Shape = detail::ShapeDef;
using detail::ShapeId;
using detail::ShapeKind;
using nlohmann::json;

const char* json_type(const json& v) {
    if (v.is_number_float()) return "float";
    if (v.is_number()) return "integer";
    return v.type_name();
}

class OutputChecker {
  public:
    OutputChecker(const detail::ShapeGraph& graph, std::string op)
        : graph_(graph), op_(std::move(op)) {}

    void check(ShapeId id, const json& value, const std::string& path);
    std::vector<std::string> take() { return std::move(violations_); }

  private:
    void report(const std::string& path, const std::string& problem) {
        violations_.push_back(op_ + ": " + (path.empty() ? "(output)" : path) + ": " + problem);
    }
    void expected(const std::string& path, const char* what, const json& value) {
        report(path, std::string("expected ") + what + ", got " + json_type(value));
    }
    void check_structure(const Shape& shape, const json& value, const std::string& path);

    const detail::ShapeGraph& graph_;
    std::string op_;
    std::vector<std::string> violations_;
};

void OutputChecker::check(ShapeId id, const json& value, const std::string& path) {
    const Shape& shape = graph_.shape(id);
    if (value.is_null()) return report(path, "null (omit the member instead)");
    switch (shape.kind) {
        case ShapeKind::structure:
            return check_structure(shape, value, path);
        case ShapeKind::list:
            if (!value.is_array()) return expected(path, "list", value);
            for (std::size_t i = 0; i < value.size(); ++i) {
                check(shape.member, value[i], path + "[" + std::to_string(i) + "]");
            }
            return;
        case ShapeKind::map:
            if (!value.is_object()) return expected(path, "map", value);
            for (const auto& [key, entry] : value.items()) {
                check(shape.value, entry, path + "." + key);
            }
            return;
        case ShapeKind::string:
            if (!value.is_string()) return expected(path, "string", value);
            if (shape.enums.count > 0 &&
                !graph_.in_enum(shape, value.get_ref<const std::string&>())) {
                report(path,
                       "'" + short_text(value) + "' is not in enum " + std::string(shape.name));
            }
            return;
        case ShapeKind::integer:
        case ShapeKind::long_:
            if (!value.is_number_integer()) expected(path, "integer", value);
            return;
        case ShapeKind::double_:
        case ShapeKind::float_:
            if (!value.is_number()) expected(path, "number", value);
            return;
        case ShapeKind::boolean:
            if (!value.is_boolean()) expected(path, "boolean", value);
            return;
        case ShapeKind::timestamp:
            if (!value.is_number()) expected(path, "timestamp as epoch seconds (number)", value);
            return;
        case ShapeKind::blob:
            if (!value.is_string()) expected(path, "base64 string", value);
            return;
        case ShapeKind::document:
            return;
    }
}

void OutputChecker::check_structure(const Shape& shape, const json& value,
                                    const std::string& path) {
    if (!value.is_object()) return expected(path, "structure", value);
    for (const auto& [name, member_value] : value.items()) {
        const auto member_path = path.empty() ? name : path + "." + name;
        const auto* member = graph_.find_member(shape, name);
        if (!member) {
            report(member_path, "not in shape " + std::string(shape.name));
            continue;
        }
        check(member->shape, member_value, member_path);
    }
}

}  // namespace

std::vector<std::string> ServiceModel::check_output(const std::string& op,
                                                    const nlohmann::json& output) const {
    const detail::ShapeGraph graph(*tables_);
    const auto* shapes = graph.operation(op);
    if (!shapes) return {op + ": not an operation of " + std::string(service_id())};
    if (!shapes->embedded) return {op + ": shapes not embedded (not implemented)"};
    OutputChecker checker(graph, op);
    if (shapes->output != detail::k_no_shape) {
        checker.check(shapes->output, output, "");
    } else if (!output.is_null() && output != json::object()) {
        return {op + ": has no output shape, so the result must be empty"};
    }
    return checker.take();
}

}  // namespace berth::protocol
