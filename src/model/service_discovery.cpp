#include "berth/model/service_discovery.hpp"

#include <algorithm>
#include <cctype>

#include "berth/model/arn.hpp"

namespace berth::model {

namespace {

constexpr std::string_view k_lower_alnum = "abcdefghijklmnopqrstuvwxyz0123456789";

// By id, or by ARN ("...:namespace/ns-x"): the id after the last '/', and the ARN must match.
template <class Map>
auto find_by_id_or_arn(Map& map, std::string_view id_or_arn) -> decltype(&map.begin()->second) {
    const bool arn = looks_like_arn(id_or_arn);
    auto id = arn ? id_or_arn.substr(id_or_arn.rfind('/') + 1) : id_or_arn;
    auto it = map.find(std::string(id));
    if (it == map.end() || (arn && it->second.arn != id_or_arn)) return nullptr;
    return &it->second;
}

bool ends_with_label(std::string_view name, std::string_view suffix) {
    if (name.size() <= suffix.size()) return false;
    return name.ends_with(suffix) && name[name.size() - suffix.size() - 1] == '.';
}

// The instances whose records are answered: the healthy ones when the service checks health,
// unless none is healthy (Route 53 then answers as if all were).
std::vector<const CloudMapInstance*> eligible_instances(const CloudMapService& service) {
    std::vector<const CloudMapInstance*> all, healthy;
    for (const auto& [id, instance] : service.instances) {
        all.push_back(&instance);
        if (service.health_of(instance) == HealthStatus::healthy) healthy.push_back(&instance);
    }
    if (!service.has_health_check() || healthy.empty()) return all;
    return healthy;
}

std::optional<std::uint16_t> parse_port(const std::string* text) {
    if (text == nullptr || text->empty() || text->size() > 5) return std::nullopt;
    unsigned value = 0;
    for (char c : *text) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

// The record an instance gives for `type` in `service`, if any.
std::optional<DnsAnswer> record_of(const CloudMapService& service, std::string_view namespace_name,
                                   const CloudMapInstance& instance, DnsRecordType type) {
    DnsAnswer answer;
    answer.instance_id = instance.id;
    const std::string* value = nullptr;
    switch (type) {
        case DnsRecordType::a:
            value = instance.attribute(k_attr_ipv4);
            break;
        case DnsRecordType::aaaa:
            value = instance.attribute(k_attr_ipv6);
            break;
        case DnsRecordType::cname:
            value = instance.attribute(k_attr_cname);
            break;
        case DnsRecordType::srv: {
            auto port = parse_port(instance.attribute(k_attr_port));
            if (!port) return std::nullopt;
            answer.port = *port;
            answer.value = normalize_dns_name(instance.id + "." + service.name + "." +
                                              std::string(namespace_name));
            return answer;
        }
    }
    if (value == nullptr || value->empty()) return std::nullopt;
    answer.value = type == DnsRecordType::cname ? normalize_dns_name(*value) : *value;
    return answer;
}

// The records of a service's own name.
void answer_service(const CloudMapService& service, DnsRecordType type, DnsLookup& out) {
    const auto& config = *service.dns_config;
    out.routing_policy = config.routing_policy;
    const DnsRecord* cname = config.find(DnsRecordType::cname);
    out.answer_type = cname != nullptr ? DnsRecordType::cname : type;
    for (const auto& [id, instance] : service.instances) {
        for (const auto& record : config.records) {
            if (record_of(service, out.namespace_name, instance, record.type))
                out.name_exists = true;
        }
    }
    const DnsRecord* record = config.find(out.answer_type);
    if (record == nullptr) return;
    out.ttl = record->ttl;
    for (const auto* instance : eligible_instances(service)) {
        if (auto answer = record_of(service, out.namespace_name, *instance, out.answer_type)) {
            out.answers.push_back(std::move(*answer));
        }
    }
}

// "<instance id>.<service>": the host names SRV records point at, which Cloud Map gives A and
// AAAA records when the instance has addresses.
void answer_instance_host(const CloudMapService& service, std::string_view instance_id,
                          DnsRecordType type, DnsLookup& out) {
    const auto& config = *service.dns_config;
    const DnsRecord* srv = config.find(DnsRecordType::srv);
    if (srv == nullptr) return;
    for (const auto& [id, instance] : service.instances) {
        if (normalize_dns_name(id) != instance_id) continue;
        auto a = record_of(service, out.namespace_name, instance, DnsRecordType::a);
        auto aaaa = record_of(service, out.namespace_name, instance, DnsRecordType::aaaa);
        if (!a && !aaaa) return;
        out.name_exists = true;
        out.routing_policy = config.routing_policy;
        out.answer_type = type;
        const DnsRecord* record = config.find(type);
        out.ttl = record != nullptr ? record->ttl : srv->ttl;
        if (type == DnsRecordType::a && a) out.answers.push_back(std::move(*a));
        if (type == DnsRecordType::aaaa && aaaa) out.answers.push_back(std::move(*aaaa));
        return;
    }
}

}  // namespace

const DnsRecord* DnsConfig::find(DnsRecordType type) const {
    for (const auto& r : records) {
        if (r.type == type) return &r;
    }
    return nullptr;
}

const std::string* CloudMapInstance::attribute(std::string_view key) const {
    auto it = attributes.find(std::string(key));
    return it == attributes.end() ? nullptr : &it->second;
}

HealthStatus CloudMapService::health_of(const CloudMapInstance& instance) const {
    if (custom_health_check) return instance.custom_health;
    if (health_check) return HealthStatus::healthy;
    return HealthStatus::unknown;
}

OperationStatus CloudMapOperation::report() {
    if (!reported) {
        reported = true;
        return OperationStatus::submitted;
    }
    return status;
}

const CloudMapNamespace* ServiceDiscoveryPartition::find_namespace(
    std::string_view id_or_arn) const {
    return find_by_id_or_arn(namespaces, id_or_arn);
}
CloudMapNamespace* ServiceDiscoveryPartition::find_namespace(std::string_view id_or_arn) {
    return find_by_id_or_arn(namespaces, id_or_arn);
}
const CloudMapService* ServiceDiscoveryPartition::find_service(std::string_view id_or_arn) const {
    return find_by_id_or_arn(services, id_or_arn);
}
CloudMapService* ServiceDiscoveryPartition::find_service(std::string_view id_or_arn) {
    return find_by_id_or_arn(services, id_or_arn);
}

const CloudMapNamespace* ServiceDiscoveryPartition::namespace_named(std::string_view name) const {
    const auto wanted = normalize_dns_name(name);
    for (const auto& [id, ns] : namespaces) {
        if (normalize_dns_name(ns.name) == wanted) return &ns;
    }
    return nullptr;
}

const CloudMapService* ServiceDiscoveryPartition::service_named(std::string_view namespace_id,
                                                                std::string_view name) const {
    const auto wanted = normalize_dns_name(name);
    for (const auto& [id, s] : services) {
        if (s.namespace_id == namespace_id && normalize_dns_name(s.name) == wanted) return &s;
    }
    return nullptr;
}
CloudMapService* ServiceDiscoveryPartition::service_named(std::string_view namespace_id,
                                                          std::string_view name) {
    const auto& self = *this;
    return const_cast<CloudMapService*>(self.service_named(namespace_id, name));
}

std::size_t ServiceDiscoveryPartition::services_in(std::string_view namespace_id) const {
    return static_cast<std::size_t>(
        std::count_if(services.begin(), services.end(),
                      [&](const auto& s) { return s.second.namespace_id == namespace_id; }));
}

std::string ServiceDiscoveryPartition::add_operation(
    OperationType type, std::map<OperationTargetType, std::string> targets, TimePoint now) {
    CloudMapOperation op;
    op.id = new_cloudmap_operation_id();
    op.type = type;
    op.create_date = now;
    op.update_date = now;
    op.targets = std::move(targets);
    auto id = op.id;
    operations.emplace(id, std::move(op));
    return id;
}

std::string cloudmap_namespace_arn(const PartitionKey& key, std::string_view id) {
    return "arn:aws:servicediscovery:" + key.region + ":" + key.account + ":namespace/" +
           std::string(id);
}
std::string cloudmap_service_arn(const PartitionKey& key, std::string_view id) {
    return "arn:aws:servicediscovery:" + key.region + ":" + key.account + ":service/" +
           std::string(id);
}
std::string new_cloudmap_namespace_id() {
    return "ns-" + random_chars(16, k_lower_alnum);
}
std::string new_cloudmap_service_id() {
    return "srv-" + random_chars(16, k_lower_alnum);
}
std::string new_cloudmap_operation_id() {
    return random_chars(32, k_lower_alnum) + "-" + random_chars(8, k_lower_alnum);
}

std::string normalize_dns_name(std::string_view name) {
    if (name.ends_with('.')) name.remove_suffix(1);
    std::string out(name);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

DnsLookup lookup_dns(const ServiceDiscoveryPartition& partition, std::string_view fqdn,
                     DnsRecordType type) {
    DnsLookup out;
    out.answer_type = type;
    const auto name = normalize_dns_name(fqdn);
    const CloudMapNamespace* zone = nullptr;
    std::string zone_name;
    for (const auto& [id, ns] : partition.namespaces) {
        if (ns.type != NamespaceType::dns_private) continue;
        auto n = normalize_dns_name(ns.name);
        if ((n == name || ends_with_label(name, n)) && n.size() > zone_name.size()) {
            zone = &ns;
            zone_name = std::move(n);
        }
    }
    if (zone == nullptr) return out;
    out.in_private_namespace = true;
    out.namespace_name = zone_name;
    out.soa_ttl = zone->soa_ttl;
    if (name == zone_name) {
        out.name_exists = true;
        return out;
    }
    const std::string_view relative(name.data(), name.size() - zone_name.size() - 1);
    for (const auto& [id, service] : partition.services) {
        if (service.namespace_id != zone->id || !service.dns_config) continue;
        const auto service_name = normalize_dns_name(service.name);
        if (service_name == relative) {
            answer_service(service, type, out);
            return out;
        }
        if (ends_with_label(relative, service_name)) {
            auto instance = relative.substr(0, relative.size() - service_name.size() - 1);
            if (instance.find('.') == std::string_view::npos) {
                answer_instance_host(service, instance, type, out);
                if (out.name_exists) return out;
            }
        }
    }
    return out;
}

DnsLookup ServiceDiscoveryStore::lookup_dns(std::string_view fqdn, DnsRecordType type) const {
    DnsLookup best;
    best.answer_type = type;
    read_all([&](const PartitionKey&, const ServiceDiscoveryPartition& partition) {
        auto found = model::lookup_dns(partition, fqdn, type);
        if (!found.in_private_namespace) return;
        if (!best.in_private_namespace ||
            found.namespace_name.size() > best.namespace_name.size() ||
            (!best.name_exists && found.name_exists)) {
            best = std::move(found);
        } else if (found.namespace_name == best.namespace_name && found.name_exists) {
            // The same namespace name in two partitions: both answer.
            for (auto& a : found.answers) best.answers.push_back(std::move(a));
        }
    });
    return best;
}

void ServiceDiscoveryStore::subscribe(std::function<void()> on_change) {
    std::lock_guard lock(subscribers_mutex_);
    subscribers_.push_back(std::move(on_change));
}

std::pair<std::map<PartitionKey, ServiceDiscoveryPartition>, std::uint64_t>
ServiceDiscoveryStore::versioned_copy() const {
    // The version is bumped after a write's lock is released: read first, every write it
    // counts is in the copy.
    const auto version = version_.load();
    std::lock_guard lock(mutex_);
    return {partitions_, version};
}

void ServiceDiscoveryStore::restore(std::map<PartitionKey, ServiceDiscoveryPartition> partitions) {
    {
        std::lock_guard lock(mutex_);
        partitions_ = std::move(partitions);
    }
    changed();
}

void ServiceDiscoveryStore::changed() noexcept {
    version_.fetch_add(1);
    std::vector<std::function<void()>> subscribers;
    {
        std::lock_guard lock(subscribers_mutex_);
        subscribers = subscribers_;
    }
    for (const auto& f : subscribers) f();
}

}  // namespace berth::model
