#pragma once
// Shared by the protocol unit tests: the small "Widgets" model (tests/data/protocol) and a
// way to look at the AwsError a call throws.
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/service_model.hpp"

namespace berth::protocol::testing {

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const ServiceModel& widgets_model() {
    static const ServiceModel model(nlohmann::json::parse(
        read_text(std::string(BERTH_TEST_DATA_DIR) + "/protocol/widgets.service.json")));
    return model;
}

struct Thrown {
    std::string type;  // "none" when nothing was thrown
    std::string message;
    int status = 0;
};

inline Thrown thrown_by(const std::function<void()>& f) {
    try {
        f();
    } catch (const AwsError& e) {
        return {e.type(), e.what(), e.http_status()};
    }
    return {"none", "", 0};
}

}  // namespace berth::protocol::testing
