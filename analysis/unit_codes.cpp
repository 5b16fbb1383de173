#include "analysis/unit_codes.h"

#include "geo/box_index.h"

#include <algorithm>

namespace ecozone::analysis {

namespace {

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

UnitCodeCheck check_unit_codes(const layers::VectorLayer& landuse, size_t unit_code_field,
                               const layers::VectorLayer& villages, size_t village_code_field,
                               size_t village_name_field, const geo::GeosContext& geos, size_t max_examples) {
    GEOSContextHandle_t h = geos.handle();
    std::vector<geo::GeosContext::Bounds> boxes;
    std::vector<geo::PreparedPtr> prepared;
    std::vector<std::string> codes, names;
    for (const auto& v : villages.features) {
        boxes.push_back(geos.bounds(v.geom.get()));
        prepared.push_back(geos.prepare(v.geom.get()));
        codes.push_back(trimmed(layers::to_text(v.attrs[village_code_field])));
        names.push_back(trimmed(layers::to_text(v.attrs[village_name_field])));
    }
    const geo::BoxIndex index(boxes);

    UnitCodeCheck out;
    for (const auto& f : landuse.features) {
        const std::string code = trimmed(layers::to_text(f.attrs[unit_code_field]));
        if (code.empty() || !f.geom || geos.is_empty(f.geom.get())) continue;
        ++out.checked;
        // A point inside the polygon (its centroid may lie outside a bent one).
        geo::GeomPtr at = geos.own(GEOSPointOnSurface_r(h, f.geom.get()), "point on surface");
        std::optional<size_t> holder;
        for (size_t i : index.query(geos.bounds(at.get()))) {
            if (geos.predicate(GEOSPreparedIntersects_r(h, prepared[i].get(), at.get()), "intersects")) {
                holder = i;
                break;
            }
        }
        if (!holder) {
            ++out.outside;
            continue;
        }
        const std::string& village = codes[*holder];
        if (!village.empty() && code.compare(0, village.size(), village) == 0) continue;
        ++out.mismatched;
        if (out.examples.size() < max_examples) out.examples.push_back({f.fid, code, village, names[*holder]});
    }
    return out;
}

}  // namespace ecozone::analysis
