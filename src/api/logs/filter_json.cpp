// JSON filter patterns: a small recursive-descent parser and the evaluator.
#include "api/logs/filter_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "api/logs/request.hpp"

namespace berth::api::logs {

namespace {

using Node = FilterPattern::Node;
using NodePtr = std::shared_ptr<const Node>;

[[noreturn]] void fail(const std::string& why) {
    throw errors::invalid("Invalid filter pattern: " + why);
}

class Parser {
  public:
    explicit Parser(std::string_view text) : s_(text) {}

    NodePtr pattern() {
        expect("{");
        auto node = or_expr();
        expect("}");
        skip();
        if (i_ != s_.size()) fail("unexpected text after '}'.");
        return node;
    }

  private:
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool eat(std::string_view token) {
        skip();
        if (s_.substr(i_).starts_with(token)) {
            i_ += token.size();
            return true;
        }
        return false;
    }
    void expect(std::string_view token) {
        if (!eat(token)) fail("expected '" + std::string(token) + "'.");
    }
    // A keyword (IS, TRUE, NOT, ...) at a word boundary, in any case.
    bool eat_word(std::string_view word) {
        skip();
        if (s_.size() - i_ < word.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            if (std::toupper(static_cast<unsigned char>(s_[i_ + k])) != word[k]) return false;
        }
        const auto end = i_ + word.size();
        if (end < s_.size() &&
            (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
            return false;
        i_ = end;
        return true;
    }

    NodePtr join(Node::Op op, std::vector<NodePtr> parts) {
        if (parts.size() == 1) return parts.front();
        auto node = std::make_shared<Node>();
        node->op = op;
        node->children = std::move(parts);
        return node;
    }
    NodePtr or_expr() {
        std::vector<NodePtr> parts{and_expr()};
        while (eat("||")) parts.push_back(and_expr());
        return join(Node::Op::any, std::move(parts));
    }
    NodePtr and_expr() {
        std::vector<NodePtr> parts{primary()};
        while (eat("&&")) parts.push_back(primary());
        return join(Node::Op::all, std::move(parts));
    }
    NodePtr primary() {
        if (eat("(")) {
            auto node = or_expr();
            expect(")");
            return node;
        }
        return comparison();
    }

    std::vector<Node::Step> selector() {
        expect("$");
        std::vector<Node::Step> steps;
        while (i_ < s_.size()) {
            if (s_[i_] == '.') {
                const auto start = ++i_;
                while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) ||
                                          s_[i_] == '_' || s_[i_] == '-' || s_[i_] == '@'))
                    ++i_;
                if (i_ == start) fail("empty member name in selector.");
                steps.push_back({std::string(s_.substr(start, i_ - start))});
            } else if (s_[i_] == '[') {
                std::size_t index = 0;
                auto [end, ec] = std::from_chars(s_.data() + i_ + 1, s_.data() + s_.size(), index);
                if (ec != std::errc() || end == s_.data() + s_.size() || *end != ']')
                    fail("bad array index in selector.");
                i_ = static_cast<std::size_t>(end - s_.data()) + 1;
                steps.push_back({{}, index, true});
            } else {
                break;
            }
        }
        if (steps.empty()) fail("a selector names a member, e.g. $.level.");
        return steps;
    }

    NodePtr comparison() {
        auto node = std::make_shared<Node>();
        node->selector = selector();
        if (eat_word("IS")) {
            if (eat_word("TRUE"))
                node->op = Node::Op::is_true;
            else if (eat_word("FALSE"))
                node->op = Node::Op::is_false;
            else if (eat_word("NULL"))
                node->op = Node::Op::is_null;
            else
                fail("IS takes TRUE, FALSE or NULL.");
            return node;
        }
        if (eat_word("NOT")) {
            if (!eat_word("EXISTS")) fail("NOT takes EXISTS.");
            node->op = Node::Op::not_exists;
            return node;
        }
        node->op = eat("!=")   ? Node::Op::ne
                   : eat("<=") ? Node::Op::le
                   : eat(">=") ? Node::Op::ge
                   : eat("=")  ? Node::Op::eq
                   : eat("<")  ? Node::Op::lt
                   : eat(">")  ? Node::Op::gt
                               : (fail("expected a comparison operator."), Node::Op::eq);
        node->value = value();
        const bool ordering = node->op != Node::Op::eq && node->op != Node::Op::ne;
        if (ordering && !std::holds_alternative<double>(node->value))
            fail("<, <=, > and >= compare numbers.");
        return node;
    }

    std::variant<double, std::string> value() {
        skip();
        if (i_ < s_.size() && s_[i_] == '"') {
            std::string out;
            for (++i_; i_ < s_.size() && s_[i_] != '"'; ++i_) {
                if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
                out += s_[i_];
            }
            if (i_ >= s_.size()) fail("unterminated quote.");
            ++i_;
            return out;
        }
        const auto start = i_;
        while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) &&
               std::string_view(")}&|").find(s_[i_]) == std::string_view::npos)
            ++i_;
        const auto word = s_.substr(start, i_ - start);
        if (word.empty()) fail("a comparison needs a value.");
        double number = 0;
        auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), number);
        if (ec == std::errc() && end == word.data() + word.size()) return number;
        return std::string(word);
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

const nlohmann::json* select(const std::vector<Node::Step>& steps, const nlohmann::json& message) {
    const nlohmann::json* at = &message;
    for (const auto& step : steps) {
        if (step.is_index) {
            if (!at->is_array() || step.index >= at->size()) return nullptr;
            at = &(*at)[step.index];
        } else {
            if (!at->is_object()) return nullptr;
            auto it = at->find(step.key);
            if (it == at->end()) return nullptr;
            at = &*it;
        }
    }
    return at;
}

bool compare(Node::Op op, const nlohmann::json& field,
             const std::variant<double, std::string>& value) {
    if (const auto* number = std::get_if<double>(&value)) {
        if (!field.is_number()) return false;
        const auto f = field.get<double>();
        switch (op) {
            case Node::Op::eq:
                return f == *number;
            case Node::Op::ne:
                return f != *number;
            case Node::Op::lt:
                return f < *number;
            case Node::Op::le:
                return f <= *number;
            case Node::Op::gt:
                return f > *number;
            case Node::Op::ge:
                return f >= *number;
            default:
                return false;
        }
    }
    // Strings compare with strings; a bare word also matches a boolean's or null's JSON text
    // (`$.ok = true`). Guess: AWS documents string and numeric comparisons only.
    const auto& pattern = std::get<std::string>(value);
    const auto text = field.is_string()                         ? field.get<std::string>()
                      : (field.is_boolean() || field.is_null()) ? field.dump()
                                                                : std::string();
    if (!field.is_string() && !field.is_boolean() && !field.is_null()) return false;
    const bool same = glob_match(pattern, text);
    return op == Node::Op::eq ? same : !same;
}

}  // namespace

std::shared_ptr<const Node> parse_json_pattern(std::string_view text) {
    return Parser(text).pattern();
}

bool eval_json_pattern(const Node& node, const nlohmann::json& message) {
    switch (node.op) {
        case Node::Op::all:
            for (const auto& c : node.children)
                if (!eval_json_pattern(*c, message)) return false;
            return true;
        case Node::Op::any:
            for (const auto& c : node.children)
                if (eval_json_pattern(*c, message)) return true;
            return false;
        default:
            break;
    }
    const auto* field = select(node.selector, message);
    switch (node.op) {
        case Node::Op::not_exists:
            return field == nullptr;
        case Node::Op::is_true:
            return field && field->is_boolean() && field->get<bool>();
        case Node::Op::is_false:
            return field && field->is_boolean() && !field->get<bool>();
        case Node::Op::is_null:
            return field && field->is_null();
        default:
            return field && compare(node.op, *field, node.value);
    }
}

std::vector<std::string> required_literals(const Node& node) {
    std::vector<std::string> out;
    if (node.op == Node::Op::all) {
        for (const auto& c : node.children) {
            auto more = required_literals(*c);
            out.insert(out.end(), more.begin(), more.end());
        }
    } else if (const auto* text = std::get_if<std::string>(&node.value);
               text && node.op == Node::Op::eq) {
        const bool plain =
            !text->empty() && std::all_of(text->begin(), text->end(), [](unsigned char c) {
                return std::isalnum(c) || c == ' ' || c == '_' || c == '-' || c == '.' || c == ':';
            });
        if (plain) out.push_back(*text);
    }
    return out;
}

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative wildcard match: remember the last star and retry from one character further.
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace berth::api::logs
