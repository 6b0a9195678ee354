#include "secret_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>

namespace berth::runtime {

namespace {

using nlohmann::json;

// Go's %v of a float64: the shortest text that reads back, in exponent form when the decimal
// exponent is below -4 or at least 6 ("1e+06", "1.5e-05", "123456").
std::string go_float(double v) {
    std::array<char, 64> buf{};
    auto sci = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific);
    std::string text(buf.data(), sci.ptr);
    const int exponent = std::stoi(text.substr(text.find('e') + 1));
    if (exponent < -4 || exponent >= 6) return text;
    auto fixed = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
    return std::string(buf.data(), fixed.ptr);
}

// encoding/json's complaint about text that is not a JSON object, as far as the common cases
// go (a plain-text secret is the usual one: "invalid character 'p' looking for beginning of
// value").
std::string not_an_object(std::string_view text) {
    auto first = std::find_if_not(text.begin(), text.end(),
                                  [](unsigned char c) { return std::isspace(c) != 0; });
    if (first == text.end()) return "unexpected end of JSON input";
    const auto parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        if (std::string_view("{[\"-0123456789tfn").find(*first) == std::string_view::npos) {
            return std::string("invalid character '") + *first + "' looking for beginning of value";
        }
        return "unexpected end of JSON input";
    }
    const char* kind = parsed.is_string()    ? "string"
                       : parsed.is_boolean() ? "bool"
                       : parsed.is_array()   ? "array"
                                             : "number";
    return std::string("json: cannot unmarshal ") + kind +
           " into Go value of type map[string]interface {}";
}

// Go's encoding/json matches a struct field to a key whatever the key's case.
const json* field_of(const json& object, std::string_view name) {
    for (const auto& [key, value] : object.items()) {
        if (key.size() == name.size() &&
            std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            })) {
            return &value;
        }
    }
    return nullptr;
}

}  // namespace

std::string go_text(const json& v) {
    switch (v.type()) {
        case json::value_t::null:
            return "<nil>";
        case json::value_t::string:
            return v.get<std::string>();
        case json::value_t::boolean:
            return v.get<bool>() ? "true" : "false";
        case json::value_t::array: {
            std::string out = "[";
            for (const auto& e : v) out += (out.size() > 1 ? " " : "") + go_text(e);
            return out + "]";
        }
        case json::value_t::object: {
            std::map<std::string, const json*> sorted;  // fmt prints a map's keys in order
            for (const auto& [k, e] : v.items()) sorted[k] = &e;
            std::string out = "map[";
            for (const auto& [k, e] : sorted) {
                out += (out.size() > 4 ? " " : "") + k + ":" + go_text(*e);
            }
            return out + "]";
        }
        default:
            return go_float(v.get<double>());  // every JSON number decodes to a float64
    }
}

std::string json_key_value(std::string_view secret_string, const std::string& key) {
    const auto parsed = json::parse(secret_string, nullptr, false);
    if (!parsed.is_object() && !parsed.is_null()) {
        throw SecretValueError(not_an_object(secret_string));
    }
    if (!parsed.is_object() || !parsed.contains(key)) {
        throw SecretValueError("retrieved secret from Secrets Manager did not contain json key " +
                               key);
    }
    return go_text(parsed[key]);
}

RegistryCredentials registry_credentials(const std::optional<std::string>& secret_string) {
    if (!secret_string || secret_string->empty()) {
        throw SecretValueError("asm fetching authorization data: empty secrets value");
    }
    const auto parsed = json::parse(*secret_string, nullptr, false);
    const json* username = parsed.is_object() ? field_of(parsed, "username") : nullptr;
    const json* password = parsed.is_object() ? field_of(parsed, "password") : nullptr;
    auto text_of = [](const json* v) { return v && v->is_string() ? v->get<std::string>() : ""; };
    if (!parsed.is_object() || (username && !username->is_string() && !username->is_null()) ||
        (password && !password->is_string() && !password->is_null())) {
        throw SecretValueError(
            "asm fetching authorization data: unable to unmarshal secret value, invalid schema");
    }
    RegistryCredentials out{text_of(username), text_of(password)};
    if (out.username.empty()) {
        throw SecretValueError(
            "asm fetching username: AuthorizationData is malformed, empty field");
    }
    if (out.password.empty()) {
        throw SecretValueError(
            "asm fetching password: AuthorizationData is malformed, empty field");
    }
    return out;
}

}  // namespace berth::runtime
