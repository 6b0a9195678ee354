#include "berth/protocol/service_model.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "berth/protocol/embedded_models.hpp"
#include "protocol/shape_graph.hpp"

namespace berth::protocol {

ServiceModel::ServiceModel(const nlohmann::json& document)
    : doc_(document),
      target_prefix_(doc_.at("metadata").value("targetPrefix", std::string())),
      service_id_(doc_.at("metadata").value("serviceId", std::string())),
      endpoint_prefix_(doc_.at("metadata").value("endpointPrefix", std::string())),
      graph_(std::make_shared<const detail::ShapeGraph>(doc_)) {}

const ServiceModel& ServiceModel::embedded(std::string_view name) {
    // Parsed on first use and kept for the life of the process; references stay valid.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<const ServiceModel>, std::less<>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return *it->second;
    for (const auto& model : embedded_models()) {
        if (model.name == name) {
            auto parsed = std::make_unique<const ServiceModel>(nlohmann::json::parse(model.json));
            return *cache.emplace(std::string(name), std::move(parsed)).first->second;
        }
    }
    throw std::out_of_range("no embedded model named " + std::string(name));
}

const std::string& ServiceModel::target_prefix() const {
    return target_prefix_;
}
const std::string& ServiceModel::service_id() const {
    return service_id_;
}
const std::string& ServiceModel::endpoint_prefix() const {
    return endpoint_prefix_;
}

std::vector<std::string> ServiceModel::operation_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : doc_.at("operations").items()) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

bool ServiceModel::has_operation(const std::string& op) const {
    return graph_->operation(op) != nullptr;
}

const nlohmann::json& ServiceModel::operation(const std::string& op) const {
    return doc_.at("operations").at(op);
}

const nlohmann::json& ServiceModel::shape(const std::string& name) const {
    return doc_.at("shapes").at(name);
}

std::optional<std::string> ServiceModel::input_shape(const std::string& op) const {
    const auto* shapes = graph_->operation(op);
    if (!shapes || !shapes->input) return std::nullopt;
    return graph_->shape(*shapes->input).name;
}

std::optional<std::string> ServiceModel::output_shape(const std::string& op) const {
    const auto* shapes = graph_->operation(op);
    if (!shapes || !shapes->output) return std::nullopt;
    return graph_->shape(*shapes->output).name;
}

}  // namespace berth::protocol
