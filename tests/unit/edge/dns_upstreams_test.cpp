// Where forwarded questions go (berth/edge/dns.hpp): flags and resolv.conf.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "berth/edge/dns.hpp"

namespace berth::edge {
namespace {

TEST(DnsUpstreams, ParseAddressesWithAndWithoutPorts) {
    EXPECT_EQ(parse_dns_upstream("10.0.0.2"), (DnsUpstream{"10.0.0.2", 53}));
    EXPECT_EQ(parse_dns_upstream("127.0.0.1:5353"), (DnsUpstream{"127.0.0.1", 5353}));
    EXPECT_EQ(parse_dns_upstream("fd00::1"), (DnsUpstream{"fd00::1", 53}));
    EXPECT_EQ(parse_dns_upstream("[::1]:5353"), (DnsUpstream{"::1", 5353}));
    for (const char* bad : {"", "dns.example", "10.0.0.2:", "10.0.0.2:0", "10.0.0.2:65536",
                            "10.0.0.2:53x", "[::1", "[::1]5353", "300.1.1.1"}) {
        EXPECT_FALSE(parse_dns_upstream(bad)) << bad;
    }
}

TEST(DnsUpstreams, ReadNameserversFromResolvConf) {
    auto servers = resolv_conf_nameservers(
        "# comment\nsearch example.internal\nnameserver 10.0.0.2\n"
        "nameserver   fd00::53\nnameserver fe80::1%eth0\nnameserver bogus\noptions ndots:2\n");
    EXPECT_EQ(servers, (std::vector<DnsUpstream>{{"10.0.0.2", 53}, {"fd00::53", 53}}));
}

class EngineUpstreams : public testing::Test {
  protected:
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("berth-dns-" + std::to_string(::getpid()));
    void SetUp() override { std::filesystem::create_directories(dir); }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::string file(const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    }
};

TEST_F(EngineUpstreams, DropLoopbackServersAsDockerdDoes) {
    auto conf = file("resolv.conf", "nameserver 127.0.0.1\nnameserver 10.0.0.2\n");
    EXPECT_EQ(engine_dns_upstreams(conf, file("none", "")),
              (std::vector<DnsUpstream>{{"10.0.0.2", 53}}));
}

TEST_F(EngineUpstreams, UseSystemdResolvedsFileBehindItsStub) {
    auto conf = file("resolv.conf", "nameserver 127.0.0.53\n");
    auto systemd = file("systemd.conf", "nameserver 192.0.2.53\n");
    EXPECT_EQ(engine_dns_upstreams(conf, systemd), (std::vector<DnsUpstream>{{"192.0.2.53", 53}}));
}

TEST_F(EngineUpstreams, FallBackToDockerdsDefaults) {
    auto conf = file("resolv.conf", "search example\n");
    EXPECT_EQ(engine_dns_upstreams(conf, file("none", "")),
              (std::vector<DnsUpstream>{{"8.8.8.8", 53}, {"8.8.4.4", 53}}));
}

}  // namespace
}  // namespace berth::edge
