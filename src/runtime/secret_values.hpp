#pragma once
// What the ECS agent makes of a Secrets Manager value once it has it: the text of one JSON key
// (a `valueFrom` with a json-key suffix) and the registry credentials of
// `repositoryCredentials`. Pure; the errors carry the agent's own words.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace berth::runtime {

// A value the agent cannot use; what() is its explanation.
class SecretValueError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The value of `key` in the JSON object `secret_string`, written as the agent writes it (Go's
// fmt %v of the decoded value: strings as they are, numbers as float64 — 1e+06 —, objects as
// map[k:v]). Throws SecretValueError when the text is not a JSON object or lacks the key.
std::string json_key_value(std::string_view secret_string, const std::string& key);

// Go's %v of a decoded JSON value.
std::string go_text(const nlohmann::json& value);

struct RegistryCredentials {
    std::string username;
    std::string password;
};

// {"username": ..., "password": ...}, both non-empty. Throws SecretValueError.
RegistryCredentials registry_credentials(const std::optional<std::string>& secret_string);

}  // namespace berth::runtime
