#include "runtime/task_dns.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

docker::NetworkInfo network(const std::string& subnet, const std::string& gateway) {
    docker::NetworkInfo n;
    n.subnet = subnet;
    n.gateway = gateway;
    return n;
}

TEST(TaskDns, GatewayIsTheConfiguredOne) {
    EXPECT_EQ(gateway_of(network("172.18.0.0/16", "172.18.42.1")), "172.18.42.1");
}

TEST(TaskDns, GatewayDefaultsToTheSubnetsFirstAddress) {
    // The default bridge of Docker 20.10 inspects as {"Subnet": "172.17.0.0/16"} alone.
    EXPECT_EQ(gateway_of(network("172.17.0.0/16", "")), "172.17.0.1");
    EXPECT_EQ(gateway_of(network("10.1.2.64/26", "")), "10.1.2.65");
}

TEST(TaskDns, NoIpv4GatewayNoResolver) {
    EXPECT_EQ(gateway_of(network("", "")), std::nullopt);
    EXPECT_EQ(gateway_of(network("fd00::/64", "fd00::1")), std::nullopt);
    EXPECT_EQ(gateway_of(network("10.0.0.0/32", "")), std::nullopt);
}

}  // namespace
}  // namespace berth::runtime
