#pragma once
#include <string_view>
#include <vector>

namespace berth::protocol {

struct EmbeddedModel {
    std::string_view name;  // e.g. "ecs-2014-11-13"
    std::string_view json;  // the botocore service-2 document
};

// Generated at build time from api-models/*.service.json (api-models/embed_models.cmake).
const std::vector<EmbeddedModel>& embedded_models();

}  // namespace berth::protocol
