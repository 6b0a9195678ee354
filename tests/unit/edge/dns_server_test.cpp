// The DNS server's query handling and its forwarding, over loopback sockets: a stand-in
// upstream (another dns::Server) answers what Berth's server does not.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "edge/dns/forwarder.hpp"
#include "edge/dns/server.hpp"

namespace berth::edge::dns {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;
using Bytes = std::vector<std::uint8_t>;

Bytes query_bytes(const std::string& name, std::uint16_t qtype, std::uint16_t id = 0x4242,
                  std::optional<Edns> edns = std::nullopt) {
    Message q;
    q.id = id;
    q.recursion_desired = true;
    q.questions.push_back({name, qtype, k_class_in});
    q.edns = edns;
    return write(q);
}

// Answers A questions for names under `zone` with `address`, NXDOMAIN in the zone otherwise.
Answerer zone_answerer(std::string zone, Ipv4 address, std::size_t copies = 1) {
    return [=](const Message& q) -> std::optional<Message> {
        const auto name = canonical_name(q.questions[0].name);
        if (!name.ends_with(zone)) return std::nullopt;
        Message m = reply_to(q, Rcode::no_error);
        m.authoritative = true;
        for (std::size_t i = 0; i < copies; ++i) {
            m.answers.push_back({q.questions[0].name, type::a, k_class_in, 5, address});
        }
        return m;
    };
}

class Running {
  public:
    Running(DnsServerOptions options, Answerer answerer)
        : server_(std::move(options), std::move(answerer)), thread_([this] { server_.run(); }) {}
    ~Running() {
        server_.stop();
        thread_.join();
    }
    unsigned short port() const { return server_.port(); }

  private:
    Server server_;
    std::thread thread_;
};

DnsServerOptions loopback(std::vector<DnsUpstream> upstreams = {}) {
    DnsServerOptions o;
    o.address = "127.0.0.1";
    o.port = 0;
    o.upstreams = std::move(upstreams);
    o.upstream_timeout = std::chrono::milliseconds(300);
    return o;
}

Message ask_udp(unsigned short port, const Bytes& query) {
    asio::io_context ioc;
    udp::socket s(ioc, udp::endpoint(udp::v4(), 0));
    s.send_to(asio::buffer(query), udp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    Bytes buf(65535);
    udp::endpoint from;
    // The socket blocks; a missing answer fails the test through ctest's timeout.
    auto n = s.receive_from(asio::buffer(buf), from);
    buf.resize(n);
    return parse(buf);
}

Message ask_tcp(unsigned short port, const Bytes& query) {
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::array<std::uint8_t, 2> len = {static_cast<std::uint8_t>(query.size() >> 8),
                                       static_cast<std::uint8_t>(query.size())};
    asio::write(s, asio::buffer(len));
    asio::write(s, asio::buffer(query));
    asio::read(s, asio::buffer(len));
    Bytes answer(static_cast<std::size_t>(len[0] << 8 | len[1]));
    asio::read(s, asio::buffer(answer));
    return parse(answer);
}

TEST(DnsHandle, AnswersFormerrToAMalformedQueryWithAnId) {
    Bytes bad = query_bytes("x.local", type::a, 0x1234);
    bad.push_back(0);  // a byte after the question
    auto h = handle_query(bad, false, {});
    ASSERT_TRUE(h.answer);
    auto m = parse(*h.answer);
    EXPECT_EQ(m.id, 0x1234);
    EXPECT_TRUE(m.response);
    EXPECT_EQ(m.rcode, Rcode::format_error);
}

TEST(DnsHandle, DropsWhatCannotBeAnswered) {
    EXPECT_TRUE(handle_query(Bytes{1, 2, 3}, false, {}).drop);
    Message response = parse(query_bytes("x.local", type::a));
    response.response = true;
    EXPECT_TRUE(handle_query(write(response), false, {}).drop);
}

TEST(DnsHandle, RefusesOtherOpcodesAndSeveralQuestions) {
    Message q = parse(query_bytes("x.local", type::a));
    q.opcode = 2;  // STATUS
    EXPECT_EQ(parse(*handle_query(write(q), false, {}).answer).rcode, Rcode::not_implemented);
    q.opcode = 0;
    q.questions.push_back(q.questions[0]);
    EXPECT_EQ(parse(*handle_query(write(q), false, {}).answer).rcode, Rcode::format_error);
}

TEST(DnsHandle, AnswersBadversToAnEdnsVersionAboveZero) {
    auto h = handle_query(query_bytes("x.local", type::a, 9, Edns{.udp_size = 1232, .version = 1}),
                          false, {});
    auto m = parse(*h.answer);
    ASSERT_TRUE(m.edns);
    EXPECT_EQ((m.edns->extended_rcode << 4) | static_cast<int>(m.rcode), k_rcode_badvers);
}

TEST(DnsHandle, LeavesToTheForwarderWhatTheAnswererDoesNotKnow) {
    auto h = handle_query(query_bytes("example.com", type::a), false,
                          zone_answerer("demo.local", {10, 0, 0, 1}));
    EXPECT_FALSE(h.drop);
    EXPECT_FALSE(h.answer);
}

TEST(DnsHandle, TruncatesLocalAnswersOverUdpOnly) {
    auto answerer = zone_answerer("demo.local", {10, 0, 0, 1}, 40);
    auto udp_answer =
        parse(*handle_query(query_bytes("a.demo.local", type::a), false, answerer).answer);
    EXPECT_TRUE(udp_answer.truncated);
    auto tcp_answer =
        parse(*handle_query(query_bytes("a.demo.local", type::a), true, answerer).answer);
    EXPECT_FALSE(tcp_answer.truncated);
    EXPECT_EQ(tcp_answer.answers.size(), 40u);
}

TEST(DnsForward, RecognisesOnlyAnswersToItsQuery) {
    const Bytes q = query_bytes("example.com", type::a, 0x0101);
    Message a = parse(q);
    a.response = true;
    EXPECT_TRUE(answers(q, write(a)));
    a.id = 0x0102;
    EXPECT_FALSE(answers(q, write(a)));
    a.id = 0x0101;
    a.questions[0].name = "example.org";
    EXPECT_FALSE(answers(q, write(a)));
    a.questions[0].name = "EXAMPLE.com";
    EXPECT_TRUE(answers(q, write(a)));
    a.response = false;
    EXPECT_FALSE(answers(q, write(a)));
}

TEST(DnsServer, AnswersItsOwnNamesAndForwardsTheRestOverUdpAndTcp) {
    Running upstream(loopback(), zone_answerer("example.com", {192, 0, 2, 1}));
    Running berth(loopback({{"127.0.0.1", upstream.port()}}),
                  zone_answerer("demo.local", {10, 0, 0, 7}));
    for (bool tcp : {false, true}) {
        SCOPED_TRACE(tcp ? "tcp" : "udp");
        auto ask = [&](const Bytes& q) {
            return tcp ? ask_tcp(berth.port(), q) : ask_udp(berth.port(), q);
        };
        auto local = ask(query_bytes("backend.demo.local", type::a, 0x1111));
        EXPECT_EQ(local.id, 0x1111);
        ASSERT_EQ(local.answers.size(), 1u);
        EXPECT_EQ(std::get<Ipv4>(local.answers[0].data), (Ipv4{10, 0, 0, 7}));
        // Forwarded under another id; the asker gets its own back.
        auto forwarded = ask(query_bytes("www.example.com", type::a, 0x2222));
        EXPECT_EQ(forwarded.id, 0x2222);
        ASSERT_EQ(forwarded.answers.size(), 1u);
        EXPECT_EQ(std::get<Ipv4>(forwarded.answers[0].data), (Ipv4{192, 0, 2, 1}));
    }
}

TEST(DnsServer, TriesTheNextUpstreamThenAnswersServfail) {
    // A bound socket that never answers, then the working stand-in.
    asio::io_context ioc;
    udp::socket silent(ioc, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    Running upstream(loopback(), zone_answerer("example.com", {192, 0, 2, 1}));
    Running berth(
        loopback({{"127.0.0.1", silent.local_endpoint().port()}, {"127.0.0.1", upstream.port()}}),
        {});
    auto forwarded = ask_udp(berth.port(), query_bytes("www.example.com", type::a, 0x3333));
    ASSERT_EQ(forwarded.answers.size(), 1u);

    Running alone(loopback({{"127.0.0.1", silent.local_endpoint().port()}}), {});
    auto failed = ask_udp(alone.port(), query_bytes("www.example.com", type::a, 0x4444));
    EXPECT_EQ(failed.id, 0x4444);
    EXPECT_EQ(failed.rcode, Rcode::server_failure);
    ASSERT_EQ(failed.questions.size(), 1u);
}

TEST(DnsServer, AnswersSeveralQueriesOnOneTcpConnection) {
    Running berth(loopback(), zone_answerer("demo.local", {10, 0, 0, 7}));
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), berth.port()));
    for (std::uint16_t id : {1, 2, 3}) {
        auto q = query_bytes("a.demo.local", type::a, id);
        std::array<std::uint8_t, 2> len = {0, static_cast<std::uint8_t>(q.size())};
        asio::write(s, asio::buffer(len));
        asio::write(s, asio::buffer(q));
        asio::read(s, asio::buffer(len));
        Bytes answer(static_cast<std::size_t>(len[0] << 8 | len[1]));
        asio::read(s, asio::buffer(answer));
        EXPECT_EQ(parse(answer).id, id);
    }
}

}  // namespace
}  // namespace berth::edge::dns
