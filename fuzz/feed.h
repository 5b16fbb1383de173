#pragma once
// How each fuzz target feeds its bytes to ecozone's parsers — the same functions the CLI calls —
// shared by the libFuzzer targets (fuzz/fuzz_target.cpp) and by the replay of their findings in
// CTest (tests/test_fuzz_regressions.cpp), so that a committed crashing input is replayed exactly
// as the fuzzer ran it.  Header-only: the test binary links the libraries and recompiles nothing.
//
// Each feed_* returns normally when the parser accepted the input or refused it with an
// ecozone::Error (geo/errors.h) — both are normal outcomes.  Anything else is a finding: a crash
// or sanitizer report, a leak, a timeout, or an escaping exception of any other type.  Every
// std::exception that is not an ecozone::Error counts as a bug (std::out_of_range,
// std::invalid_argument, std::length_error, std::bad_alloc, std::logic_error,
// std::filesystem::filesystem_error, toml::parse_error, fmt::format_error, …): cli/app.cpp
// reports it to the user as an "internal error … please report this", never as a message about
// the input.  run_one() turns such an exception into an abort that libFuzzer records.
//
// Beyond not crashing, what a reader returns must keep the readers' promise: every coordinate
// of a site or a layer feature is finite and within 1e8 (geo/coordinate_check.h: absurd
// coordinates are refused at read, before GEOS sees them), and a site survives what `screen`
// does first with it alone (area, buffer).  A broken promise is reported and aborts like a crash.
//
// Inputs holding several files (a .dbf and its .cpg; a shapefile's .shp/.shx/.dbf/.prj) are
// split by split_parts(): for every part but the last, a 4-byte little-endian length, then the
// bytes (the length is clamped to what is left); the last part is the rest.  An empty part
// means the file is absent.  fuzz/build_corpus.py packs seeds the same way.
#include "analysis/patch_register.h"
#include "analysis/previous_register.h"
#include "geo/coordinate_check.h"
#include "geo/errors.h"
#include "geo/geos_handle.h"
#include "layers/catalogue.h"
#include "layers/encoding.h"
#include "layers/project.h"
#include "layers/rules.h"
#include "layers/shapefile_integrity.h"
#include "layers/site_input.h"
#include "layers/vector_layer.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <typeinfo>
#include <unistd.h>
#include <vector>

namespace ecozone::fuzz {

namespace fs = std::filesystem;

// A scratch directory of this process ($TMPDIR or /tmp, ecozone-fuzz-XXXXXX), removed at exit.
inline const fs::path& scratch_dir() {
    struct Dir {
        fs::path path;
        Dir() {
            const char* tmp = std::getenv("TMPDIR");
            std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/ecozone-fuzz-XXXXXX";
            if (!mkdtemp(pattern.data())) {
                std::perror("ecozone fuzz: mkdtemp");
                std::abort();
            }
            path = pattern;
        }
        ~Dir() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    };
    static const Dir dir;
    return dir.path;
}

// Empty the scratch directory (a file of the previous input must not be read with this one).
inline void clear_scratch() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(scratch_dir(), ec)) fs::remove_all(entry.path(), ec);
}

// Write `bytes` to scratch_dir()/name; returns the path.
inline std::string write_file(const std::string& name, std::string_view bytes) {
    const fs::path p = scratch_dir() / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::fprintf(stderr, "ecozone fuzz: cannot write %s\n", p.c_str());
        std::abort();
    }
    return p.string();
}

// `n` parts of a multi-file input (see the file comment).
inline std::vector<std::string_view> split_parts(std::string_view bytes, size_t n) {
    std::vector<std::string_view> parts;
    for (size_t i = 0; i + 1 < n; ++i) {
        if (bytes.size() < 4) {
            parts.emplace_back();
            bytes = {};
            continue;
        }
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
        const size_t len = std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
                           (std::uint32_t{p[3]} << 24);
        bytes.remove_prefix(4);
        const size_t take = len < bytes.size() ? len : bytes.size();
        parts.push_back(bytes.substr(0, take));
        bytes.remove_prefix(take);
    }
    parts.push_back(bytes);
    return parts;
}

// Runs `f`; an ecozone::Error is a normal refusal.  Returns true when the input was accepted.
template <class F>
bool accepted(F&& f) {
    try {
        f();
        return true;
    } catch (const ecozone::Error&) {
        return false;
    }
}

// A broken promise of a reader (see the file comment): report it and abort, as a crash would.
[[noreturn]] inline void broken_promise(const std::string& what) {
    std::fprintf(stderr, "\n==ecozone fuzz: broken promise: %s\n", what.c_str());
    std::abort();
}

// Every coordinate of `g` finite and within 1e8.
inline void check_coordinates(const geo::GeosContext& geos, const GEOSGeometry* g, const std::string& what) {
    if (!g) return;
    geo::for_each_sequence(geos, g, [&](const GEOSCoordSequence* seq) {
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(geos.handle(), seq, &n)) return;
        for (unsigned i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(geos.handle(), seq, i, &x, &y);
            if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > 1e8 || std::fabs(y) > 1e8) {
                broken_promise(what + ": coordinate (" + std::to_string(x) + ", " + std::to_string(y) +
                               ") was let through");
            }
        }
    });
}

// Sites as `screen` receives them: plausible coordinates, then their area and a buffer (GEOS).
inline void check_sites(const geo::GeosContext& geos, const std::vector<layers::SiteInput>& sites) {
    for (const layers::SiteInput& s : sites) {
        if (!s.geom) {  // listed as not screened, with the reason
            if (s.unusable.en.empty() || s.unusable.zh.empty()) broken_promise("site " + s.id + " has no geometry and no reason");
            continue;
        }
        check_coordinates(geos, s.geom.get(), "site " + s.id);
        double area = 0;
        GEOSArea_r(geos.handle(), s.geom.get(), &area);
        (void)geos.own(GEOSBuffer_r(geos.handle(), s.geom.get(), 100.0, 4), "buffer of a site");
    }
}

// Every feature of a layer read by read_vector.
inline void check_layer(const geo::GeosContext& geos, const layers::VectorLayer& layer) {
    for (const layers::Feature& f : layer.features) {
        check_coordinates(geos, f.geom.get(), "feature " + std::to_string(f.fid));
    }
}

// --- The targets -------------------------------------------------------------------------

// The project file: `layers::load_project(path)` (reads no layer).
inline void feed_project(std::string_view bytes) {
    clear_scratch();
    const std::string path = write_file("project.toml", bytes);
    accepted([&] { (void)layers::load_project(path); });
}

// The rules file: `layers::load_rules(path)`.
inline void feed_rules(std::string_view bytes) {
    clear_scratch();
    const std::string path = write_file("rules.toml", bytes);
    accepted([&] { (void)layers::load_rules(path); });
}

// Site options as `ecozone screen` passes them for the sample project (working CRS EPSG:4544).
inline layers::SiteParseOptions site_options() {
    layers::SiteParseOptions o;
    o.working_crs = "EPSG:4544";
    return o;
}

// The land-survey boundary-point file (界址点坐标文件): `screen --sites FILE.txt`.
inline void feed_boundary_points(std::string_view bytes) {
    clear_scratch();
    const std::string path = write_file("sites.txt", bytes);
    geo::GeosContext geos;
    accepted([&] { check_sites(geos, layers::read_boundary_point_file(geos, path, site_options())); });
}

// A CSV of WKT sites: `screen --sites FILE.csv`.
inline void feed_wkt_csv(std::string_view bytes) {
    clear_scratch();
    const std::string path = write_file("sites.csv", bytes);
    geo::GeosContext geos;
    accepted([&] { check_sites(geos, layers::read_wkt_csv(geos, path, site_options())); });
}

// Coordinates typed on the command line (`screen --coords TEXT`), and the text as one angle.
inline void feed_coordinates(std::string_view bytes) {
    const std::string text(bytes);
    geo::GeosContext geos;
    accepted([&] { check_sites(geos, layers::parse_coordinate_list(geos, text, site_options())); });
    char axis = 0;
    (void)layers::parse_angle(text, &axis);
}

// The DBF text-encoding decision (layers/encoding.h): parts .cpg, .dbf.  First
// decide_shapefile_encoding() on the .dbf beside its .cpg with the raw text of the table (its
// bytes after the 32-byte header, split at blanks and NULs) as the evidence, and the decision
// applied as read_vector applies it; then the .dbf read as `ecozone info FILE.dbf` reads it
// (GDAL's DBF reader, the evidence of its string values, the decision and the decoding).
inline void feed_dbf_encoding(std::string_view bytes) {
    clear_scratch();
    const auto parts = split_parts(bytes, 2);
    if (!parts[0].empty()) write_file("layer.cpg", parts[0]);
    const std::string dbf = write_file("layer.dbf", parts[1]);

    std::vector<std::string> evidence;
    const std::string_view body = parts[1].size() > 32 ? parts[1].substr(32) : std::string_view();
    std::string value;
    for (char c : body) {
        if (c == ' ' || c == '\0') {
            if (!value.empty() && !layers::is_ascii(value)) evidence.push_back(value);
            value.clear();
        } else {
            value += c;
        }
    }
    if (!value.empty() && !layers::is_ascii(value)) evidence.push_back(value);
    accepted([&] {
        const layers::EncodingDecision d = layers::decide_shapefile_encoding(dbf, evidence);
        const layers::TextDecoder decoder(d.determined() ? d.encoding : "ISO-8859-1");
        for (std::string& v : evidence) decoder.decode(v);
    });

    geo::GeosContext geos;
    layers::ReadOptions o;
    o.require_crs = false;  // as `ecozone info` reads
    accepted([&] { check_layer(geos, layers::read_vector(geos, dbf, o)); });
}

// The shapefile integrity check (layers/shapefile_integrity.h): parts .shp, .shx, .dbf, .prj.
// The check, then — when it passes — the layer read as `ecozone info FILE.shp` reads it.
inline void feed_shapefile(std::string_view bytes) {
    clear_scratch();
    const auto parts = split_parts(bytes, 4);
    const char* ext[] = {"layer.shp", "layer.shx", "layer.dbf", "layer.prj"};
    for (size_t i = 1; i < parts.size(); ++i) {
        if (!parts[i].empty()) write_file(ext[i], parts[i]);
    }
    const std::string shp = write_file(ext[0], parts[0]);
    if (!accepted([&] { layers::check_shapefile_structure(shp); })) return;
    geo::GeosContext geos;
    layers::ReadOptions o;
    o.require_crs = false;
    accepted([&] { check_layer(geos, layers::read_vector(geos, shp, o)); });
}

// The audit's previous register (`audit --previous FILE`): analysis::read_previous on a patches.gpkg
// (input starting with the SQLite header) or a patches.csv (anything else; a .prj of EPSG:4544
// beside it, as a county adds one to a register with a WKT column, so that the reader gets past
// the CRS check), into the sample's working CRS EPSG:4544.
inline void feed_previous_register(std::string_view bytes) {
    clear_scratch();
    static const std::string_view kSqlite("SQLite format 3\0", 16);
    std::string path;
    if (bytes.substr(0, kSqlite.size()) == kSqlite) {
        path = write_file("patches.gpkg", bytes);
    } else {
        path = write_file("patches.csv", bytes);
        write_file("patches.prj",
                   "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 105E\",GEOGCS[\"China Geodetic Coordinate System "
                   "2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],"
                   "UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER["
                   "\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",105],PARAMETER[\"scale_factor\",1],"
                   "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]");
    }
    layers::Catalogue catalogue;
    catalogue.working.definition = "EPSG:4544";
    catalogue.working.epsg = 4544;
    geo::GeosContext geos;
    layers::VectorLayer keep;
    accepted([&] {
        const std::vector<analysis::PreviousPatch> previous = analysis::read_previous(path, catalogue, geos, keep);
        check_layer(geos, keep);
        // What the audit does next with them that needs no layer: the comparison with a register.
        (void)analysis::diff_with_previous({}, previous, geos);
    });
}

// --- Running one input ----------------------------------------------------------------------

// For a libFuzzer target: feed the bytes; an escaping exception is reported and aborts.
inline void run_one(const char* target, void (*feed)(std::string_view), const std::uint8_t* data, size_t size) {
    try {
        feed(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception& e) {
        std::fprintf(stderr,
                     "\n==ecozone fuzz %s: uncaught %s (not an ecozone::Error): %s\n"
                     "   the CLI would report an internal error: this is a bug\n",
                     target, typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "\n==ecozone fuzz %s: uncaught exception of a non-std type: this is a bug\n", target);
        std::abort();
    }
}

}  // namespace ecozone::fuzz
