#include "wildcard.hpp"

#include <cctype>

namespace berth::edge::lb {

namespace {

bool same(char a, char b, Case mode) {
    if (mode == Case::sensitive) return a == b;
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
}

}  // namespace

// Greedy matching with one backtrack point (the last `*`): linear in practice, never
// exponential, whatever the pattern.
bool wildcard_match(std::string_view pattern, std::string_view text, Case mode) {
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() &&
            (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t], mode)))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace berth::edge::lb
