#pragma once
// The task role's credentials, as ECS hands them to a task: issued by the CredentialStore (so
// STS knows them when the task calls it) with the task id as the session name, the same
// credentials for every request of the task until less than half their life is left, then new
// ones (ECS refreshes task credentials well before they expire; SDKs re-fetch when theirs near
// expiry).
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/credentials.hpp"
#include "berth/model/task_endpoints.hpp"

namespace berth::edge {

class TaskCredentials {
  public:
    static constexpr std::chrono::hours k_lifetime{6};  // as ECS task credentials

    explicit TaskCredentials(model::CredentialStore& store) : store_(store) {}

    model::IssuedCredentials for_task(const model::TaskEndpoints& task, model::TimePoint now);

  private:
    model::CredentialStore& store_;
    std::mutex mutex_;
    std::map<std::string, model::IssuedCredentials> issued_;  // credentials id → latest
};

// The agent's answer at /v2/credentials/<id>.
nlohmann::json credentials_json(const model::IssuedCredentials& c);

}  // namespace berth::edge
