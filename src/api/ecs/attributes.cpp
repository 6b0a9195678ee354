// PutAttributes, ListAttributes, DeleteAttributes.
//
// Attributes live on container instances (the only target type ECS has), in the same list the
// runtime fills with the agent's built-in attributes; the runtime upserts its own by name and
// leaves the ones put here alone, so placement constraints on `attribute:NAME` see both.
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "api/ecs/attributes.hpp"
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/tasks_resolve.hpp"
#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::AwsError;
using protocol::RequestContext;
namespace errors = protocol::errors;

constexpr std::size_t k_custom_attribute_limit = 10;
constexpr const char* k_target_type = "container-instance";

// Built-in attributes are the agent's (ecs.* and com.amazonaws.ecs.*); the limit counts the rest.
bool is_custom(const json& a) {
    const auto name = a.value("name", "");
    return !name.starts_with("ecs.") && !name.starts_with("com.amazonaws.ecs.");
}

struct AttributeRef {
    std::string name;
    std::optional<std::string> value;
    std::string target_id;
};

void check_target_type(const json& item) {
    if (auto type = optional_string(item, "targetType"); type && *type != k_target_type) {
        throw errors::invalid_parameter("Invalid targetType " + *type +
                                        ". Valid value is container-instance.");
    }
}

// ECS's character rules: name up to 128 of [A-Za-z0-9_./@-], value up to 128 of those plus
// back slashes, colons and spaces.
AttributeRef read_attribute(const json& item, bool need_target) {
    static const std::regex name_rule(R"([A-Za-z0-9_./@-]{1,128})");
    static const std::regex value_rule(R"([A-Za-z0-9_./@\\: -]{1,128})");
    AttributeRef ref{item.value("name", ""), optional_string(item, "value"),
                     optional_string(item, "targetId").value_or("")};
    if (!std::regex_match(ref.name, name_rule)) {
        throw errors::invalid_parameter("Attribute name " + ref.name + " is invalid.");
    }
    if (ref.value && !std::regex_match(*ref.value, value_rule)) {
        throw errors::invalid_parameter("Attribute value " + *ref.value + " is invalid.");
    }
    check_target_type(item);
    if (need_target && ref.target_id.empty()) {
        throw errors::invalid_parameter("Attribute " + ref.name + " needs a targetId.");
    }
    return ref;
}

std::vector<AttributeRef> read_attributes(const json& input) {
    const auto& list = member_or_null(input, "attributes");
    if (!list.is_array() || list.empty()) {
        throw errors::invalid_parameter("attributes must not be empty.");
    }
    std::vector<AttributeRef> out;
    for (const auto& item : list) out.push_back(read_attribute(item, true));
    return out;
}

model::ContainerInstance& require_target(model::Partition& p, const std::string& cluster,
                                         const std::string& target_id) {
    auto* ci = find_container_instance(p, cluster, target_id);
    if (!ci) throw AwsError("TargetNotFoundException", "Could not find " + target_id + ".");
    return *ci;
}

json attribute_json(const json& a, const model::ContainerInstance& ci) {
    json out{{"name", a.value("name", "")}, {"targetType", k_target_type}, {"targetId", ci.arn}};
    if (a.contains("value")) out["value"] = a["value"];
    return out;
}

json::iterator find_named(json& list, const std::string& name) {
    return std::find_if(list.begin(), list.end(),
                        [&](const json& a) { return a.value("name", "") == name; });
}

json put_one(model::ContainerInstance& ci, const AttributeRef& ref) {
    if (!ci.attributes.is_array()) ci.attributes = json::array();
    json a{{"name", ref.name}};
    if (ref.value) a["value"] = *ref.value;
    auto it = find_named(ci.attributes, ref.name);
    if (it == ci.attributes.end()) {
        const auto custom = std::count_if(ci.attributes.begin(), ci.attributes.end(), is_custom);
        if (is_custom(a) && static_cast<std::size_t>(custom) >= k_custom_attribute_limit) {
            throw AwsError("AttributeLimitExceededException",
                           "You can apply up to 10 custom attributes per resource.");
        }
        ci.attributes.push_back(a);
    } else {
        *it = a;
    }
    return attribute_json(a, ci);
}

json delete_one(model::ContainerInstance& ci, const AttributeRef& ref) {
    json gone{{"name", ref.name}};
    if (!ci.attributes.is_array()) return attribute_json(gone, ci);
    if (auto it = find_named(ci.attributes, ref.name); it != ci.attributes.end()) {
        gone = *it;
        ci.attributes.erase(it);
    }
    return attribute_json(gone, ci);
}

// Applies `change` to each attribute's target. Every target is checked first, and a change
// that throws (the limit) undoes the others, so a failed call changes nothing, as in ECS.
template <class Change>
json change_attributes(const Environment& env, const RequestContext& ctx, const json& input,
                       Change change) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto refs = read_attributes(input);
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, cluster);
        for (const auto& ref : refs) require_target(p, cluster, ref.target_id);
        auto saved = p.container_instances;
        json out = json::array();
        try {
            for (const auto& ref : refs) {
                out.push_back(change(require_target(p, cluster, ref.target_id), ref));
            }
        } catch (const AwsError&) {
            p.container_instances = std::move(saved);
            throw;
        }
        return json{{"attributes", std::move(out)}};
    });
}

}  // namespace

void put_attribute(model::ContainerInstance& ci, const json& item) {
    put_one(ci, read_attribute(item, false));
}

json put_attributes(const Environment& env, const RequestContext& ctx, const json& input) {
    return change_attributes(env, ctx, input, put_one);
}

json delete_attributes(const Environment& env, const RequestContext& ctx, const json& input) {
    return change_attributes(env, ctx, input, delete_one);
}

json list_attributes(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto cluster = cluster_name_from_input(key, input);
    const auto page_request = protocol::read_page_request(input);
    check_target_type(input);
    const auto name = optional_string(input, "attributeName");
    const auto value = optional_string(input, "attributeValue");
    if (value && !name) {
        throw errors::invalid_parameter("attributeValue needs attributeName.");
    }
    // Listed in the order of a key made of the target and the name, so pages resume stably.
    using Keyed = std::pair<std::string, json>;
    auto items = env.store.read(key, [&](const model::Partition& p) {
        require_cluster(p, cluster);
        std::vector<Keyed> out;
        for (const auto* ci : cluster_instances(p, cluster)) {
            if (!ci->attributes.is_array()) continue;
            for (const auto& a : ci->attributes) {
                if (name && a.value("name", "") != *name) continue;
                if (value && a.value("value", "") != *value) continue;
                out.emplace_back(ci->arn + "|" + a.value("name", ""), attribute_json(a, *ci));
            }
        }
        std::sort(out.begin(), out.end(),
                  [](const Keyed& l, const Keyed& r) { return l.first < r.first; });
        return out;
    });
    auto page = protocol::paginate(std::move(items), page_request,
                                   [](const Keyed& k) -> const std::string& { return k.first; });
    json list = json::array();
    for (auto& [k, a] : page.items) list.push_back(std::move(a));
    json out{{"attributes", std::move(list)}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::ecs
