#include "api/ssm/serialize.hpp"

#include <cstdint>

namespace berth::api::ssm {

namespace {

using nlohmann::json;

std::uint64_t mix(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;  // FNV-1a
    return h;
}

std::uint64_t splitmix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// KMS ciphertext blobs of the default key start "AQICAH" in base64; the rest is as long as a
// blob for a value of this length would be (guess: a 170-byte envelope plus the value).
std::string stand_in_ciphertext(const model::Parameter& parameter,
                                const model::ParameterVersion& v) {
    static constexpr char k_b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::uint64_t state = mix(mix(0xcbf29ce484222325ULL, parameter.name), v.value);
    state ^= static_cast<std::uint64_t>(v.version);
    const std::size_t bytes = 170 + v.value.size();
    std::string out = "AQICAH";
    const std::size_t length = (bytes + 2) / 3 * 4;
    while (out.size() < length) out += k_b64[splitmix(state) % 64];
    return out;
}

// The members ParameterMetadata and ParameterHistory share.
void describe_version(json& out, const model::ParameterVersion& v) {
    out["Type"] = model::to_string(v.type);
    out["LastModifiedDate"] = model::to_epoch_seconds(v.last_modified);
    out["LastModifiedUser"] = v.last_modified_user;
    out["Version"] = v.version;
    out["Tier"] = model::to_string(v.tier);
    out["Policies"] = json::array();  // Berth takes no parameter policies
    out["DataType"] = v.data_type;
    if (!v.key_id.empty()) out["KeyId"] = v.key_id;
    if (!v.description.empty()) out["Description"] = v.description;
    if (!v.allowed_pattern.empty()) out["AllowedPattern"] = v.allowed_pattern;
}

}  // namespace

std::string visible_value(const model::Parameter& parameter, const model::ParameterVersion& v,
                          bool with_decryption) {
    if (v.type != model::ParameterType::secure_string || with_decryption) return v.value;
    return stand_in_ciphertext(parameter, v);
}

json parameter_json(const model::PartitionKey& key, const model::Parameter& parameter,
                    const model::ParameterVersion& v, bool with_decryption,
                    const std::string& selector) {
    json out{{"Name", parameter.name},
             {"Type", model::to_string(v.type)},
             {"Value", visible_value(parameter, v, with_decryption)},
             {"Version", v.version},
             {"LastModifiedDate", model::to_epoch_seconds(v.last_modified)},
             {"ARN", model::parameter_arn(key, parameter.name)},
             {"DataType", v.data_type}};
    if (!selector.empty()) out["Selector"] = selector;
    return out;
}

json metadata_json(const model::PartitionKey& key, const model::Parameter& parameter) {
    json out{{"Name", parameter.name}, {"ARN", model::parameter_arn(key, parameter.name)}};
    describe_version(out, parameter.latest());
    return out;
}

json history_json(const model::Parameter& parameter, const model::ParameterVersion& v,
                  bool with_decryption) {
    json out{{"Name", parameter.name}, {"Value", visible_value(parameter, v, with_decryption)}};
    describe_version(out, v);
    if (!v.labels.empty()) out["Labels"] = v.labels;  // the model's list has at least one
    return out;
}

}  // namespace berth::api::ssm
