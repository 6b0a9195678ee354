#include "api/ecs/member_path.hpp"

#include <string>

namespace berth::api::ecs {

namespace {

using nlohmann::json;

bool is_empty(const json& v) {
    if (v.is_string()) return v.get_ref<const std::string&>().empty();
    return v.is_null() || ((v.is_array() || v.is_object()) && v.empty());
}

// `text` against a pattern where '*' matches any run of characters.
bool glob(std::string_view text, std::string_view pattern) {
    const auto star = pattern.find('*');
    if (star == std::string_view::npos) return text == pattern;
    const auto head = pattern.substr(0, star);
    if (!text.starts_with(head)) return false;
    text.remove_prefix(head.size());
    const auto rest = pattern.substr(star + 1);
    for (std::size_t at = 0; at <= text.size(); ++at) {
        if (glob(text.substr(at), rest)) return true;
    }
    return false;
}

bool equals(const json& v, std::string_view wanted) {
    if (v.is_string()) return glob(v.get_ref<const std::string&>(), wanted);
    return !v.is_object() && !v.is_array() && v.dump() == wanted;
}

struct Test {
    std::string_view path;
    std::string_view wanted;
    enum class Kind { present, equal, not_equal } kind = Kind::present;
};

Test parse(std::string_view member) {
    const auto eq = member.find('=');
    if (eq == std::string_view::npos) return {member, {}, Test::Kind::present};
    const bool negated = eq > 0 && member[eq - 1] == '!';
    return {member.substr(0, negated ? eq - 1 : eq), member.substr(eq + 1),
            negated ? Test::Kind::not_equal : Test::Kind::equal};
}

bool passes(const json& v, const Test& test) {
    switch (test.kind) {
        case Test::Kind::present:
            return !is_empty(v);
        case Test::Kind::equal:
            return equals(v, test.wanted);
        case Test::Kind::not_equal:
            return !v.is_null() && !equals(v, test.wanted);
    }
    return false;
}

bool reaches(const json& node, std::string_view path, const Test& test) {
    const auto dot = path.find('.');
    auto segment = path.substr(0, dot);
    const auto rest = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    const bool each = segment.ends_with("[]");
    if (each) segment.remove_suffix(2);
    if (!node.is_object()) return false;
    auto it = node.find(std::string(segment));
    if (it == node.end()) return false;
    if (!each) return rest.empty() ? passes(*it, test) : reaches(*it, rest, test);
    if (!it->is_array()) return false;
    for (const auto& element : *it) {
        if (rest.empty() ? passes(element, test) : reaches(element, rest, test)) return true;
    }
    return false;
}

}  // namespace

bool uses_member(const json& document, std::string_view member) {
    const auto test = parse(member);
    return reaches(document, test.path, test);
}

std::string_view member_path(std::string_view member) {
    return parse(member).path;
}

}  // namespace berth::api::ecs
