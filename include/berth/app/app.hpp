#pragma once

namespace berth::app {

// Parses flags, wires the modules, serves until SIGINT/SIGTERM. Returns the exit code.
int main(int argc, char** argv);

}  // namespace berth::app
