// GetServiceAttributes, UpdateServiceAttributes, DeleteServiceAttributes: free-form key/value
// pairs on a service, at most 30.
#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

namespace {
constexpr std::size_t k_max_service_attributes = 30;
}

json get_service_attributes(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    const auto key = partition_of(ctx);
    return env.store.read(key, [&](const model::ServiceDiscoveryPartition& p) {
        const auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        return json{{"ServiceAttributes",
                     {{"ServiceArn", s.arn},
                      {"ResourceOwner", key.account},
                      {"Attributes", attributes_json(s.service_attributes)}}}};
    });
}

json update_service_attributes(const Environment& env, const protocol::RequestContext& ctx,
                               const json& input) {
    const auto key = partition_of(ctx);
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        auto merged = s.service_attributes;
        for (const auto& [k, v] : input.at("Attributes").items()) merged[k] = v.get<std::string>();
        if (merged.size() > k_max_service_attributes) throw errors::attributes_limit();
        s.service_attributes = std::move(merged);
    });
    return json::object();
}

json delete_service_attributes(const Environment& env, const protocol::RequestContext& ctx,
                               const json& input) {
    const auto key = partition_of(ctx);
    env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto& s = service_or_throw(p, input.at("ServiceId").get<std::string>());
        for (const auto& k : input.at("Attributes"))
            s.service_attributes.erase(k.get<std::string>());
    });
    return json::object();
}

}  // namespace berth::api::servicediscovery
