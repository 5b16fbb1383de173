// exactextract's statistics checks (test/test_stats.cpp of isciences/exactextract at commit
// 04501f2e9a8e44caa1e77f0263dfcefb6e4f6820, Copyright (c) 2018-2020 ISciences, LLC, Apache
// License 2.0 — tests/data/exactextract/LICENSE), transcribed: the same grids, polygons, value and
// weight rasters and expected figures, computed here from our exact coverage fractions
// (geo/coverage_fraction) the way a zonal statistic weighs each cell by the share of it covered:
// count = Σ f, sum = Σ f·v, mean = sum / count, weighted mean = Σ f·w·v / Σ f·w, over cells with
// f > 0 and a value that is not no-data; min, max and variety over those cells; mode the value
// with the largest total coverage.  Each case also runs shifted by Gauss–Krüger-sized offsets.
#include "geo/coverage_fraction.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <vector>

using namespace ecozone::geo;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The offsets of tests/test_exactextract_cases.cpp: none, a CM-style easting/northing, and two
// zone-prefixed ones.
const std::vector<std::pair<double, double>> kOffsets = {
    {0, 0}, {500000, 4000000}, {36500000, 4100000}, {39500000, 5500000}};

std::string shifted_square(double x0, double y0, double x1, double y1, double ox, double oy) {
    return fmt::format("POLYGON (({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))", x0 + ox, y0 + oy, x1 + ox,
                       y1 + oy);
}

// Coverage of the whole grid (rows top first).
std::vector<double> coverage(const GeosContext& geos, const std::string& wkt, const Grid& grid) {
    const GeomPtr g = geos.from_wkt(wkt);
    const Window whole{0, 0, grid.cols, grid.rows};
    return coverage_fractions(geos, g.get(), grid, whole).fraction;
}

struct Stats {
    double count = 0, sum = 0, min = std::numeric_limits<double>::infinity(),
           max = -std::numeric_limits<double>::infinity();
    std::set<double> values;
    std::map<double, double> coverage_by_value;
    double mean() const { return sum / count; }
    double mode() const {
        double best = kNaN, best_cov = -1;
        for (const auto& [v, c] : coverage_by_value) {
            if (c > best_cov) best = v, best_cov = c;
        }
        return best;
    }
};

Stats stats(const std::vector<double>& fractions, const std::vector<double>& values) {
    Stats s;
    for (size_t i = 0; i < fractions.size(); ++i) {
        const double f = fractions[i], v = values[i];
        if (!(f > 0) || std::isnan(v)) continue;
        s.count += f;
        s.sum += f * v;
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
        s.values.insert(v);
        s.coverage_by_value[v] += f;
    }
    return s;
}

}  // namespace

TEST_CASE("exactextract stats: basic float and integer stats (no-data cell inside)", "[coverage][exactextract]") {
    const GeosContext geos;
    // Grid ex{-1, -1, 4, 4, 1, 1}: 5 × 5 cells of 1, top-left corner (-1, 4).
    const std::vector<double> values = {1, 1, 1,   1, 1,  //
                                        1, 1, 2,   3, 1,  //
                                        1, 4, 5,   6, 1,  //
                                        1, 0, kNaN, 7, 1,  // NaN (float) or -999 (integer no-data)
                                        1, 1, 1,   1, 1};
    for (const auto& [ox, oy] : kOffsets) {
        CAPTURE(ox, oy);
        const Grid grid{-1 + ox, 4 + oy, 1, 1, 5, 5};
        const Stats s = stats(coverage(geos, shifted_square(0.5, 0.5, 2.5, 2.5, ox, oy), grid), values);
        const double tol = ox == 0 ? 1e-12 : 1e-8;  // the shifted square's vertices round
        CHECK(s.count == Approx((0.25 + 0.5 + 0.25) + (0.50 + 1.0 + 0.50) + (0.25 + 0.0 + 0.25)).margin(tol));
        CHECK(s.sum == Approx((1 * 0.25 + 2 * 0.5 + 3 * 0.25) + (4 * 0.50 + 5 * 1.0 + 6 * 0.50) +
                              (0 * 0.25 + 0 * 0.5 + 7 * 0.25))
                           .margin(tol));
        CHECK(s.mean() == Approx(13.75 / 3.5).epsilon(1e-9));
        CHECK(s.mode() == 5);
        CHECK(s.min == 0);
        CHECK(s.max == 7);
        CHECK(s.values.size() == 8);  // exactextract's variety
    }
}

TEST_CASE("exactextract stats: weighted multiresolution mean", "[coverage][exactextract]") {
    const GeosContext geos;
    // Values on the 1-unit grid {0, 0, 8, 6} (6 rows × 8 columns), filled by row from 1 by 1;
    // weights on the 2-unit grid (3 × 4), filled by row from 5 by 5: each 1-unit cell takes the
    // weight of the 2-unit cell holding it.
    for (const auto& [ox, oy] : kOffsets) {
        CAPTURE(ox, oy);
        const Grid grid{0 + ox, 6 + oy, 1, 1, 8, 6};
        const std::vector<double> f = coverage(geos, shifted_square(3.5, 1.5, 6.5, 2.5, ox, oy), grid);
        double weighted = 0, weights = 0;
        std::vector<double> covered_values, covered_weights, covered_fractions;
        for (int r = 0; r < 6; ++r) {
            for (int c = 0; c < 8; ++c) {
                const double frac = f[static_cast<size_t>(r) * 8 + c];
                if (!(frac > 1e-12)) continue;
                const double v = 1 + 8 * r + c;
                const double w = 5 + 5 * (4 * (r / 2) + c / 2);
                weighted += frac * w * v;
                weights += frac * w;
                covered_values.push_back(v);
                covered_weights.push_back(w);
                covered_fractions.push_back(frac);
            }
        }
        // exactextract's expected cells, and its expected mean from them.
        const std::vector<double> cov_values = {28, 29, 30, 31, 36, 37, 38, 39};
        const std::vector<double> cov_weights = {30, 35, 35, 40, 50, 55, 55, 60};
        const std::vector<double> cov_fracs = {0.25, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 0.25};
        CHECK(covered_values == cov_values);
        CHECK(covered_weights == cov_weights);
        REQUIRE(covered_fractions.size() == cov_fracs.size());
        double expected_num = 0, expected_den = 0;
        for (size_t i = 0; i < cov_fracs.size(); ++i) {
            CHECK(covered_fractions[i] == Approx(cov_fracs[i]).margin(1e-8));
            expected_num += cov_values[i] * cov_weights[i] * cov_fracs[i];
            expected_den += cov_weights[i] * cov_fracs[i];
        }
        CHECK(weighted / weights == Approx(expected_num / expected_den).epsilon(1e-9));
    }
}
