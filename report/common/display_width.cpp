#include "report/common/display_width.h"

#include "layers/encoding.h"

#include <optional>

namespace ecozone::report {

namespace {

bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

// The wide ranges of Unicode's East Asian Width property that occur in planners' text: Hangul
// Jamo, CJK radicals to Yi, Hangul syllables, compatibility ideographs, vertical and small forms,
// full-width forms and the supplementary ideograph planes.
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::optional<char32_t> c = layers::next_utf8(utf8, i);
        if (!c) {  // an invalid byte: one column, and on to the next byte
            ++i;
            ++width;
            continue;
        }
        width += is_combining(*c) ? 0 : is_wide(*c) ? 2 : 1;
    }
    return width;
}

}  // namespace ecozone::report
