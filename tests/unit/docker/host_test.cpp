#include <gtest/gtest.h>

#include "berth/docker/error.hpp"
#include "berth/docker/host.hpp"

namespace berth::docker {
namespace {

TEST(Host, DefaultUnixSocket) {
    const auto host = parse_host(k_default_host);
    EXPECT_TRUE(host.is_unix());
    EXPECT_EQ(host.socket_path, "/var/run/docker.sock");
    EXPECT_EQ(host.base_url, "http://localhost");
    EXPECT_EQ(host.original, "unix:///var/run/docker.sock");
}

TEST(Host, BarePathIsAUnixSocket) {
    const auto host = parse_host("/tmp/other/docker.sock");
    EXPECT_TRUE(host.is_unix());
    EXPECT_EQ(host.socket_path, "/tmp/other/docker.sock");
}

TEST(Host, TcpWithPort) {
    const auto host = parse_host("tcp://127.0.0.1:2375");
    EXPECT_FALSE(host.is_unix());
    EXPECT_EQ(host.base_url, "http://127.0.0.1:2375");
}

TEST(Host, TcpDefaultsToPort2375) {
    EXPECT_EQ(parse_host("tcp://docker-box").base_url, "http://docker-box:2375");
    EXPECT_EQ(parse_host("tcp://docker-box/").base_url, "http://docker-box:2375");
    EXPECT_EQ(parse_host("tcp://[::1]").base_url, "http://[::1]:2375");
    EXPECT_EQ(parse_host("tcp://[::1]:2376").base_url, "http://[::1]:2376");
}

TEST(Host, RejectsWhatWeCannotSpeak) {
    EXPECT_THROW(parse_host("ssh://user@box"), DockerError);
    EXPECT_THROW(parse_host("https://box:2376"), DockerError);
    EXPECT_THROW(parse_host("npipe:////./pipe/docker_engine"), DockerError);
    EXPECT_THROW(parse_host("unix://relative/path"), DockerError);
    EXPECT_THROW(parse_host("tcp://"), DockerError);
    EXPECT_THROW(parse_host("tcp://box:2375/some/path"), DockerError);
    EXPECT_THROW(parse_host(""), DockerError);
}

}  // namespace
}  // namespace berth::docker
