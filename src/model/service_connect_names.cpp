#include "berth/model/service_connect_names.hpp"

#include "berth/model/service_discovery.hpp"

namespace berth::model {

bool ServiceConnectNames::replace(ServiceConnectNameTable names) {
    std::lock_guard lock(mutex_);
    if (names == names_) return false;
    names_ = std::move(names);
    return true;
}

std::optional<std::vector<std::string>> ServiceConnectNames::lookup(std::string_view fqdn) const {
    const auto name = normalize_dns_name(fqdn);
    std::lock_guard lock(mutex_);
    auto it = names_.find(name);
    if (it == names_.end()) return std::nullopt;
    return it->second;
}

}  // namespace berth::model
