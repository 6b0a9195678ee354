// The task endpoints on a Store, an index and a stats store filled in by hand (as the runtime
// would), answering requests as a container sends them.
#include "berth/edge/task_endpoints.hpp"

#include <optional>

#include <gtest/gtest.h>

#include "berth/model/arn.hpp"
#include "edge/task_endpoints/metadata_json.hpp"

namespace berth::edge {
namespace {

using nlohmann::json;

const model::PartitionKey k_partition{"000000000000", "us-east-1"};
const std::string k_task_arn =
    "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef";
const std::string k_role = "arn:aws:iam::000000000000:role/app";

class TaskEndpointsTest : public testing::Test {
  protected:
    void SetUp() override {
        store.write(k_partition, [](model::Partition& p) {
            model::Task t;
            t.arn = k_task_arn;
            t.id = "0123456789abcdef0123456789abcdef";
            t.cluster_arn = "arn:aws:ecs:us-east-1:000000000000:cluster/default";
            t.family = "web";
            t.revision = 4;
            t.launch_type = model::LaunchType::fargate;
            t.cpu = "512";
            t.memory = "1024";
            t.last_status = model::TaskStatus::running;
            t.availability_zone = "us-east-1a";
            t.pull_started_at = model::TimePoint(std::chrono::seconds(1'700'000'000));
            t.attachments =
                json::array({{{"type", "ElasticNetworkInterface"},
                              {"details",
                               {{{"name", "privateIPv4Address"}, {"value", "172.20.0.5"}},
                                {{"name", "macAddress"}, {"value", "02:42:ac:14:00:05"}}}}}});
            model::TaskContainer c;
            c.name = "app";
            c.arn = "arn:aws:ecs:us-east-1:000000000000:container/default/x/y";
            c.image = "busybox";
            c.image_digest = "sha256:abc";
            c.runtime_id = "d0cker1d";
            c.known_status = model::ContainerStatus::running;
            t.containers.push_back(c);
            p.tasks[t.arn] = t;
        });
        model::TaskEndpoints e;
        e.partition = k_partition;
        e.task_arn = k_task_arn;
        e.task_id = "0123456789abcdef0123456789abcdef";
        e.network_mode = "awsvpc";
        e.role_arn = k_role;
        e.credentials_id = "cred-1";
        e.sandbox = {"172.20.0.5", "172.20.0.1", 16, "02:42:ac:14:00:05"};
        e.containers.push_back({"app", "meta-1", "ecs-web-4-app-abc", {{"k", "v"}}, {}});
        index.put(e);
    }

    http::Response get(const std::string& target) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        EXPECT_TRUE(TaskEndpoints::serves(r)) << target;
        return endpoints.handle(r);
    }
    json get_json(const std::string& target, int status = 200) {
        auto r = get(target);
        EXPECT_EQ(r.status, status) << target << ": " << r.body;
        return json::parse(r.body);
    }

    model::Store store;
    model::TaskEndpointIndex index;
    model::ContainerStatsStore stats;
    model::CredentialStore credentials;
    TaskEndpoints endpoints{{store, index, stats, credentials, std::chrono::milliseconds(10)}};
};

TEST_F(TaskEndpointsTest, TaskMetadataV4) {
    auto task = get_json("/v4/meta-1/task");
    EXPECT_EQ(task["TaskARN"], k_task_arn);
    EXPECT_EQ(task["Family"], "web");
    EXPECT_EQ(task["Revision"], "4");
    EXPECT_EQ(task["KnownStatus"], "RUNNING");
    EXPECT_EQ(task["DesiredStatus"], "RUNNING");
    EXPECT_EQ(task["LaunchType"], "FARGATE");
    EXPECT_EQ(task["AvailabilityZone"], "us-east-1a");
    EXPECT_EQ(task["Limits"], json({{"CPU", 0.5}, {"Memory", 1024}}));
    EXPECT_EQ(task["PullStartedAt"], "2023-11-14T22:13:20Z");
    ASSERT_EQ(task["Containers"].size(), 1u);
    const auto& c = task["Containers"][0];
    EXPECT_EQ(c["DockerId"], "d0cker1d");
    EXPECT_EQ(c["DockerName"], "ecs-web-4-app-abc");
    EXPECT_EQ(c["ImageID"], "sha256:abc");
    EXPECT_EQ(c["Labels"], json({{"k", "v"}}));
    EXPECT_EQ(c["KnownStatus"], "RUNNING");
    EXPECT_EQ(c["Type"], "NORMAL");
    const auto& net = c["Networks"][0];
    EXPECT_EQ(net["NetworkMode"], "awsvpc");
    EXPECT_EQ(net["IPv4Addresses"], json::array({"172.20.0.5"}));
    EXPECT_EQ(net["MACAddress"], "02:42:ac:14:00:05");
    EXPECT_EQ(net["IPv4SubnetCIDRBlock"], "172.20.0.0/16");
    EXPECT_EQ(net["SubnetGatewayIpv4Address"], "172.20.0.1/16");
}

TEST_F(TaskEndpointsTest, ContainerMetadataAndV3) {
    auto c = get_json("/v4/meta-1");
    EXPECT_EQ(c["Name"], "app");
    EXPECT_EQ(c["ContainerARN"], "arn:aws:ecs:us-east-1:000000000000:container/default/x/y");
    auto v3 = get_json("/v3/meta-1/task");
    EXPECT_FALSE(v3.contains("LaunchType"));
    EXPECT_FALSE(v3["Containers"][0].contains("ContainerARN"));
    EXPECT_FALSE(v3["Containers"][0]["Networks"][0].contains("MACAddress"));
}

TEST_F(TaskEndpointsTest, UnknownIdsAndPaths) {
    EXPECT_EQ(get("/v4/nope/task").status, 404);
    EXPECT_EQ(get("/v4/meta-1/elsewhere").status, 404);
    EXPECT_EQ(get_json("/v2/credentials/nope", 400)["code"], "InvalidIdInRequest");
    EXPECT_EQ(get_json("/v2/credentials", 400)["code"], "NoIdInRequest");
    index.forget(k_task_arn);
    EXPECT_EQ(get("/v4/meta-1").status, 404);
}

TEST_F(TaskEndpointsTest, CredentialsAreTheRolesAndKnownToTheStore) {
    auto c = get_json("/v2/credentials/cred-1");
    EXPECT_EQ(c["RoleArn"], k_role);
    auto issued = credentials.find(c["AccessKeyId"].get<std::string>(), model::Clock::now());
    ASSERT_TRUE(issued);
    EXPECT_EQ(issued->secret_access_key, c["SecretAccessKey"]);
    EXPECT_EQ(issued->session_token, c["Token"]);
    EXPECT_EQ(issued->assumed_role_arn,
              "arn:aws:sts::000000000000:assumed-role/app/0123456789abcdef0123456789abcdef");
    EXPECT_EQ(c["Expiration"], rfc3339(issued->expiration));
    // The same credentials while they are fresh.
    EXPECT_EQ(get_json("/v2/credentials/cred-1")["AccessKeyId"], c["AccessKeyId"]);
}

TEST_F(TaskEndpointsTest, StatsAreTheSamplersAndAskForMore) {
    EXPECT_EQ(get("/v4/meta-1/stats").status, 500);  // no sample within the wait
    EXPECT_EQ(stats.wanted_since(model::Clock::now() - std::chrono::seconds(5)),
              std::vector<std::string>{k_task_arn});
    EXPECT_EQ(get_json("/v4/meta-1/task/stats"), json({{"d0cker1d", nullptr}}));
    stats.put("d0cker1d", {{"memory_stats", {{"usage", 1}}}});
    EXPECT_EQ(get_json("/v4/meta-1/stats")["memory_stats"]["usage"], 1);
    EXPECT_EQ(get_json("/v4/meta-1/task/stats")["d0cker1d"]["memory_stats"]["usage"], 1);
}

TEST_F(TaskEndpointsTest, OnlyItsOwnPaths) {
    http::Request r;
    r.method = "POST";
    r.target = "/";
    EXPECT_FALSE(TaskEndpoints::serves(r));
    r.target = "/v4/meta-1";
    EXPECT_EQ(endpoints.handle(r).status, 405);
}

// The task protection endpoint ($ECS_AGENT_URI/task-protection/v1/state), as the agent answers.
class TaskProtectionEndpointTest : public TaskEndpointsTest {
  protected:
    static constexpr const char* k_path = "/api/meta-1/task-protection/v1/state";

    void own_by_service() {
        store.write(k_partition,
                    [](model::Partition& p) { p.tasks.at(k_task_arn).service_name = "web"; });
    }
    std::optional<model::TimePoint> protected_until() {
        return store.read(k_partition, [](const model::Partition& p) {
            return p.tasks.at(k_task_arn).protected_until;
        });
    }
    http::Response call(const std::string& method, const std::string& body = "",
                        const std::string& target = k_path) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        EXPECT_TRUE(TaskEndpoints::serves(r)) << target;
        return endpoints.handle(r);
    }
    json call_json(const std::string& method, const std::string& body, int status) {
        auto r = call(method, body);
        EXPECT_EQ(r.status, status) << method << " " << body << ": " << r.body;
        return json::parse(r.body);
    }
};

TEST_F(TaskProtectionEndpointTest, AServiceTaskProtectsItselfAndReadsItBack) {
    own_by_service();
    const auto before = model::Clock::now();
    auto put = call_json("PUT", R"({"ProtectionEnabled":true,"ExpiresInMinutes":60})", 200);
    EXPECT_EQ(put["protection"]["ProtectionEnabled"], true);
    EXPECT_EQ(put["protection"]["TaskArn"], k_task_arn);
    ASSERT_TRUE(protected_until());
    EXPECT_GE(*protected_until(), before + std::chrono::minutes(60));
    EXPECT_LE(*protected_until(), model::Clock::now() + std::chrono::minutes(60));
    EXPECT_EQ(put["protection"]["ExpirationDate"], rfc3339(*protected_until()));
    EXPECT_FALSE(put.contains("requestID"));

    EXPECT_EQ(call_json("GET", "", 200), put);

    auto off = call_json("PUT", R"({"ProtectionEnabled":false})", 200);
    EXPECT_EQ(
        off["protection"],
        json({{"ExpirationDate", nullptr}, {"ProtectionEnabled", false}, {"TaskArn", k_task_arn}}));
    EXPECT_FALSE(protected_until());
}

TEST_F(TaskProtectionEndpointTest, WithoutExpiresInMinutesItLastsTwoHours) {
    own_by_service();
    const auto before = model::Clock::now();
    call_json("PUT", R"({"ProtectionEnabled":true,"ExpiresInMinutes":null})", 200);
    ASSERT_TRUE(protected_until());
    EXPECT_GE(*protected_until(), before + std::chrono::minutes(120));
    EXPECT_LE(*protected_until(), model::Clock::now() + std::chrono::minutes(120));
}

TEST_F(TaskProtectionEndpointTest, AStandaloneTaskGetsEcsFailure) {
    auto put = call_json("PUT", R"({"ProtectionEnabled":true})", 200);
    EXPECT_EQ(put,
              json({{"failure",
                     {{"Arn", k_task_arn}, {"Detail", nullptr}, {"Reason", "TASK_NOT_VALID"}}}}));
    EXPECT_FALSE(protected_until());
    EXPECT_EQ(call_json("GET", "", 200), put);
}

TEST_F(TaskProtectionEndpointTest, BodiesTheAgentCannotDecode) {
    own_by_service();
    for (const char* body :
         {R"({"ProtectionEnabled":true,"ExpiresInMinutes":"badType"})",
          R"({"ProtectionEnabled":false,"UnknownField":5})",
          R"({"ProtectionEnabled":true,"ExpiresInMinutes":60.5})", "", "\"\"", "{"}) {
        auto r = call_json("PUT", body, 400);
        EXPECT_EQ(r, json({{"error",
                            {{"Code", "InvalidParameterException"},
                             {"Message", "UpdateTaskProtection: failed to decode request"}}}}))
            << body;
    }
    for (const char* body : {"{}", "null", R"({"ExpiresInMinutes":5})"}) {
        auto r = call_json("PUT", body, 400);
        EXPECT_EQ(r["error"]["Arn"], k_task_arn) << body;
        EXPECT_EQ(r["error"]["Message"],
                  "Invalid request: does not contain 'ProtectionEnabled' field");
    }
    EXPECT_FALSE(protected_until());
}

TEST_F(TaskProtectionEndpointTest, ExpiresInMinutesOutsideEcsRangeIsEcsError) {
    own_by_service();
    for (const char* body : {R"({"ProtectionEnabled":true,"ExpiresInMinutes":0})",
                             R"({"ProtectionEnabled":true,"ExpiresInMinutes":2881})"}) {
        auto r = call_json("PUT", body, 400);
        EXPECT_EQ(r["error"]["Code"], "InvalidParameterException") << body;
        EXPECT_EQ(r["error"]["Arn"], k_task_arn);
        EXPECT_EQ(r["error"]["Message"], "expiresInMinutes must be between 1 and 2880 minutes.");
        EXPECT_TRUE(r["requestID"].is_string());  // ECS's exceptions carry its request id
    }
    EXPECT_FALSE(protected_until());
}

TEST_F(TaskProtectionEndpointTest, ATaskWithoutARoleHasNoCredentialsToCallEcsWith) {
    own_by_service();
    auto e = *index.by_task_arn(k_task_arn);
    e.role_arn.clear();
    e.credentials_id.clear();
    index.put(e);
    for (const char* method : {"GET", "PUT"}) {
        auto r = call_json(method, R"({"ProtectionEnabled":true})", 403);
        EXPECT_EQ(r, json({{"error",
                            {{"Arn", k_task_arn},
                             {"Code", "AccessDeniedException"},
                             {"Message",
                              "Invalid Request: no task IAM role credentials available for "
                              "task"}}}}));
    }
    EXPECT_FALSE(protected_until());
}

TEST_F(TaskProtectionEndpointTest, UnknownIdsGoneTasksOtherMethodsAndPaths) {
    auto r = call("GET", "", "/api/nope/task-protection/v1/state");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json::parse(r.body)["error"]["Code"], "ResourceNotFoundException");
    store.write(k_partition, [](model::Partition& p) { p.tasks.erase(k_task_arn); });
    r = call("GET");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(json::parse(r.body)["error"]["Message"], "Failed to find a task for the request");
    EXPECT_EQ(call("POST").status, 405);
    EXPECT_EQ(call("GET", "", "/api/meta-1/task-protection/v2/state").status, 404);
    EXPECT_EQ(call("GET", "", "/api/meta-1").status, 404);
}

TEST(Rfc3339, TrimsTrailingZerosOfTheNanoseconds) {
    using namespace std::chrono;
    auto t = model::TimePoint(seconds(1'600'000'000)) +
             duration_cast<model::Clock::duration>(microseconds(445'271));
    EXPECT_EQ(rfc3339(t), "2020-09-13T12:26:40.445271Z");
}

}  // namespace
}  // namespace berth::edge
