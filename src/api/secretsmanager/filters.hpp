#pragma once
// The Filters of ListSecrets and BatchGetSecretValue. Every filter must match (AND); within
// one, any of its values (OR). A value matches as a prefix: case-sensitive for name, tag-key,
// tag-value and primary-region, not for description and `all`; a leading "!" negates it.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/secrets.hpp"

namespace berth::api::secretsmanager {

struct SecretFilter {
    std::string key;  // one of the model's FilterNameStringType values
    std::vector<std::string> values;
};

std::vector<SecretFilter> read_filters(const nlohmann::json& filters);

// `region` is the secret's own (its primary Region: Berth does not replicate).
bool matches(const model::StoredSecret& secret, const std::vector<SecretFilter>& filters,
             std::string_view region);

}  // namespace berth::api::secretsmanager
