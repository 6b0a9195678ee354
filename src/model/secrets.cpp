// A secret's versions and the staging labels that move between them.
#include <algorithm>

#include "berth/model/secrets.hpp"

namespace berth::model {

bool SecretVersion::has_stage(std::string_view stage) const {
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

SecretVersion* Secret::version(std::string_view id) {
    auto it = std::find_if(versions.begin(), versions.end(),
                           [&](const SecretVersion& v) { return v.id == id; });
    return it == versions.end() ? nullptr : &*it;
}

const SecretVersion* Secret::version(std::string_view id) const {
    return const_cast<Secret*>(this)->version(id);
}

const SecretVersion* Secret::version_with_stage(std::string_view stage) const {
    auto it = std::find_if(versions.begin(), versions.end(),
                           [&](const SecretVersion& v) { return v.has_stage(stage); });
    return it == versions.end() ? nullptr : &*it;
}

namespace {

void take_stage_off_all(std::vector<SecretVersion>& versions, std::string_view stage) {
    for (auto& v : versions) std::erase(v.stages, stage);
}

// Puts `stage` on `target` alone. AWSCURRENT leaving another version leaves AWSPREVIOUS behind
// it, as the service does (the old AWSPREVIOUS, if any, loses its label).
void move_stage(std::vector<SecretVersion>& versions, SecretVersion& target,
                std::string_view stage) {
    if (stage == k_stage_current) {
        auto old = std::find_if(versions.begin(), versions.end(), [&](const SecretVersion& v) {
            return &v != &target && v.has_stage(k_stage_current);
        });
        if (old != versions.end()) {
            take_stage_off_all(versions, k_stage_previous);
            old->stages.emplace_back(k_stage_previous);
        }
    }
    take_stage_off_all(versions, stage);
    target.stages.emplace_back(stage);
}

}  // namespace

SecretVersion& Secret::add_version(SecretVersion v) {
    auto stages = std::move(v.stages);
    v.stages.clear();
    versions.push_back(std::move(v));
    auto& added = versions.back();
    for (const auto& stage : stages)
        if (!added.has_stage(stage)) move_stage(versions, added, stage);
    return added;
}

void Secret::attach_stage(std::string_view stage, std::string_view to) {
    auto* target = version(to);
    if (target == nullptr || target->has_stage(stage)) return;
    move_stage(versions, *target, stage);
}

void Secret::detach_stage(std::string_view stage, std::string_view from) {
    if (auto* v = version(from)) std::erase(v->stages, stage);
}

const SecretVersion* select_version(const Secret& secret, std::string_view version_stage,
                                    std::string_view version_id) {
    if (version_id.empty())
        return secret.version_with_stage(version_stage.empty() ? k_stage_current : version_stage);
    const auto* v = secret.version(version_id);
    if (v == nullptr || (!version_stage.empty() && !v->has_stage(version_stage))) return nullptr;
    return v;
}

SecretVersionValue value_of(const Secret& secret, const SecretVersion& version) {
    return {secret.arn,
            secret.name,
            version.id,
            version.stages,
            version.payload.secret_string,
            version.payload.secret_binary};
}

}  // namespace berth::model
