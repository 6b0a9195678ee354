#include "forwarded.hpp"

#include <cstdio>

namespace berth::edge::lb {

std::string forwarded_for(std::string_view existing, std::string_view client_address) {
    if (existing.empty()) return std::string(client_address);
    return std::string(existing) + ", " + std::string(client_address);
}

std::string trace_id(std::string_view existing, std::int64_t epoch_seconds, std::uint64_t random_hi,
                     std::uint64_t random_lo) {
    char id[64];
    std::snprintf(id, sizeof id, "1-%08llx-%08llx%016llx",
                  static_cast<unsigned long long>(epoch_seconds & 0xffffffff),
                  static_cast<unsigned long long>(random_hi & 0xffffffff),
                  static_cast<unsigned long long>(random_lo));
    if (existing.find("Root=") != std::string_view::npos) {
        return "Self=" + std::string(id) + ";" + std::string(existing);
    }
    if (existing.empty()) return "Root=" + std::string(id);
    return "Root=" + std::string(id) + ";" + std::string(existing);
}

}  // namespace berth::edge::lb
