#pragma once
// The image of the awsvpc sandbox container. Like the ECS agent, which loads its pause image
// from a tarball it ships, Berth makes its own: a root filesystem holding one tiny static
// program that sleeps until killed, imported into the engine when missing (no registry needed).
#include <string>
#include <string_view>

#include "berth/docker/client.hpp"

namespace berth::runtime {

inline constexpr const char* k_pause_image = "berth/pause:2";

// A static ELF executable for `architecture` ("x86_64" or "aarch64"/"arm64") that waits for a
// signal forever. Throws std::invalid_argument for other architectures.
std::string pause_program(std::string_view architecture);

// A tar archive holding `contents` as the executable file `name`.
std::string single_file_tar(std::string_view name, std::string_view contents);

// Imports k_pause_image into the engine unless it already has it.
void ensure_pause_image(docker::Client& client, std::string_view architecture);

}  // namespace berth::runtime
