#include "berth/model/task_status.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

constexpr TaskStatus k_all[] = {TaskStatus::provisioning, TaskStatus::pending,
                                TaskStatus::activating,   TaskStatus::running,
                                TaskStatus::deactivating, TaskStatus::stopping,
                                TaskStatus::deprovisioning, TaskStatus::stopped};

TEST(TaskStatus, NamesRoundTrip) {
    for (auto s : k_all) EXPECT_EQ(parse_task_status(to_string(s)), s);
    EXPECT_EQ(to_string(TaskStatus::provisioning), "PROVISIONING");
    EXPECT_EQ(to_string(TaskStatus::stopped), "STOPPED");
    EXPECT_FALSE(parse_task_status("running"));
}

TEST(TaskStatus, TransitionsOnlyMoveForward) {
    for (auto from : k_all) {
        for (auto to : k_all) {
            bool forward = static_cast<int>(to) > static_cast<int>(from);
            EXPECT_EQ(is_allowed_transition(from, to), forward)
                << to_string(from) << " -> " << to_string(to);
        }
    }
}

TEST(HealthStatus, Names) {
    EXPECT_EQ(to_string(HealthStatus::unknown), "UNKNOWN");
    EXPECT_EQ(to_string(HealthStatus::healthy), "HEALTHY");
    EXPECT_EQ(to_string(HealthStatus::unhealthy), "UNHEALTHY");
}

}  // namespace
}  // namespace berth::model
