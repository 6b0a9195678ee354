#pragma once
// The framing of Berth's state files (--state-dir): a sequence of records, each
//     [payload length: u32 little-endian][CRC-32 of the payload: u32 little-endian][payload]
// A crash can leave the last record of the journal half written (torn) and a disk can hand back
// damaged bytes (corrupt): reading stops at the first record that is either, and says where and
// why, so the caller cuts the file there instead of reading garbage or refusing to start.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace berth::persist {

// The largest payload a reader accepts: a length past it is damage, not a record.
inline constexpr std::uint32_t k_max_record = 64u * 1024 * 1024;

std::uint32_t crc32(std::string_view bytes);

// Appends one framed record to `out`.
void append_record(std::string& out, std::string_view payload);

struct RecordScan {
    std::vector<std::string> payloads;  // the good records, in order
    std::size_t good_bytes = 0;         // where the good records end (cut the file here)
    std::string problem;                // empty when every byte was read; else what stopped it
};

RecordScan scan_records(std::string_view bytes);

}  // namespace berth::persist
