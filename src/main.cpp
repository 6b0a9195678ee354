#include "berth/app/app.hpp"

int main(int argc, char** argv) { return berth::app::main(argc, argv); }
