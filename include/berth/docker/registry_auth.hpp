#pragma once
// The X-Registry-Auth header of an image pull: the credentials as JSON, base64url-encoded, the
// way the Engine API reads them.
#include <string>

namespace berth::docker {

struct RegistryAuth {
    std::string username;
    std::string password;
    std::string server_address = {};  // optional: the engine uses the image's registry
};

// base64url({"username":...,"password":...[,"serveraddress":...]}), for Client::image_pull.
std::string encode_registry_auth(const RegistryAuth& auth);

}  // namespace berth::docker
