#include "berth/model/arn.hpp"

#include <random>

namespace berth::model {

std::string Arn::str() const {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
}

std::string_view Arn::resource_type() const {
    std::string_view r = resource;
    auto slash = r.find('/');
    return slash == std::string_view::npos ? r : r.substr(0, slash);
}

std::string_view Arn::resource_id() const {
    std::string_view r = resource;
    auto slash = r.find('/');
    return slash == std::string_view::npos ? std::string_view{} : r.substr(slash + 1);
}

std::optional<Arn> parse_arn(std::string_view text) {
    if (!text.starts_with("arn:")) return std::nullopt;
    std::string_view parts[5];
    std::size_t pos = 0;
    for (auto& part : parts) {
        auto colon = text.find(':', pos);
        if (colon == std::string_view::npos) return std::nullopt;
        part = text.substr(pos, colon - pos);
        pos = colon + 1;
    }
    Arn arn;
    arn.partition = std::string(parts[1]);
    arn.service = std::string(parts[2]);
    arn.region = std::string(parts[3]);
    arn.account = std::string(parts[4]);
    arn.resource = std::string(text.substr(pos));
    if (arn.partition.empty() || arn.service.empty() || arn.resource.empty()) return std::nullopt;
    return arn;
}

bool looks_like_arn(std::string_view text) {
    return text.starts_with("arn:");
}

std::string ecs_arn(const PartitionKey& p, std::string_view resource) {
    return "arn:aws:ecs:" + p.region + ":" + p.account + ":" + std::string(resource);
}

namespace {
std::mt19937_64& rng() {
    thread_local std::mt19937_64 gen{std::random_device{}()};
    return gen;
}

std::string random_hex(std::size_t n) {
    return random_chars(n, "0123456789abcdef");
}
}  // namespace

std::string random_chars(std::size_t n, std::string_view alphabet) {
    std::uniform_int_distribution<std::size_t> d(0, alphabet.size() - 1);
    std::string s(n, alphabet[0]);
    for (auto& c : s) c = alphabet[d(rng())];
    return s;
}

std::string new_task_id() {
    return random_hex(32);
}

std::string new_uuid() {
    auto h = random_hex(32);
    h[12] = '4';
    h[16] = "89ab"[std::uniform_int_distribution<int>(0, 3)(rng())];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string new_deployment_id() {
    std::uniform_int_distribution<int> d(0, 9);
    std::string digits(19, '0');
    for (auto& c : digits) c = static_cast<char>('0' + d(rng()));
    if (digits[0] == '0') digits[0] = '1';
    return "ecs-svc/" + digits;
}

}  // namespace berth::model
