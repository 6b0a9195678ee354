#include "berth/persist/persister.hpp"

#include <gtest/gtest.h>

#include "berth/model/arn.hpp"
#include "berth/model/parameters.hpp"
#include "temp_dir.hpp"

namespace berth::persist {
namespace {

const model::PartitionKey k_part{"000000000000", "us-east-1"};

void add_cluster(model::Store& store, const std::string& name) {
    store.write(k_part, [&](model::Partition& p) {
        p.clusters[name].name = name;
        p.clusters[name].arn = model::cluster_arn(k_part, name);
    });
}

std::vector<std::string> clusters_in(const std::string& dir) {
    StateDir d(dir);
    std::vector<std::string> names;
    for (const auto& p : decode_state(d.load())) {
        for (const auto& [name, c] : p.clusters) names.push_back(name);
    }
    return names;
}

TEST(Persister, AWriteIsInTheJournalOnceWaitDurableReturns) {
    TempDir tmp;
    model::Store store;
    StateDir dir(tmp.path);
    Persister persister({store}, dir, dir.load());
    persister.start();
    add_cluster(store, "a");
    persister.wait_durable(persister.current());
    EXPECT_EQ(clusters_in(tmp.path), std::vector<std::string>{"a"});  // no snapshot yet
    add_cluster(store, "b");
    persister.wait_durable(persister.current());
    EXPECT_EQ(clusters_in(tmp.path), (std::vector<std::string>{"a", "b"}));
    persister.stop();
}

TEST(Persister, CompactsPastTheLimitAndAtStop) {
    TempDir tmp;
    model::Store store;
    StateDir dir(tmp.path);
    Persister persister({store}, dir, dir.load(), {.compact_bytes = 1});
    add_cluster(store, "a");
    persister.flush();                    // not started: on this thread
    EXPECT_LT(dir.journal_bytes(), 64u);  // compacted into the snapshot: the header is left
    EXPECT_TRUE(std::filesystem::exists(tmp.path + "/snapshot"));
    EXPECT_EQ(clusters_in(tmp.path), std::vector<std::string>{"a"});
}

// A write to a store around ECS wakes no one: its wait_durable does, and the tick would.
TEST(Persister, AWriteToAnotherStoreIsInTheJournalOnceWaitDurableReturns) {
    TempDir tmp;
    model::Store store;
    model::ParameterStore parameters;
    StateDir dir(tmp.path);
    Persister persister({store, nullptr, &parameters}, dir, dir.load(),
                        {.tick = std::chrono::hours(1)});
    persister.start();
    add_cluster(store, "a");
    persister.wait_durable(persister.current());
    const auto before = persister.current();
    parameters.write(k_part, [](model::ParameterPartition& p) {
        p.parameters["/app/url"].name = "/app/url";
        model::ParameterVersion v;
        v.value = "http://db";
        p.parameters["/app/url"].add_version(v);
    });
    const auto after = persister.current();
    EXPECT_EQ(after[0], before[0]);  // the ECS Store did not move
    EXPECT_GT(after[2], before[2]);
    persister.wait_durable(after);

    model::ParameterStore restored;
    restore_side_stores(StateDir(tmp.path).load(), {store, nullptr, &restored});
    EXPECT_EQ(restored.find(k_part, "/app/url")->value, "http://db");
    persister.stop();
}

}  // namespace
}  // namespace berth::persist
