#include "report/common/png_encoder.h"

#include <png.h>

#include <csetjmp>
#include <stdexcept>

namespace ecozone::report {

namespace {

// libpng reports errors by longjmp to the setjmp in write_png; nothing with a destructor lives
// between the two (the rows and the output string are the caller's).
struct Sink {
    std::string* bytes;
};

void append(png_structp png, png_bytep data, png_size_t length) {
    auto* sink = static_cast<Sink*>(png_get_io_ptr(png));
    try {
        sink->bytes->append(reinterpret_cast<const char*>(data), length);
    } catch (const std::bad_alloc&) {
        png_error(png, "out of memory");  // longjmps: no exception crosses libpng's C frames
    }
}

void no_flush(png_structp) {}

// The whole image, rows[k] pointing at row k; colour_type PNG_COLOR_TYPE_PALETTE (with
// `palette`, `colours` entries) or PNG_COLOR_TYPE_RGB.  False if libpng failed.
bool write_png(std::string& out, png_bytep* rows, int width, int height, int colour_type, const png_color* palette,
               int colours, int zlib_level) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    Sink sink{&out};
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, &sink, append, no_flush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, colour_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (colour_type == PNG_COLOR_TYPE_PALETTE) png_set_PLTE(png, info, palette, colours);
    png_set_compression_level(png, zlib_level);
    // Flat colours compress best unfiltered (the PNG specification's advice for paletted images).
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

void check_size(size_t pixels, int width, int height) {
    if (width <= 0 || height <= 0 || pixels != static_cast<size_t>(width) * static_cast<size_t>(height)) {
        throw std::runtime_error("PNG: the pixels do not match the picture's size");
    }
}

}  // namespace

std::string encode_indexed_png(const std::vector<std::uint8_t>& index, int width, int height,
                               const std::vector<Rgb>& palette, int zlib_level) {
    check_size(index.size(), width, height);
    if (palette.empty() || palette.size() > 256) throw std::runtime_error("PNG: a palette holds 1 to 256 colours");
    std::vector<png_color> colours;
    colours.reserve(palette.size());
    for (const Rgb& c : palette) colours.push_back({c[0], c[1], c[2]});
    std::vector<png_bytep> rows(static_cast<size_t>(height));
    for (int y = 0; y < height; ++y) {
        rows[static_cast<size_t>(y)] = const_cast<png_bytep>(index.data() + static_cast<size_t>(y) * width);
    }
    std::string out;
    if (!write_png(out, rows.data(), width, height, PNG_COLOR_TYPE_PALETTE, colours.data(),
                   static_cast<int>(colours.size()), zlib_level)) {
        throw std::runtime_error("PNG: libpng could not write the picture");
    }
    return out;
}

std::string encode_rgb_png(const std::vector<Rgb>& rgb, int width, int height, int zlib_level) {
    check_size(rgb.size(), width, height);
    std::vector<png_bytep> rows(static_cast<size_t>(height));
    for (int y = 0; y < height; ++y) {
        rows[static_cast<size_t>(y)] = const_cast<png_bytep>(rgb[static_cast<size_t>(y) * width].data());
    }
    std::string out;
    if (!write_png(out, rows.data(), width, height, PNG_COLOR_TYPE_RGB, nullptr, 0, zlib_level)) {
        throw std::runtime_error("PNG: libpng could not write the picture");
    }
    return out;
}

}  // namespace ecozone::report
