// The members persisted through the API codecs the model has for them.
#include "berth/model/network.hpp"
#include "berth/model/placement.hpp"
#include "berth/model/service_config.hpp"
#include "berth/model/service_links.hpp"
#include "berth/model/task_definition.hpp"
#include "codec.hpp"

namespace berth::persist::codec {

json encode(const model::NetworkConfiguration& v) {
    return model::to_json(v);
}
void decode(const json& j, model::NetworkConfiguration& v) {
    v = model::read_network_configuration(j).value_or(model::NetworkConfiguration{});
}
json encode(const model::AwsVpcConfiguration& v) {
    return model::to_json(model::NetworkConfiguration{v});
}
void decode(const json& j, model::AwsVpcConfiguration& v) {
    auto network = model::read_network_configuration(j);
    v = network && network->awsvpc ? *network->awsvpc : model::AwsVpcConfiguration{};
}
json encode(const model::DeploymentConfiguration& v) {
    return model::to_json(v);
}
void decode(const json& j, model::DeploymentConfiguration& v) {
    // to_json writes every member that has a default, so the base only fills what was unset.
    v = model::read_deployment_configuration(j, v);
}
json encode(const model::ServiceConnectConfiguration& v) {
    return model::to_json(v);
}
void decode(const json& j, model::ServiceConnectConfiguration& v) {
    v = model::read_service_connect(j);
}
json encode(const std::vector<model::LoadBalancer>& v) {
    return model::to_json(v);
}
void decode(const json& j, std::vector<model::LoadBalancer>& v) {
    v = model::read_load_balancers(j);
}
json encode(const std::vector<model::ServiceRegistry>& v) {
    return model::to_json(v);
}
void decode(const json& j, std::vector<model::ServiceRegistry>& v) {
    v = model::read_service_registries(j);
}
json encode(const std::vector<model::PlacementConstraint>& v) {
    return model::to_json(v);
}
void decode(const json& j, std::vector<model::PlacementConstraint>& v) {
    v = model::read_constraints(j);
}
json encode(const std::vector<model::PlacementStrategy>& v) {
    return model::to_json(v);
}
void decode(const json& j, std::vector<model::PlacementStrategy>& v) {
    v = model::read_strategies(j);
}
json encode(const std::shared_ptr<const model::TaskDefinitionBody>& v) {
    return v ? v->document : std::string();
}
void decode(const json& j, std::shared_ptr<const model::TaskDefinitionBody>& v) {
    v = model::read_task_definition(json::parse(j.get<std::string>()));
}

}  // namespace berth::persist::codec
