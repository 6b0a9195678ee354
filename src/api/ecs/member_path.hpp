#pragma once
// Whether a task definition document uses a member, named by a path in the notation the
// fidelity table and the requiresAttributes rules share: "a[].b.c" (each element of the list
// a, then b, then c), optionally followed by a value test:
//   "path"          the member is present and not empty (null, "", [] and {} are empty)
//   "path=text"     its value is text (strings as they are, booleans and numbers as JSON)
//   "path!=text"    it is present and its value is not text
// where text may hold '*', matching any run of characters ("WINDOWS_*", "*.dkr.ecr.*").
#include <string_view>

#include <nlohmann/json.hpp>

namespace berth::api::ecs {

// Whether some value the path reaches in `document` passes the test.
bool uses_member(const nlohmann::json& document, std::string_view member);

// The path part of a member ("containerDefinitions[].image" of "...image=*.dkr.ecr.*").
std::string_view member_path(std::string_view member);

}  // namespace berth::api::ecs
