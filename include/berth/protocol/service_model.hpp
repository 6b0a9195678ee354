#pragma once
// An AWS service model (botocore service-2 JSON) and the checks derived from it: every
// operation's input is validated against its shape (required members, types, enums, ranges),
// so no handler hand-writes those checks.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::protocol {

namespace detail {
class ShapeGraph;
}

class ServiceModel {
  public:
    explicit ServiceModel(const nlohmann::json& document);
    // Loads an embedded model by name, e.g. "ecs-2014-11-13". Throws std::out_of_range.
    static const ServiceModel& embedded(std::string_view name);

    const std::string& target_prefix() const;  // metadata.targetPrefix
    const std::string& service_id() const;
    const std::string& endpoint_prefix() const;        // metadata.endpointPrefix, e.g. "ecs"
    std::vector<std::string> operation_names() const;  // sorted
    bool has_operation(const std::string& op) const;
    const nlohmann::json& operation(const std::string& op) const;
    const nlohmann::json& shape(const std::string& name) const;
    std::optional<std::string> input_shape(const std::string& op) const;
    std::optional<std::string> output_shape(const std::string& op) const;
    const nlohmann::json& document() const { return doc_; }

    // Throws AwsError when `input` does not fit the operation's input shape: a JSON type the
    // shape cannot hold is a SerializationException; a broken constraint (required member,
    // enum, length, range) is `validation_error`. See shape_validator.cpp for the table.
    void validate_input(const std::string& op, const nlohmann::json& input,
                        const std::string& validation_error) const;

    // Lists every way `output` departs from the operation's output shape (unknown members,
    // wrong types). Empty when it conforms. Used by tests and debug checks.
    std::vector<std::string> check_output(const std::string& op,
                                          const nlohmann::json& output) const;

  private:
    nlohmann::json doc_;
    std::string target_prefix_;
    std::string service_id_;
    std::string endpoint_prefix_;
    std::shared_ptr<const detail::ShapeGraph> graph_;  // compiled once from doc_
};

}  // namespace berth::protocol
