#include "berth/persist/record.hpp"

#include <gtest/gtest.h>

namespace berth::persist {
namespace {

std::string two_records() {
    std::string bytes;
    append_record(bytes, "first");
    append_record(bytes, std::string("second\0with a nul", 17));
    return bytes;
}

TEST(Record, Crc32IsZlibs) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);  // the check value of CRC-32/ISO-HDLC
    EXPECT_EQ(crc32(""), 0u);
}

TEST(Record, RoundTrip) {
    auto bytes = two_records();
    auto scan = scan_records(bytes);
    EXPECT_EQ(scan.problem, "");
    EXPECT_EQ(scan.good_bytes, bytes.size());
    ASSERT_EQ(scan.payloads.size(), 2u);
    EXPECT_EQ(scan.payloads[0], "first");
    EXPECT_EQ(scan.payloads[1], std::string("second\0with a nul", 17));
}

TEST(Record, TornTailIsCutAtTheLastGoodRecord) {
    auto bytes = two_records();
    const auto first_end = 8 + std::string("first").size();
    for (std::size_t cut = first_end + 1; cut < bytes.size(); ++cut) {
        auto scan = scan_records(std::string_view(bytes).substr(0, cut));
        ASSERT_EQ(scan.payloads.size(), 1u) << "cut at " << cut;
        EXPECT_EQ(scan.good_bytes, first_end);
        EXPECT_NE(scan.problem.find("torn"), std::string::npos) << scan.problem;
    }
}

TEST(Record, BadChecksumStopsTheScan) {
    auto bytes = two_records();
    bytes[bytes.size() - 3] ^= 0x20;  // a flipped bit in the second payload
    auto scan = scan_records(bytes);
    ASSERT_EQ(scan.payloads.size(), 1u);
    EXPECT_EQ(scan.good_bytes, 8 + std::string("first").size());
    EXPECT_EQ(scan.problem, "record checksum mismatch");
}

TEST(Record, ALengthPastTheLimitIsDamage) {
    std::string bytes(8, '\xFF');  // length 0xFFFFFFFF
    bytes += "payload";
    auto scan = scan_records(bytes);
    EXPECT_TRUE(scan.payloads.empty());
    EXPECT_EQ(scan.good_bytes, 0u);
    EXPECT_NE(scan.problem.find("past the limit"), std::string::npos) << scan.problem;
}

}  // namespace
}  // namespace berth::persist
