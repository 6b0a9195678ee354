// DeleteService through the JSON API, and what a service means for its cluster.
#include "services_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class DeleteService : public ServicesTest {
  protected:
    void SetUp() override {
        create_cluster();
        register_bridge("web");
        create_service("web");
    }
};

TEST_F(DeleteService, AScaledServiceNeedsForce) {
    auto [type, message] = error_of("DeleteService", {{"service", "web"}});
    EXPECT_EQ(type, "InvalidParameterException");
    EXPECT_EQ(message, "The service cannot be stopped while it is scaled above 0.");
    EXPECT_EQ(describe_service("web")["status"], "ACTIVE");

    auto s = call("DeleteService", {{"service", "web"}, {"force", true}})["service"];
    EXPECT_EQ(s["status"], "DRAINING");
    EXPECT_EQ(s["desiredCount"], 0);
    EXPECT_EQ(s["deployments"][0]["desiredCount"], 0);
    EXPECT_EQ(describe_service("web")["status"], "DRAINING");
}

TEST_F(DeleteService, AServiceAtZeroGoesWithoutForce) {
    call("UpdateService", {{"service", "web"}, {"desiredCount", 0}});
    EXPECT_EQ(call("DeleteService", {{"service", "web"}})["service"]["status"], "DRAINING");
}

TEST_F(DeleteService, DrainingAnswersAgainAndInactiveIsNotActive) {
    call("DeleteService", {{"service", "web"}, {"force", true}});
    EXPECT_EQ(call("DeleteService", {{"service", "web"}})["service"]["status"], "DRAINING");
    store.write(key, [&](model::Partition& p) {
        p.services.at(service_arn("web")).status =
            model::ServiceStatus::inactive;  // the controller, once drained
    });
    EXPECT_EQ(error_of("DeleteService", {{"service", "web"}}).first, "ServiceNotActiveException");
    // Still describable, as on ECS, but no longer listed.
    EXPECT_EQ(describe_service("web")["status"], "INACTIVE");
    EXPECT_EQ(call("ListServices", json::object())["serviceArns"], json::array());
    EXPECT_EQ(error_of("DeleteService", {{"service", "nope"}}).first, "ServiceNotFoundException");
}

TEST_F(DeleteService, AClusterWithAnActiveOrDrainingServiceCannotBeDeleted) {
    auto [type, message] = error_of("DeleteCluster", {{"cluster", "default"}});
    EXPECT_EQ(type, "ClusterContainsServicesException");
    call("DeleteService", {{"service", "web"}, {"force", true}});
    EXPECT_EQ(error_of("DeleteCluster", {{"cluster", "default"}}).first,
              "ClusterContainsServicesException");
    store.write(key, [&](model::Partition& p) {
        p.services.at(service_arn("web")).status = model::ServiceStatus::inactive;
    });
    EXPECT_EQ(call("DeleteCluster", {{"cluster", "default"}})["cluster"]["status"], "INACTIVE");
}

TEST_F(DeleteService, TheClusterCountsItsServices) {
    auto c = call("DescribeClusters", {{"clusters", json::array({"default"})}})["clusters"][0];
    EXPECT_EQ(c["activeServicesCount"], 1);
    call("DeleteService", {{"service", "web"}, {"force", true}});
    c = call("DescribeClusters", {{"clusters", json::array({"default"})}})["clusters"][0];
    EXPECT_EQ(c["activeServicesCount"], 0);
}

TEST_F(DeleteService, ListTasksFiltersByAServiceThatExists) {
    EXPECT_EQ(call("ListTasks", {{"serviceName", "web"}})["taskArns"], json::array());
    EXPECT_EQ(call("ListTasks", {{"serviceName", service_arn("web")}})["taskArns"], json::array());
    EXPECT_EQ(error_of("ListTasks", {{"serviceName", "nope"}}).first, "ServiceNotFoundException");
}

}  // namespace
}  // namespace berth::api::ecs::testing
