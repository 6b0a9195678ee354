#pragma once
// The AWS query protocol's answers as XML, written from the operation's output shape:
//   <OpResponse xmlns="NS"><OpResult>...</OpResult>
//     <ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></OpResponse>
// Members are elements named as in the model, lists hold <member> elements, maps <entry>
// elements of <key> and <value>, timestamps are ISO 8601 in UTC and booleans true/false.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "berth/protocol/aws_error.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {

// `output` is what the handler returned (timestamps as epoch seconds, as for JSON services).
std::string query_response_xml(const detail::ShapeGraph& graph, const detail::OperationDef& op,
                               const nlohmann::json& output, std::string_view xml_namespace,
                               const std::string& request_id);

// <ErrorResponse xmlns="NS"><Error><Type>Sender|Receiver</Type><Code/><Message/></Error>
// <RequestId/></ErrorResponse>; Receiver for a 5xx status. No xmlns when `xml_namespace` is "".
std::string query_error_xml(const AwsError& error, std::string_view xml_namespace,
                            const std::string& request_id);

// Epoch seconds as "2026-12-02T01:30:00Z", with ".123" milliseconds when not whole.
std::string iso8601(double epoch_seconds);

}  // namespace berth::protocol
