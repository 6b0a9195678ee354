#include "protocol/query_xml.hpp"

#include <cmath>
#include <ctime>
#include <sstream>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

namespace berth::protocol {
namespace {

using boost::property_tree::ptree;
using detail::ShapeDef;
using detail::ShapeId;
using detail::ShapeKind;
using nlohmann::json;

// Appends <name>...</name> to `parent` without ptree's dotted-path parsing.
ptree& add_element(ptree& parent, std::string_view name) {
    return parent.push_back({std::string(name), ptree()})->second;
}

std::string scalar_text(const ShapeDef& shape, const json& value) {
    if (shape.kind == ShapeKind::timestamp && value.is_number()) {
        return iso8601(value.get<double>());
    }
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    return value.dump();  // numbers
}

void write_value(const detail::ShapeGraph& graph, ShapeId id, const json& value, ptree& into) {
    const ShapeDef& shape = graph.shape(id);
    switch (shape.kind) {
        case ShapeKind::structure:
            for (const auto& member : graph.members(shape)) {
                auto it = value.find(member.name);
                if (it == value.end() || it->is_null()) continue;
                write_value(graph, member.shape, *it, add_element(into, member.name));
            }
            return;
        case ShapeKind::list:
            for (const auto& item : value)
                write_value(graph, shape.member, item, add_element(into, "member"));
            return;
        case ShapeKind::map:
            for (const auto& [key, item] : value.items()) {
                auto& entry = add_element(into, "entry");
                add_element(entry, "key").put_value(key);
                write_value(graph, shape.value, item, add_element(entry, "value"));
            }
            return;
        default:
            into.put_value(scalar_text(shape, value));
    }
}

std::string to_xml(const ptree& document) {
    std::ostringstream out;
    boost::property_tree::write_xml(out, document);
    return out.str();
}

void set_namespace(ptree& element, std::string_view xml_namespace) {
    if (!xml_namespace.empty())
        add_element(add_element(element, "<xmlattr>"), "xmlns")
            .put_value(std::string(xml_namespace));
}

}  // namespace

std::string query_response_xml(const detail::ShapeGraph& graph, const detail::OperationDef& op,
                               const json& output, std::string_view xml_namespace,
                               const std::string& request_id) {
    ptree document;
    auto& response = add_element(document, std::string(op.name) + "Response");
    set_namespace(response, xml_namespace);
    if (op.output != detail::k_no_shape) {
        const auto wrapper = op.result_wrapper.empty() ? std::string(op.name) + "Result"
                                                       : std::string(op.result_wrapper);
        write_value(graph, op.output, output, add_element(response, wrapper));
    }
    add_element(add_element(response, "ResponseMetadata"), "RequestId").put_value(request_id);
    return to_xml(document);
}

std::string query_error_xml(const AwsError& error, std::string_view xml_namespace,
                            const std::string& request_id) {
    ptree document;
    auto& response = add_element(document, "ErrorResponse");
    set_namespace(response, xml_namespace);
    auto& e = add_element(response, "Error");
    add_element(e, "Type").put_value(
        std::string(error.http_status() >= 500 ? "Receiver" : "Sender"));
    add_element(e, "Code").put_value(error.type());
    add_element(e, "Message").put_value(std::string(error.what()));
    add_element(response, "RequestId").put_value(request_id);
    return to_xml(document);
}

std::string iso8601(double epoch_seconds) {
    const double whole = std::floor(epoch_seconds);
    const auto millis = static_cast<int>(std::lround((epoch_seconds - whole) * 1000));
    const auto t = static_cast<std::time_t>(whole);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string out = buf;
    if (millis > 0 && millis < 1000) {
        char frac[8];
        std::snprintf(frac, sizeof frac, ".%03d", millis);
        out += frac;
    }
    return out + "Z";
}

}  // namespace berth::protocol
