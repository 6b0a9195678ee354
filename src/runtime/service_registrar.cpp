#include "berth/runtime/service_registrar.hpp"

#include <map>

#include "runtime/service_registrations.hpp"
#include "runtime/store_loop.hpp"

namespace berth::runtime {

namespace {

// The instances ECS registered earlier, in every Cloud Map partition.
std::vector<RegisteredInstance> actual_instances(const model::ServiceDiscoveryStore& discovery) {
    std::vector<RegisteredInstance> out;
    discovery.read_all(
        [&](const model::PartitionKey& key, const model::ServiceDiscoveryPartition& p) {
            for (const auto& [id, s] : p.services) {
                for (const auto& [instance_id, i] : s.instances) {
                    if (!registered_by_ecs(i)) continue;
                    out.push_back({key, s.id, instance_id, i.attributes, i.custom_health});
                }
            }
        });
    return out;
}

// Applies one change to its Cloud Map service; false when that service is gone.
template <class F>
bool change(model::ServiceDiscoveryStore& discovery, const RegisteredInstance& i, F&& f) {
    return discovery.write(i.key, [&](model::ServiceDiscoveryPartition& p) {
        auto* s = p.find_service(i.service_id);
        if (s == nullptr) return false;
        f(p, *s);
        ++s->revision;
        return true;
    });
}

}  // namespace

ServiceRegistrar::ServiceRegistrar(model::Store& store, model::ServiceDiscoveryStore& discovery,
                                   ServiceRegistrarOptions options)
    : store_(store),
      discovery_(discovery),
      options_(std::move(options)),
      loop_(std::make_unique<StoreLoop>(store, "service registries", [this] {
          run_once();
          return options_.tick;
      })) {}

ServiceRegistrar::~ServiceRegistrar() {
    stop();
}

void ServiceRegistrar::start() {
    loop_->start();
}

void ServiceRegistrar::stop() {
    loop_->stop();
}

std::size_t ServiceRegistrar::run_once() {
    RegistrationOptions options;
    options.host_ipv4 = options_.host_ipv4;
    std::vector<RegisteredInstance> desired;
    model::ServiceConnectNameTable names;
    for (const auto& p : store_.snapshot()) {
        auto d = desired_instances(p, options);
        desired.insert(desired.end(), d.begin(), d.end());
        for (auto& [name, ips] : service_connect_names(p, options)) {
            auto& into = names[name];
            into.insert(into.end(), ips.begin(), ips.end());
        }
    }
    if (options_.service_connect_names) options_.service_connect_names->replace(std::move(names));
    const auto plan = plan_registrations(desired, actual_instances(discovery_));
    const auto now = model::Clock::now();
    std::size_t changed = 0;
    for (const auto& i : plan.put) {
        changed += change(
            discovery_, i, [&](model::ServiceDiscoveryPartition& p, model::CloudMapService& s) {
                auto& instance = s.instances[i.instance_id];
                if (instance.id.empty()) instance.create_date = now;
                instance.id = i.instance_id;
                instance.attributes = i.attributes;
                instance.custom_health = i.health;
                instance.update_date = now;
                p.add_operation(model::OperationType::register_instance,
                                {{model::OperationTargetType::service, s.id},
                                 {model::OperationTargetType::instance, i.instance_id}},
                                now);
            });
    }
    for (const auto& i : plan.health) {
        changed += change(
            discovery_, i, [&](model::ServiceDiscoveryPartition&, model::CloudMapService& s) {
                if (auto it = s.instances.find(i.instance_id); it != s.instances.end()) {
                    it->second.custom_health = i.health;
                }
            });
    }
    for (const auto& i : plan.remove) {
        changed += change(
            discovery_, i, [&](model::ServiceDiscoveryPartition& p, model::CloudMapService& s) {
                s.instances.erase(i.instance_id);
                p.add_operation(model::OperationType::deregister_instance,
                                {{model::OperationTargetType::service, s.id},
                                 {model::OperationTargetType::instance, i.instance_id}},
                                now);
            });
    }
    return changed;
}

}  // namespace berth::runtime
