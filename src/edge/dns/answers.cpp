#include "answers.hpp"

#include <algorithm>

namespace berth::edge::dns {

namespace {

std::optional<model::DnsRecordType> record_type(std::uint16_t qtype) {
    switch (qtype) {
        case type::a:
            return model::DnsRecordType::a;
        case type::aaaa:
            return model::DnsRecordType::aaaa;
        case type::srv:
            return model::DnsRecordType::srv;
        case type::cname:
            return model::DnsRecordType::cname;
        default:
            return std::nullopt;
    }
}

std::uint16_t wire_type(model::DnsRecordType t) {
    switch (t) {
        case model::DnsRecordType::a:
            return type::a;
        case model::DnsRecordType::aaaa:
            return type::aaaa;
        case model::DnsRecordType::srv:
            return type::srv;
        case model::DnsRecordType::cname:
            return type::cname;
    }
    return type::a;
}

// Names in RDATA Berth writes raw (SOA): uncompressed, which every reader accepts.
void append_name(RawData& out, std::string_view name) {
    while (!name.empty()) {
        const auto dot = name.find('.');
        const auto label = name.substr(0, dot);
        out.push_back(static_cast<std::uint8_t>(label.size()));
        out.insert(out.end(), label.begin(), label.end());
        name = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
    }
    out.push_back(0);
}

void append_u32(RawData& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// The namespace's SOA as Route 53 writes it for a private hosted zone (its serial, refresh,
// retry, expire; the minimum is the SOA TTL Cloud Map lets the user set).
Record soa(const model::DnsLookup& lookup) {
    const auto ttl = static_cast<std::uint32_t>(std::max<std::int64_t>(lookup.soa_ttl, 0));
    RawData data;
    append_name(data, "ns-1536.awsdns-00.co.uk");
    append_name(data, "awsdns-hostmaster.amazon.com");
    for (std::uint32_t v : {1u, 7200u, 900u, 1209600u}) append_u32(data, v);
    append_u32(data, ttl);
    return Record{lookup.namespace_name, type::soa, k_class_in, ttl, std::move(data)};
}

std::optional<Record> record_of(const std::string& name, const model::DnsLookup& lookup,
                                const model::DnsAnswer& a) {
    Record r{name, wire_type(lookup.answer_type), k_class_in,
             static_cast<std::uint32_t>(std::max<std::int64_t>(lookup.ttl, 0)), RawData{}};
    switch (lookup.answer_type) {
        case model::DnsRecordType::a:
            if (auto ip = parse_ipv4(a.value))
                r.data = *ip;
            else
                return std::nullopt;
            break;
        case model::DnsRecordType::aaaa:
            if (auto ip = parse_ipv6(a.value))
                r.data = *ip;
            else
                return std::nullopt;
            break;
        case model::DnsRecordType::cname:
            r.data = Cname{a.value};
            break;
        case model::DnsRecordType::srv:
            r.data = Srv{a.priority, a.weight, a.port, a.value};
            break;
    }
    return r;
}

// Route 53's routing: MULTIVALUE answers up to eight healthy records in a random order,
// WEIGHTED one (every Cloud Map instance weighs the same).
std::vector<model::DnsAnswer> pick(std::vector<model::DnsAnswer> answers,
                                   model::RoutingPolicy policy, std::mt19937& rng) {
    std::shuffle(answers.begin(), answers.end(), rng);
    const std::size_t keep =
        policy == model::RoutingPolicy::weighted ? 1 : model::k_max_multivalue_answers;
    if (answers.size() > keep) answers.resize(keep);
    return answers;
}

// The header and question of an authoritative answer to `query`.
Message authoritative_reply(const Message& query) {
    Message m;
    m.id = query.id;
    m.response = true;
    m.authoritative = true;
    m.recursion_desired = query.recursion_desired;
    m.recursion_available = true;
    m.questions = query.questions;
    if (query.edns) m.edns = Edns{.udp_size = k_edns_udp_size};
    return m;
}

}  // namespace

std::optional<Message> answer_service_connect(const model::ServiceConnectNames& names,
                                              const Message& query, std::mt19937& rng) {
    const Question& q = query.questions.at(0);
    auto ips = names.lookup(q.name);
    if (!ips) return std::nullopt;
    Message m = authoritative_reply(query);
    std::shuffle(ips->begin(), ips->end(), rng);
    if (q.klass == k_class_in && q.type == type::a) {
        for (const auto& ip : *ips) {
            if (auto v4 = parse_ipv4(ip)) {
                m.answers.push_back(
                    Record{q.name, type::a, k_class_in, k_service_connect_ttl, *v4});
            }
        }
    }
    return m;  // other types: NODATA (no SOA: the name is in no zone of Berth's)
}

std::optional<Message> answer_from(const model::ServiceDiscoveryStore& names, const Message& query,
                                   std::mt19937& rng) {
    const Question& q = query.questions.at(0);
    const auto rtype = record_type(q.type);
    // Another type (SOA, TXT, ANY, ...) is still answered here when the name is ours: NODATA.
    auto lookup = names.lookup_dns(q.name, rtype.value_or(model::DnsRecordType::a));
    if (!lookup.in_private_namespace) return std::nullopt;
    Message m = authoritative_reply(query);
    if (q.klass == k_class_in && rtype) {
        for (const auto& a : pick(std::move(lookup.answers), lookup.routing_policy, rng)) {
            if (auto r = record_of(q.name, lookup, a)) m.answers.push_back(std::move(*r));
        }
    }
    if (m.answers.empty()) {
        m.rcode = lookup.name_exists ? Rcode::no_error : Rcode::name_error;
        m.authority.push_back(soa(lookup));
    }
    return m;
}

}  // namespace berth::edge::dns
