#include "api/ecs/cluster_validation.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "api/ecs/capacity_providers.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace errors = protocol::errors;

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

}  // namespace

void check_cluster_name(std::string_view name) {
    if (name.empty() || name.size() > 255 || !std::all_of(name.begin(), name.end(), is_name_char)) {
        throw errors::invalid_parameter(
            "Cluster name must match ^[a-zA-Z0-9\\-_]{1,255}$, but was " + std::string(name));
    }
}

void check_cluster_settings(const nlohmann::json& settings) {
    for (const auto& s : settings) {
        const auto name = s.value("name", std::string{});
        const auto value = s.value("value", std::string{});
        // ClusterSettingName is an enum with containerInsights only; the model checked it.
        if (name == "containerInsights" && value != "enabled" && value != "disabled" &&
            value != "enhanced") {
            throw errors::invalid_parameter(
                "The value for containerInsights must be one of enabled, disabled or enhanced.");
        }
    }
}

void check_capacity_providers(const model::Partition& p, const nlohmann::json& providers,
                              const nlohmann::json& strategy) {
    std::set<std::string> associated;
    for (const auto& provider : providers) {
        const auto& name = provider.get_ref<const std::string&>();
        if (!capacity_provider_exists(p, name)) {
            throw errors::invalid_parameter("The specified capacity provider '" + name +
                                            "' does not exist. Specify a valid name or ARN and "
                                            "try again.");
        }
        if (!associated.insert(name).second) {
            throw errors::invalid_parameter(
                "The specified capacity providers contain a duplicate: " + name + ".");
        }
    }
    std::set<std::string> in_strategy;
    int with_base = 0;
    for (const auto& item : strategy) {
        const auto name = item.value("capacityProvider", std::string{});
        if (!associated.contains(name)) {
            throw errors::invalid_parameter(
                "The specified capacity provider strategy cannot contain a capacity provider that "
                "is not associated with the cluster. Associate the capacity provider with the "
                "cluster or specify a valid capacity provider and try again.");
        }
        if (!in_strategy.insert(name).second) {
            throw errors::invalid_parameter(
                "The specified capacity provider strategy cannot contain duplicate capacity "
                "providers.");
        }
        if (item.value("base", 0) > 0) ++with_base;
    }
    if (with_base > 1) {
        throw errors::invalid_parameter(
            "The specified capacity provider strategy cannot contain more than one capacity "
            "provider with a base value greater than 0.");
    }
}

void merge_settings(nlohmann::json& settings, const nlohmann::json& update) {
    if (!settings.is_array()) settings = nlohmann::json::array();
    for (const auto& s : update) {
        auto it = std::find_if(settings.begin(), settings.end(),
                               [&](const nlohmann::json& e) { return e["name"] == s["name"]; });
        if (it == settings.end()) {
            settings.push_back(s);
        } else {
            *it = s;
        }
    }
}

}  // namespace berth::api::ecs
