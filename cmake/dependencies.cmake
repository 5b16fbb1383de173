# One place for the version floor of every dependency (Debian 12 versions).
find_package(GDAL 3.6 CONFIG REQUIRED)
find_package(GEOS 3.11 CONFIG REQUIRED)
find_package(PROJ 9.1 CONFIG REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(tomlplusplus 3 CONFIG REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(fmt 9 CONFIG REQUIRED)
find_package(CLI11 2 CONFIG QUIET)
if(NOT CLI11_FOUND)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()
# SHA-256 of every input, for the provenance of reports (libssl-dev).
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
# Excel workbooks beside the CSVs (libxlsxwriter-dev).  Debian's xlsxwriter.pc gives the library's
# soname as its version (4 for 1.1.4), so no version floor is asked of pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# PDF reports: cairo draws the pages, pango lays out Chinese text (fonts-noto-cjk), librsvg
# draws the reports' own SVG maps into them, so the PDF and the HTML show the same map.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo>=1.16 cairo-pdf)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo>=1.50)
pkg_check_modules(RSVG REQUIRED IMPORTED_TARGET librsvg-2.0>=2.54)
# The audit's patch pictures, encoded by libpng directly (libpng-dev; GDAL loads the library anyway).
find_package(PNG 1.6 REQUIRED)
# A batch of PDFs embeds a cut-down CJK face (report/common/cjk_font_subset.h): HarfBuzz's subsetter
# cuts it, fontconfig and pango's fontconfig font map (pangoft2) serve it (libharfbuzz-dev,
# libfontconfig-dev, libpango1.0-dev).
pkg_check_modules(FONTSUBSET REQUIRED IMPORTED_TARGET harfbuzz-subset>=6 harfbuzz fontconfig pangoft2)
# HTML from templates that escape every value by default (libkainjow-mustache-dev, header only).
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
# The workbench's HTTP server, `ecozone serve` (libcpp-httplib-dev).  Debian ships cpp-httplib built
# as a shared library with OpenSSL, zlib and Brotli support; its .pc file carries the matching
# CPPHTTPLIB_*_SUPPORT defines, which every unit including httplib.h must share (they change the
# classes' layout), so the library is found through pkg-config rather than by its header alone.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
# The allocator of the executables (libjemalloc-dev): jemalloc with transparent huge pages.  The
# commands allocate hundreds of MB in millions of small blocks (features, attributes, GEOS
# coordinates); with 4 KB pages a third of their system time went to page faults, and glibc's
# malloc asks for huge pages only through an environment variable read at start-up.  Measured on
# the county set: `indicators` 2.52 -> 2.11 s, `screen` of 1,000 sites 2.34 -> 1.97 s (medians).
# Off under the sanitizers, which bring their own allocator.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize" OR ECOZONE_FUZZ)
  set(ECOZONE_JEMALLOC_DEFAULT OFF)
else()
  set(ECOZONE_JEMALLOC_DEFAULT ON)
endif()
option(ECOZONE_JEMALLOC "Link the executables with jemalloc using transparent huge pages" ${ECOZONE_JEMALLOC_DEFAULT})
if(ECOZONE_JEMALLOC)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc>=5)
endif()
