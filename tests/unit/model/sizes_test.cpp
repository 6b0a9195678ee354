#include "berth/model/sizes.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

TEST(Sizes, CpuUnitsAsEcsAccepts) {
    const std::pair<const char*, std::int64_t> rows[] = {
        {"256", 256},    {"0.25 vCPU", 256}, {".25 vcpu", 256},  {"1 vCPU", 1024},
        {"2vCPU", 2048}, {" 4 VCPU ", 4096}, {"16 vCPU", 16384},
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(parse_cpu_units(in), out) << in;
    for (const char* bad : {"", "vCPU", "0", "0.1 vCPU", "1 core", "-256", "12x", "lots"}) {
        EXPECT_EQ(parse_cpu_units(bad), std::nullopt) << bad;
    }
}

TEST(Sizes, MemoryMibAsEcsAccepts) {
    const std::pair<const char*, std::int64_t> rows[] = {
        {"512", 512},   {"512 MiB", 512}, {"512MB", 512},  {"1 GB", 1024},
        {"0.5GB", 512}, {"30 gb", 30720}, {"2 GiB", 2048}, {"2 GB", 2048},
    };
    for (const auto& [in, out] : rows) EXPECT_EQ(parse_memory_mib(in), out) << in;
    for (const char* bad : {"", "GB", "0", "1 TB", "lots", "0.3 MiB"}) {
        EXPECT_EQ(parse_memory_mib(bad), std::nullopt) << bad;
    }
}

}  // namespace
}  // namespace berth::model
