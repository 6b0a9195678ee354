// GetParameter, GetParameters, GetParametersByPath.
#include <set>
#include <string>
#include <vector>

#include "api/ssm/errors.hpp"
#include "api/ssm/filters.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/names.hpp"
#include "api/ssm/pages.hpp"
#include "api/ssm/request.hpp"
#include "api/ssm/serialize.hpp"

namespace berth::api::ssm {

namespace {

using nlohmann::json;

// GetParametersByPath answers at most 10 parameters a page (the model's MaxResults bound).
constexpr std::size_t k_path_page = 10;

// A name or ARN with an optional ":<version>" / ":<label>", looked up: `output` holds the
// Parameter JSON when found, else `error` says why not.
struct Lookup {
    std::optional<json> output;
    std::optional<protocol::AwsError> error;
};

Lookup look_up(const model::ParameterPartition& p, const model::PartitionKey& key,
               const std::string& text, bool with_decryption) {
    auto selector = model::parse_parameter_selector(text);
    if (!selector)
        return {
            {},
            errors::validation("The parameter selector in " + text + " is not valid.")};  // (guess)
    const auto* parameter = p.resolve(key, selector->name);
    if (!parameter) return {{}, errors::parameter_not_found(selector->name)};
    const auto* v = parameter->select(*selector);
    std::string suffix;
    if (selector->version) suffix = ":" + std::to_string(*selector->version);
    if (selector->label) suffix = ":" + *selector->label;
    if (!v) return {{}, errors::version_not_found(parameter->name, suffix.substr(1))};
    return {parameter_json(key, *parameter, *v, with_decryption, suffix), {}};
}

// The version GetParametersByPath answers with: the one carrying a label of the Label
// filter when there is one, else the latest.
const model::ParameterVersion* path_version(const model::Parameter& parameter,
                                            const std::optional<std::vector<std::string>>& labels) {
    if (!labels) return &parameter.latest();
    for (const auto& label : *labels) {
        if (const auto* v = parameter.find_label(label)) return v;
    }
    return nullptr;
}

}  // namespace

json get_parameter(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    auto found = env.parameters.read(key, [&](const model::ParameterPartition& p) {
        return look_up(p, key, input.at("Name").get<std::string>(),
                       optional_bool(input, "WithDecryption", false));
    });
    if (found.error) throw *found.error;
    return json{{"Parameter", std::move(*found.output)}};
}

json get_parameters(const Environment& env, const protocol::RequestContext& ctx,
                    const json& input) {
    const auto key = partition_of(ctx);
    const auto names = input.at("Names").get<std::vector<std::string>>();
    const bool decrypt = optional_bool(input, "WithDecryption", false);
    return env.parameters.read(key, [&](const model::ParameterPartition& p) {
        json out{{"Parameters", json::array()}, {"InvalidParameters", json::array()}};
        std::set<std::string> seen;
        for (const auto& name : names) {
            if (!seen.insert(name).second) continue;  // a name asked twice is answered once
            auto found = look_up(p, key, name, decrypt);
            if (found.output) {
                out["Parameters"].push_back(std::move(*found.output));
            } else {
                out["InvalidParameters"].push_back(name);
            }
        }
        if (out["InvalidParameters"].empty()) out.erase("InvalidParameters");  // min 1 item
        return out;
    });
}

json get_parameters_by_path(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    const auto key = partition_of(ctx);
    const auto path = checked_path(input.at("Path").get<std::string>());
    const bool recursive = optional_bool(input, "Recursive", false);
    const bool decrypt = optional_bool(input, "WithDecryption", false);
    const auto filters = read_parameter_filters(input, FilterUse::by_path);
    const auto labels = label_filter(filters);
    const auto request = read_page(input, k_path_page);
    return env.parameters.read(key, [&](const model::ParameterPartition& p) {
        std::vector<std::string> names;  // sorted: the map is
        for (const auto& [name, parameter] : p.parameters) {
            if (is_under(name, path, recursive) && matches(parameter, filters)) {
                names.push_back(name);
            }
        }
        auto page = protocol::paginate(std::move(names), request);
        json out{{"Parameters", json::array()}};
        for (const auto& name : page.items) {
            const auto& parameter = p.parameters.at(name);
            const auto* v = path_version(parameter, labels);
            out["Parameters"].push_back(parameter_json(key, parameter, *v, decrypt));
        }
        write_next_token(out, page);
        return out;
    });
}

}  // namespace berth::api::ssm
