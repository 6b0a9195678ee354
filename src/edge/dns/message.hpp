#pragma once
// A DNS message as RFC 1035 lays it out (section 4), with the EDNS0 OPT pseudo-record of RFC
// 6891 lifted out of the additional section. The server reads queries with parse() and writes
// answers with write(); records of types it does not answer keep their data as raw bytes, so
// a parsed message writes back to the same records.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace berth::edge::dns {

// The record types Berth answers, and OPT; any other type is carried as its number.
namespace type {
inline constexpr std::uint16_t a = 1;
inline constexpr std::uint16_t cname = 5;
inline constexpr std::uint16_t soa = 6;
inline constexpr std::uint16_t aaaa = 28;
inline constexpr std::uint16_t srv = 33;
inline constexpr std::uint16_t opt = 41;
inline constexpr std::uint16_t any = 255;
}  // namespace type

inline constexpr std::uint16_t k_class_in = 1;

enum class Rcode : std::uint8_t {
    no_error = 0,
    format_error = 1,
    server_failure = 2,
    name_error = 3,  // NXDOMAIN
    not_implemented = 4,
    refused = 5,
};

// Without EDNS a UDP message is at most 512 bytes (RFC 1035 4.2.1).
inline constexpr std::size_t k_classic_udp_limit = 512;
// The UDP size Berth offers in its own OPT record (the DNS flag day 2020 value).
inline constexpr std::uint16_t k_edns_udp_size = 1232;
// RFC 6891 6.1.3: an extended RCODE, sent in the OPT record's upper eight bits.
inline constexpr std::uint16_t k_rcode_badvers = 16;

struct Question {
    std::string name;  // dotted, without the final dot, as the client spelled it ("" is the root)
    std::uint16_t type = type::a;
    std::uint16_t klass = k_class_in;
};

struct Srv {
    std::uint16_t priority = 0;
    std::uint16_t weight = 0;
    std::uint16_t port = 0;
    std::string target;
};

using Ipv4 = std::array<std::uint8_t, 4>;
using Ipv6 = std::array<std::uint8_t, 16>;
struct Cname {
    std::string target;
};
using RawData = std::vector<std::uint8_t>;

struct Record {
    std::string name;
    std::uint16_t type = type::a;
    std::uint16_t klass = k_class_in;
    std::uint32_t ttl = 0;
    // A, AAAA, CNAME and SRV are typed; every other type keeps its RDATA as it came.
    std::variant<Ipv4, Ipv6, Cname, Srv, RawData> data;
};

struct Edns {
    std::uint16_t udp_size = k_classic_udp_limit;  // what the sender can receive over UDP
    std::uint8_t extended_rcode = 0;               // the upper 8 bits of a 12-bit RCODE
    std::uint8_t version = 0;
    bool dnssec_ok = false;
};

struct Message {
    std::uint16_t id = 0;
    bool response = false;
    std::uint8_t opcode = 0;  // 0: a standard query
    bool authoritative = false;
    bool truncated = false;
    bool recursion_desired = false;
    bool recursion_available = false;
    Rcode rcode = Rcode::no_error;
    std::vector<Question> questions;
    std::vector<Record> answers;
    std::vector<Record> authority;
    std::vector<Record> additional;  // without the OPT record
    std::optional<Edns> edns;
};

// What a malformed message fails with; `id` is set once the header could be read, so the
// server can still answer FORMERR to the asker.
struct ParseError : std::runtime_error {
    ParseError(const std::string& what, std::optional<std::uint16_t> id)
        : std::runtime_error(what), id(id) {}
    std::optional<std::uint16_t> id;
};

// Throws ParseError for anything RFC 1035 or 6891 does not allow: a short header, counts
// that run past the end, labels over 63 bytes, names over 255, compression pointers that do
// not point backwards, reserved label types, more than one OPT record or one outside the
// additional section, bytes left over.
Message parse(std::span<const std::uint8_t> bytes);

// The message on the wire, names compressed. When it would exceed `limit` bytes, the records
// that do not fit are left out (whole records, answers last to go) and TC is set (RFC 2181
// 9). Throws std::invalid_argument for a name that cannot be written (a label over 63 bytes).
std::vector<std::uint8_t> write(const Message& message, std::size_t limit = 65535);

// What a UDP answer to `query` may hold: 512 bytes without EDNS, else the size its OPT
// record offers, at least 512.
std::size_t udp_limit(const Message& query);

// Lower case, final dot removed: the form names are compared in.
std::string canonical_name(std::string_view name);

// "10.0.0.1" → bytes, nullopt when it is not a dotted IPv4 (or IPv6) address.
std::optional<Ipv4> parse_ipv4(const std::string& text);
std::optional<Ipv6> parse_ipv6(const std::string& text);

}  // namespace berth::edge::dns
