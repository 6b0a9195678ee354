#include "berth/app/listen_exposure.hpp"

#include <gtest/gtest.h>

namespace berth::app {
namespace {

TEST(ListenExposure, LoopbackAddressesAreOnlyThisHosts) {
    for (const auto* host : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "::ffff:127.0.0.1"}) {
        EXPECT_TRUE(is_loopback_host(host)) << host;
        EXPECT_FALSE(listen_exposure_warning(host)) << host;
    }
}

TEST(ListenExposure, AnyOtherAddressOrANameMayBeReachedFromElsewhere) {
    for (const auto* host : {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "fe80::1",
                             "::ffff:10.0.0.1", "example.com", "localhost.example.com"}) {
        EXPECT_FALSE(is_loopback_host(host)) << host;
        EXPECT_TRUE(listen_exposure_warning(host)) << host;
    }
}

TEST(ListenExposure, TheWarningNamesTheAddressAndTheRisk) {
    const auto warning = listen_exposure_warning("0.0.0.0");
    ASSERT_TRUE(warning);
    EXPECT_NE(warning->find("--listen 0.0.0.0"), std::string::npos) << *warning;
    EXPECT_NE(warning->find("no authentication"), std::string::npos) << *warning;
    EXPECT_NE(warning->find("anyone who can reach this port can run containers"), std::string::npos)
        << *warning;
    EXPECT_NE(warning->find("root"), std::string::npos) << *warning;
}

}  // namespace
}  // namespace berth::app
