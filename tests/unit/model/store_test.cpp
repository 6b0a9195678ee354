#include "berth/model/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace berth::model {
namespace {

const PartitionKey k_east{"000000000000", "us-east-1"};
const PartitionKey k_west{"000000000000", "eu-west-1"};

TEST(Store, PartitionsAreIndependent) {
    Store store;
    store.write(k_east, [](Partition& p) { p.clusters["default"].name = "default"; });
    EXPECT_EQ(store.read(k_east, [](const Partition& p) { return p.clusters.size(); }), 1u);
    EXPECT_EQ(store.read(k_west, [](const Partition& p) { return p.clusters.size(); }), 0u);
    EXPECT_EQ(store.read(k_west, [](const Partition& p) { return p.key; }), k_west);
}

TEST(Store, WritesWakeListenersAfterUnlocking) {
    Store store;
    int calls = 0;
    // A listener that reads the store would deadlock if it ran under the lock.
    store.on_change([&] { calls += store.read(k_east, [](const Partition&) { return 1; }); });
    store.write(k_east, [](Partition&) {});
    store.write_all([](Partition&) {});
    EXPECT_EQ(calls, 2);
}

TEST(Store, UnobservedWritesWakeNoOneButCount) {
    Store store;
    int calls = 0;
    store.on_change([&] { ++calls; });
    auto v0 = store.version();
    int seen = store.write_unobserved(k_east, [](Partition& p) { return p.take_seq() > 0; });
    EXPECT_EQ(seen, 1);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(store.version(), v0 + 1);
}

TEST(Store, VersionCountsWrites) {
    Store store;
    auto v0 = store.version();
    store.write(k_east, [](Partition&) {});
    EXPECT_EQ(store.version(), v0 + 1);
}

TEST(Store, SnapshotIsACopy) {
    Store store;
    store.write(k_east, [](Partition& p) { p.clusters["a"].name = "a"; });
    auto snap = store.snapshot();
    store.write(k_east, [](Partition& p) { p.clusters["b"].name = "b"; });
    ASSERT_EQ(snap.size(), 1u);
    EXPECT_EQ(snap[0].clusters.size(), 1u);
}

TEST(Store, ConcurrentWritersDoNotLoseUpdates) {
    Store store;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) store.write(k_east, [](Partition& p) { p.take_seq(); });
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(store.read(k_east, [](const Partition& p) { return p.next_seq; }), 4001u);
}

TEST(Tags, MergeReplacesByKeyAndRemoveDrops) {
    Tags tags{{"a", "1"}, {"b", "2"}};
    merge_tags(tags, {{"b", "3"}, {"c", "4"}});
    EXPECT_EQ(tags, (Tags{{"a", "1"}, {"b", "3"}, {"c", "4"}}));
    remove_tags(tags, {"a", "zz"});
    EXPECT_EQ(tags, (Tags{{"b", "3"}, {"c", "4"}}));
}

}  // namespace
}  // namespace berth::model
