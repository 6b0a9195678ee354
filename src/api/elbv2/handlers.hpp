#pragma once
// The ELBv2 handlers, one per row of operations.def. Each reads its typed input once
// (request.hpp), works on the LoadBalancerStore under one write or read, and answers the
// output shape built by serialize.hpp.
#include <nlohmann/json.hpp>

#include "berth/api/elbv2/elbv2_api.hpp"
#include "berth/protocol/request_context.hpp"

namespace berth::api::elbv2 {

nlohmann::json create_load_balancer(const Environment&, const protocol::RequestContext&,
                                    const nlohmann::json&);
nlohmann::json describe_load_balancers(const Environment&, const protocol::RequestContext&,
                                       const nlohmann::json&);
nlohmann::json delete_load_balancer(const Environment&, const protocol::RequestContext&,
                                    const nlohmann::json&);
nlohmann::json describe_load_balancer_attributes(const Environment&,
                                                 const protocol::RequestContext&,
                                                 const nlohmann::json&);
nlohmann::json modify_load_balancer_attributes(const Environment&, const protocol::RequestContext&,
                                               const nlohmann::json&);
nlohmann::json create_target_group(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json describe_target_groups(const Environment&, const protocol::RequestContext&,
                                      const nlohmann::json&);
nlohmann::json modify_target_group(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json delete_target_group(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json describe_target_group_attributes(const Environment&, const protocol::RequestContext&,
                                                const nlohmann::json&);
nlohmann::json modify_target_group_attributes(const Environment&, const protocol::RequestContext&,
                                              const nlohmann::json&);
nlohmann::json register_targets(const Environment&, const protocol::RequestContext&,
                                const nlohmann::json&);
nlohmann::json deregister_targets(const Environment&, const protocol::RequestContext&,
                                  const nlohmann::json&);
nlohmann::json describe_target_health(const Environment&, const protocol::RequestContext&,
                                      const nlohmann::json&);
nlohmann::json create_listener(const Environment&, const protocol::RequestContext&,
                               const nlohmann::json&);
nlohmann::json describe_listeners(const Environment&, const protocol::RequestContext&,
                                  const nlohmann::json&);
nlohmann::json modify_listener(const Environment&, const protocol::RequestContext&,
                               const nlohmann::json&);
nlohmann::json delete_listener(const Environment&, const protocol::RequestContext&,
                               const nlohmann::json&);
nlohmann::json create_rule(const Environment&, const protocol::RequestContext&,
                           const nlohmann::json&);
nlohmann::json describe_rules(const Environment&, const protocol::RequestContext&,
                              const nlohmann::json&);
nlohmann::json modify_rule(const Environment&, const protocol::RequestContext&,
                           const nlohmann::json&);
nlohmann::json delete_rule(const Environment&, const protocol::RequestContext&,
                           const nlohmann::json&);
nlohmann::json set_rule_priorities(const Environment&, const protocol::RequestContext&,
                                   const nlohmann::json&);
nlohmann::json add_tags(const Environment&, const protocol::RequestContext&, const nlohmann::json&);
nlohmann::json remove_tags(const Environment&, const protocol::RequestContext&,
                           const nlohmann::json&);
nlohmann::json describe_tags(const Environment&, const protocol::RequestContext&,
                             const nlohmann::json&);

}  // namespace berth::api::elbv2
