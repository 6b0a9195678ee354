// LoadBalancerStore: the lock, the version and the snapshot the data plane routes on, and the
// entry points the edge and ECS call without going through the API.
#include "berth/model/load_balancers.hpp"

namespace berth::model {

LoadBalancerStore::Finish::~Finish() {
    partition.settle(now);
    auto version = store.bump();
    lock.unlock();
    store.notify(version);
}

std::uint64_t LoadBalancerStore::bump() {
    return ++version_;
}

void LoadBalancerStore::notify(std::uint64_t version) const {
    for (const auto& observer : observers_) observer(version);
}

void LoadBalancerStore::on_change(std::function<void(std::uint64_t)> observer) {
    std::lock_guard lock(mutex_);
    observers_.push_back(std::move(observer));
}

void LoadBalancerStore::restore(std::map<PartitionKey, LoadBalancerPartition> partitions) {
    std::unique_lock lock(mutex_);
    partitions_ = std::move(partitions);
    auto version = bump();
    lock.unlock();
    notify(version);
}

std::shared_ptr<const LoadBalancerSnapshot> LoadBalancerStore::snapshot() const {
    std::lock_guard lock(mutex_);
    auto version = version_.load();
    if (!snapshot_ || snapshot_->version != version) {
        auto fresh = std::make_shared<LoadBalancerSnapshot>();
        fresh->version = version;
        fresh->partitions = partitions_;
        snapshot_ = std::move(fresh);
    }
    return snapshot_;
}

bool LoadBalancerStore::set_target_health(const PartitionKey& key,
                                          std::string_view target_group_arn,
                                          std::string_view target_id, int port,
                                          TargetHealthState state,
                                          std::optional<TargetHealthReason> reason,
                                          std::string description) {
    std::unique_lock lock(mutex_);
    auto it = partitions_.find(key);
    if (it == partitions_.end()) return false;
    auto* group = it->second.find_target_group(target_group_arn);
    auto* target = group ? group->find_target(target_id, port) : nullptr;
    if (!target || target->draining_until || target->health.state == TargetHealthState::unused) {
        return false;
    }
    auto health = make_target_health(state, reason, std::move(description));
    if (target->health == health) return true;
    target->health = std::move(health);
    auto version = bump();
    lock.unlock();
    notify(version);
    return true;
}

std::size_t LoadBalancerStore::expire_draining(TimePoint now) {
    std::unique_lock lock(mutex_);
    std::size_t removed = 0;
    for (auto& [key, partition] : partitions_) removed += partition.expire_draining(now);
    if (removed == 0) return 0;
    auto version = bump();
    lock.unlock();
    notify(version);
    return removed;
}

namespace {

TargetCheck no_group() {
    return {TargetProblem::target_group_not_found, "One or more target groups not found"};
}

}  // namespace

TargetCheck LoadBalancerStore::register_targets(const PartitionKey& key,
                                                std::string_view target_group_arn,
                                                const std::vector<TargetRef>& targets,
                                                TimePoint now) {
    return write(key, now, [&](LoadBalancerPartition& p) {
        auto* group = p.find_target_group(target_group_arn);
        if (!group) return no_group();
        auto check = check_registration(*group, targets);
        if (check) p.register_targets(*group, targets, now);
        return check;
    });
}

TargetCheck LoadBalancerStore::deregister_targets(const PartitionKey& key,
                                                  std::string_view target_group_arn,
                                                  const std::vector<TargetRef>& targets,
                                                  TimePoint now) {
    return write(key, now, [&](LoadBalancerPartition& p) {
        auto* group = p.find_target_group(target_group_arn);
        if (!group) return no_group();
        auto check = p.check_deregistration(*group, targets);
        if (check) p.deregister_targets(*group, targets, now);
        return check;
    });
}

std::optional<TargetGroupSummary> LoadBalancerStore::find_target_group(const PartitionKey& key,
                                                                       std::string_view arn) const {
    return read(key, [&](const LoadBalancerPartition& p) -> std::optional<TargetGroupSummary> {
        const auto* g = p.find_target_group(arn);
        if (!g) return std::nullopt;
        return TargetGroupSummary{g->arn,
                                  g->name,
                                  g->target_type,
                                  g->protocol,
                                  g->port,
                                  p.load_balancers_of(arn),
                                  g->attributes.deregistration_delay_seconds,
                                  g->health_check};
    });
}

std::vector<TargetHealthEntry> target_health_entries(const TargetGroup& group,
                                                     const std::vector<TargetRef>& targets) {
    std::vector<TargetHealthEntry> out;
    if (targets.empty()) {
        for (const auto& t : group.targets) {
            out.push_back({t.id, t.port, t.availability_zone, t.health});
        }
        return out;
    }
    for (const auto& ref : targets) {
        int port = group.port_of(ref);
        if (const auto* t = group.find_target(ref.id, port)) {
            out.push_back({t->id, t->port, t->availability_zone, t->health});
        } else {
            out.push_back({ref.id, port, ref.availability_zone,
                           make_target_health(TargetHealthState::unused,
                                              TargetHealthReason::not_registered)});
        }
    }
    return out;
}

std::optional<std::vector<TargetHealthEntry>> LoadBalancerStore::target_health(
    const PartitionKey& key, std::string_view target_group_arn,
    const std::vector<TargetRef>& targets) const {
    return read(
        key, [&](const LoadBalancerPartition& p) -> std::optional<std::vector<TargetHealthEntry>> {
            const auto* g = p.find_target_group(target_group_arn);
            if (!g) return std::nullopt;
            return target_health_entries(*g, targets);
        });
}

}  // namespace berth::model
