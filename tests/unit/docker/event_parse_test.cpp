#include <gtest/gtest.h>

#include "berth/docker/events.hpp"

namespace berth::docker {
namespace {

// A die event as Docker 20.10 (API 1.41) sends it.
constexpr const char* k_die =
    R"({"status":"die","id":"4f2c","from":"busybox","Type":"container","Action":"die",)"
    R"("Actor":{"ID":"4f2c","Attributes":{"exitCode":"137","image":"busybox","name":"web",)"
    R"("com.amazonaws.ecs.cluster":"default"}},"scope":"local","time":1700000000,)"
    R"("timeNano":1700000000123456789})";

TEST(EventParse, DieEventCarriesExitCodeAndLabels) {
    const auto event = parse_event(k_die);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->type, "container");
    EXPECT_EQ(event->action, "die");
    EXPECT_EQ(event->detail, "");
    EXPECT_EQ(event->id, "4f2c");
    EXPECT_EQ(event->time_nano, 1700000000123456789);
    EXPECT_EQ(event->exit_code(), 137);
    EXPECT_EQ(event->attribute("name"), "web");
    EXPECT_EQ(event->attribute("com.amazonaws.ecs.cluster"), "default");
    EXPECT_EQ(event->attribute("missing"), "");
}

TEST(EventParse, HealthStatusSplitsIntoActionAndDetail) {
    const auto event = parse_event(
        R"({"Type":"container","Action":"health_status: unhealthy",)"
        R"("Actor":{"ID":"abc","Attributes":{"name":"x"}},"time":5,"timeNano":5000000001})");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->action, "health_status");
    EXPECT_EQ(event->detail, "unhealthy");
    EXPECT_FALSE(event->exit_code());
}

TEST(EventParse, ExecActionsKeepTheirCommandAsDetail) {
    const auto event = parse_event(
        R"({"Type":"container","Action":"exec_start: sh -c echo a: b","Actor":{"ID":"c1"}})");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->action, "exec_start");
    EXPECT_EQ(event->detail, "sh -c echo a: b");
}

TEST(EventParse, NetworkEvent) {
    const auto event = parse_event(
        R"({"Type":"network","Action":"connect","Actor":{"ID":"net1",)"
        R"("Attributes":{"container":"c1","name":"bridge","type":"bridge"}},"timeNano":7})");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->type, "network");
    EXPECT_EQ(event->action, "connect");
    EXPECT_EQ(event->attribute("container"), "c1");
}

TEST(EventParse, LegacyFieldsOnly) {
    const auto event = parse_event(R"({"status":"start","id":"old1","from":"img","time":12})");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->type, "container");
    EXPECT_EQ(event->action, "start");
    EXPECT_EQ(event->id, "old1");
    EXPECT_EQ(event->time_nano, 12'000'000'000);
}

TEST(EventParse, RejectsWhatIsNotAnEvent) {
    EXPECT_FALSE(parse_event(""));
    EXPECT_FALSE(parse_event("not json"));
    EXPECT_FALSE(parse_event("[1,2]"));
    EXPECT_FALSE(parse_event(R"({"Type":"container"})"));               // no action
    EXPECT_FALSE(parse_event(R"({"Action":"die","Actor":{"ID":5}})"));  // wrong member type
}

TEST(EventParse, NonNumericExitCodeIsAbsent) {
    const auto event =
        parse_event(R"({"Action":"die","Actor":{"ID":"a","Attributes":{"exitCode":"x1"}}})");
    ASSERT_TRUE(event);
    EXPECT_FALSE(event->exit_code());
}

}  // namespace
}  // namespace berth::docker
