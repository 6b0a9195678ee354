// Placement: constraints, strategies and resources, directly and through reconcile.
#include "berth/scheduler/placement.hpp"

#include <map>

#include "berth/scheduler/reconcile.hpp"
#include "support.hpp"

namespace berth::scheduler::testing {
namespace {

nlohmann::json attrs(std::initializer_list<std::pair<const char*, const char*>> kv) {
    nlohmann::json out = nlohmann::json::array();
    for (auto [k, v] : kv) out.push_back({{"name", k}, {"value", v}});
    return out;
}

class Placement : public ::testing::Test {
  protected:
    World w;
    // 512 CPU units and 1 GiB per task.
    std::string td =
        w.add_task_definition("web", {{"containerDefinitions", {container_def("app", 512, 1024)}}});

    std::map<std::string, int> spread_of(const Plan& plan) {
        std::map<std::string, int> n;
        for (const auto& s : plan.starts) {
            for (const auto& arn : s.container_instance_arns) ++n[arn];
        }
        return n;
    }
};

TEST_F(Placement, Reconcile_Placement_DefaultSpreadsAcrossInstances) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto c = w.add_instance();
    w.add_service("web", 3, td);
    EXPECT_EQ(spread_of(w.reconcile()), (std::map<std::string, int>{{a, 1}, {b, 1}, {c, 1}}));
}

TEST_F(Placement, Reconcile_Placement_SpreadByAttribute) {
    auto a1 = w.add_instance(4096, 8192, attrs({{"ecs.availability-zone", "us-east-1a"}}));
    auto a2 = w.add_instance(4096, 8192, attrs({{"ecs.availability-zone", "us-east-1a"}}));
    auto b1 = w.add_instance(4096, 8192, attrs({{"ecs.availability-zone", "us-east-1b"}}));
    auto& s = w.add_service("web", 4, td);
    s.placement_strategy =
        model::read_strategies({{{"type", "spread"}, {"field", "attribute:ecs.availability-zone"}},
                                {{"type", "spread"}, {"field", "instanceId"}}});
    auto n = spread_of(w.reconcile());
    EXPECT_EQ(n[a1] + n[a2], 2);
    EXPECT_EQ(n[b1], 2);
    EXPECT_EQ(n[a1], 1) << "ties inside a zone spread by instance";
}

TEST_F(Placement, Reconcile_Placement_SpreadCountsExistingTasks) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto& s = w.add_service("web", 3, td);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    w.add_task(s, s.deployments[0], TaskStatus::running, HealthStatus::unknown, a);
    EXPECT_EQ(spread_of(w.reconcile()), (std::map<std::string, int>{{b, 1}}));
}

TEST_F(Placement, Reconcile_Placement_Binpack) {
    auto roomy = w.add_instance(4096, 8192);
    auto snug = w.add_instance(4096, 3072);  // least memory left: binpack fills it first
    auto& s = w.add_service("web", 4, td);
    s.placement_strategy = model::read_strategies({{{"type", "binpack"}, {"field", "memory"}}});
    auto plan = w.reconcile();
    EXPECT_EQ(plan.starts.at(0).container_instance_arns,
              (std::vector<std::string>{snug, snug, snug, roomy}));
}

TEST_F(Placement, Reconcile_Placement_BinpackCpu) {
    auto small = w.add_instance(1024, 16384);
    auto large = w.add_instance(4096, 16384);
    auto& s = w.add_service("web", 3, td);
    s.placement_strategy = model::read_strategies({{{"type", "binpack"}, {"field", "cpu"}}});
    EXPECT_EQ(w.reconcile().starts.at(0).container_instance_arns,
              (std::vector<std::string>{small, small, large}));
}

TEST_F(Placement, Reconcile_Placement_RandomIsSeeded) {
    for (int i = 0; i < 6; ++i) w.add_instance(8192, 16384);
    auto& s = w.add_service("web", 6, td);
    s.placement_strategy = model::read_strategies({{{"type", "random"}}});
    auto once = w.reconcile({.seed = 42}).starts.at(0).container_instance_arns;
    auto again = w.reconcile({.seed = 42}).starts.at(0).container_instance_arns;
    EXPECT_EQ(once, again) << "same inputs, same plan";
    bool differs = false;
    for (std::uint64_t seed = 1; seed < 20 && !differs; ++seed) {
        differs = w.reconcile({.seed = seed}).starts.at(0).container_instance_arns != once;
    }
    EXPECT_TRUE(differs) << "the seed changes the order";
}

TEST_F(Placement, Reconcile_Placement_DistinctInstance) {
    auto a = w.add_instance();
    auto b = w.add_instance();
    auto& s = w.add_service("web", 3, td);
    s.placement_constraints = model::read_constraints({{{"type", "distinctInstance"}}});
    auto plan = w.reconcile();
    expect_plan(
        plan,
        {.starts = 2,
         .events = {messages::unable_to_place(
             "web", "The closest matching container-instance " + w.p.container_instances.at(a).id +
                        " encountered error \"DistinctInstance placement constraint "
                        "unsatisfied.\".")}});
    EXPECT_EQ(spread_of(plan), (std::map<std::string, int>{{a, 1}, {b, 1}}));
}

TEST_F(Placement, Reconcile_Placement_MemberOf) {
    w.add_instance(4096, 8192, attrs({{"ecs.instance-type", "t2.micro"}}));
    auto large = w.add_instance(4096, 8192, attrs({{"ecs.instance-type", "m5.large"}}));
    auto& s = w.add_service("web", 2, td);
    s.placement_constraints = model::read_constraints(
        {{{"type", "memberOf"}, {"expression", "attribute:ecs.instance-type =~ m5.*"}}});
    EXPECT_EQ(spread_of(w.reconcile()), (std::map<std::string, int>{{large, 2}}));
}

TEST_F(Placement, Reconcile_Placement_MemberOfFromTaskDefinition) {
    std::string pinned = w.add_task_definition(
        "pinned", {{"placementConstraints",
                    {{{"type", "memberOf"}, {"expression", "attribute:stack == blue"}}}}});
    w.add_instance(4096, 8192, attrs({{"stack", "green"}}));
    auto blue = w.add_instance(4096, 8192, attrs({{"stack", "blue"}}));
    w.add_service("pinned", 1, pinned);
    EXPECT_EQ(spread_of(w.reconcile()), (std::map<std::string, int>{{blue, 1}}));
}

TEST_F(Placement, Reconcile_Placement_MemberOfUnsatisfied) {
    auto only = w.add_instance();
    auto& s = w.add_service("web", 1, td);
    s.placement_constraints =
        model::read_constraints({{{"type", "memberOf"}, {"expression", "attribute:gpu exists"}}});
    expect_plan(
        w.reconcile(),
        {.events = {messages::unable_to_place("web", "The closest matching container-instance " +
                                                         w.p.container_instances.at(only).id +
                                                         " encountered error \"MemberOf placement "
                                                         "constraint unsatisfied.\".")}});
}

TEST_F(Placement, Reconcile_Placement_ResourceFit) {
    auto ci = w.add_instance(1024, 4096);  // room for two tasks by CPU
    auto& s = w.add_service("web", 3, td);
    auto plan = w.reconcile();
    expect_plan(
        plan,
        {.starts = 2,
         .events = {messages::unable_to_place(
             "web", "The closest matching container-instance " + w.p.container_instances.at(ci).id +
                        " has insufficient CPU units available.")}});
    w.apply(plan);
    // What is placed but not yet running holds its share: nothing more fits.
    EXPECT_EQ(w.reconcile().tasks_to_start(), 0);
    (void)s;
}

TEST_F(Placement, Reconcile_Placement_InsufficientMemory) {
    auto ci = w.add_instance(8192, 1500);
    w.add_service("web", 2, td);
    auto plan = w.reconcile();
    EXPECT_EQ(plan.tasks_to_start(), 1);
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_EQ(plan.events[0].message,
              "(service web) was unable to place a task because no container instance met all "
              "of its requirements. The closest matching container-instance " +
                  w.p.container_instances.at(ci).id +
                  " has insufficient memory available. For more information, see the "
                  "Troubleshooting section of the Amazon ECS Developer Guide.");
}

TEST_F(Placement, Reconcile_Placement_StaticHostPorts) {
    std::string ported = w.add_task_definition(
        "ported", {{"networkMode", "bridge"},
                   {"containerDefinitions",
                    {{{"name", "app"},
                      {"image", "nginx"},
                      {"memory", 64},
                      {"portMappings", {{{"containerPort", 80}, {"hostPort", 8080}}}}}}}});
    auto a = w.add_instance();
    auto b = w.add_instance();
    w.add_service("ported", 3, ported);
    auto plan = w.reconcile();
    EXPECT_EQ(plan.tasks_to_start(), 2) << "one per engine: the host port is taken";
    EXPECT_EQ(spread_of(plan), (std::map<std::string, int>{{a, 1}, {b, 1}}));
    ASSERT_EQ(plan.events.size(), 1u);
    EXPECT_NE(plan.events[0].message.find("is already using a port required by your task"),
              std::string::npos);
}

TEST_F(Placement, Reconcile_Placement_SkipsInactiveAndDisconnectedInstances) {
    auto gone = w.add_instance();
    auto lost = w.add_instance();
    auto good = w.add_instance();
    w.p.container_instances.at(gone).status = model::ContainerInstanceStatus::draining;
    w.p.container_instances.at(lost).agent_connected = false;
    w.add_service("web", 2, td);
    EXPECT_EQ(spread_of(w.reconcile()), (std::map<std::string, int>{{good, 2}}));
}

// A Windows task definition goes to Windows engines only, and a Linux one never goes there.
TEST_F(Placement, Reconcile_Placement_WindowsOnWindowsInstancesOnly) {
    std::string windows = w.add_task_definition(
        "win", {{"runtimePlatform", {{"operatingSystemFamily", "WINDOWS_SERVER_2019_CORE"}}},
                {"containerDefinitions", {container_def("app", 512, 1024)}}});
    std::string linux_td = w.add_task_definition(
        "web-linux", {{"runtimePlatform", {{"operatingSystemFamily", "LINUX"}}},
                      {"containerDefinitions", {container_def("app", 512, 1024)}}});
    auto linux_instance = w.add_instance(4096, 8192, attrs({{"ecs.os-type", "linux"}}));
    auto win = w.add_instance(4096, 8192, attrs({{"ecs.os-type", "windows"}}));
    w.add_service("win", 2, windows);
    w.add_service("web", 2, linux_td);
    auto plan = w.reconcile();
    std::map<std::string, std::vector<std::string>> where;
    for (const auto& start : plan.starts) {
        auto& arns = where[start.service_name];
        arns.insert(arns.end(), start.container_instance_arns.begin(),
                    start.container_instance_arns.end());
    }
    EXPECT_EQ(where["win"], (std::vector<std::string>{win, win}));
    EXPECT_EQ(where["web"], (std::vector<std::string>{linux_instance, linux_instance}));
}

TEST_F(Placement, Reconcile_Placement_WindowsWithoutAWindowsInstance) {
    std::string windows = w.add_task_definition(
        "win", {{"runtimePlatform", {{"operatingSystemFamily", "WINDOWS_SERVER_2022_FULL"}}},
                {"containerDefinitions", {container_def("app", 512, 1024)}}});
    auto only = w.add_instance(4096, 8192, attrs({{"ecs.os-type", "linux"}}));
    w.add_service("win", 1, windows);
    expect_plan(w.reconcile(),
                {.events = {messages::unable_to_place(
                     "win", "The closest matching container-instance " +
                                w.p.container_instances.at(only).id +
                                " is missing an attribute required by your task.")}});
}

// A definition that names no operatingSystemFamily runs on any engine: ECS's Windows
// instances ran such definitions long before runtimePlatform existed.
TEST_F(Placement, Reconcile_Placement_NoFamilyRunsOnAWindowsInstanceToo) {
    auto win = w.add_instance(4096, 8192, attrs({{"ecs.os-type", "windows"}}));
    w.add_service("web", 1, td);
    auto plan = w.reconcile();
    ASSERT_EQ(plan.starts.size(), 1u);
    EXPECT_EQ(plan.starts[0].container_instance_arns, (std::vector<std::string>{win}));
}

TEST(Resources, TheOsTypeATaskDefinitionNeeds) {
    auto needs_on = [](const char* family) {
        nlohmann::json doc = {{"containerDefinitions", {{{"name", "a"}, {"memory", 64}}}}};
        if (*family) doc["runtimePlatform"] = {{"operatingSystemFamily", family}};
        return needs_of(doc).os_type;
    };
    EXPECT_EQ(needs_on(""), "") << "no family: any engine, as on ECS's Windows instances";
    EXPECT_EQ(needs_on("LINUX"), "linux");
    EXPECT_EQ(needs_on("WINDOWS_SERVER_2019_CORE"), "windows");
    EXPECT_EQ(needs_on("WINDOWS_SERVER_2004_CORE"), "windows");
}

TEST(Resources, TaskDefinitionNeeds) {
    auto needs = needs_of(nlohmann::json{{"networkMode", "host"},
                                         {"containerDefinitions",
                                          {{{"name", "a"},
                                            {"cpu", 256},
                                            {"memory", 512},
                                            {"memoryReservation", 128},
                                            {"portMappings", {{{"containerPort", 9000}}}}},
                                           {{"name", "b"}, {"cpu", 128}, {"memory", 64}}}}});
    EXPECT_EQ(needs.cpu, 384);
    EXPECT_EQ(needs.memory, 192) << "the reservation when set, else the hard limit";
    EXPECT_EQ(needs.host_ports, (std::vector<std::string>{"tcp/9000"}));

    auto task_level = needs_of(nlohmann::json{
        {"cpu", "1 vCPU"},
        {"memory", "2 GB"},
        {"networkMode", "awsvpc"},
        {"containerDefinitions",
         {{{"name", "a"}, {"cpu", 10}, {"portMappings", {{{"containerPort", 80}}}}}}}});
    EXPECT_EQ(task_level.cpu, 1024);
    EXPECT_EQ(task_level.memory, 2048);
    EXPECT_TRUE(task_level.host_ports.empty()) << "awsvpc tasks have their own ports";
    EXPECT_EQ(parse_cpu_units("512"), 512);
    EXPECT_EQ(parse_cpu_units(".25 vcpu"), 256);
    EXPECT_EQ(parse_memory_mib("0.5GB"), 512);
    EXPECT_EQ(parse_memory_mib("lots"), 0);
}

TEST(Resources, FindTaskDefinitionByArnOrFamilyRevision) {
    World w;
    auto arn = w.add_task_definition("web", {});
    w.add_task_definition("web", {});
    ASSERT_NE(find_task_definition(w.p, arn), nullptr);
    EXPECT_EQ(find_task_definition(w.p, arn)->revision, 1);
    EXPECT_EQ(find_task_definition(w.p, "web:2")->revision, 2);
    EXPECT_EQ(find_task_definition(w.p, "web:3"), nullptr);
    EXPECT_EQ(find_task_definition(w.p, "web"), nullptr);
    EXPECT_EQ(find_task_definition(w.p, "other:1"), nullptr);
}

TEST(Ledger, RunTaskStyleReasons) {
    World w;
    auto ci = w.add_instance(1024, 512);
    ClusterLedger ledger(w.p);
    PlacementRequest request;
    request.cluster_name = "default";
    request.needs.cpu = 256;
    request.needs.memory = 1024;
    auto result = ledger.place(request, 1);
    EXPECT_TRUE(result.container_instance_arns.empty());
    EXPECT_EQ(result.reason, "RESOURCE:MEMORY");
    EXPECT_EQ(result.closest_instance_arn, ci);

    PlacementRequest windows = request;
    windows.needs = {.cpu = 256, .memory = 256, .host_ports = {}, .gpus = {}, .os_type = "windows"};
    EXPECT_EQ(ledger.place(windows, 1).reason, "ATTRIBUTE") << "an instance without ecs.os-type "
                                                               "is a Linux one";

    PlacementRequest elsewhere = request;
    elsewhere.cluster_name = "empty";
    EXPECT_EQ(ledger.place(elsewhere, 1).detail,
              "Reason: No Container Instances were found in your cluster.");
}

// parse_placement: what each request reads as, and ECS's first objection to it.
struct PlacementCase {
    const char* constraints;
    const char* strategies;
    std::size_t constraint_count;
    std::size_t strategy_count;
    const char* error;  // "" when valid
};

std::string repeated(const char* item, int n) {
    std::string out = "[";
    for (int i = 0; i < n; ++i) out += std::string(i ? "," : "") + item;
    return out + "]";
}

TEST(ParsePlacement, Table) {
    const std::string eleven = repeated(R"({"type":"distinctInstance"})", 11);
    const std::string six = repeated(R"({"type":"random"})", 6);
    const std::vector<PlacementCase> cases{
        {"null", "null", 0, 0, ""},
        {"[]", "[]", 0, 0, ""},
        {R"([{"type":"distinctInstance"}])", "[]", 1, 0, ""},
        {R"([{"type":"memberOf","expression":"attribute:a == b"}])", "[]", 1, 0, ""},
        {R"([{"type":"distinctInstance","expression":"x exists"}])", "[]", 1, 0,
         "The distinctInstance placement constraint does not take an expression."},
        {R"([{"type":"memberOf"}])", "[]", 1, 0,
         "The memberOf placement constraint requires an expression."},
        {R"([{"type":"memberOf","expression":"attribute:a =="}])", "[]", 1, 0,
         "Invalid placement constraint expression: expected a value at position 14"},
        {eleven.c_str(), "[]", 11, 0, "Too many placement constraints. The limit is 10."},
        {"[]", R"([{"type":"spread","field":"instanceId"},{"type":"binpack","field":"cpu"}])", 0, 2,
         ""},
        {"[]", R"([{"type":"binpack","field":"disk"}])", 0, 1,
         "The binpack placement strategy field must be cpu or memory."},
        {"[]", R"([{"type":"spread"}])", 0, 1, "The spread placement strategy requires a field."},
        {"[]", R"([{"type":"random","field":"cpu"}])", 0, 1,
         "The random placement strategy does not take a field."},
        {"[]", six.c_str(), 0, 6, "Too many placement strategies. The limit is 5."},
        // Constraints are judged before strategies, as ECS does.
        {R"([{"type":"memberOf"}])", R"([{"type":"spread"}])", 1, 1,
         "The memberOf placement constraint requires an expression."},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.constraints) + " / " + c.strategies);
        auto parsed = model::parse_placement(nlohmann::json::parse(c.constraints),
                                             nlohmann::json::parse(c.strategies));
        EXPECT_EQ(parsed.constraints.size(), c.constraint_count);
        EXPECT_EQ(parsed.strategies.size(), c.strategy_count);
        EXPECT_EQ(parsed.error, c.error);
    }
}

TEST(ParsePlacement, ReadsTypedValues) {
    auto parsed = model::parse_placement(
        nlohmann::json::parse(R"([{"type":"memberOf","expression":"attribute:gpu exists"},
                                  {"type":"distinctInstance"}])"),
        nlohmann::json::parse(R"([{"type":"binpack","field":"memory"},{"type":"random"}])"));
    ASSERT_EQ(parsed.constraints.size(), 2u);
    EXPECT_EQ(parsed.constraints[0].type, PlacementConstraint::Type::member_of);
    ASSERT_TRUE(parsed.constraints[0].expression.has_value());
    EXPECT_TRUE(parsed.constraints[0].expression->matches([](std::string_view s) {
        return s == "attribute:gpu" ? std::vector<std::string>{"1"} : std::vector<std::string>{};
    }));
    EXPECT_EQ(parsed.constraints[1].type, PlacementConstraint::Type::distinct_instance);
    ASSERT_EQ(parsed.strategies.size(), 2u);
    EXPECT_EQ(parsed.strategies[0].type, PlacementStrategy::Type::binpack);
    EXPECT_EQ(parsed.strategies[0].field, "memory");
    EXPECT_EQ(parsed.strategies[1].type, PlacementStrategy::Type::random);
}

TEST(ParsePlacement, UnparsableMemberOfMatchesNothing) {
    World w;
    w.add_instance();
    ClusterLedger ledger(w.p);
    PlacementRequest request;
    request.cluster_name = "default";
    request.constraints =
        model::parse_placement(nlohmann::json::parse(R"([{"type":"memberOf","expression":"(("}])"),
                               nullptr)
            .constraints;
    auto result = ledger.place(request, 1);
    EXPECT_TRUE(result.container_instance_arns.empty());
    EXPECT_EQ(result.reason, "MemberOf placement constraint unsatisfied.");
}

}  // namespace
}  // namespace berth::scheduler::testing
