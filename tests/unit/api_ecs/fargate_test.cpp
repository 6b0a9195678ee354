#include "api/ecs/fargate.hpp"

#include <gtest/gtest.h>

namespace berth::api::ecs {
namespace {

TEST(Fargate, AcceptsEveryPairOfTheTable) {
    struct Row {
        long cpu, from, to, step;
    };
    const Row table[] = {
        {512, 1024, 4096, 1024},   {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
        {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
    };
    for (const auto& row : table) {
        for (long m = row.from; m <= row.to; m += row.step) {
            EXPECT_TRUE(is_fargate_size(row.cpu, m)) << row.cpu << "/" << m;
        }
    }
    for (long m : {512, 1024, 2048}) EXPECT_TRUE(is_fargate_size(256, m)) << m;
}

TEST(Fargate, RefusesPairsOutsideTheTable) {
    const std::pair<long, long> invalid[] = {
        {256, 256},     {256, 3072},     {256, 4096},  {512, 512},    {512, 5120},   {1024, 1024},
        {1024, 9216},   {2048, 2048},    {2048, 3000}, {4096, 31744}, {8192, 18432}, {8192, 65536},
        {16384, 36864}, {16384, 131072}, {128, 512},   {3072, 8192},  {0, 0},
    };
    for (const auto& [cpu, memory] : invalid) {
        EXPECT_FALSE(is_fargate_size(cpu, memory)) << cpu << "/" << memory;
    }
}

TEST(Fargate, NormalizesCpuUnits) {
    const std::pair<const char*, const char*> rows[] = {
        {"256", "256"},    {"0.25 vCPU", "256"}, {"0.5 vcpu", "512"},  {"1 vCPU", "1024"},
        {"2vCPU", "2048"}, {" 4 VCPU ", "4096"}, {"16 vCPU", "16384"},
    };
    for (const auto& [in, out] : rows) {
        auto n = normalize_task_cpu(in);
        ASSERT_TRUE(n) << in;
        EXPECT_EQ(*n, out) << in;
    }
    for (const char* bad : {"", "vCPU", "0", "0.1 vCPU", "1 core", "-256", "12x"}) {
        EXPECT_FALSE(normalize_task_cpu(bad)) << bad;
    }
}

TEST(Fargate, NormalizesMemoryUnits) {
    const std::pair<const char*, const char*> rows[] = {
        {"512", "512"},   {"512 MiB", "512"}, {"512MB", "512"},  {"1 GB", "1024"},
        {"0.5GB", "512"}, {"30 gb", "30720"}, {"2 GiB", "2048"},
    };
    for (const auto& [in, out] : rows) {
        auto n = normalize_task_memory(in);
        ASSERT_TRUE(n) << in;
        EXPECT_EQ(*n, out) << in;
    }
    for (const char* bad : {"", "GB", "0", "1 TB", "lots"}) {
        EXPECT_FALSE(normalize_task_memory(bad)) << bad;
    }
}

}  // namespace
}  // namespace berth::api::ecs
