#pragma once
// Service and Deployment records → ECS JSON, with exactly the members of the model's Service
// and Deployment shapes. INACTIVE deployments are left out, as ECS drops a deployment from
// `deployments` once a newer one has completed.
#include <nlohmann/json.hpp>

#include "berth/model/service.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::api::ecs {

// The service-linked role ECS uses when a service names no role.
std::string service_linked_role_arn(const std::string& account);

nlohmann::json deployment_json(const model::Deployment& d);
// The service revision a deployment deploys (DescribeServiceRevisions), at `revision_arn`;
// `task_definition` (when Berth still keeps it) gives the containers' images.
nlohmann::json service_revision_json(const model::Service& s, const model::Deployment& d,
                                     const std::string& revision_arn,
                                     const model::TaskDefinition* task_definition);
// A task set (EXTERNAL controller) of `s`; `with_tags`: DescribeTaskSets include TAGS, and the
// task set operations' answers when it has tags.
nlohmann::json task_set_json(const model::Service& s, const model::TaskSet& ts, bool with_tags);
// `with_tags`: DescribeServices include TAGS, and the Create/Update/DeleteService answers.
nlohmann::json service_json(const model::Service& s, bool with_tags);

}  // namespace berth::api::ecs
