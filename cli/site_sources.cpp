#include "cli/site_sources.h"

#include "geo/errors.h"
#include "layers/site_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

namespace ecozone::cli {

namespace {

std::string lower_ext(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

// The first of `names` that the layer has (exact, then case-insensitive).
std::optional<size_t> first_field(const layers::VectorLayer& l, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        if (auto i = l.field_index(n)) return i;
    }
    return std::nullopt;
}

void add_inputs(std::vector<layers::SiteInput> inputs, LoadedSites& out) {
    for (auto& in : inputs) {
        analysis::SiteSpec s;
        s.id = in.id;
        s.name = in.name.empty() ? in.id : in.name;
        s.category = in.category;
        s.notes = in.notes;
        s.source = in.source;
        s.unusable = in.unusable;
        s.geom = in.geom.get();
        out.geoms.push_back(std::move(in.geom));
        out.specs.push_back(std::move(s));
    }
}

void add_vector_layer(const layers::VectorLayer& l, std::optional<size_t> id, std::optional<size_t> name,
                      std::optional<size_t> category, std::optional<size_t> type, const geo::GeosContext& geos,
                      LoadedSites& out) {
    const std::string file = std::filesystem::path(l.source).filename().string();
    auto spec_of = [&](const layers::Feature& f) {
        analysis::SiteSpec s;
        s.id = id ? layers::to_text(f.attrs[*id]) : fmt::format("{}", f.fid);
        s.name = name ? layers::to_text(f.attrs[*name]) : s.id;
        if (category) s.category = layers::to_text(f.attrs[*category]);
        if (type) s.type_label = layers::to_text(f.attrs[*type]);
        s.source = fmt::format("{} fid {}", file, f.fid);
        return s;
    };
    std::map<std::int64_t, std::string> repaired;
    for (const auto& r : l.validity.repaired) repaired[r.fid] = r.reason;
    const bool reprojected = l.source_crs.epsg && l.working_crs != fmt::format("EPSG:{}", *l.source_crs.epsg);
    std::vector<std::pair<std::int64_t, analysis::SiteSpec>> specs;
    for (const auto& f : l.features) {
        analysis::SiteSpec s = spec_of(f);
        out.geoms.push_back(geos.clone(f.geom.get()));
        s.geom = out.geoms.back().get();
        if (reprojected) {
            s.notes.push_back(layers::make_note("坐标系已从 EPSG:{}（{}）重投影至 {}",
                                                "reprojected from EPSG:{} ({}) to {}", *l.source_crs.epsg,
                                                l.source_crs.name, l.working_crs));
        }
        if (auto r = repaired.find(f.fid); r != repaired.end()) {
            s.notes.push_back(layers::make_note("边界自相交，已用 make-valid 修复（{}）",
                                                "self-intersecting boundary repaired with make-valid ({})", r->second));
        }
        specs.emplace_back(f.fid, std::move(s));
    }
    // Features whose geometry is empty, or collapsed to nothing when repaired, are sites that
    // cannot be screened: listed with the reason in their place, never dropped.
    const std::set<std::int64_t> empty(l.validity.empty.begin(), l.validity.empty.end());
    for (const auto& f : l.skipped) {
        analysis::SiteSpec s = spec_of(f);
        s.unusable = empty.count(f.fid)
                         ? layers::make_note("{}：图形为空；请绘出选址边界", "{}: the geometry is empty; draw the site's boundary",
                                             s.source)
                         : layers::make_note("{}：多边形面积为零（各角点共线，或修复后退化）；请检查坐标",
                                             "{}: the polygon has no area (its corners lie on a line, or it collapsed "
                                             "when repaired); check its coordinates",
                                             s.source);
        specs.emplace_back(f.fid, std::move(s));
    }
    std::stable_sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [fid, s] : specs) out.specs.push_back(std::move(s));
}

}  // namespace

LoadedSites load_sites(const layers::Catalogue& c, const layers::RuleList& rules, const geo::GeosContext& geos,
                       const SiteSourceOptions& o) {
    LoadedSites out;
    layers::SiteParseOptions parse;
    parse.working_crs = c.working.definition;
    if (!o.coords.empty()) {
        add_inputs(layers::parse_coordinate_list(geos, o.coords, parse), out);
        if (!o.name.empty()) {
            for (auto& s : out.specs) s.name = o.name;
        }
        out.description = {"命令行输入的坐标", "coordinates from the command line"};
    } else if (!o.sites_path.empty()) {
        const std::string ext = lower_ext(o.sites_path);
        if (ext == ".txt") {
            add_inputs(layers::read_boundary_point_file(geos, o.sites_path, parse), out);
            out.description = {o.sites_path + "（界址点坐标文件）", o.sites_path + " (boundary-point file)"};
        } else if (ext == ".csv") {
            add_inputs(layers::read_wkt_csv(geos, o.sites_path, parse), out);
            out.description = {o.sites_path + "（WKT 坐标 CSV）", o.sites_path + " (CSV of WKT)"};
        } else {
            layers::ReadOptions ro;
            ro.target_crs = c.working.definition;
            if (!o.layer.empty()) ro.layer_name = o.layer;
            const layers::VectorLayer l = layers::read_vector(geos, o.sites_path, ro);
            // The project's own field names for sites first (a county's site files share them),
            // then the usual ones.
            auto field = [&](const char* key, std::initializer_list<const char*> usual) {
                if (auto name = c.project.field(layers::VectorRole::Sites, key)) {
                    if (auto i = l.field_index(*name)) return std::optional<size_t>(i);
                }
                return first_field(l, usual);
            };
            add_vector_layer(l, field("id_field", {"XMBH", "BH", "id", "编号"}),
                             field("name_field", {"XMMC", "name", "名称", "项目名称", "MC"}),
                             field("industry_field", {"HYLB", "category", "industry", "行业类别"}),
                             field("type_field", {"XMLX", "type", "项目类型"}), geos, out);
            out.description = {o.sites_path, o.sites_path};
        }
    } else {
        const layers::VectorLayer* l = c.vector(layers::VectorRole::Sites);
        if (!l) {
            throw UsageError(
                "没有要筛查的选址：请给出 --sites 文件或 --coords \"经度,纬度 ...\"，或在项目文件中写明 [layers.sites]",
                "no sites to screen: give --sites FILE or --coords \"lon,lat ...\", or name [layers.sites] "
                "in the project file");
        }
        auto field = [&](const char* key) -> std::optional<size_t> {
            if (auto f = c.project.field(layers::VectorRole::Sites, key)) return l->require_field(*f, key);
            return std::nullopt;
        };
        add_vector_layer(*l, field("id_field"), field("name_field"), field("industry_field"), field("type_field"), geos,
                         out);
        out.description = {c.project.vector(layers::VectorRole::Sites)->path_as_written,
                           c.project.vector(layers::VectorRole::Sites)->path_as_written};
    }
    if (out.specs.empty())
        throw make_error<DataError>("{} 中没有找到选址", "no sites found in {}",
                                    out.description.en.empty() ? std::string("the input") : out.description.en);
    // --industry is typed by a person: its id, its Chinese or English name ("光伏", "水泥" …).
    const layers::Category* given = nullptr;
    if (!o.industry.empty()) {
        given = rules.resolve_category(o.industry);
        if (!given) {
            std::string known;
            for (const auto& cat : rules.categories)
                known += (known.empty() ? "" : ", ") + cat.id + " (" + cat.name + ")";
            throw make_error<UsageError>("--industry “{}”不是 {} 中的项目类别；请写类别编号或名称：{}",
                                         "--industry '{}' names no project category of {}; give an id or a name: {}",
                                         o.industry, rules.file, known);
        }
    }
    // The data's industry words go through the project's [layers.sites.values] map (the county's
    // words -> the rules' categories), then are read as a person would write them.
    const layers::VectorLayerSpec* spec = c.project.vector(layers::VectorRole::Sites);
    for (auto& s : out.specs) {
        if (given) {
            s.category = given->id;
            continue;
        }
        if (!s.unusable.en.empty() && s.category.empty()) continue;  // listed as not screened whatever its category
        if (s.category.empty()) {
            throw make_error<UsageError>("选址“{}”没有项目类别；请用 --industry 给出类别（已有：{}）",
                                         "site '{}' has no project category; give --industry CATEGORY (known: {})",
                                         s.id, rules.known_categories());
        }
        std::string word = s.category;
        if (spec) {
            if (auto it = spec->values.find(word); it != spec->values.end()) word = it->second;
        }
        const layers::Category* cat = rules.resolve_category(word);
        if (!cat) {
            throw make_error<UsageError>(
                "选址“{}”（{}）：无法识别的项目类别“{}”；请在 [layers.sites.values] 中对应到规则类别"
                "（\"{}\" = \"<类别>\"），或使用 --industry；已有类别：{}",
                "site '{}' ({}): unknown project category '{}'; map it in "
                "[layers.sites.values] (\"{}\" = \"<category>\") or use --industry; known "
                "categories: {}",
                s.id, s.source, s.category, s.category, rules.known_categories());
        }
        s.category = cat->id;
    }
    return out;
}

}  // namespace ecozone::cli
