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
#include "protocol/shape_graph.hpp"
#include "support/source_paths.hpp"

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
        read_text(std::string(berth::test_paths::data_dir()) + "/protocol/widgets.service.json")));
    return model;
}

// Every fact of a model's tables as text, one shape a line with its members, constraints and
// enums by name (not by index), so two compilations of one model compare equal.
inline std::string describe(const detail::ModelTables& t) {
    std::ostringstream out;
    auto name_of = [&](detail::ShapeId id) {
        return id == detail::k_no_shape ? std::string_view("-") : t.shapes[id].name;
    };
    out << t.name << " " << t.target_prefix << " " << t.service_id << " " << t.endpoint_prefix
        << " " << t.protocol << " " << t.api_version << " " << t.xml_namespace << "\n";
    for (const auto& op : t.operations) {
        out << "op " << op.name << " " << op.embedded << " " << name_of(op.input) << " "
            << name_of(op.output) << " " << op.result_wrapper << "\n";
    }
    for (const auto& s : t.shapes) {
        out << s.name << " " << static_cast<int>(s.kind) << " " << s.min.value_or(-1) << " "
            << s.max.value_or(-1) << " " << name_of(s.member) << " " << name_of(s.key) << " "
            << name_of(s.value) << " " << s.enum_display << " {";
        for (std::uint32_t i = 0; i < s.members.count; ++i) {
            const auto& m = t.members[s.members.first + i];
            out << m.name << ":" << name_of(m.shape) << " ";
        }
        out << "} required";
        for (std::uint32_t i = 0; i < s.required.count; ++i) {
            out << " " << t.members[s.members.first + t.required[s.required.first + i]].name;
        }
        out << " enum";
        for (std::uint32_t i = 0; i < s.enums.count; ++i)
            out << " " << t.enum_values[s.enums.first + i];
        out << "\n";
    }
    return out.str();
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
