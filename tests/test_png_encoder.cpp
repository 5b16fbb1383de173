// PNG pictures written by libpng directly (report/common/png_encoder.h), decoded back by GDAL's
// PNG driver: sizes, colour types, every pixel's colour, and refusals of inconsistent input.
#include "report/common/png_encoder.h"

#include "png_pixels.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace ecozone;

using Decoded = test::PngPixels;
using test::decode_png;

TEST_CASE("png encoder: a paletted picture decodes to its colours", "[report]") {
    const int w = 7, h = 5;  // odd sizes: no row padding may creep in
    const std::vector<report::Rgb> palette = {{0, 0, 0}, {230, 220, 130}, {220, 60, 60}};
    std::vector<std::uint8_t> index(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < index.size(); ++i) index[i] = static_cast<std::uint8_t>((i * 7 + i / w) % 3);
    for (int level : {0, 1, 9}) {
        const Decoded d = decode_png(report::encode_indexed_png(index, w, h, palette, level));
        REQUIRE(d.width == w);
        REQUIRE(d.height == h);
        CHECK(d.bands == 1);
        CHECK(d.paletted);
        for (size_t i = 0; i < index.size(); ++i) CHECK(d.rgb[i] == palette[index[i]]);
    }
    // A full palette of 256 colours, one pixel each.
    std::vector<report::Rgb> full(256);
    std::vector<std::uint8_t> all(256);
    for (int i = 0; i < 256; ++i) {
        full[static_cast<size_t>(i)] = {static_cast<unsigned char>(i), static_cast<unsigned char>(255 - i), 7};
        all[static_cast<size_t>(i)] = static_cast<std::uint8_t>(i);
    }
    const Decoded d = decode_png(report::encode_indexed_png(all, 16, 16, full));
    for (size_t i = 0; i < all.size(); ++i) CHECK(d.rgb[i] == full[i]);
}

TEST_CASE("png encoder: a truecolour picture decodes to its colours", "[report]") {
    const int w = 300, h = 3;  // 900 colours: more than a palette holds
    std::vector<report::Rgb> rgb(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < rgb.size(); ++i) {
        rgb[i] = {static_cast<unsigned char>(i % 256), static_cast<unsigned char>(i / 256), static_cast<unsigned char>(i % 7)};
    }
    const Decoded d = decode_png(report::encode_rgb_png(rgb, w, h));
    REQUIRE(d.width == w);
    REQUIRE(d.height == h);
    CHECK(d.bands == 3);
    CHECK_FALSE(d.paletted);
    for (size_t i = 0; i < rgb.size(); ++i) CHECK(d.rgb[i] == rgb[i]);
}

TEST_CASE("png encoder: inconsistent input is refused, not written", "[report]") {
    const std::vector<report::Rgb> palette = {{1, 2, 3}};
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(5), 2, 2, palette), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png({}, 0, 0, palette), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(4), 2, 2, {}), std::runtime_error);
    CHECK_THROWS_AS(report::encode_indexed_png(std::vector<std::uint8_t>(4), 2, 2, std::vector<report::Rgb>(257)),
                    std::runtime_error);
    CHECK_THROWS_AS(report::encode_rgb_png(std::vector<report::Rgb>(3), 2, 2), std::runtime_error);
}
