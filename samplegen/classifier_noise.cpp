#include "samplegen/classifier_noise.h"

#include "samplegen/rng.h"

#include <fmt/format.h>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace ecozone::samplegen {

namespace {

using Kind = NoiseModel::Kind;

// The order the models run in on each date, whatever order --noise gave them in.
constexpr std::array<Kind, kNoiseKinds> kApplyOrder = {Kind::Shift, Kind::Edges, Kind::Blobs, Kind::Salt};

// ---------------------------------------------------------------------------------------------
// The generator's class-confusion matrix, by class role (symmetric).  The one place it is
// written; Confusion::from_scheme maps it onto a profile's class values.
//
//   * Open land — other grassland, pasture, bare land, dry and irrigated cropland — is where a
//     per-pixel classifier errs most: sparse grass, fallow fields and bare soil have nearly the
//     same spectra in this arid county.  Weight 1 between any two of them.
//   * Shrubland with grassland 0.4 (sparse shrub is grassland to a classifier), with bare land and
//     cropland 0.1; forest with shrubland 0.2, with grassland and cropland 0.05, with bare 0.02.
//   * Flats (滩涂, marsh grass) with water 0.5 (turbid shallows), with grassland 0.3, with bare
//     and cropland 0.1, with shrub 0.05.  Water with nothing else: open water is unmistakable.
//   * Built-up with industry 0.6, with PV 0.2; industry with PV 0.3; built-up and industry with
//     bare land 0.1 (cleared ground and quarries look bare).
//   * Any other natural or farmed class with built-up, industry or PV ~0.02: rare, and exactly
//     the confusion that fakes a human activity in an audit.
//   * Nothing with nodata / outside (0): not a class.
// ---------------------------------------------------------------------------------------------
struct RoleWeight {
    Role a, b;
    double w;
};

std::vector<RoleWeight> role_weights() {
    using R = Role;
    std::vector<RoleWeight> out;
    const Role open[] = {R::OtherGrass, R::Pasture, R::Bare, R::Dry, R::Irrigated};
    for (size_t i = 0; i < std::size(open); ++i) {
        for (size_t j = i + 1; j < std::size(open); ++j) out.push_back({open[i], open[j], 1.0});
    }
    const std::vector<RoleWeight> rest = {
        {R::Shrub, R::OtherGrass, 0.4},   {R::Shrub, R::Pasture, 0.4},   {R::Shrub, R::Bare, 0.1},
        {R::Shrub, R::Dry, 0.1},          {R::Shrub, R::Irrigated, 0.1}, {R::Forest, R::Shrub, 0.2},
        {R::Forest, R::OtherGrass, 0.05}, {R::Forest, R::Pasture, 0.05}, {R::Forest, R::Dry, 0.05},
        {R::Forest, R::Irrigated, 0.05},  {R::Forest, R::Bare, 0.02},    {R::Flat, R::Water, 0.5},
        {R::Flat, R::OtherGrass, 0.3},    {R::Flat, R::Pasture, 0.3},    {R::Flat, R::Bare, 0.1},
        {R::Flat, R::Dry, 0.1},           {R::Flat, R::Irrigated, 0.1},  {R::Flat, R::Shrub, 0.05},
        {R::Built, R::Industry, 0.6},     {R::Built, R::Pv, 0.2},        {R::Industry, R::Pv, 0.3},
        {R::Built, R::Bare, 0.1},         {R::Industry, R::Bare, 0.1},
    };
    out.insert(out.end(), rest.begin(), rest.end());
    const Role human[] = {R::Built, R::Industry, R::Pv};
    const Role land[] = {R::OtherGrass, R::Pasture, R::Dry, R::Irrigated, R::Shrub, R::Forest, R::Flat, R::Bare};
    for (Role h : human) {
        for (Role l : land) {
            const bool listed = std::any_of(rest.begin(), rest.end(), [&](const RoleWeight& rw) {
                return (rw.a == h && rw.b == l) || (rw.a == l && rw.b == h);
            });
            if (!listed) out.push_back({h, l, 0.02});
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Stateless per-pixel randomness: a key per (seed, model, date, purpose), hashed with the pixel.
// ---------------------------------------------------------------------------------------------
constexpr uint64_t kNoiseTag = 0x636C617373696679ull;  // "classify": apart from rng.h's stream tags

// Purposes within a model, so that two draws of one model at one pixel are independent.
enum class Draw : uint64_t { Chance = 0, Pick = 1, Threshold = 2, Direction = 3, Shape = 4, Class = 5 };

class PixelHash {
public:
    PixelHash(uint64_t seed, Kind kind, int date, Draw draw)
        : key_(hash_mix(seed, kNoiseTag, static_cast<uint64_t>(kind) * 16 + static_cast<uint64_t>(draw),
                        static_cast<uint64_t>(date))) {}
    uint64_t bits(int r, int c) const {
        return hash_mix(key_, (static_cast<uint64_t>(static_cast<uint32_t>(r)) << 32) | static_cast<uint32_t>(c));
    }
    double unit(int r, int c) const { return unit_from_bits(bits(r, c)); }

private:
    uint64_t key_;
};

// ---------------------------------------------------------------------------------------------
// Blob shapes: every 4-connected set of 2..6 cells of the 3 x 3 window around the seed that
// contains the seed, as a 9-bit mask (bit 3 * (dr + 1) + (dc + 1)).  A blob's size is drawn
// uniformly in 2..6 (mean 4), then its shape uniformly among the shapes of that size.
// ---------------------------------------------------------------------------------------------
constexpr int kCentreBit = 4;
constexpr int kMinBlob = 2, kMaxBlob = 6;

bool four_connected(unsigned mask) {
    unsigned reached = 1u << kCentreBit, grown = 0;
    while (grown != reached) {
        grown = reached;
        for (int b = 0; b < 9; ++b) {
            if (!(reached >> b & 1u)) continue;
            const int r = b / 3, c = b % 3;
            const int nb[4][2] = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
            for (const auto& n : nb) {
                if (n[0] < 0 || n[0] > 2 || n[1] < 0 || n[1] > 2) continue;
                const unsigned bit = 1u << (n[0] * 3 + n[1]);
                if (mask & bit) reached |= bit;
            }
        }
    }
    return reached == mask;
}

using ShapeCatalogue = std::array<std::vector<uint16_t>, kMaxBlob + 1>;  // by size

const ShapeCatalogue& blob_shapes() {
    static const ShapeCatalogue shapes = [] {
        ShapeCatalogue s;
        for (unsigned mask = 0; mask < 512; ++mask) {
            if (!(mask >> kCentreBit & 1u)) continue;
            const auto n = static_cast<int>(std::bitset<9>(mask).count());
            if (n >= kMinBlob && n <= kMaxBlob && four_connected(mask)) s[static_cast<size_t>(n)].push_back(mask);
        }
        return s;
    }();
    return shapes;
}

// ---------------------------------------------------------------------------------------------
// Shift: per-axis offsets in whole pixels.
// ---------------------------------------------------------------------------------------------
struct Compass {
    int dx, dy;
    const char* name;
};
constexpr std::array<Compass, 8> kCompass = {
    {{1, 0, "E"}, {1, 1, "NE"}, {0, 1, "N"}, {-1, 1, "NW"}, {-1, 0, "W"}, {-1, -1, "SW"}, {0, -1, "S"}, {1, -1, "SE"}}};

// floor(d) pixels, one more when the fractional part beats the pixel's threshold: how a
// classifier labels a pixel the displaced edge cuts (the class that covers more of it wins,
// give or take the pixel's own texture).
int axis_offset(double d, double t) {
    const double whole = std::floor(d);
    return static_cast<int>(whole) + (d - whole > t ? 1 : 0);
}

double parse_number(const std::string& text, const std::string& part) {
    const char* begin = text.c_str();
    char* end = nullptr;
    const double v = std::strtod(begin, &end);
    if (text.empty() || end != begin + text.size() || !std::isfinite(v)) {
        throw std::invalid_argument(fmt::format("'{}': '{}' is not a number", part, text));
    }
    return v;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::Salt:
            return "salt";
        case Kind::Edges:
            return "edges";
        case Kind::Shift:
            return "shift";
        case Kind::Blobs:
            return "blobs";
    }
    return "?";
}

NoiseSpec NoiseSpec::parse(const std::string& text) {
    const std::string all = trim(text);
    if (all.empty()) throw std::invalid_argument("empty noise spec (e.g. salt:0.03,edges:0.3, or none)");
    if (all == "none") return {};
    std::array<bool, kNoiseKinds> given{};
    NoiseSpec spec;
    size_t pos = 0;
    while (pos <= all.size()) {
        const size_t comma = std::min(all.find(',', pos), all.size());
        const std::string part = trim(all.substr(pos, comma - pos));
        pos = comma + 1;
        if (part.empty()) throw std::invalid_argument(fmt::format("empty model in '{}'", all));
        if (part == "none") throw std::invalid_argument("'none' cannot be combined with other models");
        const size_t colon = part.find(':');
        const std::string name = trim(part.substr(0, colon));
        const auto kind = [&]() -> Kind {
            for (Kind k : kApplyOrder) {
                if (name == kind_name(k)) return k;
            }
            throw std::invalid_argument(
                fmt::format("unknown noise model '{}' (salt, edges, shift, blobs, or none alone)", name));
        }();
        if (colon == std::string::npos) {
            throw std::invalid_argument(
                fmt::format("'{}' needs a strength, e.g. {}:{}", name, name, kind == Kind::Shift ? "1" : "0.05"));
        }
        const double v = parse_number(trim(part.substr(colon + 1)), part);
        if (kind == Kind::Shift && !(v > 0 && v <= 1.5)) {
            throw std::invalid_argument(fmt::format("'{}': shift must be in (0, 1.5] pixels", part));
        }
        if (kind != Kind::Shift && !(v >= 0 && v <= 1)) {
            throw std::invalid_argument(fmt::format("'{}': {} is a fraction in [0, 1]", part, name));
        }
        if (given[static_cast<size_t>(kind)]) throw std::invalid_argument(fmt::format("'{}' given twice", name));
        given[static_cast<size_t>(kind)] = true;
        spec.models.push_back({kind, v});
    }
    // Kept in the order the models run, so that describe() says it and equal specs compare equal.
    std::sort(spec.models.begin(), spec.models.end(), [](const NoiseModel& a, const NoiseModel& b) {
        const auto rank = [](Kind k) { return std::find(kApplyOrder.begin(), kApplyOrder.end(), k); };
        return rank(a.kind) < rank(b.kind);
    });
    return spec;
}

std::string NoiseSpec::describe() const {
    if (models.empty()) return "none";
    std::string out;
    for (const auto& m : models) out += fmt::format("{}{}:{}", out.empty() ? "" : ",", kind_name(m.kind), m.strength);
    return out;
}

double NoiseSpec::strength(Kind kind) const {
    for (const auto& m : models) {
        if (m.kind == kind) return m.strength;
    }
    return 0;
}

Confusion Confusion::from_scheme(const ClassScheme& scheme) {
    Confusion c;
    for (const auto& rw : role_weights()) {
        const uint8_t a = scheme.value(rw.a), b = scheme.value(rw.b);
        if (a == 0 || b == 0 || a == b) continue;
        c.set(a, b, std::max(c.weight(a, b), rw.w));
    }
    return c;
}

Confusion Confusion::uniform(const std::vector<uint8_t>& classes) {
    Confusion c;
    for (uint8_t a : classes) {
        for (uint8_t b : classes) {
            if (a != b) c.set(a, b, 1.0);
        }
    }
    return c;
}

void Confusion::set(uint8_t a, uint8_t b, double w) {
    if (a == 0 || b == 0) throw std::invalid_argument("class value 0 (outside) is never confused");
    if (a == b) throw std::invalid_argument(fmt::format("a class is not confused with itself ({})", a));
    if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument(fmt::format("bad confusion weight {}", w));
    for (auto [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
        auto& row = rows_[from];
        auto it = std::lower_bound(row.begin(), row.end(), to, [](const Entry& e, uint8_t v) { return e.to < v; });
        if (it != row.end() && it->to == to) {
            if (w > 0)
                it->weight = w;
            else
                row.erase(it);
        } else if (w > 0) {
            row.insert(it, Entry{to, w});
        }
    }
}

double Confusion::weight(uint8_t from, uint8_t to) const {
    for (const auto& e : rows_[from]) {
        if (e.to == to) return e.weight;
    }
    return 0;
}

uint8_t Confusion::draw(uint8_t from, double u) const {
    const auto& row = rows_[from];
    if (row.empty()) return from;
    double total = 0;
    for (const auto& e : row) total += e.weight;
    double at = u * total;
    for (const auto& e : row) {
        if (at < e.weight) return e.to;
        at -= e.weight;
    }
    return row.back().to;  // u * total rounded up to the total
}

NoiseStats& NoiseStats::operator+=(const NoiseStats& o) {
    pixels += o.pixels;
    for (size_t k = 0; k < kNoiseKinds; ++k) changed[k] += o.changed[k];
    return *this;
}

ShiftDirection shift_direction(uint64_t seed) {
    const PixelHash h(seed, Kind::Shift, 0, Draw::Direction);
    const Compass& c = kCompass[h.bits(0, 0) >> 61];
    return {c.dx, c.dy, c.name};
}

NoiseStats classify_rows(const NoiseSpec& spec, const Confusion& confusion, int date, uint64_t seed,
                         const uint8_t* truth, int truth_row0, int truth_rows, int cols, int grid_rows, int r0, int r1,
                         const uint8_t* locked, uint8_t* out) {
    if (date != 0 && date != 1) throw std::invalid_argument("date must be 0 (before) or 1 (after)");
    if (cols <= 0 || r0 < 0 || r1 > grid_rows || r0 > r1) throw std::invalid_argument("bad row range");
    if (truth_row0 > std::max(0, r0 - kNoiseMargin) ||
        truth_row0 + truth_rows < std::min(grid_rows, r1 + kNoiseMargin)) {
        throw std::invalid_argument(fmt::format("truth rows [{}, {}) do not cover [{}, {}) +- {}", truth_row0,
                                                truth_row0 + truth_rows, r0, r1, kNoiseMargin));
    }
    NoiseStats stats;
    if (r0 == r1) return stats;
    const auto ucols = static_cast<size_t>(cols);
    auto T = [&](int r, int c) { return truth[static_cast<size_t>(r - truth_row0) * ucols + static_cast<size_t>(c)]; };

    // 1. That date's truth as the classifier sees it (shifted on the before date), on rows
    //    [b0, b1): one more row each side for the edge and blob neighbourhoods.
    const int b0 = std::max(0, r0 - 1), b1 = std::min(grid_rows, r1 + 1);
    std::vector<uint8_t> base(static_cast<size_t>(b1 - b0) * ucols);
    auto B = [&](int r, int c) { return base[static_cast<size_t>(r - b0) * ucols + static_cast<size_t>(c)]; };
    const double shift = date == 0 ? spec.strength(Kind::Shift) : 0.0;
    const ShiftDirection dir = shift_direction(seed);
    // Distance along each axis the direction moves on: D along a cardinal, D / sqrt 2 on each
    // axis of a diagonal.
    const double along = dir.dx != 0 && dir.dy != 0 ? shift * std::sqrt(0.5) : shift;
    const PixelHash threshold(seed, Kind::Shift, 0, Draw::Threshold);
    for (int r = b0; r < b1; ++r) {
        uint8_t* row = &base[static_cast<size_t>(r - b0) * ucols];
        for (int c = 0; c < cols; ++c) {
            const uint8_t v = T(r, c);
            row[c] = v;
            if (!v || shift <= 0) continue;
            const int n = axis_offset(along, 0.25 + 0.5 * threshold.unit(r, c));
            const int sr = r - dir.dy * n, sc = c + dir.dx * n;  // north is up the rows
            if (n == 0 || sr < 0 || sr >= grid_rows || sc < 0 || sc >= cols) continue;
            if (const uint8_t s = T(sr, sc)) row[c] = s;
        }
    }

    // 2. Blob seeds on the same rows: a shape mask (0 = no seed) and the blob's class.
    const double blobs = spec.strength(Kind::Blobs);
    std::vector<uint16_t> seed_shape;
    std::vector<uint8_t> seed_class;
    if (blobs > 0) {
        // Seeds per pixel so that blobs of mean size 4 cover a share `blobs`, overlaps counted.
        const double per_pixel = blobs >= 1 ? 1.0 : -std::log1p(-blobs) / 4.0;
        const PixelHash chance(seed, Kind::Blobs, date, Draw::Chance), shape(seed, Kind::Blobs, date, Draw::Shape),
            pick(seed, Kind::Blobs, date, Draw::Class);
        const ShapeCatalogue& shapes = blob_shapes();
        seed_shape.assign(base.size(), 0);
        seed_class.assign(base.size(), 0);
        for (int r = b0; r < b1; ++r) {
            for (int c = 0; c < cols; ++c) {
                const uint8_t v = B(r, c);
                if (!v || !confusion.confusable(v) || chance.unit(r, c) >= per_pixel) continue;
                const uint64_t h = shape.bits(r, c);
                const auto& of_size = shapes[static_cast<size_t>(kMinBlob) + h % (kMaxBlob - kMinBlob + 1)];
                const size_t i = static_cast<size_t>(r - b0) * ucols + static_cast<size_t>(c);
                seed_shape[i] = of_size[(h >> 8) % of_size.size()];
                seed_class[i] = confusion.draw(v, pick.unit(r, c));
            }
        }
    }

    // 3. Each pixel through edges -> blobs -> salt.
    const double edges = spec.strength(Kind::Edges), salt = spec.strength(Kind::Salt);
    const PixelHash edge_chance(seed, Kind::Edges, date, Draw::Chance), edge_pick(seed, Kind::Edges, date, Draw::Pick);
    const PixelHash salt_chance(seed, Kind::Salt, date, Draw::Chance), salt_pick(seed, Kind::Salt, date, Draw::Pick);
    for (int r = r0; r < r1; ++r) {
        const size_t orow = static_cast<size_t>(r - r0) * ucols;
        for (int c = 0; c < cols; ++c) {
            const uint8_t t = T(r, c);
            uint8_t& o = out[orow + static_cast<size_t>(c)];
            o = t;
            if (!t) continue;
            ++stats.pixels;
            if (locked && locked[orow + static_cast<size_t>(c)]) continue;
            const uint8_t v = B(r, c);
            if (v != t) ++stats[Kind::Shift];
            uint8_t now = v;
            if (edges > 0) {
                uint8_t other[4];
                size_t n = 0;
                const uint8_t nb[4] = {r > 0 ? B(r - 1, c) : uint8_t{0}, r + 1 < grid_rows ? B(r + 1, c) : uint8_t{0},
                                       c > 0 ? B(r, c - 1) : uint8_t{0}, c + 1 < cols ? B(r, c + 1) : uint8_t{0}};
                for (uint8_t x : nb) {
                    if (x && x != v) other[n++] = x;
                }
                if (n > 0 && edge_chance.unit(r, c) < edges) {
                    now = other[edge_pick.bits(r, c) % n];
                    ++stats[Kind::Edges];
                }
            }
            if (blobs > 0) {
                // The first seed (in a fixed order) whose shape covers this pixel and whose true
                // class is this pixel's: blobs stay inside one field, as segments do.
                for (int dr = -1; dr <= 1; ++dr) {
                    const int sr = r - dr;
                    if (sr < b0 || sr >= b1) continue;
                    bool hit = false;
                    for (int dc = -1; dc <= 1 && !hit; ++dc) {
                        const int sc = c - dc;
                        if (sc < 0 || sc >= cols) continue;
                        const size_t i = static_cast<size_t>(sr - b0) * ucols + static_cast<size_t>(sc);
                        if (!(seed_shape[i] >> ((dr + 1) * 3 + (dc + 1)) & 1u) || base[i] != v) continue;
                        hit = true;
                        if (seed_class[i] != now) {
                            now = seed_class[i];
                            ++stats[Kind::Blobs];
                        }
                    }
                    if (hit) break;
                }
            }
            if (salt > 0 && salt_chance.unit(r, c) < salt) {
                const uint8_t s = confusion.draw(v, salt_pick.unit(r, c));
                if (s != now) {
                    now = s;
                    ++stats[Kind::Salt];
                }
            }
            o = now;
        }
    }
    return stats;
}

}  // namespace ecozone::samplegen
