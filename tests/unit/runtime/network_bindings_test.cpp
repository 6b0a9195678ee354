#include "runtime/network_bindings.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using nlohmann::json;

json inspect_with_ports(json ports) {
    json raw;
    raw["NetworkSettings"]["Ports"] = std::move(ports);
    return raw;
}

TEST(NetworkBindings, IPv6BindingsAreLeftOutEvenWhenTheirPortDiffers) {
    // What a long-running Docker 20.10 answers for `-p 0:80`: one dynamic port per family.
    auto raw = inspect_with_ports({{"80/tcp",
                                    {{{"HostIp", "0.0.0.0"}, {"HostPort", "32784"}},
                                     {{"HostIp", "::"}, {"HostPort", "32783"}}}}});
    json expected = json::array({{{"bindIP", "0.0.0.0"},
                                  {"containerPort", 80},
                                  {"hostPort", 32784},
                                  {"protocol", "tcp"}}});
    EXPECT_EQ(bindings_from_inspect(raw), expected);
}

TEST(NetworkBindings, EveryIPv4BindingAndProtocolIsKept) {
    auto raw = inspect_with_ports({{"53/udp", {{{"HostIp", "127.0.0.1"}, {"HostPort", "5353"}}}},
                                   {"8080/tcp", {{{"HostIp", "0.0.0.0"}, {"HostPort", "8080"}}}},
                                   {"9000/tcp", nullptr}});
    auto out = bindings_from_inspect(raw);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0]["bindIP"], "127.0.0.1");
    EXPECT_EQ(out[0]["protocol"], "udp");
    EXPECT_EQ(out[0]["hostPort"], 5353);
    EXPECT_EQ(out[1]["containerPort"], 8080);
}

TEST(NetworkBindings, NoPortsGiveNoBindings) {
    EXPECT_EQ(bindings_from_inspect(inspect_with_ports(nullptr)), json::array());
    EXPECT_EQ(bindings_from_inspect(json::object()), json::array());
}

}  // namespace
}  // namespace berth::runtime
