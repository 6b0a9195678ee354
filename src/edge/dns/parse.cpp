// Reading a DNS message (RFC 1035 4.1), defensively: every length is checked against what is
// left, and compression pointers must point strictly backwards, so no input loops or reads
// past its end.
#include <algorithm>
#include <cctype>

#include "message.hpp"

namespace berth::edge::dns {

namespace {

constexpr std::size_t k_header_size = 12;
constexpr std::size_t k_max_name = 255;  // on the wire, length octets included

class Reader {
  public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    void fail(const std::string& what) const { throw ParseError(what, id_); }
    void set_id(std::uint16_t id) { id_ = id; }
    std::size_t position() const { return pos_; }
    bool at_end() const { return pos_ == bytes_.size(); }

    std::uint8_t u8() {
        need(1);
        return bytes_[pos_++];
    }
    std::uint16_t u16() {
        need(2);
        std::uint16_t v = static_cast<std::uint16_t>(bytes_[pos_] << 8 | bytes_[pos_ + 1]);
        pos_ += 2;
        return v;
    }
    std::uint32_t u32() {
        std::uint32_t high = u16();
        return high << 16 | u16();
    }
    std::span<const std::uint8_t> take(std::size_t n) {
        need(n);
        auto out = bytes_.subspan(pos_, n);
        pos_ += n;
        return out;
    }

    // A possibly compressed name starting at the current position; the position moves past
    // it (past the first pointer, when there is one).
    std::string name() {
        std::string out;
        std::size_t at = pos_;
        std::size_t wire_length = 0;
        bool jumped = false;
        for (;;) {
            if (at >= bytes_.size()) fail("name runs past the end of the message");
            const std::uint8_t len = bytes_[at];
            if ((len & 0xC0) == 0xC0) {
                if (at + 1 >= bytes_.size()) fail("compression pointer runs past the end");
                const std::size_t target = (len & 0x3F) << 8 | bytes_[at + 1];
                if (target >= at) fail("compression pointer does not point backwards");
                if (!jumped) pos_ = at + 2;
                jumped = true;
                at = target;
                continue;
            }
            // Type bits 00: a label, whose 6 length bits hold RFC 1035's limit of 63.
            if ((len & 0xC0) != 0) fail("reserved label type");
            wire_length += len + 1;
            if (wire_length > k_max_name) fail("name longer than 255 bytes");
            if (len == 0) {
                if (!jumped) pos_ = at + 1;
                return out;
            }
            if (at + 1 + len > bytes_.size()) fail("label runs past the end of the message");
            if (!out.empty()) out += '.';
            out.append(reinterpret_cast<const char*>(bytes_.data() + at + 1), len);
            at += 1 + len;
        }
    }

  private:
    void need(std::size_t n) const {
        if (bytes_.size() - pos_ < n) fail("message ends early");
    }

    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
    std::optional<std::uint16_t> id_;
};

template <std::size_t N>
std::array<std::uint8_t, N> fixed(Reader& r, std::span<const std::uint8_t> data) {
    if (data.size() != N) r.fail("address record of the wrong length");
    std::array<std::uint8_t, N> out;
    std::copy(data.begin(), data.end(), out.begin());
    return out;
}

// The RDATA of a record of `type` and `length` bytes at the reader's position.
void read_data(Reader& r, Record& rec, std::size_t length) {
    const std::size_t end = r.position() + length;
    switch (rec.type) {
        case type::a:
            rec.data = fixed<4>(r, r.take(length));
            return;
        case type::aaaa:
            rec.data = fixed<16>(r, r.take(length));
            return;
        case type::cname:
            rec.data = Cname{r.name()};
            break;
        case type::srv: {
            Srv s;
            s.priority = r.u16();
            s.weight = r.u16();
            s.port = r.u16();
            s.target = r.name();
            rec.data = std::move(s);
            break;
        }
        default: {
            auto raw = r.take(length);
            rec.data = RawData(raw.begin(), raw.end());
            return;
        }
    }
    if (r.position() != end) r.fail("record data length does not match its contents");
}

Record read_record(Reader& r) {
    Record rec;
    rec.name = r.name();
    rec.type = r.u16();
    rec.klass = r.u16();
    rec.ttl = r.u32();
    const std::size_t length = r.u16();
    read_data(r, rec, length);
    return rec;
}

// RFC 6891 6.1: the OPT record's class is the UDP size, its TTL the extended RCODE, the
// version and the DO bit; its name must be the root.
Edns read_opt(Reader& r, const Record& rec) {
    if (!rec.name.empty()) r.fail("OPT record not owned by the root");
    Edns e;
    e.udp_size = rec.klass;
    e.extended_rcode = static_cast<std::uint8_t>(rec.ttl >> 24);
    e.version = static_cast<std::uint8_t>(rec.ttl >> 16);
    e.dnssec_ok = (rec.ttl & 0x8000) != 0;
    return e;
}

}  // namespace

Message parse(std::span<const std::uint8_t> bytes) {
    Reader r(bytes);
    if (bytes.size() < k_header_size) r.fail("message shorter than its header");
    Message m;
    m.id = r.u16();
    r.set_id(m.id);
    const std::uint16_t flags = r.u16();
    m.response = (flags & 0x8000) != 0;
    m.opcode = (flags >> 11) & 0x0F;
    m.authoritative = (flags & 0x0400) != 0;
    m.truncated = (flags & 0x0200) != 0;
    m.recursion_desired = (flags & 0x0100) != 0;
    m.recursion_available = (flags & 0x0080) != 0;
    m.rcode = static_cast<Rcode>(flags & 0x0F);
    const std::uint16_t qd = r.u16(), an = r.u16(), ns = r.u16(), ar = r.u16();
    for (std::uint16_t i = 0; i < qd; ++i) {
        Question q;
        q.name = r.name();
        q.type = r.u16();
        q.klass = r.u16();
        m.questions.push_back(std::move(q));
    }
    auto section = [&](std::uint16_t count, std::vector<Record>& out, bool additional) {
        for (std::uint16_t i = 0; i < count; ++i) {
            Record rec = read_record(r);
            if (rec.type != type::opt) {
                out.push_back(std::move(rec));
                continue;
            }
            if (!additional) r.fail("OPT record outside the additional section");
            if (m.edns) r.fail("more than one OPT record");
            m.edns = read_opt(r, rec);
        }
    };
    section(an, m.answers, false);
    section(ns, m.authority, false);
    section(ar, m.additional, true);
    if (!r.at_end()) r.fail("bytes after the last record");
    return m;
}

std::size_t udp_limit(const Message& query) {
    if (!query.edns) return k_classic_udp_limit;
    return std::max<std::size_t>(query.edns->udp_size, k_classic_udp_limit);
}

std::string canonical_name(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::string out(name);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace berth::edge::dns
