// ServiceModel::validate_input: one walk of a request against its input shape.
//
// How bad input is answered — the one decision table of this layer. AWS JSON services built on
// Coral (ECS among them) check a request in two stages, and Berth keeps both:
//
//   what is wrong                              __type                  message
//   -----------------------------------------  ---------------------- -----------------------------
//   body is not JSON, or not a JSON object     SerializationException  (JsonService / here)
//   a value of the wrong JSON type: a string   SerializationException  "STRING_VALUE cannot be
//   for an integer, a float for an integer,                            converted to Integer"
//   an object where a string is expected, ...                          (+ where, see below)
//   required member missing or null            validation_error        "1 validation error
//   string not in the shape's enum             (ECS: Invalid-          detected: Value 'banana' at
//   length/size or value outside min/max       ParameterException)     'networkMode' failed to
//                                                                      satisfy constraint: ..."
//   member the shape does not name             ignored, as AWS does (clients newer than the
//                                              model): listed for the caller, which drops it
//                                              and warns, so no handler ever reads or stores it
//   member whose value is null                 treated as absent
//
// Stage one is deserialization: ECS answers SerializationException with texts like
// "STRING_VALUE cannot be converted to Integer" (reported by ECS users, e.g.
// aws/aws-cdk-cli#973) and stops at the first one. Berth appends "(at 'path')" because the
// bare AWS text does not say which member was wrong. Stage two is Coral's constraint
// validation, which lists every violation in one message; its wording and member paths
// ('containerDefinitions.1.member.name', 1-based) are AWS's. Regex `pattern`s are not
// checked: the ECS model's patterns use Java classes (\p{L}) that std::regex lacks.
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/base64.hpp"
#include "berth/protocol/service_model.hpp"
#include "protocol/json_text.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {
namespace {

using Shape = detail::ShapeDef;
using detail::ShapeId;
using detail::ShapeKind;
using nlohmann::json;

const char* token_name(const json& v) {
    if (v.is_string()) return "STRING_VALUE";
    if (v.is_number()) return "NUMBER_VALUE";
    if (v.is_boolean()) return "BOOLEAN_VALUE";
    return "NULL_VALUE";
}

// The Java type a Coral service would have tried to build.
std::string target_name(const Shape& shape) {
    switch (shape.kind) {
        case ShapeKind::string:
            return "String";
        case ShapeKind::integer:
            return "Integer";
        case ShapeKind::long_:
            return "Long";
        case ShapeKind::boolean:
            return "Boolean";
        case ShapeKind::double_:
            return "Double";
        case ShapeKind::float_:
            return "Float";
        case ShapeKind::timestamp:
            return "Date";
        case ShapeKind::blob:
            return "ByteBuffer";
        default:
            return std::string(shape.name);
    }
}

// Accepts the date part of ISO 8601 ("2024-01-31", optionally followed by a time); the
// handler that reads the value parses the rest.
bool looks_like_iso8601(const std::string& s) {
    auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
    return digit(0) && digit(1) && digit(2) && digit(3) && s.size() >= 10 && s[4] == '-' &&
           digit(5) && digit(6) && s[7] == '-' && digit(8) && digit(9) &&
           (s.size() == 10 || s[10] == 'T' || s[10] == 't' || s[10] == ' ');
}

class InputValidator {
  public:
    InputValidator(const detail::ShapeGraph& graph, ValidationPaths paths)
        : graph_(graph), paths_(paths) {}

    void check(ShapeId id, const json& value);
    const std::vector<std::string>& violations() const { return violations_; }
    std::vector<UnknownMember> take_unknown() { return std::move(unknown_); }

  private:
    void check_structure(const Shape& shape, const json& value);
    void check_list(const Shape& shape, const json& value);
    void check_map(const Shape& shape, const json& value);
    void check_string(const Shape& shape, const json& value);
    void check_integer(const Shape& shape, const json& value, std::int64_t low, std::int64_t high);
    void check_number(const Shape& shape, const json& value);

    [[noreturn]] void type_error(const Shape& shape, const json& value) const;
    void violation(const json& value, const std::string& constraint);
    void check_size(const Shape& shape, const json& value, std::size_t size);

    // Appends a path segment for the duration of one nested check.
    template <class F>
    void descend(std::string_view segment, F&& f) {
        const auto mark = path_.size();
        if (!path_.empty()) path_ += '.';
        path_ += segment;
        f();
        path_.resize(mark);
    }

    // A member's path segment, as this service names members in messages.
    std::string segment(std::string_view member) const {
        std::string s(member);
        if (paths_ == ValidationPaths::lower_camel && !s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
            s[0] = static_cast<char>(s[0] - 'A' + 'a');
        }
        return s;
    }

    const detail::ShapeGraph& graph_;
    ValidationPaths paths_;
    std::string path_;
    std::vector<std::string> violations_;
    std::vector<UnknownMember> unknown_;  // empty but for a client newer than the model
};

void InputValidator::check(ShapeId id, const json& value) {
    const Shape& shape = graph_.shape(id);
    switch (shape.kind) {
        case ShapeKind::structure:
            return check_structure(shape, value);
        case ShapeKind::list:
            return check_list(shape, value);
        case ShapeKind::map:
            return check_map(shape, value);
        case ShapeKind::string:
            return check_string(shape, value);
        case ShapeKind::integer:
            return check_integer(shape, value, std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max());
        case ShapeKind::long_:
            return check_integer(shape, value, std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max());
        case ShapeKind::double_:
        case ShapeKind::float_:
            return check_number(shape, value);
        case ShapeKind::boolean:
            if (!value.is_boolean()) type_error(shape, value);
            return;
        case ShapeKind::timestamp:
            if (value.is_number()) return;
            if (!value.is_string() || !looks_like_iso8601(value.get_ref<const std::string&>())) {
                type_error(shape, value);
            }
            return;
        case ShapeKind::blob:
            if (!value.is_string() || !base64_decode(value.get_ref<const std::string&>())) {
                type_error(shape, value);
            }
            return;
        case ShapeKind::document:
            return;
    }
}

void InputValidator::check_structure(const Shape& shape, const json& value) {
    if (!value.is_object()) type_error(shape, value);
    for (const auto& item : value.items()) {  // no binding: the lambda below captures these
        const auto& name = item.key();
        const auto& member_value = item.value();
        if (member_value.is_null()) continue;
        const auto* member = graph_.find_member(shape, name);
        if (!member) {
            unknown_.push_back({&value, name, path_.empty() ? name : path_ + "." + name});
            continue;
        }
        descend(segment(name), [&] { check(member->shape, member_value); });
    }
    const auto members = graph_.members(shape);
    for (auto index : graph_.required(shape)) {
        const auto name = members[index].name;
        auto it = value.find(name);
        if (it == value.end() || it->is_null()) {
            descend(segment(name), [&] { violation(nullptr, "Member must not be null"); });
        }
    }
}

void InputValidator::check_list(const Shape& shape, const json& value) {
    if (!value.is_array()) type_error(shape, value);
    check_size(shape, value, value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        descend(std::to_string(i + 1) + ".member", [&] {
            if (value[i].is_null()) return violation(nullptr, "Member must not be null");
            check(shape.member, value[i]);
        });
    }
}

void InputValidator::check_map(const Shape& shape, const json& value) {
    if (!value.is_object()) type_error(shape, value);
    check_size(shape, value, value.size());
    for (const auto& item : value.items()) {  // no binding: the lambda below captures these
        const auto& key = item.key();
        const auto& entry = item.value();
        descend(key, [&] {
            check(shape.key, json(key));
            if (entry.is_null()) return violation(nullptr, "Member must not be null");
            check(shape.value, entry);
        });
    }
}

void InputValidator::check_string(const Shape& shape, const json& value) {
    if (!value.is_string()) type_error(shape, value);
    const auto& s = value.get_ref<const std::string&>();
    if (shape.enums.count > 0 && !graph_.in_enum(shape, s)) {
        violation(value, "Member must satisfy enum value set: " + std::string(shape.enum_display));
    }
    check_size(shape, value, utf8_length(s));
}

void InputValidator::check_integer(const Shape& shape, const json& value, std::int64_t low,
                                   std::int64_t high) {
    bool fits = false;
    if (value.is_number_unsigned()) {
        fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(high);
    } else if (value.is_number_integer()) {
        const auto n = value.get<std::int64_t>();
        fits = n >= low && n <= high;
    }
    if (!fits) type_error(shape, value);
    check_number(shape, value);
}

void InputValidator::check_number(const Shape& shape, const json& value) {
    if (!value.is_number()) type_error(shape, value);
    const auto n = value.get<double>();
    const auto bound = [](double b) { return format_number(b); };
    if (shape.min && n < *shape.min) {
        violation(value, "Member must have value greater than or equal to " + bound(*shape.min));
    }
    if (shape.max && n > *shape.max) {
        violation(value, "Member must have value less than or equal to " + bound(*shape.max));
    }
}

void InputValidator::check_size(const Shape& shape, const json& value, std::size_t size) {
    const auto n = static_cast<double>(size);
    if (shape.min && n < *shape.min) {
        violation(value,
                  "Member must have length greater than or equal to " + format_number(*shape.min));
    }
    if (shape.max && n > *shape.max) {
        violation(value,
                  "Member must have length less than or equal to " + format_number(*shape.max));
    }
}

void InputValidator::type_error(const Shape& shape, const json& value) const {
    std::string message;
    if (value.is_object()) {
        message = "Start of structure or map found where not expected.";
    } else if (value.is_array()) {
        message = "Start of list found where not expected.";
    } else {
        message = std::string(token_name(value)) + " cannot be converted to " + target_name(shape);
    }
    if (!path_.empty()) message += " (at '" + path_ + "')";
    throw AwsError("SerializationException", message);
}

void InputValidator::violation(const json& value, const std::string& constraint) {
    std::string shown = value.is_null() ? "null" : "'" + short_text(value) + "'";
    violations_.push_back("Value " + shown + " at '" + path_ +
                          "' failed to satisfy constraint: " + constraint);
}

}  // namespace

std::vector<UnknownMember> ServiceModel::validate_input(const std::string& op,
                                                        const nlohmann::json& input,
                                                        const std::string& validation_error,
                                                        ValidationPaths paths) const {
    const detail::ShapeGraph graph(*tables_);
    const auto* shapes = graph.operation(op);
    if (!shapes) {
        throw AwsError("UnknownOperationException", "Unknown operation " + op + ".");
    }
    if (!shapes->embedded) throw std::logic_error(op + "'s shapes are not embedded");
    if (!input.is_object()) {
        throw AwsError("SerializationException", input.is_array()
                                                     ? "Start of list found where not expected."
                                                     : "The request body must be a JSON object.");
    }
    if (shapes->input == detail::k_no_shape) return {};
    InputValidator validator(graph, paths);
    validator.check(shapes->input, input);
    const auto& violations = validator.violations();
    if (violations.empty()) return validator.take_unknown();
    throw AwsError(validation_error,
                   std::to_string(violations.size()) +
                       (violations.size() == 1 ? " validation error" : " validation errors") +
                       " detected: " + join(violations, "; "));
}

}  // namespace berth::protocol
