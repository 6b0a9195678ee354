#pragma once
#include <string>
#include <string_view>

#include <boost/beast/core/string.hpp>

namespace berth::edge::lb {

// Beast's string_view (Boost's, with Boost 1.74) as the standard one, and as a string.
inline std::string_view sv(boost::beast::string_view s) {
    return {s.data(), s.size()};
}
inline std::string str(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

}  // namespace berth::edge::lb
