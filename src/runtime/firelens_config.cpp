#include "firelens_config.hpp"

#include <algorithm>
#include <sstream>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime::firelens {

namespace {

using model::FirelensType;
using model::NameValue;

[[noreturn]] void refuse(const std::string& why) {
    throw SpecError("unable to generate firelens config: " + why,
                    model::FailureClass::resource_initialization);
}

const std::string* option(const std::vector<NameValue>& options, std::string_view name) {
    auto it = std::find_if(options.begin(), options.end(),
                           [&](const NameValue& o) { return o.name == name; });
    return it == options.end() ? nullptr : &it->value;
}

// The user's configuration file to include: options config-file-type and config-file-value.
std::string external_config(const std::vector<NameValue>& options) {
    const auto* type = option(options, "config-file-type");
    if (!type) return {};
    const auto* value = option(options, "config-file-value");
    if (*type == "s3") {
        refuse("config-file-type s3 (" + (value ? *value : std::string()) +
               "): Berth serves no S3; use config-file-type file with a path in the image");
    }
    if (*type != "file") refuse("unknown config-file-type " + *type);
    if (!value || value->empty()) refuse("config-file-type file without config-file-value");
    return *value;
}

bool ecs_metadata(const Setup& s) {
    const auto* enabled = option(s.options, "enable-ecs-log-metadata");
    return !enabled || *enabled != "false";
}

// A route's options split as the agent splits them: the output plugin's name, the grep
// patterns, and everything else for the plugin.
struct Output {
    std::string plugin;
    std::string match;
    const std::string* include = nullptr;
    const std::string* exclude = nullptr;
    std::vector<NameValue> options;
};

Output output_of(const Route& r, const char* plugin_key) {
    Output out;
    out.match = match_pattern(r.container);
    for (const auto& o : r.options) {
        if (o.name == plugin_key) {
            out.plugin = o.value;
        } else if (o.name == "include-pattern") {
            out.include = &o.value;
        } else if (o.name == "exclude-pattern") {
            out.exclude = &o.value;
        } else if (o.name != k_buffer_limit_option) {  // the log driver's, not the plugin's
            out.options.push_back(o);
        }
    }
    if (out.plugin.empty()) {
        refuse("container " + r.container + ": missing output option " + plugin_key +
               " which is required for firelens configuration");
    }
    return out;
}

std::vector<Output> outputs_of(const Setup& s, const char* plugin_key) {
    std::vector<Output> out;
    for (const auto& r : s.routes) out.push_back(output_of(r, plugin_key));
    return out;
}

const char* listen_address(const Setup& s) {
    return s.listen_on_all ? "0.0.0.0" : "127.0.0.1";
}

std::string fluentbit_text(const Setup& s) {
    const auto outputs = outputs_of(s, "Name");
    std::ostringstream out;
    out << "[INPUT]\n    Name forward\n    unix_path " << k_socket_path << "\n\n";
    out << "[INPUT]\n    Name forward\n    Listen " << listen_address(s) << "\n    Port "
        << k_forward_port << "\n\n";
    if (ecs_metadata(s)) {
        out << "[FILTER]\n    Name record_modifier\n    Match *\n"
            << "    Record ecs_cluster " << s.cluster << "\n"
            << "    Record ecs_task_arn " << s.task_arn << "\n"
            << "    Record ecs_task_definition " << s.task_definition << "\n\n";
    }
    for (const auto& o : outputs) {
        if (o.include)
            out << "[FILTER]\n    Name grep\n    Match " << o.match << "\n    Regex log "
                << *o.include << "\n\n";
        if (o.exclude)
            out << "[FILTER]\n    Name grep\n    Match " << o.match << "\n    Exclude log "
                << *o.exclude << "\n\n";
    }
    if (auto file = external_config(s.options); !file.empty()) out << "@INCLUDE " << file << "\n\n";
    for (const auto& o : outputs) {
        out << "[OUTPUT]\n    Name " << o.plugin << "\n    Match " << o.match << "\n";
        for (const auto& [k, v] : o.options) out << "    " << k << " " << v << "\n";
        out << "\n";
    }
    return out.str();
}

void fluentd_grep(std::ostringstream& out, const Output& o, const char* kind,
                  const std::string& pattern) {
    out << "<filter " << o.match << ">\n    @type grep\n    <" << kind
        << ">\n        key log\n        pattern " << pattern << "\n    </" << kind
        << ">\n</filter>\n\n";
}

std::string fluentd_text(const Setup& s) {
    const auto outputs = outputs_of(s, "@type");
    std::ostringstream out;
    out << "<source>\n    @type unix\n    path " << k_socket_path << "\n</source>\n\n";
    out << "<source>\n    @type forward\n    bind " << listen_address(s) << "\n    port "
        << k_forward_port << "\n</source>\n\n";
    if (ecs_metadata(s)) {
        out << "<filter *>\n    @type record_transformer\n    <record>\n"
            << "        ecs_cluster " << s.cluster << "\n"
            << "        ecs_task_arn " << s.task_arn << "\n"
            << "        ecs_task_definition " << s.task_definition << "\n"
            << "    </record>\n</filter>\n\n";
    }
    for (const auto& o : outputs) {
        if (o.include) fluentd_grep(out, o, "regexp", *o.include);
        if (o.exclude) fluentd_grep(out, o, "exclude", *o.exclude);
    }
    if (auto file = external_config(s.options); !file.empty()) out << "@include " << file << "\n\n";
    for (const auto& o : outputs) {
        out << "<match " << o.match << ">\n    @type " << o.plugin << "\n";
        for (const auto& [k, v] : o.options) out << "    " << k << " " << v << "\n";
        out << "</match>\n\n";
    }
    return out.str();
}

}  // namespace

std::string config_text(const Setup& setup) {
    return setup.type == FirelensType::fluentd ? fluentd_text(setup) : fluentbit_text(setup);
}

std::string secret_variable(const std::string& name, const std::string& container) {
    return name + "_" + container;
}

std::string secret_placeholder(FirelensType type, const std::string& variable) {
    if (type == FirelensType::fluentd) return "\"#{ENV['" + variable + "']}\"";
    return "${" + variable + "}";
}

std::string log_tag(const std::string& container, const std::string& task_id) {
    return container + "-firelens-" + task_id;
}

std::string match_pattern(const std::string& container) {
    return container + "-firelens*";
}

}  // namespace berth::runtime::firelens
