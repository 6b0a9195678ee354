#include "protocol/model_compiler.hpp"

#include <array>
#include <functional>
#include <map>
#include <stdexcept>

#include "protocol/json_text.hpp"

namespace berth::protocol::detail {
namespace {

using nlohmann::json;

struct KindName {
    const char* type;        // in the model
    const char* enumerator;  // in C++
    ShapeKind kind;
};

constexpr std::array<KindName, 12> k_kinds{{
    {"structure", "structure", ShapeKind::structure},
    {"list", "list", ShapeKind::list},
    {"map", "map", ShapeKind::map},
    {"string", "string", ShapeKind::string},
    {"integer", "integer", ShapeKind::integer},
    {"long", "long_", ShapeKind::long_},
    {"boolean", "boolean", ShapeKind::boolean},
    {"double", "double_", ShapeKind::double_},
    {"float", "float_", ShapeKind::float_},
    {"timestamp", "timestamp", ShapeKind::timestamp},
    {"blob", "blob", ShapeKind::blob},
    {"", "document", ShapeKind::document},
}};

ShapeKind parse_kind(const std::string& name, const json& shape) {
    if (shape.value("document", false)) return ShapeKind::document;
    const auto type = shape.value("type", std::string());
    for (const auto& k : k_kinds) {
        if (!type.empty() && type == k.type) return k.kind;
    }
    throw std::invalid_argument("shape " + name + " has unsupported type '" + type + "'");
}

std::optional<double> number_or_none(const json& shape, const char* key) {
    auto it = shape.find(key);
    if (it == shape.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

// Calls f(target shape name) for every shape that `def` refers to.
void for_each_reference(const json& def, const std::function<void(const std::string&)>& f) {
    if (auto m = def.find("members"); m != def.end()) {
        for (const auto& [_, ref] : m->items()) f(ref.at("shape").get<std::string>());
    }
    for (const char* key : {"member", "key", "value"}) {
        if (auto r = def.find(key); r != def.end()) f(r->at("shape").get<std::string>());
    }
}

const json& shape_def(const json& shapes, const std::string& name, const std::string& owner) {
    auto it = shapes.find(name);
    if (it == shapes.end()) {
        throw std::invalid_argument(owner + " refers to unknown shape " + name);
    }
    return *it;
}

// The names of the shapes to keep: all, or those the embedded operations reach.
std::set<std::string> kept_shapes(const json& document,
                                  const std::optional<std::set<std::string>>& embed) {
    const json& shapes = document.at("shapes");
    std::set<std::string> kept;
    if (!embed) {
        for (const auto& [name, _] : shapes.items()) kept.insert(name);
        return kept;
    }
    std::vector<std::pair<std::string, std::string>> todo;  // (shape, who refers to it)
    for (const auto& op : *embed) {
        auto it = document.at("operations").find(op);
        if (it == document.at("operations").end()) {
            throw std::invalid_argument(op + " is not an operation of the model");
        }
        for (const char* key : {"input", "output"}) {
            if (auto r = it->find(key); r != it->end()) todo.emplace_back(r->at("shape"), op);
        }
    }
    while (!todo.empty()) {
        // Named members, not a structured binding: the lambda below captures `name`.
        const std::string name = std::move(todo.back().first);
        const std::string owner = std::move(todo.back().second);
        todo.pop_back();
        const json& def = shape_def(shapes, name, owner);
        if (!kept.insert(name).second) continue;
        for_each_reference(
            def, [&](const std::string& target) { todo.emplace_back(target, "shape " + name); });
    }
    return kept;
}

class Compiler {
  public:
    Compiler(const json& document, std::set<std::string> kept)
        : shapes_(document.at("shapes")), kept_(std::move(kept)) {
        ShapeId next = 0;
        for (const auto& name : kept_) ids_.emplace(name, next++);
    }

    void compile_shapes(CompiledModel& out) {
        for (const auto& name : kept_) out.shapes.push_back(compile_shape(out, name));
    }

    ShapeId resolve(const json& ref, const std::string& owner) const {
        const auto target = ref.at("shape").get<std::string>();
        auto it = ids_.find(target);
        if (it == ids_.end()) {
            throw std::invalid_argument(owner + " refers to unknown shape " + target);
        }
        return it->second;
    }

  private:
    ShapeDef compile_shape(CompiledModel& out, const std::string& name) const {
        const json& def = shapes_.at(name);
        ShapeDef shape;
        shape.name = out.strings.emplace_back(name);
        shape.kind = parse_kind(name, def);
        shape.min = number_or_none(def, "min");
        shape.max = number_or_none(def, "max");
        if (auto e = def.find("enum"); e != def.end()) {
            shape.enums = {count(out.enum_values), static_cast<std::uint32_t>(e->size())};
            for (const auto& v : *e) out.enum_values.push_back(out.strings.emplace_back(v));
            shape.enum_display = out.strings.emplace_back(
                "[" + join(e->get<std::vector<std::string>>(), ", ") + "]");
        }
        const auto owner = "shape " + name;
        switch (shape.kind) {
            case ShapeKind::structure:
                compile_members(out, shape, def, owner);
                break;
            case ShapeKind::list:
                shape.member = resolve(def.at("member"), owner);
                break;
            case ShapeKind::map:
                shape.key = resolve(def.at("key"), owner);
                shape.value = resolve(def.at("value"), owner);
                break;
            default:
                break;
        }
        return shape;
    }

    // Members come out sorted by name: nlohmann's objects are ordered maps.
    void compile_members(CompiledModel& out, ShapeDef& shape, const json& def,
                         const std::string& owner) const {
        std::map<std::string, std::uint32_t, std::less<>> index;
        shape.members.first = count(out.members);
        for (const auto& [member, ref] : def.at("members").items()) {
            index.emplace(member, shape.members.count++);
            out.members.push_back({out.strings.emplace_back(member), resolve(ref, owner)});
        }
        shape.required.first = count(out.required);
        for (const auto& r : def.value("required", json::array())) {
            auto it = index.find(r.get<std::string>());
            if (it == index.end()) {
                throw std::invalid_argument(owner + " requires unknown member " +
                                            r.get<std::string>());
            }
            out.required.push_back(it->second);
            ++shape.required.count;
        }
    }

    template <class V>
    static std::uint32_t count(const V& v) {
        return static_cast<std::uint32_t>(v.size());
    }

    const json& shapes_;
    std::set<std::string> kept_;
    std::map<std::string, ShapeId, std::less<>> ids_;
};

}  // namespace

std::unique_ptr<const CompiledModel> compile_model(
    std::string_view name, const json& document,
    const std::optional<std::set<std::string>>& embed) {
    auto out = std::make_unique<CompiledModel>();
    Compiler compiler(document, kept_shapes(document, embed));
    compiler.compile_shapes(*out);
    for (const auto& [op_name, op] : document.at("operations").items()) {
        OperationDef def;
        def.name = out->strings.emplace_back(op_name);
        def.embedded = !embed || embed->contains(op_name);
        if (def.embedded) {
            if (auto in = op.find("input"); in != op.end())
                def.input = compiler.resolve(*in, op_name);
            if (auto o = op.find("output"); o != op.end()) {
                def.output = compiler.resolve(*o, op_name);
                def.result_wrapper =
                    out->strings.emplace_back(o->value("resultWrapper", std::string()));
            }
        }
        out->operations.push_back(def);
    }
    const json& metadata = document.at("metadata");
    auto text = [&](const char* key) -> std::string_view {
        return out->strings.emplace_back(metadata.value(key, std::string()));
    };
    out->tables = {out->strings.emplace_back(name),
                   text("targetPrefix"),
                   text("serviceId"),
                   text("endpointPrefix"),
                   out->shapes,
                   out->members,
                   out->required,
                   out->enum_values,
                   out->operations,
                   text("protocol"),
                   text("apiVersion"),
                   text("xmlNamespace")};
    return out;
}

const char* enumerator_name(ShapeKind kind) {
    for (const auto& k : k_kinds) {
        if (k.kind == kind) return k.enumerator;
    }
    return "string";
}

}  // namespace berth::protocol::detail
