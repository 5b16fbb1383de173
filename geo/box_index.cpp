#include "geo/box_index.h"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <iterator>

namespace ecozone::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, size_t>;

struct BoxIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
};

namespace {
BBox to_box(const GeosContext::Bounds& b) { return BBox(BPoint(b.minx, b.miny), BPoint(b.maxx, b.maxy)); }
}  // namespace

BoxIndex::BoxIndex(const std::vector<GeosContext::Bounds>& boxes) : tree_(std::make_unique<Tree>()) {
    std::vector<Entry> entries;
    entries.reserve(boxes.size());
    for (size_t i = 0; i < boxes.size(); ++i) {
        if (!boxes[i].empty) entries.emplace_back(to_box(boxes[i]), i);
    }
    // The range constructor packs the tree (bulk loading): faster to build and to query.
    tree_->rtree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

BoxIndex::~BoxIndex() = default;
BoxIndex::BoxIndex(BoxIndex&&) noexcept = default;
BoxIndex& BoxIndex::operator=(BoxIndex&&) noexcept = default;

std::vector<size_t> BoxIndex::query(const GeosContext::Bounds& b) const {
    std::vector<size_t> out;
    if (b.empty) return out;
    std::vector<Entry> hits;
    tree_->rtree.query(bgi::intersects(to_box(b)), std::back_inserter(hits));
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    std::sort(out.begin(), out.end());
    return out;
}

bool BoxIndex::intersects_any(const GeosContext::Bounds& b) const {
    if (b.empty) return false;
    return tree_->rtree.qbegin(bgi::intersects(to_box(b))) != tree_->rtree.qend();
}

size_t BoxIndex::size() const { return tree_->rtree.size(); }

}  // namespace ecozone::geo
