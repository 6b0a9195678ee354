#include "berth/protocol/service_model.hpp"

#include <stdexcept>

#include "protocol/model_compiler.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {

ServiceModel::ServiceModel(const nlohmann::json& document)
    : owned_(detail::compile_model("", document, std::nullopt)), tables_(&owned_->tables) {}

ServiceModel::ServiceModel(const detail::ModelTables& tables) : tables_(&tables) {}

ServiceModel::~ServiceModel() = default;

const ServiceModel& ServiceModel::embedded(std::string_view name) {
    // Views of the generated tables, made once (thread-safe static init); nothing to parse.
    static const std::vector<ServiceModel> models = [] {
        std::vector<ServiceModel> all;
        for (const auto& t : detail::embedded_model_tables()) all.emplace_back(t);
        return all;
    }();
    for (const auto& model : models) {
        if (model.name() == name) return model;
    }
    throw std::out_of_range("no embedded model named " + std::string(name));
}

std::string_view ServiceModel::name() const {
    return tables_->name;
}
std::string_view ServiceModel::target_prefix() const {
    return tables_->target_prefix;
}
std::string_view ServiceModel::service_id() const {
    return tables_->service_id;
}
std::string_view ServiceModel::endpoint_prefix() const {
    return tables_->endpoint_prefix;
}

std::string_view ServiceModel::protocol() const {
    return tables_->protocol;
}
std::string_view ServiceModel::api_version() const {
    return tables_->api_version;
}
std::string_view ServiceModel::xml_namespace() const {
    return tables_->xml_namespace;
}

std::vector<std::string> ServiceModel::operation_names() const {
    std::vector<std::string> names;
    for (const auto& op : tables_->operations) names.emplace_back(op.name);
    return names;
}

bool ServiceModel::has_operation(std::string_view op) const {
    return detail::ShapeGraph(*tables_).operation(op) != nullptr;
}

bool ServiceModel::has_shapes(std::string_view op) const {
    const auto* def = detail::ShapeGraph(*tables_).operation(op);
    return def && def->embedded;
}

namespace {

std::optional<std::string> shape_name(const detail::ModelTables& tables, detail::ShapeId id) {
    if (id == detail::k_no_shape) return std::nullopt;
    return std::string(tables.shapes[id].name);
}

}  // namespace

std::optional<std::string> ServiceModel::input_shape(std::string_view op) const {
    const auto* def = detail::ShapeGraph(*tables_).operation(op);
    return def ? shape_name(*tables_, def->input) : std::nullopt;
}

std::optional<std::string> ServiceModel::output_shape(std::string_view op) const {
    const auto* def = detail::ShapeGraph(*tables_).operation(op);
    return def ? shape_name(*tables_, def->output) : std::nullopt;
}

}  // namespace berth::protocol
