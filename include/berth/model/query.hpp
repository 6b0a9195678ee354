#pragma once
// ECS's cluster query language, as used by memberOf placement constraints, e.g.
//   attribute:ecs.instance-type == t2.micro
//   attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not(task:group == db)
//
// Grammar, loosest binding first:
//   expr      := and_expr (("||" | "or") and_expr)*
//   and_expr  := unary (("&&" | "and") unary)*
//   unary     := ("!" | "not") unary | "(" expr ")" | predicate
//   predicate := subject operator [argument]
//   argument  := value | "[" value ("," value)* "]"
// Operators: == equals, != not_equals, > greater_than, >= greater_than_equal, < less_than,
// <= less_than_equal, exists, !exists not_exists, in, !in not_in, =~ matches, !~ not_matches
// (patterns are ECMAScript regular expressions matched against the whole value). Values may
// be quoted with ' or ". Ordering compares numbers as numbers, dotted versions part by part,
// anything else (such as ISO dates) as text.
//
// The language knows nothing of container instances: the caller resolves subjects
// (attribute:NAME, ec2InstanceId, agentConnected, task:group, ...) to their values.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::model {

class Query {
  public:
    // The values `subject` has for the thing tested; empty when it has none (an attribute the
    // instance does not carry). Multi-valued subjects (task:group: one value per task) match
    // a positive operator when any value does, and a negative one when no value matches its
    // positive form.
    using Resolver = std::function<std::vector<std::string>(std::string_view subject)>;

    bool matches(const Resolver& resolve) const;

    struct Node;
    explicit Query(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

  private:
    std::shared_ptr<const Node> root_;
};

struct QueryParse {
    std::optional<Query> query;
    std::string error;  // set when query is empty: what is wrong and where
};

QueryParse parse_query(std::string_view text);

}  // namespace berth::model
