#pragma once
// ParameterFilters (DescribeParameters, GetParametersByPath) and DescribeParameters' older
// Filters, read once into one form and matched against a parameter. Filters are ANDed; the
// values of one filter are ORed.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/parameters.hpp"

namespace berth::api::ssm {

// Which operation reads the filters: GetParametersByPath takes Type, KeyId and Label only.
enum class FilterUse { describe, by_path };

struct ParameterFilter {
    std::string key;                  // Name, Type, KeyId, Path, Label, Tier, DataType or tag:<key>
    std::string option;               // Equals, BeginsWith, Contains, Recursive or OneLevel
    std::vector<std::string> values;  // checked paths for Path
};

// input["ParameterFilters"]. Throws InvalidFilterKey, InvalidFilterOption or
// InvalidFilterValue, as AWS does.
std::vector<ParameterFilter> read_parameter_filters(const nlohmann::json& input, FilterUse use);
// input["Filters"] (Name, Type, KeyId), Name read as BeginsWith (guess: the deprecated filter's
// reference does not say).
std::vector<ParameterFilter> read_legacy_filters(const nlohmann::json& input);

bool matches(const model::Parameter& parameter, const std::vector<ParameterFilter>& filters);

// The Label filter's values, when there is one: GetParametersByPath then answers with the
// version carrying one of them (guess: the reference names the filter, not the version).
std::optional<std::vector<std::string>> label_filter(const std::vector<ParameterFilter>& filters);

}  // namespace berth::api::ssm
