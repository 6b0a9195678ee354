#pragma once
// The AWS query protocol's input, read back into the JSON value the model's shapes describe,
// so that one validator and one handler shape serve JSON and query services alike. The query
// protocol flattens a structure into dotted names:
//   scalar member        Name=value              (numbers and booleans as text)
//   nested structure     Outer.Inner=value
//   list                 Name.member.1=a&Name.member.2=b   (Name= alone: the empty list)
//   map                  Name.entry.1.key=k&Name.entry.1.value=v
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/form.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {

struct QueryInput {
    nlohmann::json value = nlohmann::json::object();
    std::vector<std::string> unknown;  // parameter names no member of the shape reads
};

// `params` without Action and Version. Throws AwsError `validation_error` for text that is not
// a value of its member's type ("abc" for an integer, "yes" for a boolean).
QueryInput decode_query_input(const detail::ShapeGraph& graph, detail::ShapeId input,
                              const FormParams& params, const std::string& validation_error);

}  // namespace berth::protocol
