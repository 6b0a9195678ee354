#include "berth/persist/persister.hpp"

#include <gtest/gtest.h>

#include "berth/model/arn.hpp"
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
    Persister persister(store, dir, dir.load());
    persister.start();
    add_cluster(store, "a");
    persister.wait_durable(store.version());
    EXPECT_EQ(clusters_in(tmp.path), std::vector<std::string>{"a"});  // no snapshot yet
    add_cluster(store, "b");
    persister.wait_durable(store.version());
    EXPECT_EQ(clusters_in(tmp.path), (std::vector<std::string>{"a", "b"}));
    persister.stop();
}

TEST(Persister, CompactsPastTheLimitAndAtStop) {
    TempDir tmp;
    model::Store store;
    StateDir dir(tmp.path);
    Persister persister(store, dir, dir.load(), {.compact_bytes = 1});
    add_cluster(store, "a");
    persister.flush();                    // not started: on this thread
    EXPECT_LT(dir.journal_bytes(), 64u);  // compacted into the snapshot: the header is left
    EXPECT_TRUE(std::filesystem::exists(tmp.path + "/snapshot"));
    EXPECT_EQ(clusters_in(tmp.path), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace berth::persist
