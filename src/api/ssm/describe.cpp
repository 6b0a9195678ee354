// DescribeParameters, GetParameterHistory.
#include <cstdio>
#include <string>
#include <vector>

#include "api/ssm/errors.hpp"
#include "api/ssm/filters.hpp"
#include "api/ssm/handlers.hpp"
#include "api/ssm/pages.hpp"
#include "api/ssm/request.hpp"
#include "api/ssm/serialize.hpp"

namespace berth::api::ssm {

namespace {

using nlohmann::json;

// Page sizes when MaxResults is absent (guess: the reference gives the maximum, 50, only).
constexpr std::size_t k_describe_page = 10;
constexpr std::size_t k_history_page = 50;

std::vector<ParameterFilter> describe_filters(const json& input) {
    if (input.contains("Filters") && input.contains("ParameterFilters")) {
        throw errors::validation(
            "You can use either Filters or ParameterFilters in a single request, not both.");
    }
    auto filters = read_legacy_filters(input);
    if (filters.empty()) filters = read_parameter_filters(input, FilterUse::describe);
    return filters;
}

// Versions as page keys that sort in version order.
std::string version_key(std::int64_t version) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(version));
    return buf;
}

}  // namespace

json describe_parameters(const Environment& env, const protocol::RequestContext& ctx,
                         const json& input) {
    const auto key = partition_of(ctx);
    const auto filters = describe_filters(input);
    const auto request = read_page(input, k_describe_page);
    // Shared: parameters other accounts share through AWS RAM, which Berth does not have.
    const bool shared = optional_bool(input, "Shared", false);
    return env.parameters.read(key, [&](const model::ParameterPartition& p) {
        std::vector<std::string> names;  // sorted: the map is
        for (const auto& [name, parameter] : p.parameters) {
            if (!shared && matches(parameter, filters)) names.push_back(name);
        }
        auto page = protocol::paginate(std::move(names), request);
        json out{{"Parameters", json::array()}};
        for (const auto& name : page.items) {
            out["Parameters"].push_back(metadata_json(key, p.parameters.at(name)));
        }
        write_next_token(out, page);
        return out;
    });
}

json get_parameter_history(const Environment& env, const protocol::RequestContext& ctx,
                           const json& input) {
    const auto key = partition_of(ctx);
    const auto name = input.at("Name").get<std::string>();
    const bool decrypt = optional_bool(input, "WithDecryption", false);
    const auto request = read_page(input, k_history_page);
    return env.parameters.read(key, [&](const model::ParameterPartition& p) {
        const auto* parameter = p.resolve(key, name);
        if (!parameter) throw errors::parameter_not_found(name);
        std::vector<std::string> versions;  // oldest first, as AWS lists them
        for (const auto& v : parameter->versions) versions.push_back(version_key(v.version));
        auto page = protocol::paginate(std::move(versions), request);
        json out{{"Parameters", json::array()}};
        for (const auto& k : page.items) {
            const auto* v = parameter->find_version(std::stoll(k));
            out["Parameters"].push_back(history_json(*parameter, *v, decrypt));
        }
        write_next_token(out, page);
        return out;
    });
}

}  // namespace berth::api::ssm
