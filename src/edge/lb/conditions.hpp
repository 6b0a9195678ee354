#pragma once
// Which rule of a listener takes a request, as ALB decides it: rules in priority order, the
// first whose conditions all match; within a condition any one value suffices. Pure.
//
//   host-header          the Host header without its port, wildcards, case-insensitive
//   path-pattern         the path (no query), wildcards, case-sensitive
//   http-header          any value of the named header (name case-insensitive), wildcards,
//                        case-insensitive
//   http-request-method  exact, case-sensitive
//   query-string         any key=value pair of the query, percent-decoded, wildcards,
//                        case-insensitive; a condition without a key matches any key
//   source-ip            the client's address (not X-Forwarded-For) in a CIDR block
#include <string_view>
#include <vector>

#include <boost/beast/http/fields.hpp>

#include "berth/model/load_balancer_types.hpp"
#include "request_url.hpp"

namespace berth::edge::lb {

struct RequestFacts {
    std::string_view method;
    const RequestUrl& url;
    const boost::beast::http::fields& headers;
    std::string_view client_address;
};

bool condition_matches(const model::RuleCondition& condition, const RequestFacts& request);
bool conditions_match(const std::vector<model::RuleCondition>& conditions,
                      const RequestFacts& request);

// The actions for a request: those of the first rule that matches (`rules` by priority), else
// the listener's default actions.
const std::vector<model::Action>& actions_for(const std::vector<const model::Rule*>& rules,
                                              const std::vector<model::Action>& default_actions,
                                              const RequestFacts& request);

}  // namespace berth::edge::lb
