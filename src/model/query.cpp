// A recursive-descent parser for the cluster query language (query.hpp). It works on the raw
// text rather than a token stream because the meaning of "!" depends on where it stands:
// negation before an expression, part of "!=", "!~", "!in" or "!exists" after a subject.
#include "berth/model/query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <regex>

namespace berth::model {

namespace {

enum class Op { eq, ne, gt, ge, lt, le, exists, not_exists, in, not_in, matches, not_matches };

struct Predicate {
    std::string subject;
    Op op = Op::eq;
    std::vector<std::string> args;
    std::optional<std::regex> pattern;
};

struct OpSpelling {
    std::string_view text;
    Op op;
};

// Longest spellings first so that ">=" wins over ">" and "!exists" over "!".
constexpr std::array<OpSpelling, 10> k_symbol_ops{{
    {"!exists", Op::not_exists},
    {"!in", Op::not_in},
    {"==", Op::eq},
    {"!=", Op::ne},
    {">=", Op::ge},
    {"<=", Op::le},
    {"=~", Op::matches},
    {"!~", Op::not_matches},
    {">", Op::gt},
    {"<", Op::lt},
}};

constexpr std::array<OpSpelling, 12> k_word_ops{{
    {"equals", Op::eq},
    {"not_equals", Op::ne},
    {"greater_than_equal", Op::ge},
    {"greater_than", Op::gt},
    {"less_than_equal", Op::le},
    {"less_than", Op::lt},
    {"not_exists", Op::not_exists},
    {"exists", Op::exists},
    {"not_in", Op::not_in},
    {"in", Op::in},
    {"not_matches", Op::not_matches},
    {"matches", Op::matches},
}};

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_delimiter(char c) {
    return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == ',';
}

struct ParseError {
    std::string message;
};

}  // namespace

struct Query::Node {
    enum class Kind { any_of, all_of, negation, predicate };
    Kind kind = Kind::predicate;
    std::vector<std::shared_ptr<const Node>> children;
    Predicate predicate;
};

namespace {

using NodePtr = std::shared_ptr<const Query::Node>;

class Parser {
  public:
    explicit Parser(std::string_view text) : s_(text) {}

    NodePtr parse() {
        auto root = parse_or();
        skip_ws();
        if (pos_ != s_.size()) fail("unexpected '" + std::string(s_.substr(pos_, 1)) + "'");
        return root;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw ParseError{what + " at position " + std::to_string(pos_)};
    }

    void skip_ws() {
        while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    }

    bool consume(std::string_view text) {
        skip_ws();
        if (s_.substr(pos_, text.size()) != text) return false;
        pos_ += text.size();
        return true;
    }

    // A keyword only counts when it stands alone: "in" must not eat the start of "instance".
    bool consume_word(std::string_view word) {
        skip_ws();
        if (s_.substr(pos_, word.size()) != word) return false;
        std::size_t end = pos_ + word.size();
        if (end < s_.size() && !is_delimiter(s_[end])) return false;
        pos_ = end;
        return true;
    }

    NodePtr combine(Query::Node::Kind kind, NodePtr left, NodePtr right) {
        auto node = std::make_shared<Query::Node>();
        node->kind = kind;
        node->children = {std::move(left), std::move(right)};
        return node;
    }

    NodePtr parse_or() {
        auto left = parse_and();
        while (consume("||") || consume_word("or")) {
            left = combine(Query::Node::Kind::any_of, left, parse_and());
        }
        return left;
    }

    NodePtr parse_and() {
        auto left = parse_unary();
        while (consume("&&") || consume_word("and")) {
            left = combine(Query::Node::Kind::all_of, left, parse_unary());
        }
        return left;
    }

    NodePtr parse_unary() {
        skip_ws();
        if (consume_word("not") || consume("!")) {
            auto node = std::make_shared<Query::Node>();
            node->kind = Query::Node::Kind::negation;
            node->children = {parse_unary()};
            return node;
        }
        if (consume("(")) {
            auto inner = parse_or();
            if (!consume(")")) fail("missing ')'");
            return inner;
        }
        return parse_predicate();
    }

    std::string read_value() {
        skip_ws();
        if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"')) {
            char quote = s_[pos_++];
            auto end = s_.find(quote, pos_);
            if (end == std::string_view::npos) fail("unterminated quote");
            std::string value(s_.substr(pos_, end - pos_));
            pos_ = end + 1;
            return value;
        }
        std::size_t start = pos_;
        while (pos_ < s_.size() && !is_delimiter(s_[pos_])) ++pos_;
        return std::string(s_.substr(start, pos_ - start));
    }

    // A pattern may hold parentheses of its own; it runs to the next blank, less any closing
    // parentheses that belong to the enclosing expression.
    std::string read_pattern() {
        skip_ws();
        if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"')) return read_value();
        std::size_t start = pos_;
        while (pos_ < s_.size() && !is_space(s_[pos_])) ++pos_;
        std::string_view token = s_.substr(start, pos_ - start);
        auto opens = std::count(token.begin(), token.end(), '(');
        auto closes = std::count(token.begin(), token.end(), ')');
        while (closes > opens && !token.empty() && token.back() == ')') {
            token.remove_suffix(1);
            --pos_;
            --closes;
        }
        return std::string(token);
    }

    Op read_operator() {
        skip_ws();
        for (const auto& [text, op] : k_symbol_ops) {
            bool is_word_like = text == "!exists" || text == "!in";
            if (is_word_like ? consume_word(text) : consume(text)) return op;
        }
        for (const auto& [text, op] : k_word_ops) {
            if (consume_word(text)) return op;
        }
        fail("expected an operator");
    }

    std::vector<std::string> read_list() {
        if (!consume("[")) fail("expected '['");
        std::vector<std::string> values;
        do {
            auto value = read_value();
            if (value.empty()) fail("expected a value");
            values.push_back(std::move(value));
        } while (consume(","));
        if (!consume("]")) fail("expected ']'");
        return values;
    }

    NodePtr parse_predicate() {
        auto node = std::make_shared<Query::Node>();
        node->kind = Query::Node::Kind::predicate;
        Predicate& p = node->predicate;
        p.subject = read_value();
        if (p.subject.empty()) fail("expected a subject");
        p.op = read_operator();
        switch (p.op) {
            case Op::exists:
            case Op::not_exists:
                break;
            case Op::in:
            case Op::not_in:
                p.args = read_list();
                break;
            case Op::matches:
            case Op::not_matches:
                p.args = {read_pattern()};
                try {
                    p.pattern.emplace(p.args[0]);
                } catch (const std::regex_error&) {
                    fail("invalid pattern '" + p.args[0] + "'");
                }
                break;
            default:
                p.args = {read_value()};
                if (p.args[0].empty()) fail("expected a value");
        }
        return node;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

std::optional<double> as_number(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<std::vector<long>> as_version(std::string_view text) {
    std::vector<long> parts;
    while (!text.empty()) {
        long part = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), part);
        if (ec != std::errc{}) return std::nullopt;
        parts.push_back(part);
        text.remove_prefix(static_cast<std::size_t>(end - text.data()));
        if (text.empty()) break;
        if (text.front() != '.') return std::nullopt;
        text.remove_prefix(1);
        if (text.empty()) return std::nullopt;
    }
    if (parts.empty()) return std::nullopt;
    return parts;
}

// <0, 0, >0 as in strcmp.
int compare_values(const std::string& a, const std::string& b) {
    if (auto x = as_number(a), y = as_number(b); x && y) return *x < *y ? -1 : (*x > *y ? 1 : 0);
    if (auto x = as_version(a), y = as_version(b); x && y) {
        return *x < *y ? -1 : (*x > *y ? 1 : 0);
    }
    return a.compare(b);
}

bool positive_match(const Predicate& p, const std::string& value) {
    switch (p.op) {
        case Op::eq:
        case Op::ne:
            return value == p.args[0];
        case Op::in:
        case Op::not_in:
            return std::find(p.args.begin(), p.args.end(), value) != p.args.end();
        case Op::matches:
        case Op::not_matches:
            return std::regex_match(value, *p.pattern);
        case Op::gt:
            return compare_values(value, p.args[0]) > 0;
        case Op::ge:
            return compare_values(value, p.args[0]) >= 0;
        case Op::lt:
            return compare_values(value, p.args[0]) < 0;
        case Op::le:
            return compare_values(value, p.args[0]) <= 0;
        case Op::exists:
        case Op::not_exists:
            return true;
    }
    return false;
}

bool is_negative(Op op) {
    return op == Op::ne || op == Op::not_in || op == Op::not_matches || op == Op::not_exists;
}

bool evaluate(const Query::Node& node, const Query::Resolver& resolve) {
    using Kind = Query::Node::Kind;
    switch (node.kind) {
        case Kind::any_of:
            return evaluate(*node.children[0], resolve) || evaluate(*node.children[1], resolve);
        case Kind::all_of:
            return evaluate(*node.children[0], resolve) && evaluate(*node.children[1], resolve);
        case Kind::negation:
            return !evaluate(*node.children[0], resolve);
        case Kind::predicate:
            break;
    }
    const Predicate& p = node.predicate;
    auto values = resolve(p.subject);
    bool any = std::any_of(values.begin(), values.end(),
                           [&](const std::string& v) { return positive_match(p, v); });
    return is_negative(p.op) ? !any : any;
}

}  // namespace

bool Query::matches(const Resolver& resolve) const {
    return evaluate(*root_, resolve);
}

QueryParse parse_query(std::string_view text) {
    try {
        return {Query(Parser(text).parse()), {}};
    } catch (const ParseError& e) {
        return {std::nullopt, e.message};
    }
}

}  // namespace berth::model
