#include "berth/docker/error.hpp"

namespace berth::docker {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::not_found:
            return "not_found";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::unreachable:
            return "unreachable";
        case ErrorKind::timeout:
            return "timeout";
        case ErrorKind::other:
            return "other";
    }
    return "other";
}

}  // namespace berth::docker
