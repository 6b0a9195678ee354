#include <gtest/gtest.h>

#include <set>
#include <string>

#include "berth/api/servicediscovery/servicediscovery_api.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::servicediscovery {
namespace {

using nlohmann::json;

class CloudMap : public ::testing::Test {
  protected:
    model::ServiceDiscoveryStore store;
    std::unique_ptr<protocol::JsonService> api = make_servicediscovery_service({store});
    protocol::RequestContext ctx{"123456789012", "us-east-1", "AKID", "req"};

    json call(const std::string& op, const json& body) { return api->invoke(op, ctx, body.dump()); }
    std::string error(const std::string& op, const json& body) {
        try {
            call(op, body);
        } catch (const protocol::AwsError& e) {
            return e.type();
        }
        return "none";
    }
    // The namespace an operation created.
    std::string namespace_of(const json& created) {
        auto op = call("GetOperation", {{"OperationId", created.at("OperationId")}});
        return op["Operation"]["Targets"]["NAMESPACE"].get<std::string>();
    }
    std::string private_namespace(const std::string& name) {
        return namespace_of(call("CreatePrivateDnsNamespace", {{"Name", name}, {"Vpc", "vpc-1"}}));
    }
    std::string a_service(const std::string& ns, const std::string& name, bool custom = false) {
        json body{{"Name", name},
                  {"NamespaceId", ns},
                  {"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 10}}}}}}};
        if (custom) body["HealthCheckCustomConfig"] = json::object();
        return call("CreateService", body)["Service"]["Id"].get<std::string>();
    }
    void register_ip(const std::string& service, const std::string& id, const std::string& ip) {
        call("RegisterInstance", {{"ServiceId", service},
                                  {"InstanceId", id},
                                  {"Attributes", {{"AWS_INSTANCE_IPV4", ip}, {"color", id}}}});
    }
};

TEST_F(CloudMap, NamespaceOperationsReadSubmittedThenSuccess) {
    auto created = call("CreateHttpNamespace", {{"Name", "apps"}});
    const auto id = created.at("OperationId").get<std::string>();
    auto first = call("GetOperation", {{"OperationId", id}})["Operation"];
    EXPECT_EQ(first["Status"], "SUBMITTED");
    EXPECT_EQ(first["Type"], "CREATE_NAMESPACE");
    EXPECT_EQ(call("GetOperation", {{"OperationId", id}})["Operation"]["Status"], "SUCCESS");
    auto listed =
        call("ListOperations", {{"Filters", {{{"Name", "STATUS"}, {"Values", {"SUCCESS"}}}}}});
    ASSERT_EQ(listed["Operations"].size(), 1u);
    EXPECT_EQ(error("GetOperation", {{"OperationId", "nope"}}), "OperationNotFound");
}

TEST_F(CloudMap, NamespacesAreListedFilteredAndDeletedWhenEmpty) {
    auto ns = private_namespace("demo.local");
    call("CreateHttpNamespace", {{"Name", "apps"}});
    EXPECT_EQ(error("CreateHttpNamespace", {{"Name", "apps"}}), "NamespaceAlreadyExists");
    auto got = call("GetNamespace", {{"Id", ns}})["Namespace"];
    EXPECT_EQ(got["Type"], "DNS_PRIVATE");
    EXPECT_EQ(got["Properties"]["DnsProperties"]["SOA"]["TTL"], 15);
    EXPECT_EQ(got["Properties"]["HttpProperties"]["HttpName"], "demo.local");
    auto http = call("ListNamespaces", {{"Filters", {{{"Name", "TYPE"}, {"Values", {"HTTP"}}}}}});
    ASSERT_EQ(http["Namespaces"].size(), 1u);
    EXPECT_EQ(http["Namespaces"][0]["Name"], "apps");
    EXPECT_EQ(
        error("ListNamespaces",
              {{"Filters", {{{"Name", "TYPE"}, {"Condition", "BEGINS_WITH"}, {"Values", {"H"}}}}}}),
        "InvalidInput");

    a_service(ns, "backend");
    EXPECT_EQ(error("DeleteNamespace", {{"Id", ns}}), "ResourceInUse");
    EXPECT_EQ(error("GetNamespace", {{"Id", "ns-missing"}}), "NamespaceNotFound");
    call("UpdatePrivateDnsNamespace",
         {{"Id", ns},
          {"Namespace",
           {{"Description", "d"}, {"Properties", {{"DnsProperties", {{"SOA", {{"TTL", 60}}}}}}}}}});
    EXPECT_EQ(call("GetNamespace",
                   {{"Id", ns}})["Namespace"]["Properties"]["DnsProperties"]["SOA"]["TTL"],
              60);
}

TEST_F(CloudMap, ServicesValidateTheirConfigurationAgainstTheNamespace) {
    auto ns = private_namespace("demo.local");
    auto http = namespace_of(call("CreateHttpNamespace", {{"Name", "apps"}}));
    auto sid = a_service(ns, "backend");
    EXPECT_EQ(call("GetService", {{"Id", sid}})["Service"]["Type"], "DNS_HTTP");
    EXPECT_EQ(error("CreateService", {{"Name", "backend"}, {"NamespaceId", ns}}),
              "ServiceAlreadyExists");
    EXPECT_EQ(
        error("CreateService", {{"Name", "x"},
                                {"NamespaceId", http},
                                {"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 1}}}}}}}),
        "InvalidInput");
    EXPECT_EQ(
        error("CreateService",
              {{"Name", "x"}, {"NamespaceId", ns}, {"HealthCheckConfig", {{"Type", "HTTP"}}}}),
        "InvalidInput");  // Route 53 checks are for public namespaces
    EXPECT_EQ(error("CreateService", {{"Name", "x"}, {"NamespaceId", "ns-none"}}),
              "NamespaceNotFound");
    EXPECT_EQ(
        error("CreateService", {{"Name", "x"},
                                {"NamespaceId", ns},
                                {"DnsConfig", {{"DnsRecords", {{{"Type", "B"}, {"TTL", 1}}}}}}}),
        "InvalidInput");  // the model's enum
    EXPECT_EQ(
        error("UpdateService",
              {{"Id", sid},
               {"Service", {{"DnsConfig", {{"DnsRecords", {{{"Type", "SRV"}, {"TTL", 1}}}}}}}}}),
        "InvalidInput");  // record types can't change
    call("UpdateService",
         {{"Id", sid},
          {"Service", {{"DnsConfig", {{"DnsRecords", {{{"Type", "A"}, {"TTL", 99}}}}}}}}});
    EXPECT_EQ(call("GetService", {{"Id", sid}})["Service"]["DnsConfig"]["DnsRecords"][0]["TTL"],
              99);
    auto listed =
        call("ListServices", {{"Filters", {{{"Name", "NAMESPACE_ID"}, {"Values", {ns}}}}}});
    EXPECT_EQ(listed["Services"].size(), 1u);
}

TEST_F(CloudMap, InstancesNeedTheAttributesTheirRecordsUse) {
    auto ns = private_namespace("demo.local");
    auto sid = a_service(ns, "backend");
    EXPECT_EQ(error("RegisterInstance",
                    {{"ServiceId", sid}, {"InstanceId", "i1"}, {"Attributes", {{"x", "y"}}}}),
              "InvalidInput");
    register_ip(sid, "i1", "10.0.0.1");
    EXPECT_EQ(
        call("GetInstance", {{"ServiceId", sid},
                             {"InstanceId", "i1"}})["Instance"]["Attributes"]["AWS_INSTANCE_IPV4"],
        "10.0.0.1");
    EXPECT_EQ(error("DeleteService", {{"Id", sid}}), "ResourceInUse");
    EXPECT_EQ(error("GetInstance", {{"ServiceId", sid}, {"InstanceId", "i9"}}), "InstanceNotFound");
    EXPECT_EQ(store.lookup_dns("backend.demo.local", model::DnsRecordType::a).answers.size(), 1u);
    call("DeregisterInstance", {{"ServiceId", sid}, {"InstanceId", "i1"}});
    EXPECT_EQ(call("ListInstances", {{"ServiceId", sid}})["Instances"].size(), 0u);
    call("DeleteService", {{"Id", sid}});
    EXPECT_EQ(error("GetService", {{"Id", sid}}), "ServiceNotFound");
}

TEST_F(CloudMap, DiscoverFiltersByHealthAndAttributes) {
    auto ns = private_namespace("demo.local");
    auto sid = a_service(ns, "backend", true);
    register_ip(sid, "blue", "10.0.0.1");
    register_ip(sid, "green", "10.0.0.2");
    call("UpdateInstanceCustomHealthStatus",
         {{"ServiceId", sid}, {"InstanceId", "green"}, {"Status", "UNHEALTHY"}});
    auto ids = [&](json body) {
        body["NamespaceName"] = "demo.local";
        body["ServiceName"] = "backend";
        std::set<std::string> out;
        const auto found = call("DiscoverInstances", body);  // kept alive for the loop
        for (const auto& i : found["Instances"]) out.insert(i["InstanceId"].get<std::string>());
        return out;
    };
    EXPECT_EQ(ids(json::object()), (std::set<std::string>{"blue"}));
    EXPECT_EQ(ids({{"HealthStatus", "ALL"}}), (std::set<std::string>{"blue", "green"}));
    EXPECT_EQ(ids({{"HealthStatus", "UNHEALTHY"}}), (std::set<std::string>{"green"}));
    EXPECT_EQ(ids({{"HealthStatus", "ALL"}, {"QueryParameters", {{"color", "green"}}}}),
              (std::set<std::string>{"green"}));
    // OptionalParameters that match nothing are ignored.
    EXPECT_EQ(ids({{"HealthStatus", "ALL"}, {"OptionalParameters", {{"color", "red"}}}}),
              (std::set<std::string>{"blue", "green"}));
    auto health = call("GetInstancesHealthStatus", {{"ServiceId", sid}})["Status"];
    EXPECT_EQ(health["green"], "UNHEALTHY");
    EXPECT_EQ(health["blue"], "HEALTHY");
    EXPECT_EQ(
        error("DiscoverInstances", {{"NamespaceName", "nope.local"}, {"ServiceName", "backend"}}),
        "NamespaceNotFound");
    EXPECT_EQ(
        error("DiscoverInstances", {{"NamespaceName", "demo.local"}, {"ServiceName", "nope"}}),
        "ServiceNotFound");
    auto before = call("DiscoverInstancesRevision",
                       {{"NamespaceName", "demo.local"}, {"ServiceName", "backend"}});
    register_ip(sid, "red", "10.0.0.3");
    auto after = call("DiscoverInstancesRevision",
                      {{"NamespaceName", "demo.local"}, {"ServiceName", "backend"}});
    EXPECT_GT(after["InstancesRevision"].get<long>(), before["InstancesRevision"].get<long>());
}

TEST_F(CloudMap, CustomHealthNeedsACustomHealthCheck) {
    auto ns = private_namespace("demo.local");
    auto sid = a_service(ns, "backend");
    register_ip(sid, "i1", "10.0.0.1");
    EXPECT_EQ(error("UpdateInstanceCustomHealthStatus",
                    {{"ServiceId", sid}, {"InstanceId", "i1"}, {"Status", "HEALTHY"}}),
              "CustomHealthNotFound");
    EXPECT_EQ(call("GetInstancesHealthStatus", {{"ServiceId", sid}})["Status"]["i1"], "UNKNOWN");
}

TEST_F(CloudMap, TagsOnNamespacesAndServices) {
    auto ns = private_namespace("demo.local");
    auto arn = call("GetNamespace", {{"Id", ns}})["Namespace"]["Arn"].get<std::string>();
    call("TagResource", {{"ResourceARN", arn}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}}}});
    EXPECT_EQ(call("ListTagsForResource", {{"ResourceARN", arn}})["Tags"][0]["Value"], "a");
    call("UntagResource", {{"ResourceARN", arn}, {"TagKeys", {"team"}}});
    EXPECT_TRUE(call("ListTagsForResource", {{"ResourceARN", arn}})["Tags"].empty());
    EXPECT_EQ(error("ListTagsForResource",
                    {{"ResourceARN",
                      "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-nope"}}),
              "ResourceNotFoundException");
}

TEST_F(CloudMap, ServiceAttributesMergeAndDelete) {
    auto ns = private_namespace("demo.local");
    auto sid = a_service(ns, "backend");
    call("UpdateServiceAttributes", {{"ServiceId", sid}, {"Attributes", {{"a", "1"}, {"b", "2"}}}});
    call("DeleteServiceAttributes", {{"ServiceId", sid}, {"Attributes", {"a"}}});
    auto got = call("GetServiceAttributes", {{"ServiceId", sid}})["ServiceAttributes"];
    EXPECT_EQ(got["Attributes"], (json{{"b", "2"}}));
}

}  // namespace
}  // namespace berth::api::servicediscovery
