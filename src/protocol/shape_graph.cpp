#include "protocol/shape_graph.hpp"

#include <stdexcept>

namespace berth::protocol::detail {
namespace {

using nlohmann::json;

ShapeKind parse_kind(const std::string& name, const json& shape) {
    if (shape.value("document", false)) return ShapeKind::document;
    static const std::unordered_map<std::string, ShapeKind> kinds{
        {"structure", ShapeKind::structure},
        {"list", ShapeKind::list},
        {"map", ShapeKind::map},
        {"string", ShapeKind::string},
        {"integer", ShapeKind::integer},
        {"long", ShapeKind::long_},
        {"boolean", ShapeKind::boolean},
        {"double", ShapeKind::double_},
        {"float", ShapeKind::float_},
        {"timestamp", ShapeKind::timestamp},
        {"blob", ShapeKind::blob},
    };
    const auto type = shape.value("type", std::string());
    auto it = kinds.find(type);
    if (it == kinds.end()) {
        throw std::invalid_argument("shape " + name + " has unsupported type '" + type + "'");
    }
    return it->second;
}

std::optional<double> number_or_none(const json& shape, const char* key) {
    auto it = shape.find(key);
    if (it == shape.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

std::string join_enum(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += values[i];
    }
    return out + "]";
}

}  // namespace

ShapeGraph::ShapeGraph(const json& document) {
    const json& shapes = document.at("shapes");
    // Ids first, so that members can refer to shapes defined later in the document.
    shapes_.reserve(shapes.size());
    for (const auto& [name, _] : shapes.items()) {
        by_name_.emplace(name, static_cast<ShapeId>(shapes_.size()));
        shapes_.emplace_back().name = name;
    }
    auto resolve = [&](const json& ref, const std::string& owner) {
        const auto target = ref.at("shape").get<std::string>();
        auto it = by_name_.find(target);
        if (it == by_name_.end()) {
            throw std::invalid_argument("shape " + owner + " refers to unknown shape " + target);
        }
        return it->second;
    };
    for (const auto& [name, def] : shapes.items()) {
        Shape& shape = shapes_[by_name_.at(name)];
        shape.kind = parse_kind(name, def);
        shape.min = number_or_none(def, "min");
        shape.max = number_or_none(def, "max");
        if (auto e = def.find("enum"); e != def.end()) {
            shape.enum_values = e->get<std::vector<std::string>>();
            shape.enum_display = join_enum(shape.enum_values);
        }
        switch (shape.kind) {
            case ShapeKind::structure:
                for (const auto& [member, ref] : def.at("members").items()) {
                    shape.member_index.emplace(member, shape.members.size());
                    shape.members.push_back({member, resolve(ref, name)});
                }
                for (const auto& r : def.value("required", json::array())) {
                    auto it = shape.member_index.find(r.get<std::string>());
                    if (it == shape.member_index.end()) {
                        throw std::invalid_argument("shape " + name + " requires unknown member " +
                                                    r.get<std::string>());
                    }
                    shape.required.push_back(it->second);
                }
                break;
            case ShapeKind::list:
                shape.member = resolve(def.at("member"), name);
                break;
            case ShapeKind::map:
                shape.key = resolve(def.at("key"), name);
                shape.value = resolve(def.at("value"), name);
                break;
            default:
                break;
        }
    }
    for (const auto& [name, op] : document.at("operations").items()) {
        OperationShapes entry;
        if (auto in = op.find("input"); in != op.end()) entry.input = resolve(*in, name);
        if (auto out = op.find("output"); out != op.end()) entry.output = resolve(*out, name);
        operations_.emplace(name, entry);
    }
}

std::optional<ShapeId> ShapeGraph::find(const std::string& name) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return std::nullopt;
    return it->second;
}

const OperationShapes* ShapeGraph::operation(const std::string& name) const {
    auto it = operations_.find(name);
    return it == operations_.end() ? nullptr : &it->second;
}

const char* kind_name(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::structure:
            return "structure";
        case ShapeKind::list:
            return "list";
        case ShapeKind::map:
            return "map";
        case ShapeKind::string:
            return "string";
        case ShapeKind::integer:
            return "integer";
        case ShapeKind::long_:
            return "long";
        case ShapeKind::boolean:
            return "boolean";
        case ShapeKind::double_:
            return "double";
        case ShapeKind::float_:
            return "float";
        case ShapeKind::timestamp:
            return "timestamp";
        case ShapeKind::blob:
            return "blob";
        case ShapeKind::document:
            return "document";
    }
    return "unknown";
}

}  // namespace berth::protocol::detail
