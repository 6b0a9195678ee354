#include "berth/model/log_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace berth::model {
namespace {

const PartitionKey k_east{"000000000000", "us-east-1"};
const PartitionKey k_west{"000000000000", "eu-west-1"};
constexpr std::int64_t k_day_ms = 24LL * 3600 * 1000;

std::vector<LogEvent> events(std::initializer_list<std::int64_t> times) {
    std::vector<LogEvent> out;
    for (auto t : times) out.push_back({t, "m" + std::to_string(t)});
    return out;
}

std::vector<std::int64_t> times_of(const LogStore& store, const PartitionKey& key,
                                   std::string_view group, std::string_view stream) {
    return store.read(key, [&](const LogPartition& p) {
        std::vector<std::int64_t> out;
        const auto g = p.groups.find(group);
        if (g == p.groups.end()) return out;
        const auto s = g->second.streams.find(stream);
        if (s == g->second.streams.end()) return out;
        for (const auto& e : s->second.events) out.push_back(e.timestamp_ms);
        return out;
    });
}

struct Clocked {
    std::int64_t now = 100 * k_day_ms;
    std::size_t evictions = 0;
    LogStoreOptions options() {
        return {.max_bytes = 0,
                .now_ms = [this] { return now; },
                .on_first_eviction = [this](std::size_t) { ++evictions; }};
    }
};

TEST(LogStore, GroupsAndStreamsArePerPartition) {
    LogStore store(100);
    EXPECT_FALSE(store.append(k_east, "g", "s", events({1})));  // no group
    EXPECT_FALSE(store.create_stream(k_east, "g", "s"));
    store.create_group(k_east, "g");
    store.create_group(k_east, "g");  // no-op
    EXPECT_FALSE(store.add_group(k_east, "g", {}));
    EXPECT_TRUE(store.group_exists(k_east, "g"));
    EXPECT_FALSE(store.group_exists(k_west, "g"));
    EXPECT_TRUE(store.create_stream(k_east, "g", "s"));
    EXPECT_TRUE(store.create_stream(k_east, "g", "s"));  // exists: still true
    EXPECT_EQ(store.add_stream(k_east, "g", "s"), StreamResult::exists);
    EXPECT_EQ(store.append_existing(k_east, "g", "other", events({1})), AppendResult::no_stream);
    EXPECT_TRUE(store.append(k_east, "g", "new", events({1, 2})));  // creates the stream
    EXPECT_EQ(times_of(store, k_east, "g", "new"), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(store.size(), 2u);
}

TEST(LogStore, LateEventsAreInsertedInTimestampOrder) {
    LogStore store(100);
    store.create_group(k_east, "g");
    store.append(k_east, "g", "s", events({10, 20, 30}));
    store.append(k_east, "g", "s", events({5, 20, 25}));
    EXPECT_EQ(times_of(store, k_east, "g", "s"),
              (std::vector<std::int64_t>{5, 10, 20, 20, 25, 30}));
    // Equal timestamps keep arrival order: the later batch's 20 has the larger seq.
    store.read(k_east, [](const LogPartition& p) {
        const auto& ev = p.groups.at("g").streams.at("s").events;
        EXPECT_LT(ev[2].seq, ev[3].seq);
        EXPECT_EQ(ev[3].message, "m20");
        return 0;
    });
}

TEST(LogStore, OldestBatchesGoFirstWhenFullAndThatIsReportedOnce) {
    Clocked clock;
    LogStore store(4, clock.options());
    store.create_group(k_east, "g");
    store.append(k_east, "g", "a", events({1, 2}));
    store.append(k_east, "g", "b", events({3, 4}));
    EXPECT_EQ(clock.evictions, 0u);
    store.append(k_east, "g", "b", events({5}));
    EXPECT_EQ(store.size(), 4u);
    EXPECT_EQ(times_of(store, k_east, "g", "a"), (std::vector<std::int64_t>{2}));
    store.append(k_east, "g", "a", events({6, 7, 8}));
    EXPECT_EQ(store.size(), 4u);
    EXPECT_EQ(times_of(store, k_east, "g", "b"), (std::vector<std::int64_t>{5}));
    EXPECT_EQ(times_of(store, k_east, "g", "a"), (std::vector<std::int64_t>{6, 7, 8}));
    EXPECT_EQ(clock.evictions, 1u);
}

TEST(LogStore, BytesCapEvictsToo) {
    Clocked clock;
    auto options = clock.options();
    options.max_bytes = 10;
    LogStore store(1000, options);
    store.create_group(k_east, "g");
    store.append(k_east, "g", "s", {{1, "12345"}, {2, "12345"}, {3, "12345"}});
    EXPECT_EQ(store.size(), 2u);
    EXPECT_EQ(store.bytes(), 10u);
}

TEST(LogStore, DeletingFreesRoomAndStaleBatchesAreSkipped) {
    LogStore store(3);
    store.create_group(k_east, "g");
    store.create_group(k_west, "g");
    store.append(k_east, "g", "s", events({1, 2}));
    EXPECT_EQ(store.delete_stream(k_east, "g", "s"), DeleteResult::deleted);
    EXPECT_EQ(store.delete_stream(k_east, "g", "s"), DeleteResult::no_stream);
    EXPECT_EQ(store.size(), 0u);
    store.append(k_west, "g", "s", events({1, 2, 3}));
    store.append(k_west, "g", "s", events({4}));
    EXPECT_EQ(times_of(store, k_west, "g", "s"), (std::vector<std::int64_t>{2, 3, 4}));
    EXPECT_EQ(store.delete_group(k_west, "g"), DeleteResult::deleted);
    EXPECT_EQ(store.delete_group(k_west, "g"), DeleteResult::no_group);
    EXPECT_EQ(store.size(), 0u);
    EXPECT_EQ(store.bytes(), 0u);
}

TEST(LogStore, ManyCreateDeleteCyclesKeepTheQueueBounded) {
    LogStore store(10);
    store.create_group(k_east, "g");
    for (int i = 0; i < 5000; ++i) {
        store.append(k_east, "g", "s", events({i}));
        store.delete_stream(k_east, "g", "s");
    }
    store.append(k_east, "g", "s", events({1, 2}));
    EXPECT_EQ(store.size(), 2u);
    EXPECT_LE(store.queued_batches(), 2 * store.size() + 1025);
}

TEST(LogStore, RetentionDropsExpiredEvents) {
    Clocked clock;
    LogStore store(100, clock.options());
    store.create_group(k_east, "g");
    const auto now = clock.now;
    store.append(k_east, "g", "s", events({now - 5 * k_day_ms, now - 2 * k_day_ms, now}));
    EXPECT_TRUE(store.set_retention(k_east, "g", 3));
    EXPECT_EQ(times_of(store, k_east, "g", "s"),
              (std::vector<std::int64_t>{now - 2 * k_day_ms, now}));
    clock.now += 2 * k_day_ms;  // readers skip what expired since; the next append drops it
    store.read(k_east, [&](const LogPartition& p) {
        EXPECT_EQ(LogStore::expired_before(p.groups.at("g"), clock.now), now - k_day_ms);
        return 0;
    });
    store.append(k_east, "g", "s", events({clock.now}));
    EXPECT_EQ(times_of(store, k_east, "g", "s"), (std::vector<std::int64_t>{now, clock.now}));
    EXPECT_FALSE(store.set_retention(k_east, "nope", 1));
}

TEST(LogStore, TagsMergeAndRemove) {
    LogStore store(10);
    EXPECT_TRUE(store.add_group(k_east, "g", {{"a", "1"}}));
    EXPECT_TRUE(store.tag_group(k_east, "g", {{"a", "2"}, {"b", "3"}}));
    EXPECT_TRUE(store.untag_group(k_east, "g", {"b"}));
    EXPECT_FALSE(store.tag_group(k_east, "x", {}));
    auto tags = store.read(k_east, [](const LogPartition& p) { return p.groups.at("g").tags; });
    EXPECT_EQ(tags, (Tags{{"a", "2"}}));
}

// Writers, a reader and a deleter at once: the counts stay consistent with what is held and
// the cap holds throughout.
TEST(LogStore, ConcurrentWritersReadersAndDeletesKeepTheCounts) {
    LogStore store(500);
    store.create_group(k_east, "g");
    std::vector<std::thread> threads;
    for (int w = 0; w < 3; ++w) {
        threads.emplace_back([&store, w] {
            for (int i = 0; i < 300; ++i) {
                store.append(k_east, "g", "s" + std::to_string(w), events({i, i + 1, i + 2}));
            }
        });
    }
    std::atomic<bool> over_cap = false;
    threads.emplace_back([&] {
        for (int i = 0; i < 300; ++i) {
            store.read(k_east, [&](const LogPartition& p) {
                std::size_t held = 0;
                for (const auto& [name, s] : p.groups.at("g").streams) held += s.events.size();
                if (held > 500) over_cap = true;
                return 0;
            });
            if (i % 50 == 0) store.delete_stream(k_east, "g", "s0");
        }
    });
    for (auto& t : threads) t.join();
    EXPECT_FALSE(over_cap);
    const auto held = store.read(k_east, [](const LogPartition& p) {
        std::size_t n = 0;
        for (const auto& [name, s] : p.groups.at("g").streams) n += s.events.size();
        return n;
    });
    EXPECT_EQ(store.size(), held);
    EXPECT_LE(held, 500u);
}

}  // namespace
}  // namespace berth::model
