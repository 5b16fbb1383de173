#pragma once
// The vector route of the indicators: land-use polygons overlaid with the reporting zones.
//
// A polygon wholly inside a zone is counted as it is; one on a zone's boundary is clipped.
// Each piece also carries the part of it inside the red line and inside the wetland
// protection area, so that every indicator and class table is a sum over pieces.
#include "analysis/zones.h"

#include <cmath>
#include <cstdint>
#include <cstddef>
#include <iterator>
#include <string>
#include <vector>

namespace ecozone::analysis {

struct LandusePiece {
    size_t feature = 0;          // index into the land-use layer's features
    std::int64_t fid = 0;
    int zone = 0;                // index into the zones
    std::string code;            // canonical 三调 code
    double area_m2 = 0;          // geometric area of the piece (analysis mode)
    double attr_area_m2 = NAN;   // the area field (e.g. TBDLMJ) apportioned to the piece; NaN without one
    double redline_m2 = 0;       // part of the piece inside the red line
    double protected_m2 = 0;     // part inside the wetland protection area (wetland codes only)
    bool special_shrub = false;  // 国家特别规定灌木林地 flag
    double special_m2 = 0;       // 0305 only: the part that is special shrubland (flag: all; layer: the part inside)
    double shrub_cover_pct = 0;
};

// The pieces in feature order, held as the chunks the workers filled: joining them into one list
// would move a county's pieces (tens of MB) once more, into fresh memory.  Iterates like a list.
class LandusePieces {
public:
    void add_chunk(std::vector<LandusePiece> chunk) {
        count_ += chunk.size();
        if (!chunk.empty()) chunks_.push_back(std::move(chunk));
    }
    size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = LandusePiece;
        using difference_type = std::ptrdiff_t;
        using pointer = const LandusePiece*;
        using reference = const LandusePiece&;
        const_iterator(const std::vector<std::vector<LandusePiece>>* chunks, size_t chunk)
            : chunks_(chunks), chunk_(chunk) {}
        reference operator*() const { return (*chunks_)[chunk_][item_]; }
        pointer operator->() const { return &**this; }
        const_iterator& operator++() {
            if (++item_ == (*chunks_)[chunk_].size()) {  // chunks are never empty
                ++chunk_;
                item_ = 0;
            }
            return *this;
        }
        bool operator==(const const_iterator& o) const { return chunk_ == o.chunk_ && item_ == o.item_; }
        bool operator!=(const const_iterator& o) const { return !(*this == o); }

    private:
        const std::vector<std::vector<LandusePiece>>* chunks_;
        size_t chunk_ = 0, item_ = 0;
    };
    const_iterator begin() const { return {&chunks_, 0}; }
    const_iterator end() const { return {&chunks_, chunks_.size()}; }

private:
    std::vector<std::vector<LandusePiece>> chunks_;
    size_t count_ = 0;
};

struct VectorRouteResult {
    LandusePieces pieces;
    bool has_attr_area = false;
    std::string attr_area_field;
};

// Which wetland codes need the protection overlay (any code of any wetland basis).
bool is_wetland_candidate(const std::string& code);

// Throws DataError for a code outside the 三调 classification, naming the file, the feature
// and the code.  `redline`, `protection` and `special_shrubland` (the union of the
// [layers.special_shrubland] areas) may be null.  `threads`: 0 = one per core (at most 8); the
// result does not depend on it.
VectorRouteResult run_vector_route(const layers::Catalogue& catalogue, const geo::GeosContext& geos,
                                   const geo::AreaCalculator& calc, geo::AreaMode mode, const std::vector<Zone>& zones,
                                   const GEOSGeometry* redline, const GEOSGeometry* protection,
                                   const GEOSGeometry* special_shrubland = nullptr, int threads = 0);

}  // namespace ecozone::analysis
