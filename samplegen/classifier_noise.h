#pragma once
// Classifier-noise models for the generated land-use rasters (--noise): what a real classifier does
// to the ground truth, one explicit, seeded model at a time, applied independently to each date.
//
//   salt:F    salt-and-pepper: each pixel, with probability F, takes a class drawn from the
//             class-confusion row of its true class (grassland <-> bare <-> cropland far likelier
//             than forest <-> construction; the matrix is Confusion::from_scheme).
//   edges:P   mixed edge pixels: a pixel with a 4-neighbour of another class in that date's truth
//             takes one of those neighbours' classes with probability P.
//   shift:D   misregistration of the BEFORE date: it is classified from the truth displaced by D
//             pixels (0 < D <= 1.5) in one seeded compass direction (8 of them).  Along an axis with
//             offset d, a pixel takes the class floor(d) pixels away, or one further when
//             frac(d) > t, t a per-pixel threshold uniform in [0.25, 0.75]: D = 1 moves every edge
//             by one pixel, D = 0.5 about half of them — all the same way (correlated edge changes).
//   blobs:F   clustered confusion (object-based classifiers): compact blobs of 2-6 pixels of one
//             wrong class (drawn from the confusion row of the blob seed's true class), within one
//             field of the truth, covering about a fraction F of the pixels.
//
// Per date the models run in the order shift (before date only) -> edges -> blobs -> salt, each
// later one overriding the earlier ones.  Every decision is a pure function of (seed, model, date,
// row, col) — stateless hashing, no random stream — so the raster does not depend on how it is cut
// into row bands: a band of rows [r0, r1) needs only the truth rows kNoiseMargin above and below.
// Pixels outside the district (value 0) are never changed and never the source of a class; locked
// pixels (the injected patches on the after date) keep their truth value.
//
// The library is plain arithmetic on row windows of uint8 class values (no GDAL, no geometry), so
// that tests can noise small in-memory rasters.
#include "samplegen/classes.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ecozone::samplegen {

struct NoiseModel {
    // The values are part of the output format: they key each model's hash.
    enum class Kind : uint8_t { Salt = 0, Edges = 1, Shift = 2, Blobs = 3 };
    Kind kind = Kind::Salt;
    double strength = 0;  // F, P or D above
};
inline constexpr size_t kNoiseKinds = 4;
const char* kind_name(NoiseModel::Kind kind);  // "salt", "edges", "shift", "blobs"

struct NoiseSpec {
    std::vector<NoiseModel> models;  // at most one of each kind, as given; empty = clean rasters

    // "salt:0.03,edges:0.3", "shift:1", "none".  Throws std::invalid_argument with a message
    // naming the bad part: an unknown model, a model given twice, a strength out of its range
    // (salt, edges, blobs in [0, 1]; shift in (0, 1.5]), "none" combined with a model.
    static NoiseSpec parse(const std::string& text);
    // The canonical text ("none" when empty), which parse() reads back to the same spec.
    std::string describe() const;
    // The strength of `kind`, 0 when the spec does not have it.
    double strength(NoiseModel::Kind kind) const;
};

// Class-confusion weights between raster class values: how likely a classifier is to label a
// pixel of class `from` as `to`.  Symmetric; 0 on the diagonal and for value 0 (outside), which
// is never confused with anything.  A row with no weight means the class is never confused.
class Confusion {
public:
    // The generator's matrix, by the class roles of a profile's scheme (the one documented place;
    // weights in classifier_noise.cpp).  Where a scheme folds several roles into one class, a pair
    // of classes takes the largest weight of their roles.
    static Confusion from_scheme(const ClassScheme& scheme);
    // Every pair of distinct listed classes with weight 1 (for tests and plain class values).
    static Confusion uniform(const std::vector<uint8_t>& classes);

    // Set the weight of a <-> b (both directions); w = 0 removes the pair.  Throws
    // std::invalid_argument for a == b, a value 0 or a negative weight.
    void set(uint8_t a, uint8_t b, double w);
    double weight(uint8_t from, uint8_t to) const;
    // A class drawn from row `from` by u in [0, 1); `from` itself when the row is empty.
    uint8_t draw(uint8_t from, double u) const;
    bool confusable(uint8_t from) const { return !rows_[from].empty(); }

private:
    struct Entry {
        uint8_t to;
        double weight;
    };
    std::array<std::vector<Entry>, 256> rows_;  // sorted by `to`
};

// Truth rows a band needs beyond its own, above and below: 2 for the largest shift (1.5 px along
// an axis rounds up to 2), 1 more for the edge and blob neighbourhoods of the shifted truth.
inline constexpr int kNoiseMargin = 3;

// What each model changed in the rows written: pixels whose value differs from the model's input.
struct NoiseStats {
    uint64_t pixels = 0;                          // district pixels (truth != 0) in the rows
    std::array<uint64_t, kNoiseKinds> changed{};  // by NoiseModel::Kind
    uint64_t& operator[](NoiseModel::Kind k) { return changed[static_cast<size_t>(k)]; }
    uint64_t operator[](NoiseModel::Kind k) const { return changed[static_cast<size_t>(k)]; }
    NoiseStats& operator+=(const NoiseStats& o);
};

// The direction the before date's classes are taken from under shift: (dx, dy) in pixels with x
// to the east (columns) and y to the north (up the rows), and its compass name.  The image content
// moves the opposite way.  One of 8 directions, a pure function of the seed.
struct ShiftDirection {
    int dx = 0, dy = 0;  // -1, 0 or 1 each, not both 0
    const char* name = "";
};
ShiftDirection shift_direction(uint64_t seed);

// Classify rows [r0, r1) of one date (0 = before, 1 = after) of a grid of grid_rows x cols pixels.
//   truth:  that date's truth (for the after date with the injected patches burnt in), rows
//           [truth_row0, truth_row0 + truth_rows) x cols, row-major; it must cover
//           [r0 - kNoiseMargin, r1 + kNoiseMargin) within [0, grid_rows).  0 = outside.
//   locked: null, or rows [r0, r1) x cols: non-zero keeps the truth value.
//   out:    rows [r0, r1) x cols.
// Throws std::invalid_argument when the window does not cover the rows needed.
NoiseStats classify_rows(const NoiseSpec& spec, const Confusion& confusion, int date, uint64_t seed,
                         const uint8_t* truth, int truth_row0, int truth_rows, int cols, int grid_rows, int r0, int r1,
                         const uint8_t* locked, uint8_t* out);

}  // namespace ecozone::samplegen
