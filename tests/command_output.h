#pragma once
// The standard output of a shell command run by a test (pdftotext, pdffonts, ogrinfo): the tests
// build the command lines from their own paths, so no quoting is needed.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

namespace ecozone::test {

inline std::string command_output(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

}  // namespace ecozone::test
