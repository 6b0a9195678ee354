#include "berth/persist/record.hpp"

#include <array>

namespace berth::persist {

namespace {

// The CRC-32 of zlib and PNG (reflected polynomial 0xEDB88320), table built once.
constexpr std::array<std::uint32_t, 256> crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr auto k_crc_table = crc_table();
constexpr std::size_t k_header = 8;

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    }
    return v;
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (char ch : bytes) c = k_crc_table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void append_record(std::string& out, std::string_view payload) {
    put_u32(out, static_cast<std::uint32_t>(payload.size()));
    put_u32(out, crc32(payload));
    out.append(payload);
}

RecordScan scan_records(std::string_view bytes) {
    RecordScan scan;
    std::size_t at = 0;
    while (at < bytes.size()) {
        const auto left = bytes.size() - at;
        if (left < k_header) {
            scan.problem = "torn record header (" + std::to_string(left) + " bytes)";
            break;
        }
        const auto length = get_u32(bytes, at);
        if (length > k_max_record) {
            scan.problem = "record length " + std::to_string(length) + " past the limit";
            break;
        }
        if (left - k_header < length) {
            scan.problem = "torn record (" + std::to_string(left - k_header) + " of " +
                           std::to_string(length) + " bytes)";
            break;
        }
        auto payload = bytes.substr(at + k_header, length);
        if (crc32(payload) != get_u32(bytes, at + 4)) {
            scan.problem = "record checksum mismatch";
            break;
        }
        scan.payloads.emplace_back(payload);
        at += k_header + length;
    }
    scan.good_bytes = at;
    return scan;
}

}  // namespace berth::persist
