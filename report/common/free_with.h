#pragma once
// RAII for the C libraries' handles (cairo, pango, HarfBuzz, fontconfig): a std::unique_ptr
// deleter calling the library's own release function, so each handle is released exactly once,
// also when a later step throws.  std::unique_ptr<cairo_t, FreeWith<cairo_t, cairo_destroy>>.
namespace ecozone::report {

template <typename T, void (*Free)(T*)>
struct FreeWith {
    void operator()(T* p) const noexcept {
        if (p) Free(p);
    }
};

}  // namespace ecozone::report
