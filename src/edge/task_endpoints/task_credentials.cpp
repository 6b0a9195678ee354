#include "task_credentials.hpp"

#include "metadata_json.hpp"

namespace berth::edge {

model::IssuedCredentials TaskCredentials::for_task(const model::TaskEndpoints& task,
                                                   model::TimePoint now) {
    std::lock_guard lock(mutex_);
    auto it = issued_.find(task.credentials_id);
    if (it != issued_.end() && it->second.expiration - now > k_lifetime / 2) return it->second;
    std::erase_if(issued_, [&](const auto& entry) { return entry.second.expiration <= now; });
    auto issued = store_.issue(task.partition, task.role_arn, task.task_id,
                               std::chrono::duration_cast<std::chrono::seconds>(k_lifetime), now);
    issued_[task.credentials_id] = issued;
    return issued;
}

nlohmann::json credentials_json(const model::IssuedCredentials& c) {
    // Whole seconds, as the agent writes the expiration.
    auto expiration = std::chrono::time_point_cast<std::chrono::seconds>(c.expiration);
    return {{"RoleArn", c.role_arn},
            {"AccessKeyId", c.access_key_id},
            {"SecretAccessKey", c.secret_access_key},
            {"Token", c.session_token},
            {"Expiration", rfc3339(expiration)}};
}

}  // namespace berth::edge
