#pragma once
// Effective account settings, for the operations that depend on them (CreateCluster takes its
// containerInsights default from the account's containerInsights setting).
#include <string>
#include <string_view>

#include "berth/model/store.hpp"

namespace berth::api::ecs {

// The value in force for `principal` (an IAM ARN): the principal's own setting, else the
// account default (PutAccountSettingDefault, or PutAccountSetting by the root user), else
// ECS's default. Empty for a name ECS does not know.
std::string effective_setting_value(const model::Partition& p, const std::string& principal,
                                    std::string_view name);

}  // namespace berth::api::ecs
