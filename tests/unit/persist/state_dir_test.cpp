#include "berth/persist/state_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "berth/persist/errors.hpp"
#include "berth/persist/record.hpp"
#include "temp_dir.hpp"

namespace berth::persist {
namespace {

const EntityKey k_a{"cluster", "000000000000/us-east-1", "a"};
const EntityKey k_b{"cluster", "000000000000/us-east-1", "b"};

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_all(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A directory whose journal holds a (two versions of it), then b.
void journal_a_then_b(const std::string& dir) {
    StateDir d(dir);
    EXPECT_TRUE(d.load().empty());
    d.append({{k_a, R"({"v":1})"}});
    d.append({{k_a, R"({"v":2})"}, {k_b, R"({"v":3})"}});
}

TEST(StateDir, JournalRoundTrip) {
    TempDir tmp;
    journal_a_then_b(tmp.path);
    StateDir again(tmp.path);
    auto image = again.load();
    EXPECT_EQ(image, (Image{{k_a, R"({"v":2})"}, {k_b, R"({"v":3})"}}));
    again.append({{k_a, ""}});  // removed
    EXPECT_EQ(StateDir(tmp.path).load(), (Image{{k_b, R"({"v":3})"}}));
}

TEST(StateDir, TornTailIsCutAndAppendingGoesOn) {
    TempDir tmp;
    journal_a_then_b(tmp.path);
    const auto journal = tmp.path + "/journal";
    const auto whole = read_all(journal);
    write_all(journal, whole.substr(0, whole.size() - 4));  // the last record half written
    {
        StateDir d(tmp.path);
        // b's record was lost with the tail; a's second version came in the same batch, before.
        EXPECT_EQ(d.load(), (Image{{k_a, R"({"v":2})"}}));
        EXPECT_LT(std::filesystem::file_size(journal), whole.size() - 4);  // cut where it tore
        d.append({{k_b, R"({"v":4})"}});
    }
    EXPECT_EQ(StateDir(tmp.path).load(), (Image{{k_a, R"({"v":2})"}, {k_b, R"({"v":4})"}}));
}

TEST(StateDir, BadChecksumIsCut) {
    TempDir tmp;
    journal_a_then_b(tmp.path);
    const auto journal = tmp.path + "/journal";
    auto bytes = read_all(journal);
    bytes[bytes.size() - 2] ^= 0x01;  // inside b's text
    write_all(journal, bytes);
    EXPECT_EQ(StateDir(tmp.path).load(), (Image{{k_a, R"({"v":2})"}}));
    EXPECT_EQ(StateDir(tmp.path).load(), (Image{{k_a, R"({"v":2})"}}));  // and stays so
}

TEST(StateDir, CompactionKeepsEverythingAndEmptiesTheJournal) {
    TempDir tmp;
    journal_a_then_b(tmp.path);
    {
        StateDir d(tmp.path);
        d.compact(d.load());
        EXPECT_LT(d.journal_bytes(), 64u);  // its header alone
        d.append({{k_a, ""}});
    }
    EXPECT_EQ(StateDir(tmp.path).load(), (Image{{k_b, R"({"v":3})"}}));
}

std::string file_with_header(const std::string& format, int version) {
    std::string bytes;
    append_record(bytes,
                  R"({"format":")" + format + R"(","version":)" + std::to_string(version) + "}");
    return bytes;
}

TEST(StateDir, ASnapshotOfAnotherVersionIsRefused) {
    TempDir tmp;
    write_all(tmp.path + "/snapshot", file_with_header("berth-snapshot", k_format_version + 1));
    StateDir d(tmp.path);
    try {
        d.load();
        FAIL() << "loaded a snapshot of version " << k_format_version + 1;
    } catch (const StateError& e) {
        EXPECT_NE(std::string(e.what()).find("has state format version 2; this Berth reads "
                                             "version 1 only"),
                  std::string::npos)
            << e.what();
    }
}

TEST(StateDir, AJournalOfAnotherVersionIsRefused) {
    TempDir tmp;
    write_all(tmp.path + "/journal", file_with_header("berth-journal", 0));
    StateDir d(tmp.path);
    EXPECT_THROW(d.load(), StateError);
}

TEST(StateDir, ADamagedSnapshotIsRefusedNotCut) {
    TempDir tmp;
    auto bytes = file_with_header("berth-snapshot", k_format_version);
    bytes += "xx";  // a torn record: the snapshot is renamed in whole, so this is damage
    write_all(tmp.path + "/snapshot", bytes);
    StateDir d(tmp.path);
    EXPECT_THROW(d.load(), StateError);
    EXPECT_EQ(read_all(tmp.path + "/snapshot"), bytes);
}

TEST(StateDir, InstanceIdIsKept) {
    TempDir tmp;
    StateDir d(tmp.path);
    EXPECT_EQ(d.instance_id("", "fresh-1"), "fresh-1");
    EXPECT_EQ(d.instance_id("", "fresh-2"), "fresh-1");
    EXPECT_EQ(d.instance_id("given", "fresh-3"), "given");
    EXPECT_EQ(d.instance_id("", "fresh-4"), "given");
}

}  // namespace
}  // namespace berth::persist
