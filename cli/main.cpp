// The `ecozone` executable: everything happens in the cli library.
#include "cli/command.h"

#include <iostream>

int main(int argc, char** argv) {
    return ecozone::cli::run_cli(argc, argv, {std::cout, std::cerr}, /*process_ends_after=*/true);
}
