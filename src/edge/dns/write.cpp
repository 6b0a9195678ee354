// Writing a DNS message (RFC 1035 4.1), names compressed against the names already written
// (4.1.4), cut to a size limit with TC set when it does not fit.
#include <arpa/inet.h>

#include <map>

#include "message.hpp"

namespace berth::edge::dns {

namespace {

constexpr std::size_t k_max_pointer = 0x3FFF;

class Writer {
  public:
    std::vector<std::uint8_t> bytes;

    void u8(std::uint8_t v) { bytes.push_back(v); }
    void u16(std::uint16_t v) {
        bytes.push_back(static_cast<std::uint8_t>(v >> 8));
        bytes.push_back(static_cast<std::uint8_t>(v));
    }
    void u32(std::uint32_t v) {
        u16(static_cast<std::uint16_t>(v >> 16));
        u16(static_cast<std::uint16_t>(v));
    }
    void put(std::span<const std::uint8_t> data) {
        bytes.insert(bytes.end(), data.begin(), data.end());
    }
    void set_u16(std::size_t at, std::uint16_t v) {
        bytes[at] = static_cast<std::uint8_t>(v >> 8);
        bytes[at + 1] = static_cast<std::uint8_t>(v);
    }

    // Each suffix of `name` is written once; later names point at it.
    void name(const std::string& name) {
        std::string_view rest = name;
        while (!rest.empty()) {
            const auto key = canonical_name(rest);
            if (auto it = offsets_.find(key); it != offsets_.end()) {
                u16(static_cast<std::uint16_t>(0xC000 | it->second));
                return;
            }
            if (bytes.size() <= k_max_pointer) offsets_.emplace(key, bytes.size());
            const auto dot = rest.find('.');
            const auto label = rest.substr(0, dot);
            if (label.empty() || label.size() > 63) {
                throw std::invalid_argument("cannot write the name '" + name + "'");
            }
            u8(static_cast<std::uint8_t>(label.size()));
            bytes.insert(bytes.end(), label.begin(), label.end());
            rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
        }
        u8(0);
    }

    // Forgets the names written at or after `size`, when a record is taken back.
    void truncate(std::size_t size) {
        bytes.resize(size);
        std::erase_if(offsets_, [&](const auto& entry) { return entry.second >= size; });
    }

  private:
    std::map<std::string, std::size_t> offsets_;
};

void write_data(Writer& w, const Record& rec) {
    const std::size_t length_at = w.bytes.size();
    w.u16(0);
    std::visit(
        [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, Cname>) {
                w.name(d.target);
            } else if constexpr (std::is_same_v<T, Srv>) {
                w.u16(d.priority);
                w.u16(d.weight);
                w.u16(d.port);
                w.name(d.target);  // RFC 2782 forbids compressing it; readers accept either
            } else {
                w.put(d);
            }
        },
        rec.data);
    w.set_u16(length_at, static_cast<std::uint16_t>(w.bytes.size() - length_at - 2));
}

void write_record(Writer& w, const Record& rec) {
    w.name(rec.name);
    w.u16(rec.type);
    w.u16(rec.klass);
    w.u32(rec.ttl);
    write_data(w, rec);
}

// RFC 6891 6.1.2-6.1.3: the OPT record Berth sends back.
Record opt_record(const Edns& e) {
    Record rec;
    rec.type = type::opt;
    rec.klass = e.udp_size;
    rec.ttl = static_cast<std::uint32_t>(e.extended_rcode) << 24 |
              static_cast<std::uint32_t>(e.version) << 16 | (e.dnssec_ok ? 0x8000u : 0u);
    rec.data = RawData{};
    return rec;
}

std::uint16_t flags_of(const Message& m) {
    std::uint16_t f = 0;
    if (m.response) f |= 0x8000;
    f |= static_cast<std::uint16_t>((m.opcode & 0x0F) << 11);
    if (m.authoritative) f |= 0x0400;
    if (m.truncated) f |= 0x0200;
    if (m.recursion_desired) f |= 0x0100;
    if (m.recursion_available) f |= 0x0080;
    return f | (static_cast<std::uint16_t>(m.rcode) & 0x0F);
}

}  // namespace

std::vector<std::uint8_t> write(const Message& m, std::size_t limit) {
    Writer w;
    w.u16(m.id);
    w.u16(flags_of(m));
    for (std::size_t i = 0; i < 4; ++i) w.u16(0);  // the counts, set below
    for (const auto& q : m.questions) {
        w.name(q.name);
        w.u16(q.type);
        w.u16(q.klass);
    }
    // The OPT record is written last but must always fit: its space is held back.
    std::optional<Record> opt;
    if (m.edns) opt = opt_record(*m.edns);
    const std::size_t reserve = opt ? 11 : 0;
    bool truncated = m.truncated;
    std::array<std::uint16_t, 3> counts{};
    const std::array<const std::vector<Record>*, 3> sections = {&m.answers, &m.authority,
                                                                &m.additional};
    for (std::size_t s = 0; s < sections.size() && !truncated; ++s) {
        for (const auto& rec : *sections[s]) {
            const std::size_t before = w.bytes.size();
            write_record(w, rec);
            if (w.bytes.size() + reserve > limit) {
                w.truncate(before);
                // Only a cut answer or authority section is a truncation (RFC 2181 9).
                truncated = s < 2;
                break;
            }
            ++counts[s];
        }
    }
    if (opt) write_record(w, *opt);
    w.set_u16(2, static_cast<std::uint16_t>(flags_of(m) | (truncated ? 0x0200 : 0)));
    w.set_u16(4, static_cast<std::uint16_t>(m.questions.size()));
    w.set_u16(6, counts[0]);
    w.set_u16(8, counts[1]);
    w.set_u16(10, static_cast<std::uint16_t>(counts[2] + (opt ? 1 : 0)));
    return std::move(w.bytes);
}

std::optional<Ipv4> parse_ipv4(const std::string& text) {
    Ipv4 out;
    if (inet_pton(AF_INET, text.c_str(), out.data()) != 1) return std::nullopt;
    return out;
}

std::optional<Ipv6> parse_ipv6(const std::string& text) {
    Ipv6 out;
    if (inet_pton(AF_INET6, text.c_str(), out.data()) != 1) return std::nullopt;
    return out;
}

}  // namespace berth::edge::dns
