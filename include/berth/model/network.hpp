#pragma once
// A NetworkConfiguration (awsvpc tasks' subnets, security groups and public IP), read once where
// a request enters and written back from these values.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/names.hpp"

namespace berth::model {

enum class AssignPublicIp : std::uint8_t { enabled, disabled };
template <>
inline constexpr NameTable<AssignPublicIp, 2> k_names<AssignPublicIp>{{{
    {AssignPublicIp::enabled, "ENABLED"},
    {AssignPublicIp::disabled, "DISABLED"},
}}};

struct AwsVpcConfiguration {
    std::vector<std::string> subnets;
    std::vector<std::string> security_groups;
    std::optional<AssignPublicIp> assign_public_ip;  // as given (ECS's default: DISABLED)

    bool public_ip() const { return assign_public_ip == AssignPublicIp::enabled; }
    bool operator==(const AwsVpcConfiguration&) const = default;
};

struct NetworkConfiguration {
    std::optional<AwsVpcConfiguration> awsvpc;  // awsvpcConfiguration
    bool operator==(const NetworkConfiguration&) const = default;
};

// A NetworkConfiguration document (the member's value); none when `doc` is null.
std::optional<NetworkConfiguration> read_network_configuration(const nlohmann::json& doc);
nlohmann::json to_json(const NetworkConfiguration& network);
nlohmann::json to_json(const AwsVpcConfiguration& awsvpc);

}  // namespace berth::model
