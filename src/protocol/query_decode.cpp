#include "protocol/query_decode.hpp"

#include <charconv>
#include <cstdlib>
#include <optional>
#include <set>

#include "berth/protocol/aws_error.hpp"

namespace berth::protocol {
namespace {

using detail::ShapeDef;
using detail::ShapeId;
using detail::ShapeKind;
using nlohmann::json;

class Decoder {
  public:
    Decoder(const detail::ShapeGraph& graph, const FormParams& params,
            const std::string& validation_error)
        : graph_(graph), params_(params), validation_error_(validation_error) {}

    // The value under `name` ("" for the input structure itself), or nullopt when the form
    // holds nothing for it.
    std::optional<json> decode(ShapeId id, const std::string& name);

    std::vector<std::string> unused() const {
        std::vector<std::string> names;
        for (const auto& [key, _] : params_) {
            if (!used_.contains(key)) names.push_back(key);
        }
        return names;
    }

  private:
    std::optional<json> structure(const ShapeDef& shape, const std::string& name);
    std::optional<json> list(const ShapeDef& shape, const std::string& name);
    std::optional<json> map(const ShapeDef& shape, const std::string& name);
    std::optional<json> scalar(const ShapeDef& shape, const std::string& name);
    json convert(const ShapeDef& shape, const std::string& name, const std::string& text) const;

    // Whether any parameter is named `prefix` followed by more.
    bool has_prefix(const std::string& prefix) const {
        auto it = params_.lower_bound(prefix);
        return it != params_.end() && it->first.starts_with(prefix);
    }
    static std::string child(const std::string& name, std::string_view part) {
        return name.empty() ? std::string(part) : name + "." + std::string(part);
    }

    const detail::ShapeGraph& graph_;
    const FormParams& params_;
    const std::string& validation_error_;
    std::set<std::string, std::less<>> used_;
};

std::optional<json> Decoder::decode(ShapeId id, const std::string& name) {
    const ShapeDef& shape = graph_.shape(id);
    switch (shape.kind) {
        case ShapeKind::structure:
            return structure(shape, name);
        case ShapeKind::list:
            return list(shape, name);
        case ShapeKind::map:
            return map(shape, name);
        default:
            return scalar(shape, name);
    }
}

std::optional<json> Decoder::structure(const ShapeDef& shape, const std::string& name) {
    // A structure's members are all "name.*"; checking first keeps recursive shapes finite.
    if (!name.empty() && !has_prefix(name + ".")) return std::nullopt;
    json out = json::object();
    for (const auto& member : graph_.members(shape)) {
        if (auto v = decode(member.shape, child(name, member.name))) out[member.name] = *v;
    }
    if (out.empty() && !name.empty()) return std::nullopt;  // only names no member has
    return out;
}

std::optional<json> Decoder::list(const ShapeDef& shape, const std::string& name) {
    if (auto it = params_.find(name); it != params_.end() && it->second.empty()) {
        used_.insert(name);  // "Name=" is how botocore sends an empty list
        return json::array();
    }
    json out = json::array();
    for (std::size_t n = 1;; ++n) {
        auto item = decode(shape.member, name + ".member." + std::to_string(n));
        if (!item) break;
        out.push_back(std::move(*item));
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::optional<json> Decoder::map(const ShapeDef& shape, const std::string& name) {
    json out = json::object();
    for (std::size_t n = 1;; ++n) {
        const auto entry = name + ".entry." + std::to_string(n);
        auto key = decode(shape.key, entry + ".key");
        auto value = decode(shape.value, entry + ".value");
        if (!key && !value) break;
        if (!key || !key->is_string()) {
            throw AwsError(validation_error_, "Map entry '" + entry + "' has no key.");
        }
        out[key->get<std::string>()] = value ? std::move(*value) : json();
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::optional<json> Decoder::scalar(const ShapeDef& shape, const std::string& name) {
    auto it = params_.find(name);
    if (it == params_.end()) return std::nullopt;
    used_.insert(name);
    return convert(shape, name, it->second);
}

json Decoder::convert(const ShapeDef& shape, const std::string& name,
                      const std::string& text) const {
    auto refuse = [&](const char* type) {
        return AwsError(validation_error_,
                        "Value '" + text + "' at '" + name + "' is not a valid " + type + ".");
    };
    switch (shape.kind) {
        case ShapeKind::integer:
        case ShapeKind::long_: {
            std::int64_t n = 0;
            const auto* end = text.data() + text.size();
            auto [ptr, ec] = std::from_chars(text.data(), end, n);
            if (text.empty() || ec != std::errc() || ptr != end) throw refuse("integer");
            return n;
        }
        case ShapeKind::double_:
        case ShapeKind::float_: {
            char* end = nullptr;
            const double d = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size()) throw refuse("number");
            return d;
        }
        case ShapeKind::boolean:
            if (text == "true") return true;
            if (text == "false") return false;
            throw refuse("boolean");
        default:  // strings, timestamps (ISO 8601, checked by the validator), base64 blobs
            return text;
    }
}

}  // namespace

QueryInput decode_query_input(const detail::ShapeGraph& graph, ShapeId input,
                              const FormParams& params, const std::string& validation_error) {
    QueryInput out;
    if (input == detail::k_no_shape) {
        for (const auto& [key, _] : params) out.unknown.push_back(key);
        return out;
    }
    Decoder decoder(graph, params, validation_error);
    if (auto v = decoder.decode(input, "")) out.value = std::move(*v);
    out.unknown = decoder.unused();
    return out;
}

}  // namespace berth::protocol
