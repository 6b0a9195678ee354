// CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer
// attributes. A load balancer is `provisioning` in CreateLoadBalancer's answer and `active`
// from the next DescribeLoadBalancers in its partition on (Berth has nothing to provision; the
// load-balancer-available waiter then succeeds on its first poll).
#include <algorithm>

#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

// Berth has one VPC per partition; its id is shown where ELB shows the load balancer's VPC.
constexpr const char* k_vpc_id = "vpc-00000000000000000";

// ELB's hosted zones of us-east-1, shown in every region (Berth answers no Route 53 alias).
std::string hosted_zone(model::LoadBalancerType type) {
    return type == model::LoadBalancerType::network ? "Z26RNL4JYFTOTI" : "Z35SXDOTRQ7X7K";
}

struct AttributeRule {
    const char* key;
    const char* default_value;
    enum Kind { boolean, integer, text } kind;
    int low = 0, high = 0;
    bool application = true, network = true;
};

// The attributes ELB shows for each type, with their defaults. Berth acts on
// deletion_protection.enabled; the edge reads idle_timeout.timeout_seconds; the rest are kept
// (docs/fidelity.md).
constexpr AttributeRule k_attributes[] = {
    {"deletion_protection.enabled", "false", AttributeRule::boolean},
    {"access_logs.s3.enabled", "false", AttributeRule::boolean},
    {"access_logs.s3.bucket", "", AttributeRule::text},
    {"access_logs.s3.prefix", "", AttributeRule::text},
    {"idle_timeout.timeout_seconds", "60", AttributeRule::integer, 1, 4000, true, false},
    {"routing.http2.enabled", "true", AttributeRule::boolean, 0, 0, true, false},
    {"routing.http.drop_invalid_header_fields.enabled", "false", AttributeRule::boolean, 0, 0, true,
     false},
    {"routing.http.xff_client_port.enabled", "false", AttributeRule::boolean, 0, 0, true, false},
    {"routing.http.preserve_host_header.enabled", "false", AttributeRule::boolean, 0, 0, true,
     false},
    {"routing.http.xff_header_processing.mode", "append", AttributeRule::text, 0, 0, true, false},
    {"routing.http.desync_mitigation_mode", "defensive", AttributeRule::text, 0, 0, true, false},
    {"waf.fail_open.enabled", "false", AttributeRule::boolean, 0, 0, true, false},
    {"client_keep_alive.seconds", "3600", AttributeRule::integer, 60, 604800, true, false},
    {"load_balancing.cross_zone.enabled", "true", AttributeRule::boolean, 0, 0, true, false},
    {"load_balancing.cross_zone.enabled", "false", AttributeRule::boolean, 0, 0, false, true},
    {"dns_record.client_routing_policy", "any_availability_zone", AttributeRule::text, 0, 0, false,
     true},
};

bool applies(const AttributeRule& rule, model::LoadBalancerType type) {
    return type == model::LoadBalancerType::network ? rule.network : rule.application;
}

std::map<std::string, std::string> default_attributes(model::LoadBalancerType type) {
    std::map<std::string, std::string> out;
    for (const auto& rule : k_attributes) {
        if (applies(rule, type)) out[rule.key] = rule.default_value;
    }
    return out;
}

void check_attribute(model::LoadBalancerType type, const std::string& key,
                     const std::string& value) {
    for (const auto& rule : k_attributes) {
        if (rule.key != key || !applies(rule, type)) continue;
        if (rule.kind == AttributeRule::boolean) parse_bool_attribute(key, value);
        if (rule.kind == AttributeRule::integer) {
            parse_int_attribute(key, value, rule.low, rule.high);
        }
        return;
    }
    throw errors::validation("Load balancer attribute key '" + key + "' is not recognized");
}

json attributes_json(const model::ElbLoadBalancer& lb) {
    json out = json::array();
    for (const auto& [k, v] : lb.attributes) out.push_back({{"Key", k}, {"Value", v}});
    return {{"Attributes", out}};
}

std::vector<model::SubnetMapping> read_subnets(const json& input, const std::string& region) {
    auto ids = strings(input, "Subnets");
    if (auto it = input.find("SubnetMappings"); it != input.end()) {
        for (const auto& m : *it) ids.push_back(m.value("SubnetId", std::string()));
    }
    std::vector<model::SubnetMapping> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        // Berth's zones: the region's a, b, c, ... by position.
        out.push_back({ids[i], region + static_cast<char>('a' + i % 26)});
    }
    return out;
}

model::ElbLoadBalancer read_load_balancer(const json& input, const model::PartitionKey& key) {
    model::ElbLoadBalancer lb;
    lb.name = input.at("Name").get<std::string>();
    check_name(lb.name, "load balancer");
    auto type = input.value("Type", std::string("application"));
    auto parsed = model::parse<model::LoadBalancerType>(type);
    if (!parsed) {
        throw errors::invalid_configuration(
            "Berth serves application and network load "
            "balancers, not '" +
            type + "'");
    }
    lb.type = *parsed;
    lb.scheme = model::parse<model::LoadBalancerScheme>(
                    input.value("Scheme", std::string("internet-facing")))
                    .value_or(model::LoadBalancerScheme::internet_facing);
    lb.ip_address_type = input.value("IpAddressType", std::string("ipv4"));
    lb.subnets = read_subnets(input, key.region);
    if (lb.type == model::LoadBalancerType::application && lb.subnets.size() == 1) {
        throw errors::validation(
            "At least two subnets in two different Availability Zones must be specified");
    }
    lb.security_groups = strings(input, "SecurityGroups");
    lb.vpc_id = k_vpc_id;
    lb.tags = read_tags(input);
    return lb;
}

bool same_settings(const model::ElbLoadBalancer& a, const model::ElbLoadBalancer& b) {
    return a.type == b.type && a.scheme == b.scheme;
}

model::ElbLoadBalancer& existing(model::LoadBalancerPartition& p, const std::string& arn) {
    auto* lb = p.find_load_balancer(arn);
    if (!lb) throw errors::load_balancer_not_found();
    return *lb;
}

// Activates the partition's provisioning load balancers (see the top of this file); a write
// only when there is one, so polling waiters do not move the store's version.
void activate(const Environment& env, const model::PartitionKey& key) {
    bool provisioning = env.load_balancers.read(key, [](const model::LoadBalancerPartition& p) {
        return std::any_of(p.load_balancers.begin(), p.load_balancers.end(), [](const auto& e) {
            return e.second.state == model::LoadBalancerState::provisioning;
        });
    });
    if (!provisioning) return;
    env.load_balancers.write(key, env.now(), [](model::LoadBalancerPartition& p) {
        for (auto& [arn, lb] : p.load_balancers) {
            if (lb.state == model::LoadBalancerState::provisioning) {
                lb.state = model::LoadBalancerState::active;
            }
        }
    });
}

}  // namespace

json create_load_balancer(const Environment& env, const protocol::RequestContext& ctx,
                          const json& input) {
    auto key = partition_of(ctx);
    auto lb = read_load_balancer(input, key);
    auto now = env.now();
    return env.load_balancers.write(key, now, [&](model::LoadBalancerPartition& p) {
        if (const auto* same = p.find_load_balancer_by_name(lb.name)) {
            // ELB answers a repeated create with the same settings with the existing one.
            if (!same_settings(*same, lb)) throw errors::duplicate_load_balancer(lb.name);
            return json{{"LoadBalancers", json::array({load_balancer_json(*same)})}};
        }
        auto id = model::new_elb_id();
        lb.arn = model::load_balancer_arn(key, lb.type, lb.name, id);
        lb.dns_name = model::load_balancer_dns_name(lb.name, id, key.region);
        lb.canonical_hosted_zone_id = hosted_zone(lb.type);
        lb.state = model::LoadBalancerState::provisioning;
        lb.created = now;
        lb.attributes = default_attributes(lb.type);
        auto& stored = p.load_balancers[lb.arn] = std::move(lb);
        return json{{"LoadBalancers", json::array({load_balancer_json(stored)})}};
    });
}

json describe_load_balancers(const Environment& env, const protocol::RequestContext& ctx,
                             const json& input) {
    auto arns = strings(input, "LoadBalancerArns");
    auto names = strings(input, "Names");
    if (!arns.empty() && !names.empty()) {
        throw errors::validation(
            "Load balancer names and load balancer ARNs cannot be specified "
            "at the same time");
    }
    auto page_request = read_page(input);
    auto key = partition_of(ctx);
    activate(env, key);
    return env.load_balancers.read(key, [&](const model::LoadBalancerPartition& p) {
        std::vector<std::string> keys;
        for (const auto& arn : arns) {
            if (!p.find_load_balancer(arn)) throw errors::load_balancer_not_found();
            keys.push_back(arn);
        }
        for (const auto& name : names) {
            const auto* lb = p.find_load_balancer_by_name(name);
            if (!lb) {
                throw errors::load_balancer_not_found("Load balancers '[" + name + "]' not found");
            }
            keys.push_back(lb->arn);
        }
        if (arns.empty() && names.empty()) {
            for (const auto& [arn, lb] : p.load_balancers) keys.push_back(arn);
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        auto page = protocol::paginate(std::move(keys), page_request);
        json out{{"LoadBalancers", json::array()}};
        for (const auto& arn : page.items) {
            out["LoadBalancers"].push_back(load_balancer_json(*p.find_load_balancer(arn)));
        }
        write_next_marker(out, page);
        return out;
    });
}

json delete_load_balancer(const Environment& env, const protocol::RequestContext& ctx,
                          const json& input) {
    auto arn = input.at("LoadBalancerArn").get<std::string>();
    env.load_balancers.write(partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
        const auto* lb = p.find_load_balancer(arn);
        if (!lb) return;  // ELB: deleting a load balancer that is gone succeeds
        if (lb->attributes.at("deletion_protection.enabled") == "true") {
            throw errors::operation_not_permitted("Load balancer '" + arn +
                                                  "' cannot be deleted because deletion "
                                                  "protection is enabled");
        }
        p.remove_load_balancer(arn);
    });
    return json::object();
}

json describe_load_balancer_attributes(const Environment& env, const protocol::RequestContext& ctx,
                                       const json& input) {
    auto arn = input.at("LoadBalancerArn").get<std::string>();
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        const auto* lb = p.find_load_balancer(arn);
        if (!lb) throw errors::load_balancer_not_found();
        return attributes_json(*lb);
    });
}

json modify_load_balancer_attributes(const Environment& env, const protocol::RequestContext& ctx,
                                     const json& input) {
    auto arn = input.at("LoadBalancerArn").get<std::string>();
    return env.load_balancers.write(
        partition_of(ctx), env.now(), [&](model::LoadBalancerPartition& p) {
            auto& lb = existing(p, arn);
            std::vector<std::pair<std::string, std::string>> changes;
            for (const auto& a : input.at("Attributes")) {
                changes.emplace_back(a.value("Key", std::string()),
                                     a.value("Value", std::string()));
                check_attribute(lb.type, changes.back().first, changes.back().second);
            }
            for (auto& [k, v] : changes) lb.attributes[k] = v;
            return attributes_json(lb);
        });
}

}  // namespace berth::api::elbv2
