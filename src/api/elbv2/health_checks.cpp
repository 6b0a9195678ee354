#include "api/elbv2/health_checks.hpp"

#include <cctype>

#include "api/elbv2/errors.hpp"
#include "api/elbv2/request.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

// "200", "200,202" or "200-299", every code within [low, high].
bool valid_matcher(const std::string& text, int low, int high) {
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(',', start);
        auto part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto dash = part.find('-');
        auto code_ok = [&](const std::string& c) {
            if (c.size() != 3 || !std::isdigit(c[0]) || !std::isdigit(c[1]) || !std::isdigit(c[2]))
                return false;
            int n = std::stoi(c);
            return n >= low && n <= high;
        };
        bool ok = dash == std::string::npos
                      ? code_ok(part)
                      : code_ok(part.substr(0, dash)) && code_ok(part.substr(dash + 1)) &&
                            std::stoi(part.substr(0, dash)) <= std::stoi(part.substr(dash + 1));
        if (!ok) return false;
        if (end == std::string::npos) return true;
        start = end + 1;
    }
    return false;
}

std::optional<int> read_port(const std::string& text) {
    if (text == "traffic-port") return std::nullopt;
    int port = parse_int_attribute("HealthCheckPort", text, 1, 65535);
    return port;
}

}  // namespace

void apply_health_check(model::TargetGroupHealthCheck& check, const json& input,
                        const model::TargetGroup& group) {
    if (auto p = optional_string(input, "HealthCheckProtocol")) {
        auto protocol = model::parse<model::ElbProtocol>(*p).value_or(model::ElbProtocol::http);
        if (protocol == model::ElbProtocol::https) {
            throw errors::unsupported_protocol("Berth makes no HTTPS health checks");
        }
        if (protocol != model::ElbProtocol::http && protocol != model::ElbProtocol::tcp) {
            throw errors::validation("Health check protocol '" + *p + "' is not supported");
        }
        if (protocol != check.protocol) {
            auto defaults = model::default_health_check(*group.protocol, protocol);
            check.protocol = protocol;
            check.path = defaults.path;
            check.matcher_http_code = defaults.matcher_http_code;
        }
    }
    bool http_group = group.protocol && model::is_http(*group.protocol);
    if (http_group && check.protocol == model::ElbProtocol::tcp) {
        throw errors::validation(
            "Health check protocol 'TCP' is not supported for target groups "
            "with the 'HTTP' protocol");
    }
    bool http_check = model::is_http(check.protocol);
    if (auto enabled = optional_bool(input, "HealthCheckEnabled")) {
        if (!*enabled) {
            throw errors::validation(
                "Health check enabled must be true for target groups with "
                "target type '" +
                std::string(model::to_string(group.target_type)) + "'");
        }
    }
    if (auto port = optional_string(input, "HealthCheckPort")) check.port = read_port(*port);
    if (auto path = optional_string(input, "HealthCheckPath")) {
        if (!http_check) {
            throw errors::validation("Health check path cannot be set for TCP health checks");
        }
        if (!path->starts_with("/")) {
            throw errors::validation("Health check path must begin with a '/' character");
        }
        check.path = *path;
    }
    if (auto n = optional_int(input, "HealthCheckIntervalSeconds")) check.interval_seconds = *n;
    if (auto n = optional_int(input, "HealthCheckTimeoutSeconds")) check.timeout_seconds = *n;
    if (auto n = optional_int(input, "HealthyThresholdCount")) check.healthy_threshold = *n;
    if (auto n = optional_int(input, "UnhealthyThresholdCount")) check.unhealthy_threshold = *n;
    if (check.timeout_seconds >= check.interval_seconds) {
        throw errors::validation("Health check timeout '" + std::to_string(check.timeout_seconds) +
                                 "' must be smaller than the interval '" +
                                 std::to_string(check.interval_seconds) + "'");
    }
    if (auto it = input.find("Matcher"); it != input.end()) {
        if (!http_check) {
            throw errors::validation("Health check matcher cannot be set for TCP health checks");
        }
        if (it->contains("GrpcCode")) {
            throw errors::validation("A gRPC matcher needs the GRPC protocol version");
        }
        auto code = it->value("HttpCode", std::string());
        int high = http_group ? 499 : 599;
        if (!valid_matcher(code, 200, high)) {
            throw errors::validation("Health check matcher HTTP code '" + code +
                                     "' must be within '200-" + std::to_string(high) + "'");
        }
        check.matcher_http_code = code;
    }
}

}  // namespace berth::api::elbv2
