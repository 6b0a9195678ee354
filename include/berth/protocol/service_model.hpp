#pragma once
// An AWS service model (botocore service-2) and the checks derived from it: every operation's
// input is validated against its shape (required members, types, enums, ranges), so no
// handler hand-writes those checks. The embedded models are tables compiled into the binary
// at build time, holding the shapes of the operations Berth implements (see
// api-models/tools/model_tables.cpp); nothing is parsed at start.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::protocol {

namespace detail {
struct CompiledModel;
struct ModelTables;
}  // namespace detail

// How a validation message names a member: as the model does ("roleSessionName" in ECS), or
// with its first letter lowered, as query services print their PascalCase members
// ("Value null at 'roleSessionName'" for STS's RoleSessionName).
enum class ValidationPaths : std::uint8_t { as_named, lower_camel };

// A request member that the operation's shapes do not name (a client newer than the model).
struct UnknownMember {
    const nlohmann::json* object;  // the JSON object holding it
    std::string name;
    std::string path;  // as validation messages name members: "containerDefinitions.1.member.x"
};

class ServiceModel {
  public:
    // Compiles a whole service-2 document (every operation and shape). Throws
    // std::invalid_argument for a dangling shape reference or an unknown shape type.
    explicit ServiceModel(const nlohmann::json& document);
    explicit ServiceModel(const detail::ModelTables& tables);
    ~ServiceModel();
    // An embedded model by name, e.g. "ecs-2014-11-13". Throws std::out_of_range.
    static const ServiceModel& embedded(std::string_view name);

    std::string_view name() const;           // e.g. "ecs-2014-11-13" (empty from JSON)
    std::string_view target_prefix() const;  // metadata.targetPrefix
    std::string_view service_id() const;
    std::string_view endpoint_prefix() const;          // metadata.endpointPrefix, e.g. "ecs"
    std::string_view protocol() const;                 // metadata.protocol: "json", "query"
    std::string_view api_version() const;              // metadata.apiVersion, "2011-06-15"
    std::string_view xml_namespace() const;            // metadata.xmlNamespace (query only)
    std::vector<std::string> operation_names() const;  // sorted, every operation of the model
    bool has_operation(std::string_view op) const;
    // Whether the operation's shapes are in this model: every operation of a model read from
    // JSON, only the implemented ones of an embedded model.
    bool has_shapes(std::string_view op) const;
    std::optional<std::string> input_shape(std::string_view op) const;
    std::optional<std::string> output_shape(std::string_view op) const;

    // Throws AwsError when `input` does not fit the operation's input shape: a JSON type the
    // shape cannot hold is a SerializationException; a broken constraint (required member,
    // enum, length, range) is `validation_error`. See shape_validator.cpp for the table.
    // Throws std::logic_error for an operation whose shapes were not embedded. Returns the
    // members no shape names (they point into `input`).
    std::vector<UnknownMember> validate_input(
        const std::string& op, const nlohmann::json& input, const std::string& validation_error,
        ValidationPaths paths = ValidationPaths::as_named) const;

    // Lists every way `output` departs from the operation's output shape (unknown members,
    // wrong types). Empty when it conforms. Used by tests and --strict-responses.
    std::vector<std::string> check_output(const std::string& op,
                                          const nlohmann::json& output) const;

    const detail::ModelTables& tables() const { return *tables_; }

  private:
    std::shared_ptr<const detail::CompiledModel> owned_;  // only for a model read from JSON
    const detail::ModelTables* tables_;
};

}  // namespace berth::protocol
