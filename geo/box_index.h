#pragma once
// A static R-tree of bounding boxes (Boost.Geometry, packed on construction): which features
// may touch this box?  The exact test is then left to GEOS.
#include "geo/geos_handle.h"

#include <memory>
#include <vector>

namespace ecozone::geo {

class BoxIndex {
public:
    explicit BoxIndex(const std::vector<GeosContext::Bounds>& boxes);
    ~BoxIndex();
    BoxIndex(BoxIndex&&) noexcept;
    BoxIndex& operator=(BoxIndex&&) noexcept;

    // Indexes (into the constructor's vector) of the boxes intersecting `b`, ascending.
    std::vector<size_t> query(const GeosContext::Bounds& b) const;
    // Whether any box intersects `b` (boundaries touching count): a reader's window test.
    bool intersects_any(const GeosContext::Bounds& b) const;
    size_t size() const;

private:
    struct Tree;
    std::unique_ptr<Tree> tree_;
};

}  // namespace ecozone::geo
