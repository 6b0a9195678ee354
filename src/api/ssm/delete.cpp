// DeleteParameter, DeleteParameters: every version, label and tag of the parameter goes.
#include <string>
#include <vector>

#include "api/ssm/errors.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/request.hpp"

namespace berth::api::ssm {

using nlohmann::json;

json delete_parameter(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input) {
    const auto name = input.at("Name").get<std::string>();
    env.parameters.write(partition_of(ctx), [&](model::ParameterPartition& p) {
        if (p.parameters.erase(name) == 0) throw errors::parameter_not_found(name);
    });
    return json::object();
}

json delete_parameters(const Environment& env, const protocol::RequestContext& ctx,
                       const json& input) {
    const auto names = input.at("Names").get<std::vector<std::string>>();
    return env.parameters.write(partition_of(ctx), [&](model::ParameterPartition& p) {
        std::vector<std::string> deleted, invalid;
        for (const auto& name : names) {
            (p.parameters.erase(name) > 0 ? deleted : invalid).push_back(name);
        }
        json out = json::object();
        // Both lists have at least one item in the model: an empty one is left out.
        if (!deleted.empty()) out["DeletedParameters"] = deleted;
        if (!invalid.empty()) out["InvalidParameters"] = invalid;
        return out;
    });
}

}  // namespace berth::api::ssm
