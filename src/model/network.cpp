#include "berth/model/network.hpp"

#include "json_fields.hpp"

namespace berth::model {

using namespace json_fields;

std::optional<NetworkConfiguration> read_network_configuration(const json& doc) {
    if (!doc.is_object()) return std::nullopt;
    NetworkConfiguration n;
    read_with(doc, "awsvpcConfiguration", n.awsvpc, [](const json& v) {
        AwsVpcConfiguration a;
        read(v, "subnets", a.subnets);
        read(v, "securityGroups", a.security_groups);
        read_enum<AssignPublicIp>(v, "assignPublicIp", a.assign_public_ip);
        return a;
    });
    return n;
}

json to_json(const AwsVpcConfiguration& awsvpc) {
    json out{{"subnets", awsvpc.subnets}};
    if (!awsvpc.security_groups.empty()) out["securityGroups"] = awsvpc.security_groups;
    write_enum(out, "assignPublicIp", awsvpc.assign_public_ip);
    return out;
}

json to_json(const NetworkConfiguration& network) {
    json out = json::object();
    write_with(out, "awsvpcConfiguration", network.awsvpc,
               [](const AwsVpcConfiguration& a) { return to_json(a); });
    return out;
}

}  // namespace berth::model
