#include "berth/model/parameters.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "berth/model/arn.hpp"

namespace berth::model {

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    }
    return true;
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

void erase_label(std::vector<std::string>& labels, std::string_view label) {
    std::erase_if(labels, [&](const std::string& l) { return l == label; });
}

bool has_label(const ParameterVersion& v, std::string_view label) {
    return std::find(v.labels.begin(), v.labels.end(), label) != v.labels.end();
}

// The names an ARN's "parameter/<rest>" can stand for. A name with a '/' always starts with
// one and its ARN drops it; a one-level name could be "x" or "/x", which share an ARN
// (a guess: AWS documents the ARN form only, so the name without the slash wins).
std::vector<std::string> names_of_arn_resource(std::string_view rest) {
    // Built by append: GCC 12 reports a false -Warray-bounds on `"/" + std::string`.
    std::string rooted(1, '/');
    rooted.append(rest);
    if (rest.find('/') != std::string_view::npos) return {rooted};
    return {std::string(rest), rooted};
}

}  // namespace

const ParameterVersion* Parameter::find_version(std::int64_t version) const {
    for (const auto& v : versions) {
        if (v.version == version) return &v;
    }
    return nullptr;
}

const ParameterVersion* Parameter::find_label(std::string_view label) const {
    for (const auto& v : versions) {
        if (has_label(v, label)) return &v;
    }
    return nullptr;
}

const ParameterVersion* Parameter::select(const ParameterSelector& selector) const {
    if (selector.version) return find_version(*selector.version);
    if (selector.label) return find_label(*selector.label);
    return &latest();
}

bool Parameter::can_add_version() const {
    return versions.size() < k_max_versions || versions.front().labels.empty();
}

std::int64_t Parameter::add_version(ParameterVersion v) {
    v.version = versions.empty() ? 1 : versions.back().version + 1;
    v.labels.clear();
    versions.push_back(std::move(v));
    if (versions.size() > k_max_versions) versions.erase(versions.begin());
    return versions.back().version;
}

bool Parameter::attach_labels(std::int64_t version, const std::vector<std::string>& labels) {
    auto target = std::find_if(versions.begin(), versions.end(),
                               [&](const ParameterVersion& v) { return v.version == version; });
    if (target == versions.end()) return false;
    std::vector<std::string> after = target->labels;
    for (const auto& label : labels) {
        if (!has_label(*target, label) &&
            std::find(after.begin(), after.end(), label) == after.end()) {
            after.push_back(label);
        }
    }
    if (after.size() > k_max_labels_per_version) return false;
    for (auto& v : versions) {
        if (v.version == version) continue;
        for (const auto& label : labels) erase_label(v.labels, label);
    }
    target->labels = std::move(after);
    return true;
}

std::vector<std::string> Parameter::detach_labels(std::int64_t version,
                                                  const std::vector<std::string>& labels) {
    std::vector<std::string> missing;
    auto target = std::find_if(versions.begin(), versions.end(),
                               [&](const ParameterVersion& v) { return v.version == version; });
    for (const auto& label : labels) {
        if (target != versions.end() && has_label(*target, label)) {
            erase_label(target->labels, label);
        } else {
            missing.push_back(label);
        }
    }
    return missing;
}

bool valid_parameter_label(std::string_view label) {
    if (label.empty() || label.size() > 100) return false;
    if (std::isdigit(static_cast<unsigned char>(label.front())) != 0) return false;
    if (starts_with_ci(label, "aws") || starts_with_ci(label, "ssm")) return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
    });
}

std::string parameter_arn(const PartitionKey& key, std::string_view name) {
    if (name.starts_with('/')) name.remove_prefix(1);
    return "arn:aws:ssm:" + key.region + ":" + key.account + ":parameter/" + std::string(name);
}

std::optional<ParameterSelector> parse_parameter_selector(std::string_view text) {
    // Names never contain ':', so the last colon after an ARN's five starts the selector.
    std::size_t from = 0;
    if (looks_like_arn(text)) {
        for (int i = 0; i < 5 && from != std::string_view::npos; ++i) {
            from = text.find(':', from);
            if (from != std::string_view::npos) ++from;
        }
        if (from == std::string_view::npos) return ParameterSelector{std::string(text), {}, {}};
    }
    const auto colon = text.find(':', from);
    ParameterSelector selector{std::string(text.substr(0, colon)), {}, {}};
    if (colon == std::string_view::npos) return selector;
    const auto tail = text.substr(colon + 1);
    if (tail.empty()) return std::nullopt;
    if (all_digits(tail)) {
        std::int64_t version = 0;
        auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), version);
        if (ec != std::errc{} || end != tail.data() + tail.size()) return std::nullopt;
        selector.version = version;
    } else {
        selector.label = std::string(tail);
    }
    return selector;
}

const Parameter* ParameterPartition::resolve(const PartitionKey& key,
                                             std::string_view name_or_arn) const {
    if (!looks_like_arn(name_or_arn)) {
        auto it = parameters.find(std::string(name_or_arn));
        return it == parameters.end() ? nullptr : &it->second;
    }
    auto arn = parse_arn(name_or_arn);
    if (!arn || arn->service != "ssm" || arn->region != key.region || arn->account != key.account ||
        arn->resource_type() != "parameter") {
        return nullptr;
    }
    for (const auto& name : names_of_arn_resource(arn->resource_id())) {
        auto it = parameters.find(name);
        if (it != parameters.end()) return &it->second;
    }
    return nullptr;
}

Parameter* ParameterPartition::resolve(const PartitionKey& key, std::string_view name_or_arn) {
    return const_cast<Parameter*>(std::as_const(*this).resolve(key, name_or_arn));
}

std::uint64_t ParameterStore::version() const {
    std::lock_guard lock(mutex_);
    return version_;
}

std::pair<std::map<PartitionKey, ParameterPartition>, std::uint64_t>
ParameterStore::versioned_copy() const {
    std::lock_guard lock(mutex_);
    return {partitions_, version_};
}

void ParameterStore::restore(std::map<PartitionKey, ParameterPartition> partitions) {
    std::lock_guard lock(mutex_);
    partitions_ = std::move(partitions);
}

std::optional<ParameterValue> ParameterStore::find(const PartitionKey& key,
                                                   std::string_view name_or_arn) const {
    auto selector = parse_parameter_selector(name_or_arn);
    if (!selector) return std::nullopt;
    return read(key, [&](const ParameterPartition& p) -> std::optional<ParameterValue> {
        const Parameter* parameter = p.resolve(key, selector->name);
        if (!parameter) return std::nullopt;
        const ParameterVersion* v = parameter->select(*selector);
        if (!v) return std::nullopt;
        return ParameterValue{parameter->name, parameter_arn(key, parameter->name),
                              std::string(to_string(v->type)), v->value, v->version};
    });
}

}  // namespace berth::model
