#pragma once
// application/x-www-form-urlencoded bodies, the wire of the AWS query protocol:
// "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3A...".
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace berth::protocol {

using FormParams = std::map<std::string, std::string, std::less<>>;

// Decodes every name=value pair ('+' is a space, %XX a byte). A name given twice keeps its
// last value. Throws AwsError MalformedQueryString for a broken %-escape.
FormParams parse_form(std::string_view body);

}  // namespace berth::protocol
