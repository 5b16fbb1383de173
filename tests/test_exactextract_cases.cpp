// exactextract's coverage cases, run against our exact coverage fractions (geo/coverage_fraction).
//
// The cases are data (tests/data/exactextract/raster_cell_intersection.txt, transcribed from
// exactextract's tests with attribution and its Apache-2.0 licence beside them); this file only
// reads and checks them.  Every case runs at four offsets — the origin and three Gauss–Krüger-
// sized shifts, since our grids live at 10⁵–10⁷ m from the projection origin:
//   (0, 0)
//   (500000, 4000000)      a 3° / 6° zone's false easting, 4 000 km north (central China)
//   (36500000, 4100000)    the same with the zone number prefixed to the easting (zone 36)
//   (39500000, 5500000)    zone 39 prefix, 5 500 km north (the north-east)
// grid and geometry shifted together.  Each case is checked
//   * per cell against exactextract's matrix (1e-9), cells outside it being 0.  Adding a large
//     offset rounds a vertex such as 0.2 to the nearest double near 3.65e7 (up to 3.7e-9 away),
//     so the shifted input is not exactly the hand-computed polygon: the tolerance is 1e-9 plus
//     the largest vertex displacement the shift actually caused (measured exactly, since
//     (x + o) − o is exact) times a cell's perimeter over its area, twice — 0 at the offsets
//     where the shift is exact;
//   * for fractions in [0, 1];
//   * by area against GEOS clipping of the geometry to the grid, and per cell (1e-9) on small
//     windows.  GEOS clips in grid-local coordinates (geometry and cells translated by the grid's
//     corner, which is exact), since GEOS's own area of a 0.008-wide cell at 3.9e7 carries
//     errors of 1e-8 of the cell that are GEOS's, not ours;
//   * read in bands of 1 and of 7 rows as the raster route reads them (analysis/raster_route:
//     polygon_window + CoverageRows per band), equal to the whole-window fractions.
#include "geo/coverage_fraction.h"
#include "geo/geos_handle.h"

#include "test_config.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ecozone::geo;

namespace {

struct Case {
    std::string name, wkt;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0, dx = 0, dy = 0;
    enum class Expect { Matrix, Empty, None } expect = Expect::None;
    int row0 = 0, col0 = 0;
    std::vector<std::vector<double>> matrix;
    bool valid = true;
};

std::vector<Case> read_cases(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::vector<Case> cases;
    Case c;
    bool in_matrix = false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream s(line);
        std::string key;
        s >> key;
        if (key == "case") {
            c = Case{};
            c.name = line.substr(5);
            in_matrix = false;
        } else if (key == "grid") {
            s >> c.xmin >> c.ymin >> c.xmax >> c.ymax >> c.dx >> c.dy;
        } else if (key == "wkt") {
            c.wkt = line.substr(4);
        } else if (key == "expect") {
            std::string what;
            s >> what;
            if (what == "empty") c.expect = Case::Expect::Empty;
            else if (what == "none") c.expect = Case::Expect::None;
            else {
                c.expect = Case::Expect::Matrix;
                c.row0 = std::stoi(what);
                s >> c.col0;
                in_matrix = true;
            }
        } else if (key == "valid") {
            std::string v;
            s >> v;
            c.valid = v != "no";
        } else if (key == "end") {
            cases.push_back(c);
            in_matrix = false;
        } else if (in_matrix) {
            std::istringstream row(line);
            std::vector<double> values;
            double v = 0;
            while (row >> v) values.push_back(v);
            c.matrix.push_back(values);
        } else {
            FAIL("unreadable line in " << path << ": " << line);
        }
    }
    return cases;
}

GeomPtr shifted(const GeosContext& geos, const GEOSGeometry* g, double ox, double oy) {
    if (ox == 0 && oy == 0) return geos.clone(g);
    struct Offset {
        double x, y;
    } off{ox, oy};
    auto shift = [](double* x, double* y, void* userdata) -> int {
        const auto* o = static_cast<const Offset*>(userdata);
        *x += o->x;
        *y += o->y;
        return 1;
    };
    return geos.own(GEOSGeom_transformXY_r(geos.handle(), g, shift, &off), "shift");
}

GeomPtr box(const GeosContext& geos, double x0, double y0, double x1, double y1) {
    auto seq = GEOSCoordSeq_create_r(geos.handle(), 5, 2);
    const double xs[5] = {x0, x1, x1, x0, x0}, ys[5] = {y0, y0, y1, y1, y0};
    for (unsigned i = 0; i < 5; ++i) GEOSCoordSeq_setXY_r(geos.handle(), seq, i, xs[i], ys[i]);
    GEOSGeometry* ring = GEOSGeom_createLinearRing_r(geos.handle(), seq);
    return geos.own(GEOSGeom_createPolygon_r(geos.handle(), ring, nullptr, 0), "box");
}

struct Offset {
    double x, y;
};
// See the file comment.
const Offset kOffsets[] = {{0, 0}, {500000, 4000000}, {36500000, 4100000}, {39500000, 5500000}};

}  // namespace

TEST_CASE("exactextract's coverage cases at four Gauss-Krüger offsets", "[exactextract][coverage]") {
    const auto cases = read_cases(ECOZONE_SOURCE_DIR "/tests/data/exactextract/raster_cell_intersection.txt");
    REQUIRE(cases.size() >= 20);
    GeosContext geos;
    std::map<std::string, double> worst_cell;  // worst |ours − exactextract| per offset
    for (const Offset& off : kOffsets) {
        const std::string offset_name = fmt::format("({}, {})", off.x, off.y);
        double& worst = worst_cell[offset_name];
        for (const Case& c : cases) {
            INFO("case \"" << c.name << "\" at offset " << offset_name);
            Grid grid;
            grid.xmin = c.xmin + off.x;
            grid.ymax = c.ymax + off.y;
            grid.dx = c.dx;
            grid.dy = c.dy;
            grid.cols = static_cast<int>(std::lround((c.xmax - c.xmin) / c.dx));
            grid.rows = static_cast<int>(std::lround((c.ymax - c.ymin) / c.dy));
            const GeomPtr original = geos.from_wkt(c.wkt);
            const GeomPtr g = shifted(geos, original.get(), off.x, off.y);
            // The largest vertex displacement the shift caused by rounding (see the file comment).
            double displacement = 0;
            {
                std::vector<double> x0, y0, x1, y1;
                auto collect = [](double* x, double* y, void* userdata) -> int {
                    auto* v = static_cast<std::vector<double>*>(userdata);
                    v->push_back(*x);
                    v->push_back(*y);
                    return 1;
                };
                std::vector<double> a, b;
                geos.own(GEOSGeom_transformXY_r(geos.handle(), original.get(), collect, &a), "vertices");
                geos.own(GEOSGeom_transformXY_r(geos.handle(), g.get(), collect, &b), "vertices");
                REQUIRE(a.size() == b.size());
                for (size_t i = 0; i < a.size(); ++i) {
                    const double o = i % 2 == 0 ? off.x : off.y;
                    displacement = std::max(displacement, std::fabs((b[i] - o) - a[i]));
                }
            }
            const double matrix_tolerance = 1e-9 + 2 * displacement * 2 * (c.dx + c.dy) / (c.dx * c.dy);

            const Window window = polygon_window(geos, g.get(), grid, 0, grid.rows);
            if (c.expect == Case::Expect::Empty) {
                CHECK(window.empty());
                continue;
            }
            REQUIRE(!window.empty());
            const CoverageFractions f = coverage_fractions(geos, g.get(), grid, window);
            auto at = [&](int r, int col) {
                if (r < window.row0 || r >= window.row0 + window.rows || col < window.col0 ||
                    col >= window.col0 + window.cols)
                    return 0.0;
                return f.at(r, col);
            };

            // Fractions in [0, 1].
            for (double v : f.fraction) {
                CHECK(v >= 0.0);
                CHECK(v <= 1.0);
            }

            // Per cell against exactextract's matrix; cells outside it are 0.
            if (c.expect == Case::Expect::Matrix) {
                for (int r = 0; r < grid.rows; ++r) {
                    for (int col = 0; col < grid.cols; ++col) {
                        const int mr = r - c.row0, mc = col - c.col0;
                        const bool inside = mr >= 0 && mr < static_cast<int>(c.matrix.size()) && mc >= 0 &&
                                            mc < static_cast<int>(c.matrix[static_cast<size_t>(mr)].size());
                        const double expected = inside ? c.matrix[static_cast<size_t>(mr)][static_cast<size_t>(mc)] : 0.0;
                        const double err = std::fabs(at(r, col) - expected);
                        worst = std::max(worst, err);
                        INFO("cell row " << r << " col " << col << ", vertex displacement " << displacement);
                        CHECK(err <= matrix_tolerance);
                    }
                }
            }

            // By area against GEOS clipping to the grid, and per cell on small windows.
            if (c.valid) {
                // Grid-local coordinates: x − xmin and y − ymax (exact for the shifted grids).
                const GeomPtr local = shifted(geos, g.get(), -grid.xmin, -grid.ymax);
                const GeomPtr extent = box(geos, 0, -grid.dy * grid.rows, grid.dx * grid.cols, 0);
                const double clipped = geos.planar_area(geos.intersection(local.get(), extent.get()).get());
                double ours = 0;
                for (double v : f.fraction) ours += v;
                ours *= grid.dx * grid.dy;
                CHECK(ours == Approx(clipped).epsilon(1e-9).margin(1e-9 * grid.dx * grid.dy));
                if (static_cast<long>(window.rows) * window.cols <= 2000) {
                    for (int r = window.row0; r < window.row0 + window.rows; ++r) {
                        for (int col = window.col0; col < window.col0 + window.cols; ++col) {
                            const GeomPtr cell = box(geos, col * grid.dx, -(r + 1) * grid.dy, (col + 1) * grid.dx,
                                                     -r * grid.dy);
                            const double a = geos.planar_area(geos.intersection(local.get(), cell.get()).get()) /
                                             (grid.dx * grid.dy);
                            INFO("GEOS cell row " << r << " col " << col);
                            CHECK(std::fabs(a - f.at(r, col)) <= 1e-9);
                        }
                    }
                }
            }

            // Bands of 1 and 7 rows, as the raster route reads them.
            for (int band : {1, 7}) {
                INFO("bands of " << band << " rows");
                for (int r0 = 0; r0 < grid.rows; r0 += band) {
                    const int h = std::min(band, grid.rows - r0);
                    const Window w = polygon_window(geos, g.get(), grid, r0, h);
                    if (w.empty()) {
                        // No part of the geometry's box in these rows: the whole-window fractions agree.
                        for (int r = r0; r < r0 + h; ++r)
                            for (int col = 0; col < grid.cols; ++col) CHECK(at(r, col) == 0.0);
                        continue;
                    }
                    CoverageRows rows(geos, g.get(), grid, w);
                    for (int r = w.row0; r < w.row0 + w.rows; ++r) {
                        const double* row = rows.next_row();
                        for (int col = w.col0; col < w.col0 + w.cols; ++col) {
                            CHECK(std::fabs(row[col - w.col0] - at(r, col)) <= 1e-12);
                        }
                    }
                }
            }
        }
    }
    for (const auto& [offset, worst] : worst_cell) WARN("worst cell error at offset " << offset << ": " << worst);
}
