// The DNS codec (edge/dns/message.hpp): packets as dig and resolvers send them, malformed
// ones that must fail cleanly, compression and truncation on write.
#include <random>

#include <gtest/gtest.h>

#include "edge/dns/message.hpp"

namespace berth::edge::dns {
namespace {

using Bytes = std::vector<std::uint8_t>;

// "12 34 01 00 ..." with 'text' runs for labels: "07'example'03'com'00".
Bytes packet(std::string_view spec) {
    Bytes out;
    for (std::size_t i = 0; i < spec.size();) {
        if (spec[i] == ' ') {
            ++i;
        } else if (spec[i] == '\'') {
            const auto end = spec.find('\'', i + 1);
            out.insert(out.end(), spec.begin() + i + 1, spec.begin() + end);
            i = end + 1;
        } else {
            out.push_back(
                static_cast<std::uint8_t>(std::stoi(std::string(spec.substr(i, 2)), nullptr, 16)));
            i += 2;
        }
    }
    return out;
}

constexpr std::string_view k_header = "12 34 01 00 00 01 00 00 00 00 00 00";
constexpr std::string_view k_example_a = "07'example'03'com'00 00 01 00 01";

TEST(DnsParse, ReadsAStandardQuery) {
    auto m = parse(packet(std::string(k_header) + " " + std::string(k_example_a)));
    EXPECT_EQ(m.id, 0x1234);
    EXPECT_FALSE(m.response);
    EXPECT_TRUE(m.recursion_desired);
    EXPECT_EQ(m.opcode, 0);
    ASSERT_EQ(m.questions.size(), 1u);
    EXPECT_EQ(m.questions[0].name, "example.com");
    EXPECT_EQ(m.questions[0].type, type::a);
    EXPECT_EQ(m.questions[0].klass, k_class_in);
    EXPECT_FALSE(m.edns);
    EXPECT_EQ(udp_limit(m), 512u);
}

TEST(DnsParse, ReadsTheOptRecord) {
    // As `dig +dnssec` sends it: UDP size 1232, DO set, an empty option list.
    auto m = parse(packet("ab cd 01 20 00 01 00 00 00 00 00 01 " + std::string(k_example_a) +
                          " 00 00 29 04 d0 00 00 80 00 00 00"));
    ASSERT_TRUE(m.edns);
    EXPECT_EQ(m.edns->udp_size, 1232);
    EXPECT_EQ(m.edns->version, 0);
    EXPECT_TRUE(m.edns->dnssec_ok);
    EXPECT_TRUE(m.additional.empty());
    EXPECT_EQ(udp_limit(m), 1232u);
}

TEST(DnsParse, AnUdpSizeBelow512CountsAs512) {
    auto m = parse(packet("ab cd 01 00 00 01 00 00 00 00 00 01 " + std::string(k_example_a) +
                          " 00 00 29 00 10 00 00 00 00 00 00"));
    EXPECT_EQ(udp_limit(m), 512u);
}

TEST(DnsParse, FollowsCompressionPointersInAnswers) {
    // An answer naming the question by pointer (0xC00C), a CNAME whose target is compressed.
    auto m = parse(packet("12 34 81 80 00 01 00 02 00 00 00 00 " + std::string(k_example_a) +
                          " c0 0c 00 05 00 01 00 00 00 3c 00 06 03'www'c0 0c"
                          " c0 29 00 01 00 01 00 00 00 3c 00 04 0a 00 00 07"));
    ASSERT_EQ(m.answers.size(), 2u);
    EXPECT_EQ(m.answers[0].name, "example.com");
    EXPECT_EQ(std::get<Cname>(m.answers[0].data).target, "www.example.com");
    EXPECT_EQ(m.answers[1].name, "www.example.com");
    EXPECT_EQ(std::get<Ipv4>(m.answers[1].data), (Ipv4{10, 0, 0, 7}));
    EXPECT_EQ(m.answers[1].ttl, 60u);
}

struct Malformed {
    const char* what;
    std::string bytes;
    bool has_id;
};

class DnsParseMalformed : public testing::TestWithParam<Malformed> {};

TEST_P(DnsParseMalformed, FailsWithAParseError) {
    const auto& c = GetParam();
    try {
        parse(packet(c.bytes));
        FAIL() << c.what << ": parsed";
    } catch (const ParseError& e) {
        EXPECT_EQ(e.id.has_value(), c.has_id) << c.what;
        if (c.has_id) {
            EXPECT_EQ(*e.id, 0x1234) << c.what;
        }
    }
}

const std::string H = std::string(k_header) + " ";
const std::string Q1 = "12 34 01 00 00 01 00 00 00 00 00 01 " + std::string(k_example_a);

INSTANTIATE_TEST_SUITE_P(
    Table, DnsParseMalformed,
    testing::Values(
        Malformed{"empty", "", false},
        Malformed{"short header", "12 34 01 00 00 01 00 00 00 00 00", false},
        Malformed{"question missing", H, true},
        Malformed{"question cut in its name", H + "07'exam'", true},
        Malformed{"question without type", H + "07'example'03'com'00 00", true},
        Malformed{"reserved label type 01", H + "47'example'00 00 01 00 01", true},
        Malformed{"reserved label type 10", H + "87'example'00 00 01 00 01", true},
        Malformed{"pointer to itself", H + "c0 0c 00 01 00 01", true},
        Malformed{"pointer forwards", H + "c0 0e 00 01 00 01 00", true},
        Malformed{"pointer cut", H + "c0", true},
        Malformed{"name over 255 bytes",
                  H +
                      [] {
                          std::string s;
                          for (int i = 0; i < 5; ++i) s += "3f'" + std::string(63, 'a') + "'";
                          return s + "00 00 01 00 01";
                      }(),
                  true},
        Malformed{"bytes after the question", H + std::string(k_example_a) + " 00", true},
        Malformed{"answer count past the end",
                  "12 34 81 80 00 01 00 01 00 00 00 00 " + std::string(k_example_a), true},
        Malformed{"A record of 3 bytes",
                  "12 34 81 80 00 01 00 01 00 00 00 00 " + std::string(k_example_a) +
                      " c0 0c 00 01 00 01 00 00 00 3c 00 03 0a 00 00",
                  true},
        Malformed{"record data shorter than its length",
                  "12 34 81 80 00 01 00 01 00 00 00 00 " + std::string(k_example_a) +
                      " c0 0c 00 10 00 01 00 00 00 3c 00 09 04'abc'",
                  true},
        Malformed{"CNAME data longer than its name",
                  "12 34 81 80 00 01 00 01 00 00 00 00 " + std::string(k_example_a) +
                      " c0 0c 00 05 00 01 00 00 00 3c 00 04 c0 0c 00 00",
                  true},
        Malformed{"two OPT records",
                  "12 34 01 00 00 01 00 00 00 00 00 02 " + std::string(k_example_a) +
                      " 00 00 29 04 d0 00 00 00 00 00 00"
                      " 00 00 29 04 d0 00 00 00 00 00 00",
                  true},
        Malformed{"OPT in the answer section",
                  "12 34 01 00 00 01 00 01 00 00 00 00 " + std::string(k_example_a) +
                      " 00 00 29 04 d0 00 00 00 00 00 00",
                  true},
        Malformed{"OPT not owned by the root",
                  Q1.substr(0, Q1.size()) + " c0 0c 00 29 04 d0 00 00 00 00 00 00", true}),
    [](const auto& info) {
        std::string name = info.param.what;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return name;
    });

// Any corruption of a valid packet parses or fails with ParseError; nothing else.
TEST(DnsParse, SurvivesRandomCorruption) {
    const auto valid = packet("12 34 81 80 00 01 00 02 00 00 00 01 " + std::string(k_example_a) +
                              " c0 0c 00 05 00 01 00 00 00 3c 00 06 03'www'c0 0c"
                              " c0 29 00 21 00 01 00 00 00 3c 00 08 00 01 00 01 00 50 c0 0c"
                              " 00 00 29 04 d0 00 00 00 00 00 00");
    ASSERT_NO_THROW(parse(valid));
    std::mt19937 rng(1035);
    for (int round = 0; round < 20000; ++round) {
        auto bytes = valid;
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < flips; ++i)
            bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
        if (rng() % 3 == 0) bytes.resize(rng() % bytes.size());
        try {
            auto m = parse(bytes);
            (void)write(m);
        } catch (const ParseError&) {
        } catch (const std::invalid_argument&) {  // a parsed label write() cannot spell
        }
    }
}

Message answer_with(std::size_t n_a, std::optional<Edns> edns) {
    Message m;
    m.id = 7;
    m.response = true;
    m.authoritative = true;
    m.questions.push_back({"backend.demo.local", type::a, k_class_in});
    for (std::size_t i = 0; i < n_a; ++i) {
        m.answers.push_back(
            {"backend.demo.local", type::a, k_class_in, 60,
             Ipv4{10, 0, static_cast<std::uint8_t>(i / 256), static_cast<std::uint8_t>(i % 256)}});
    }
    m.edns = edns;
    return m;
}

TEST(DnsWrite, CompressesNamesAgainstTheQuestion) {
    auto bytes = write(answer_with(2, std::nullopt));
    // Header 12, question 20 + 4, then each answer: pointer 2, type/class/ttl 8, length 2, 4.
    EXPECT_EQ(bytes.size(), 12u + 24u + 2u * 16u);
    EXPECT_EQ(bytes[36], 0xC0);
    EXPECT_EQ(bytes[37], 12);
    auto m = parse(bytes);
    ASSERT_EQ(m.answers.size(), 2u);
    EXPECT_EQ(m.answers[1].name, "backend.demo.local");
    EXPECT_EQ(std::get<Ipv4>(m.answers[1].data), (Ipv4{10, 0, 0, 1}));
    EXPECT_TRUE(m.authoritative);
    EXPECT_FALSE(m.truncated);
}

TEST(DnsWrite, CompressesSuffixesInSrvTargets) {
    Message m = answer_with(0, std::nullopt);
    m.questions[0] = {"_http._tcp.backend.demo.local", type::srv, k_class_in};
    m.answers.push_back({"_http._tcp.backend.demo.local", type::srv, k_class_in, 30,
                         Srv{1, 1, 32768, "abc.backend.demo.local"}});
    auto bytes = write(m);
    auto back = parse(bytes);
    ASSERT_EQ(back.answers.size(), 1u);
    const auto& srv = std::get<Srv>(back.answers[0].data);
    EXPECT_EQ(srv.port, 32768);
    EXPECT_EQ(srv.priority, 1);
    EXPECT_EQ(srv.weight, 1);
    EXPECT_EQ(srv.target, "abc.backend.demo.local");
    // "abc" and a pointer to "backend.demo.local" inside the question: 4 + 2 bytes.
    EXPECT_EQ(bytes.size(), 12u + 35u + 2u + 10u + 6u + 6u);
}

TEST(DnsWrite, TruncatesToFiveHundredTwelveBytesWithoutEdns) {
    auto bytes = write(answer_with(40, std::nullopt), udp_limit(Message{}));
    EXPECT_LE(bytes.size(), 512u);
    auto m = parse(bytes);
    EXPECT_TRUE(m.truncated);
    EXPECT_EQ(m.answers.size(), (512u - 36u) / 16u);
}

TEST(DnsWrite, FitsWhatTheEdnsSizeAllowsAndKeepsTheOptRecord) {
    Message query;
    query.edns = Edns{.udp_size = 4096};
    auto bytes = write(answer_with(40, Edns{.udp_size = k_edns_udp_size}), udp_limit(query));
    auto m = parse(bytes);
    EXPECT_FALSE(m.truncated);
    EXPECT_EQ(m.answers.size(), 40u);
    ASSERT_TRUE(m.edns);
    EXPECT_EQ(m.edns->udp_size, k_edns_udp_size);

    query.edns->udp_size = 600;
    m = parse(write(answer_with(40, Edns{}), udp_limit(query)));
    EXPECT_TRUE(m.truncated);
    EXPECT_TRUE(m.edns) << "the OPT record survives truncation";
    EXPECT_EQ(m.answers.size(), (600u - 36u - 11u) / 16u);
}

TEST(DnsWrite, WritesRcodeAndFlags) {
    Message m = answer_with(0, std::nullopt);
    m.rcode = Rcode::name_error;
    m.recursion_desired = true;
    m.recursion_available = true;
    auto bytes = write(m);
    EXPECT_EQ(bytes[2], 0x85);  // QR, AA, RD
    EXPECT_EQ(bytes[3], 0x83);  // RA, NXDOMAIN
    EXPECT_EQ(parse(bytes).rcode, Rcode::name_error);
}

TEST(DnsWrite, RefusesALabelOverSixtyThreeBytes) {
    Message m;
    m.questions.push_back({std::string(64, 'a') + ".local", type::a, k_class_in});
    EXPECT_THROW(write(m), std::invalid_argument);
}

TEST(DnsNames, CompareInLowerCaseWithoutTheFinalDot) {
    EXPECT_EQ(canonical_name("Backend.Demo.LOCAL."), "backend.demo.local");
    EXPECT_EQ(canonical_name("."), "");
    EXPECT_EQ(parse_ipv4("10.1.2.3"), (Ipv4{10, 1, 2, 3}));
    EXPECT_FALSE(parse_ipv4("10.1.2"));
    EXPECT_TRUE(parse_ipv6("fd00::1"));
    EXPECT_FALSE(parse_ipv6("10.1.2.3"));
}

}  // namespace
}  // namespace berth::edge::dns
