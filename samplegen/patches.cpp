#include "samplegen/patches.h"

#include "geo/errors.h"
#include "geo/pixel_polygon.h"
#include "samplegen/classes.h"
#include "samplegen/rng.h"
#include "samplegen/vector_writer.h"

#include <cpl_conv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <unordered_set>

namespace ecozone::samplegen {

namespace {

struct PatchType {
    const char* key;
    const char* cn;
    const char* activity;       // 人类活动类型 code (docs/audit.md)
    std::vector<uint8_t> to;    // one is drawn
    std::vector<uint8_t> from;  // classes it may replace
};

// Patch types in raster class values of the profile's scheme (classes.h roles; in the sample's
// values: construction 9 from {5, 6, 1, 2, 12, 4, 3}, quarry 10 from {5, 6, 12, 4, 3},
// reclamation {1, 2} from {5, 6, 12, 4}, PV 11 from {5, 6, 12, 4}).
struct PatchTypes {
    PatchType construction, quarry, reclamation, pv;
    explicit PatchTypes(const ClassScheme& s) {
        auto v = [&](std::initializer_list<Role> roles) {
            std::vector<uint8_t> out;
            for (Role r : roles) out.push_back(s.value(r));
            return out;
        };
        using R = Role;
        construction = {"construction", "新增建设用地", "02", v({R::Built}),
                        v({R::OtherGrass, R::Pasture, R::Dry, R::Irrigated, R::Bare, R::Shrub, R::Forest})};
        quarry = {"quarry", "采石采矿", "04", v({R::Industry}),
                  v({R::OtherGrass, R::Pasture, R::Bare, R::Shrub, R::Forest})};
        reclamation = {"reclamation", "开垦耕地", "01", v({R::Dry, R::Irrigated}),
                       v({R::OtherGrass, R::Pasture, R::Bare, R::Shrub})};
        pv = {"pv", "新增光伏", "05", v({R::Pv}), v({R::OtherGrass, R::Pasture, R::Bare, R::Shrub})};
    }
};

struct Zone {
    const char* name;
    double share;
    std::vector<const PatchType*> types;
    const GEOSGeometry* sample_area;          // where centres are drawn
    std::function<bool(XY)> contains;         // every patch pixel must satisfy this
};

}  // namespace

PatchSet inject_patches(const GeosContext& geos, const Model& m, const Rasterizer& truth,
                        const Grid& grid, int count, uint64_t seed) {
    Rng rng(seed, Stream::Patches);
    const PatchTypes types(*m.profile->raster.classes);
    const PatchType &kConstruction = types.construction, &kQuarry = types.quarry, &kReclamation = types.reclamation,
                    &kPv = types.pv;
    const PointTester core(geos, m.reserve.core.get()), buffer(geos, m.reserve.buffer.get()),
        experimental(geos, m.reserve.experimental.get()), reserve(geos, m.reserve.whole.get()),
        redline(geos, m.redline_union.get()), district(geos, m.district.get());
    std::vector<Zone> zones = {
        {"核心区", 0.10, {&kQuarry, &kConstruction, &kReclamation}, m.reserve.core.get(),
         [&](XY p) { return core.contains(p); }},
        {"缓冲区", 0.10, {&kQuarry, &kConstruction, &kReclamation, &kPv}, m.reserve.buffer.get(),
         [&](XY p) { return buffer.contains(p); }},
        {"实验区", 0.15, {&kConstruction, &kReclamation, &kQuarry, &kPv}, m.reserve.experimental.get(),
         [&](XY p) { return experimental.contains(p); }},
        {"生态保护红线", 0.20, {&kPv, &kQuarry, &kReclamation, &kConstruction}, m.redline_union.get(),
         [&](XY p) { return redline.contains(p) && !reserve.contains(p); }},
        {"非保护地", 0.45, {&kConstruction, &kPv, &kReclamation, &kQuarry}, m.district.get(),
         [&](XY p) { return district.contains(p) && !redline.contains(p) && !reserve.contains(p); }},
    };
    std::vector<int> per_zone;
    int assigned = 0;
    for (size_t z = 0; z + 1 < zones.size(); ++z) {
        per_zone.push_back(std::max(1, static_cast<int>(std::lround(zones[z].share * count))));
        assigned += per_zone.back();
    }
    per_zone.push_back(std::max(1, count - assigned));

    PatchSet set;
    set.requested = count;
    std::unordered_set<uint64_t> occupied;  // patch pixels and a one-pixel margin around them
    const auto cols = static_cast<uint64_t>(grid.cols);
    auto pixel_centre = [&](int r, int c) { return XY{grid.col_x(c), grid.row_y(r)}; };

    for (size_t z = 0; z < zones.size(); ++z) {
        const Zone& zone = zones[z];
        const auto b = geos.bounds(zone.sample_area);
        for (int k = 0; k < per_zone[z]; ++k) {
            const PatchType& type = *zone.types[static_cast<size_t>(k) % zone.types.size()];
            const int target = static_cast<int>(std::lround(rng.log_uniform(2.0, 200.0)));
            const uint8_t to = type.to[rng.below(type.to.size())];
            bool placed = false;
            for (int attempt = 0; attempt < 4000 && !placed; ++attempt) {
                const XY p{rng.uniform(b.minx, b.maxx), rng.uniform(b.miny, b.maxy)};
                const int cr = static_cast<int>(std::floor((grid.y0 - p.y) / grid.res));
                const int cc = static_cast<int>(std::floor((p.x - grid.x0) / grid.res));
                if (cr < 1 || cc < 1 || cr >= grid.rows - 1 || cc >= grid.cols - 1) continue;
                const uint64_t centre_idx = static_cast<uint64_t>(cr) * cols + static_cast<uint64_t>(cc);
                if (occupied.count(centre_idx)) continue;
                if (!zone.contains(pixel_centre(cr, cc))) continue;
                // The truth around the centre, in a window big enough for the patch.
                const int h = std::max(6, static_cast<int>(std::ceil(std::sqrt(target) * 1.6)));
                const int w = 2 * h + 1;
                std::vector<uint8_t> win(static_cast<size_t>(w) * static_cast<size_t>(w), 0);
                truth.burn(cr - h, cr + h + 1, cc - h, cc + h + 1, win.data());
                auto truth_at = [&](int r, int c) {
                    return win[static_cast<size_t>(r - cr + h) * static_cast<size_t>(w) + static_cast<size_t>(c - cc + h)];
                };
                const uint8_t from = truth_at(cr, cc);
                if (std::find(type.from.begin(), type.from.end(), from) == type.from.end()) continue;
                // Grow a compact blob of same-class pixels from the centre by random frontier
                // expansion, staying in the zone and clear of other patches.
                std::vector<std::pair<int, int>> members{{cr, cc}}, frontier;
                std::unordered_set<uint64_t> seen{centre_idx};
                auto push_neighbours = [&](int r, int c) {
                    const int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
                    for (int d = 0; d < 4; ++d) {
                        const int nr = r + dr[d], nc = c + dc[d];
                        if (std::abs(nr - cr) >= h || std::abs(nc - cc) >= h) continue;
                        const uint64_t idx = static_cast<uint64_t>(nr) * cols + static_cast<uint64_t>(nc);
                        if (seen.insert(idx).second) frontier.emplace_back(nr, nc);
                    }
                };
                push_neighbours(cr, cc);
                while (static_cast<int>(members.size()) < target && !frontier.empty()) {
                    const size_t pick = rng.below(frontier.size());
                    const auto [r, c] = frontier[pick];
                    frontier[pick] = frontier.back();
                    frontier.pop_back();
                    const uint64_t idx = static_cast<uint64_t>(r) * cols + static_cast<uint64_t>(c);
                    if (truth_at(r, c) != from || occupied.count(idx) || !zone.contains(pixel_centre(r, c))) continue;
                    members.emplace_back(r, c);
                    push_neighbours(r, c);
                }
                if (members.size() < 2) continue;
                Patch patch;
                patch.id = fmt::format("P{:04d}", set.patches.size() + 1);
                patch.type = type.key;
                patch.type_cn = type.cn;
                patch.activity_code = type.activity;
                patch.zone = zone.name;
                patch.in_redline = redline.contains(pixel_centre(cr, cc));
                patch.from_class = from;
                patch.to_class = to;
                double sx = 0, sy = 0;
                for (const auto& [r, c] : members) {
                    patch.pixels.push_back(static_cast<uint64_t>(r) * cols + static_cast<uint64_t>(c));
                    sx += grid.col_x(c);
                    sy += grid.row_y(r);
                    for (int dr = -1; dr <= 1; ++dr) {
                        for (int dc = -1; dc <= 1; ++dc) {
                            occupied.insert(static_cast<uint64_t>(r + dr) * cols + static_cast<uint64_t>(c + dc));
                        }
                    }
                }
                patch.centre = {sx / members.size(), sy / members.size()};
                std::sort(patch.pixels.begin(), patch.pixels.end());
                set.patches.push_back(std::move(patch));
                placed = true;
            }
        }
    }
    const ProjectSettings& settings = m.profile->settings;
    for (auto& p : set.patches) {
        for (uint64_t idx : p.pixels) set.overlay.emplace_back(idx, p.to_class);
        // Every pixel of a patch had the truth class from_class (it grew over that class only), so
        // its changed pixels are all of it or none.
        const std::string activity = audit_activity(settings, p.from_class, p.to_class);
        const double changed_m2 = activity.empty() ? 0.0 : static_cast<double>(p.pixels.size()) * grid.res * grid.res;
        p.detectable = !activity.empty() && changed_m2 >= audit_min_area_m2(settings, activity);
    }
    std::sort(set.overlay.begin(), set.overlay.end());
    return set;
}

std::string audit_activity(const ProjectSettings& settings, uint8_t before, uint8_t after) {
    if (before == after) return "";
    const std::string pair = fmt::format("{}->{}", before, after);
    for (const auto& [key, type] : settings.pairs) {
        if (key == pair) return type;
    }
    if (std::find(settings.natural.begin(), settings.natural.end(), before) == settings.natural.end()) return "";
    for (const auto& a : settings.activity) {
        if (a.after == after) return a.type;
    }
    return "";
}

double audit_min_area_m2(const ProjectSettings& settings, const std::string& activity) {
    double fallback = 400.0;  // ecozone's own when "*" is not set (docs/audit.md)
    for (const auto& [type, m2] : settings.min_area_m2) {
        if (type == activity) return m2;
        if (type == "*") fallback = m2;
    }
    return fallback;
}

void write_patch_csv(const std::string& path, const PatchSet& set, const Grid& grid, const ClassScheme& classes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot write " + path);
    out << "id,type,type_cn,activity_code,zone,in_redline,from_class,from_code,to_class,to_code,"
           "pixels,area_m2,centre_x,centre_y,detectable\n";
    for (const auto& p : set.patches) {
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{:.2f},{:.2f},{:.2f},{}\n", p.id, p.type, p.type_cn,
                           p.activity_code, p.zone, p.in_redline ? 1 : 0, p.from_class,
                           classes.at(p.from_class).label(), p.to_class, classes.at(p.to_class).label(),
                           p.pixels.size(), static_cast<double>(p.pixels.size()) * grid.res * grid.res, p.centre.x,
                           p.centre.y, p.detectable ? 1 : 0);
    }
    if (!out) throw IoError("error writing " + path);
}

void write_patch_gpkg(const std::string& path, const PatchSet& set, const Grid& grid, const GeosContext& geos) {
    // GeoPackage stamps the current time into gpkg_contents; a fixed date keeps re-runs equal.
    CPLConfigOptionSetter fixed_date("OGR_CURRENT_DATE", "2025-09-30T00:00:00.000Z", false);
    auto w = VectorWriter::geopackage(path, "injected_patches", wkbPolygon,
                                      {{"id", FieldKind::String, 10},
                                       {"type", FieldKind::String, 20},
                                       {"activity_code", FieldKind::String, 2},
                                       {"zone", FieldKind::String, 20},
                                       {"in_redline", FieldKind::Integer, 1},
                                       {"pixels", FieldKind::Integer, 9},
                                       {"area_m2", FieldKind::Real, 15, 2},
                                       {"detectable", FieldKind::Integer, 1}});
    geo::Grid g;
    g.xmin = grid.x0;
    g.ymax = grid.y0;
    g.dx = g.dy = grid.res;
    g.cols = grid.cols;
    g.rows = grid.rows;
    const auto cols = static_cast<uint64_t>(grid.cols);
    w.begin_transaction();
    for (const auto& p : set.patches) {
        std::vector<std::pair<int, int>> cells;
        for (uint64_t idx : p.pixels) cells.emplace_back(static_cast<int>(idx / cols), static_cast<int>(idx % cols));
        // One polygon: a patch grows by 4-neighbours, so its pixels are 4-connected.
        const GeomPtr poly = geo::pixel_polygon(cells, g, geos);
        if (GEOSGeomTypeId_r(geos.handle(), poly.get()) != GEOS_POLYGON) {
            throw Error("internal: injected patch " + p.id + " is not one polygon");
        }
        w.add(geos, poly.get(),
              {p.id, p.type, p.activity_code, p.zone, static_cast<long long>(p.in_redline ? 1 : 0),
               static_cast<long long>(p.pixels.size()), static_cast<double>(p.pixels.size()) * grid.res * grid.res,
               static_cast<long long>(p.detectable ? 1 : 0)});
    }
    w.commit_transaction();
    w.close();
}

}  // namespace ecozone::samplegen
