// LabelParameterVersion, UnlabelParameterVersion. A label names one version of a parameter at
// a time: attaching it to another version moves it there (model::Parameter::attach_labels).
#include <string>
#include <vector>

#include "api/ssm/errors.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/request.hpp"

namespace berth::api::ssm {

namespace {

using nlohmann::json;

model::Parameter& labelled_parameter(model::ParameterPartition& p, const model::PartitionKey& key,
                                     const std::string& name) {
    auto* parameter = p.resolve(key, name);
    if (!parameter) throw errors::parameter_not_found(name);
    return *parameter;
}

std::int64_t checked_version(const model::Parameter& parameter, const json& input) {
    auto it = input.find("ParameterVersion");
    const auto version = it == input.end() ? parameter.latest().version : it->get<std::int64_t>();
    if (!parameter.find_version(version)) {
        throw errors::version_not_found(parameter.name, std::to_string(version));
    }
    return version;
}

// Lists in the model hold at least one item: an empty one is left out.
void put_list(json& out, const char* member, const std::vector<std::string>& items) {
    if (!items.empty()) out[member] = items;
}

}  // namespace

json label_parameter_version(const Environment& env, const protocol::RequestContext& ctx,
                             const json& input) {
    const auto key = partition_of(ctx);
    const auto name = input.at("Name").get<std::string>();
    std::vector<std::string> valid, invalid;
    for (auto& label : input.at("Labels").get<std::vector<std::string>>()) {
        (model::valid_parameter_label(label) ? valid : invalid).push_back(std::move(label));
    }
    return env.parameters.write(key, [&](model::ParameterPartition& p) {
        auto& parameter = labelled_parameter(p, key, name);
        const auto version = checked_version(parameter, input);
        if (!parameter.attach_labels(version, valid)) throw errors::label_limit();
        json out{{"ParameterVersion", version}};
        put_list(out, "InvalidLabels", invalid);
        return out;
    });
}

json unlabel_parameter_version(const Environment& env, const protocol::RequestContext& ctx,
                               const json& input) {
    const auto key = partition_of(ctx);
    const auto name = input.at("Name").get<std::string>();
    const auto labels = input.at("Labels").get<std::vector<std::string>>();
    return env.parameters.write(key, [&](model::ParameterPartition& p) {
        auto& parameter = labelled_parameter(p, key, name);
        const auto version = checked_version(parameter, input);
        const auto missing = parameter.detach_labels(version, labels);
        std::vector<std::string> removed;
        for (const auto& label : labels) {
            if (std::find(missing.begin(), missing.end(), label) == missing.end()) {
                removed.push_back(label);
            }
        }
        json out = json::object();
        put_list(out, "RemovedLabels", removed);
        put_list(out, "InvalidLabels", missing);
        return out;
    });
}

}  // namespace berth::api::ssm
