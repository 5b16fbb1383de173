// jemalloc's start-up options, compiled into the executables that link it (ECOZONE_JEMALLOC; see
// cmake/dependencies.cmake for the measurements).  jemalloc reads this documented global before
// its first allocation; MALLOC_CONF in the environment still overrides it.
//
// thp:always — the heap in 2 MB transparent huge pages (Debian's kernels allow them on request,
// "madvise"): a county's features fault in 512 times fewer pages.  metadata_thp:auto — the
// allocator's own tables too, once they grow.  The cost is a larger resident size (~+15 % on the
// county set), which a command that exits after its outputs does not keep.
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "thp:always,metadata_thp:auto";
}
