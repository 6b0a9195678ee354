#pragma once
// CloudWatch Logs filter patterns (FilterLogEvents' filterPattern), parsed once per call and
// matched against each message.
//
// Term patterns: words and "quoted phrases" an event must all contain (case-sensitive
// substrings), `-term` an event must not contain, `?term` of which it must contain at least
// one. An empty pattern matches everything.
//
// JSON patterns: `{ SELECTOR OP VALUE }` on messages that are JSON objects, joined with `&&`,
// `||` and parentheses. SELECTOR is `$.a.b[0]`; OP is `=` or `!=` (strings, `*` a wildcard;
// numbers) or `<`, `<=`, `>`, `>=` (numbers); also `SELECTOR IS TRUE|FALSE|NULL` and
// `SELECTOR NOT EXISTS`. A selector that names nothing matches no comparison.
//
// Space-delimited patterns (`[ip, user, ...]`) and regular expressions (`%...%`) are refused
// with InvalidParameterException (docs/fidelity.md).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace berth::api::logs {

class FilterPattern {
  public:
    // Throws InvalidParameterException for a pattern that does not parse.
    static FilterPattern parse(std::string_view text);
    bool matches(std::string_view message) const;

    struct Node;  // a JSON pattern's expression tree (filter_pattern.cpp)

  private:
    std::vector<std::string> all_;            // plain terms and phrases
    std::vector<std::string> none_;           // -terms
    std::vector<std::string> any_;            // ?terms
    std::shared_ptr<const Node> json_;        // set for a JSON pattern
    std::vector<std::string> json_literals_;  // required_literals(*json_)
};

}  // namespace berth::api::logs
