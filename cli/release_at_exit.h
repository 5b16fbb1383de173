#pragma once
// A command's large read-only inputs — a county's 150,000 land-use geometries — are handed to
// the process's exit, which returns their memory at once, instead of being freed object by
// object as the command returns (about a tenth of a second of every command).  Nothing else is
// released this way: outputs, files and GDAL handles keep their RAII owners, and an exception
// before the hand-over frees everything as usual.  Builds with a leak checker (AddressSanitizer)
// free it normally so that the checker still sees every other allocation.
#include <memory>

namespace ecozone::cli {

#if defined(__SANITIZE_ADDRESS__)
#define ECOZONE_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ECOZONE_FREE_AT_EXIT 1
#endif
#endif

// Call as run() returns.  `process_ends_after`: Command::process_ends_after; when false (a test
// running the command in its own process, which goes on) or under a leak checker, `inputs` is
// left alone and freed by its owner's scope as usual, after everything that refers to it.
template <class T>
void release_at_exit(std::unique_ptr<T>& inputs, bool process_ends_after) {
#if defined(ECOZONE_FREE_AT_EXIT)
    static_cast<void>(inputs);
    static_cast<void>(process_ends_after);
#else
    if (process_ends_after) static_cast<void>(inputs.release());  // deliberately not freed: the process ends next
#endif
}

}  // namespace ecozone::cli
