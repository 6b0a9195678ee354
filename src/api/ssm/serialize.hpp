#pragma once
// Parameters as the SSM output shapes spell them: Parameter (GetParameter*), ParameterMetadata
// (DescribeParameters) and ParameterHistory (GetParameterHistory).
#include <string>

#include <nlohmann/json.hpp>

#include "berth/model/parameters.hpp"

namespace berth::api::ssm {

// The Value a caller sees. A SecureString read without decryption comes back as AWS returns
// it: the base64 text of its ciphertext. Berth keeps no KMS, so this is a stand-in of the
// same look (derived from the version, not reversible), never the value in clear.
std::string visible_value(const model::Parameter& parameter, const model::ParameterVersion& v,
                          bool with_decryption);

// `selector` is ":<version>" or ":<label>" when the caller asked with one, else empty.
nlohmann::json parameter_json(const model::PartitionKey& key, const model::Parameter& parameter,
                              const model::ParameterVersion& v, bool with_decryption,
                              const std::string& selector = {});
nlohmann::json metadata_json(const model::PartitionKey& key, const model::Parameter& parameter);
nlohmann::json history_json(const model::Parameter& parameter, const model::ParameterVersion& v,
                            bool with_decryption);

}  // namespace berth::api::ssm
