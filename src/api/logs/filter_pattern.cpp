#include "api/logs/filter_pattern.hpp"

#include <algorithm>
#include <cctype>

#include "api/logs/filter_json.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// One term at the start of `rest`: a "quoted phrase" (\" inside it) or a run of non-blanks.
std::string take_term(std::string_view& rest) {
    std::string term;
    if (!rest.empty() && rest.front() == '"') {
        std::size_t i = 1;
        for (; i < rest.size() && rest[i] != '"'; ++i) {
            if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
            term += rest[i];
        }
        if (i >= rest.size()) throw errors::invalid("Invalid filter pattern: unterminated quote.");
        rest.remove_prefix(i + 1);
        return term;
    }
    std::size_t i = 0;
    while (i < rest.size() && !std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
    term = std::string(rest.substr(0, i));
    rest.remove_prefix(i);
    return term;
}

bool contains(std::string_view message, const std::string& term) {
    return message.find(term) != std::string_view::npos;
}

}  // namespace

FilterPattern FilterPattern::parse(std::string_view text) {
    FilterPattern p;
    auto rest = trim(text);
    if (rest.starts_with("{")) {
        p.json_ = parse_json_pattern(rest);
        p.json_literals_ = required_literals(*p.json_);
        return p;
    }
    if (rest.starts_with("[") || rest.starts_with("%")) {
        throw errors::invalid(
            "Berth supports term and JSON filter patterns only, not "
            "space-delimited or regular expression patterns.");
    }
    while (!(rest = trim(rest)).empty()) {
        auto* into = &p.all_;
        if (rest.front() == '-' || rest.front() == '?') {
            into = rest.front() == '-' ? &p.none_ : &p.any_;
            rest.remove_prefix(1);
        }
        auto term = take_term(rest);
        if (term.empty()) throw errors::invalid("Invalid filter pattern: empty term.");
        into->push_back(std::move(term));
    }
    return p;
}

bool FilterPattern::matches(std::string_view message) const {
    if (json_) {
        const bool escapes = message.find('\\') != std::string_view::npos;
        for (const auto& literal : json_literals_) {
            if (!escapes && !contains(message, literal)) return false;
        }
        const auto parsed = nlohmann::json::parse(message, nullptr, false);
        return parsed.is_object() && eval_json_pattern(*json_, parsed);
    }
    auto in = [&](const std::string& t) { return contains(message, t); };
    return std::all_of(all_.begin(), all_.end(), in) &&
           std::none_of(none_.begin(), none_.end(), in) &&
           (any_.empty() || std::any_of(any_.begin(), any_.end(), in));
}

}  // namespace berth::api::logs
