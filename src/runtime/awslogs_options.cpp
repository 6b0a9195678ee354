#include "awslogs_options.hpp"

#include <array>
#include <cctype>
#include <string_view>
#include <utility>

namespace berth::runtime {

namespace {

// Go's strconv.ParseBool, which the Docker driver uses for awslogs-create-group.
std::optional<bool> parse_bool(std::string_view v) {
    for (std::string_view t : {"1", "t", "T", "true", "TRUE", "True"}) {
        if (v == t) return true;
    }
    for (std::string_view f : {"0", "f", "F", "false", "FALSE", "False"}) {
        if (v == f) return false;
    }
    return std::nullopt;
}

// "25m", "1g", "1024", as Docker's units.RAMInBytes reads a size.
bool is_size(std::string_view v) {
    std::size_t digits = 0;
    while (digits < v.size() &&
           (std::isdigit(static_cast<unsigned char>(v[digits])) != 0 || v[digits] == '.'))
        ++digits;
    if (digits == 0) return false;
    auto unit = v.substr(digits);
    if (!unit.empty() && (unit.back() == 'b' || unit.back() == 'B')) unit.remove_suffix(1);
    if (!unit.empty() && (unit.back() == 'i')) unit.remove_suffix(1);
    return unit.empty() || (unit.size() == 1 &&
                            std::string_view("kKmMgGtTpP").find(unit[0]) != std::string_view::npos);
}

AwsLogsOptionError bad_value(std::string_view key, std::string_view value) {
    return AwsLogsOptionError("invalid value '" + std::string(value) + "' for log opt '" +
                              std::string(key) + "'");
}

void apply(AwsLogsOptions& out, const std::string& key, const std::string& value) {
    if (key == "awslogs-group") {
        out.group = value;
    } else if (key == "awslogs-region") {
        out.region = value;
    } else if (key == "awslogs-stream-prefix") {
        out.stream_prefix = value;
    } else if (key == "awslogs-stream") {
        out.stream = value;
    } else if (key == "awslogs-create-group") {
        auto b = parse_bool(value);
        if (!b) throw bad_value(key, value);
        out.create_group = *b;
    } else if (key == "awslogs-datetime-format") {
        out.datetime_format = value;
    } else if (key == "awslogs-multiline-pattern") {
        out.multiline_pattern = value;
    } else if (key == "awslogs-force-flush-interval-seconds") {
        int seconds = 0;
        try {
            seconds = std::stoi(value);
        } catch (const std::exception&) {
            throw bad_value(key, value);
        }
        if (seconds <= 0) throw bad_value(key, value);
        out.force_flush = std::chrono::seconds(seconds);
    } else if (key == "mode") {
        if (value != "blocking" && value != "non-blocking") throw bad_value(key, value);
        out.non_blocking = value == "non-blocking";
    } else if (key == "max-buffer-size") {
        if (!is_size(value)) throw bad_value(key, value);
        out.max_buffer_size = value;
    } else {
        throw AwsLogsOptionError("unknown log opt '" + key + "' for awslogs log driver");
    }
}

// strftime code → regex, the translations Docker's awslogs driver makes.
constexpr std::array<std::pair<char, std::string_view>, 20> k_datetime_codes{{
    {'a', "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"},
    {'A', "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"},
    {'b', "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"},
    {'B',
     "(?:January|February|March|April|May|June|July|August|September|October|November|December)"},
    {'d', "(?:0[1-9]|[12][0-9]|3[01])"},
    {'f', "\\d{1,9}"},
    {'H', "(?:[01][0-9]|2[0-3])"},
    {'I', "(?:0[0-9]|1[0-2])"},
    {'j', "(?:00[1-9]|0[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])"},
    {'L', "\\.\\d{3}"},
    {'m', "(?:0[1-9]|1[0-2])"},
    {'M', "[0-5][0-9]"},
    {'p', "[AP]M"},
    {'S', "[0-5][0-9]"},
    {'U', "(?:[0-4][0-9]|5[0-3])"},
    {'w', "[0-6]"},
    {'W', "(?:[0-4][0-9]|5[0-3])"},
    {'y', "\\d{2}"},
    {'Y', "\\d{4}"},
    {'z', "[+-]\\d{4}"},
}};

std::string escaped(char c) {
    static constexpr std::string_view k_special = "\\^$.|?*+()[]{}";
    if (k_special.find(c) != std::string_view::npos) return std::string{'\\', c};
    return std::string(1, c);
}

}  // namespace

AwsLogsOptions parse_awslogs_options(const model::LogConfiguration& config) {
    AwsLogsOptions out;
    for (const auto& o : config.options) apply(out, o.name, o.value);
    if (out.group.empty())
        throw AwsLogsOptionError("must specify a value for log opt 'awslogs-group'");
    if (!out.datetime_format.empty() && !out.multiline_pattern.empty()) {
        throw AwsLogsOptionError(
            "you cannot configure log opt 'awslogs-datetime-format' and "
            "'awslogs-multiline-pattern' at the same time");
    }
    if (!out.multiline_pattern.empty()) {
        try {
            std::regex check(out.multiline_pattern);
        } catch (const std::regex_error&) {
            throw AwsLogsOptionError("awslogs could not parse multiline pattern key " +
                                     out.multiline_pattern);
        }
    }
    return out;
}

std::optional<AwsLogsOptions> awslogs_of(const model::ContainerDefinition* container) {
    if (!container || !container->log_configuration) return std::nullopt;
    if (container->log_configuration->driver != k_awslogs_driver) return std::nullopt;
    return parse_awslogs_options(*container->log_configuration);
}

model::PartitionKey awslogs_partition(const AwsLogsOptions& options,
                                      const model::PartitionKey& task_partition) {
    if (options.region.empty()) return task_partition;
    return {task_partition.account, options.region};
}

std::string awslogs_stream_name(const AwsLogsOptions& options, const std::string& container_name,
                                const std::string& task_id, const std::string& docker_id) {
    if (!options.stream.empty()) return options.stream;
    if (options.stream_prefix.empty()) return docker_id;
    return options.stream_prefix + "/" + container_name + "/" + task_id;
}

std::string datetime_regex(const std::string& format) {
    std::string out = "^";
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out += escaped(format[i]);
            continue;
        }
        const char code = format[++i];
        std::string_view translated;
        for (const auto& [c, regex] : k_datetime_codes) {
            if (c == code) translated = regex;
        }
        // %% and codes Docker does not translate stay literal.
        out += translated.empty() ? (code == '%' ? "%" : "%" + escaped(code)) : translated;
    }
    return out;
}

std::optional<std::regex> event_start_pattern(const AwsLogsOptions& options) {
    if (!options.multiline_pattern.empty()) return std::regex(options.multiline_pattern);
    if (!options.datetime_format.empty())
        return std::regex(datetime_regex(options.datetime_format));
    return std::nullopt;
}

}  // namespace berth::runtime
