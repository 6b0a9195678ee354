// Turning one line of GET /events into an Event.
#include <charconv>

#include "berth/docker/events.hpp"
#include "docker/parse.hpp"

namespace berth::docker {

std::optional<int> Event::exit_code() const {
    const auto& text = attribute("exitCode");
    int code = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return code;
}

const std::string& Event::attribute(const std::string& key) const {
    static const std::string empty;
    const auto it = attributes.find(key);
    return it != attributes.end() ? it->second : empty;
}

namespace {

Event read_event(const Json& json) {
    Event event;
    // API 1.22+ fields first; "status"/"id" are the legacy spelling of the same thing.
    event.type = json.value("Type", std::string("container"));
    std::string action = json.value("Action", json.value("status", std::string()));
    if (const auto sep = action.find(": "); sep != std::string::npos) {
        event.detail = action.substr(sep + 2);
        action.erase(sep);
    }
    event.action = std::move(action);
    auto actor = json.value("Actor", Json::object());
    if (!actor.is_object()) actor = Json::object();
    event.id = actor.value("ID", json.value("id", std::string()));
    event.attributes = parse_labels(actor.value("Attributes", Json::object()));
    if (auto it = json.find("timeNano"); it != json.end() && it->is_number()) {
        event.time_nano = it->get<std::int64_t>();
    } else if (auto t = json.find("time"); t != json.end() && t->is_number()) {
        event.time_nano = t->get<std::int64_t>() * 1'000'000'000;
    }
    return event;
}

}  // namespace

std::optional<Event> parse_event(std::string_view line) {
    const auto json = Json::parse(line, nullptr, false);
    if (!json.is_object()) return std::nullopt;
    try {
        auto event = read_event(json);
        if (event.action.empty()) return std::nullopt;
        return event;
    } catch (const Json::exception&) {
        return std::nullopt;  // a member of an unexpected type: not an event we understand
    }
}

}  // namespace berth::docker
