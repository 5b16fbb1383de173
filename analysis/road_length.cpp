#include "analysis/road_length.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace ecozone::analysis {

namespace {

// The patch's pixels on a local mask with a one-pixel empty border, so that every pixel has
// eight neighbours to look at.
class Mask {
public:
    explicit Mask(const std::vector<std::pair<int, int>>& cells) {
        int r0 = cells.front().first, r1 = r0, c0 = cells.front().second, c1 = c0;
        for (const auto& [r, c] : cells) {
            r0 = std::min(r0, r);
            r1 = std::max(r1, r);
            c0 = std::min(c0, c);
            c1 = std::max(c1, c);
        }
        rows_ = r1 - r0 + 3;
        cols_ = c1 - c0 + 3;
        on_.assign(static_cast<size_t>(rows_) * static_cast<size_t>(cols_), 0);
        for (const auto& [r, c] : cells) set(r - r0 + 1, c - c0 + 1, 1);
    }
    int rows() const { return rows_; }
    int cols() const { return cols_; }
    std::uint8_t at(int r, int c) const { return on_[index(r, c)]; }
    void set(int r, int c, std::uint8_t v) { on_[index(r, c)] = v; }

    // The 8 neighbours clockwise from north: P2..P9 of Zhang & Suen (1984).
    std::array<std::uint8_t, 8> ring(int r, int c) const {
        return {at(r - 1, c), at(r - 1, c + 1), at(r, c + 1), at(r + 1, c + 1),
                at(r + 1, c), at(r + 1, c - 1), at(r, c - 1), at(r - 1, c - 1)};
    }

private:
    size_t index(int r, int c) const {
        return static_cast<size_t>(r) * static_cast<size_t>(cols_) + static_cast<size_t>(c);
    }
    int rows_ = 0, cols_ = 0;
    std::vector<std::uint8_t> on_;
};

// Guo–Hall thinning (1989): two sub-iterations that peel boundary pixels whose removal keeps the
// shape connected, until nothing changes.  Chosen over Zhang–Suen, which erases two-pixel-thick
// diagonal strips — exactly what a road at 45° looks like on a raster.
void thin(Mask& m) {
    std::vector<std::pair<int, int>> remove;
    for (bool changed = true; changed;) {
        changed = false;
        for (int pass = 0; pass < 2; ++pass) {
            remove.clear();
            for (int r = 1; r + 1 < m.rows(); ++r) {
                for (int c = 1; c + 1 < m.cols(); ++c) {
                    if (!m.at(r, c)) continue;
                    const auto q = m.ring(r, c);  // N, NE, E, SE, S, SW, W, NW
                    const bool n = q[0], ne = q[1], e = q[2], se = q[3], s = q[4], sw = q[5], w = q[6], nw = q[7];
                    const int links = (!n && (ne || e)) + (!e && (se || s)) + (!s && (sw || w)) + (!w && (nw || n));
                    const int n1 = (nw || n) + (ne || e) + (se || s) + (sw || w);
                    const int n2 = (n || ne) + (e || se) + (s || sw) + (w || nw);
                    const int count = std::min(n1, n2);
                    const bool side = pass == 0 ? ((s || sw || !nw) && w) : ((n || ne || !se) && e);
                    if (links == 1 && count >= 2 && count <= 3 && !side) remove.emplace_back(r, c);
                }
            }
            for (const auto& [r, c] : remove) m.set(r, c, 0);
            changed = changed || !remove.empty();
        }
    }
}

// How far the strip reaches beyond a skeleton end at (r, c): thinning stops an end about half
// the strip's width short of its edge, so the end is extended by its distance to the nearest
// pixel outside the patch, less the half pixel to that pixel's edge.  Pixel units.
double reach_beyond_end(const Mask& original, int r, int c) {
    double best = 1e300;
    for (int radius = 1;; ++radius) {
        for (int y = r - radius; y <= r + radius; ++y) {
            for (int x = c - radius; x <= c + radius; ++x) {
                if (std::max(std::abs(y - r), std::abs(x - c)) != radius) continue;  // the ring only
                const bool outside =
                    y < 0 || x < 0 || y >= original.rows() || x >= original.cols() || !original.at(y, x);
                if (outside) best = std::min(best, std::hypot(y - r, x - c));
            }
        }
        // A pixel on a later ring is at least `radius + 1` away.
        if (best <= radius + 1) return best - 0.5;
    }
}

}  // namespace

double road_length_m(const std::vector<std::pair<int, int>>& cells, double dx, double dy) {
    if (cells.empty()) return 0;
    const Mask original(cells);
    Mask m = original;
    thin(m);
    const double diagonal = std::hypot(dx, dy);
    double length = 0, reach = 0;
    int pixels = 0, last_r = 0, last_c = 0;
    for (int r = 1; r + 1 < m.rows(); ++r) {
        for (int c = 1; c + 1 < m.cols(); ++c) {
            if (!m.at(r, c)) continue;
            ++pixels;
            last_r = r;
            last_c = c;
            const bool east = m.at(r, c + 1), south = m.at(r + 1, c), west = m.at(r, c - 1);
            // Each link once, from its north-west end: east and south by a side, the diagonals
            // only where no side step already joins the two pixels through a shared neighbour.
            if (east) length += dx;
            if (south) length += dy;
            if (m.at(r + 1, c + 1) && !east && !south) length += diagonal;
            if (m.at(r + 1, c - 1) && !west && !south) length += diagonal;
            int links = 0;
            for (std::uint8_t v : m.ring(r, c)) links += v;
            if (links == 1) reach += reach_beyond_end(original, r, c);
        }
    }
    // A blob thinned to one pixel: it reaches out on both sides of that pixel.
    if (pixels == 1) return std::max(dx, dy) * 2 * reach_beyond_end(original, last_r, last_c);
    // The ends reach out in the strip's direction, which may be any: the mean pixel side.
    return length + reach * (dx + dy) / 2;
}

double strip_length_m(double area_m2, double perimeter_m) {
    const double d = perimeter_m * perimeter_m - 16 * area_m2;
    return (perimeter_m + std::sqrt(std::max(0.0, d))) / 4;
}

}  // namespace ecozone::analysis
