// One libFuzzer target: fuzz/CMakeLists.txt compiles this file once per target with
// ECOZONE_FUZZ_TARGET=<name>, feeding the bytes to ecozone::fuzz::feed_<name> (fuzz/feed.h).
#include "fuzz/feed.h"

#include <cpl_error.h>

#include <cstddef>
#include <cstdint>

#define ECOZONE_CAT2(a, b) a##b
#define ECOZONE_CAT(a, b) ECOZONE_CAT2(a, b)
#define ECOZONE_STR2(a) #a
#define ECOZONE_STR(a) ECOZONE_STR2(a)

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // GDAL prints what it cannot read to stderr when no handler is pushed; ecozone's own
    // readers capture what they report.  Keep the fuzzer's log readable.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    (void)ecozone::fuzz::scratch_dir();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ecozone::fuzz::run_one(ECOZONE_STR(ECOZONE_FUZZ_TARGET),
                           &ecozone::fuzz::ECOZONE_CAT(feed_, ECOZONE_FUZZ_TARGET), data, size);
    return 0;
}
