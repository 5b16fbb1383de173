#include "cli/screening_json.h"

#include "cli/screening_html.h"
#include "layers/csv_writer.h"

#include <fmt/format.h>

#include <cmath>

namespace ecozone::cli {

namespace {

double r4(double v) { return std::round(v * 1e4) / 1e4; }
double r6(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::json area_json(const analysis::Area2& a) {
    return {{"ellipsoidal_m2", r4(a.ellipsoidal_m2)}, {"planar_m2", r4(a.planar_m2)},
            {"ellipsoidal_ha", r4(a.ellipsoidal_m2 / 1e4)}, {"planar_ha", r4(a.planar_m2 / 1e4)}};
}

std::string deciding_ids(const analysis::SiteResult& s) {
    std::string ids;
    for (const auto& id : analysis::verdict_rule_ids(s)) ids += (ids.empty() ? "" : " ") + id;
    return ids;
}

// The notes in one language.  JSON is written once for every --lang, so like a rule's
// message / message_en it carries both: "notes" in Chinese, "notes_en" in English.
std::vector<std::string> notes_in(const analysis::SiteResult& s, bool english) {
    std::vector<std::string> out;
    for (const auto& n : s.notes) out.push_back(n.in(english));
    return out;
}

nlohmann::json citation_json(const layers::Citation& c) { return {{"document", c.document}, {"article", c.article}}; }

nlohmann::json see_also_json(const layers::Rule& r) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : r.see_also) out.push_back(citation_json(c));
    return out;
}

const analysis::Distance* distance(const analysis::SiteResult& s, const std::string& what) {
    for (const auto& d : s.distances) {
        if (d.what == what) return &d;
    }
    return nullptr;
}

}  // namespace

nlohmann::json screening_json(const std::vector<analysis::SiteResult>& results, const layers::Catalogue& c,
                              const layers::RuleList& rules, const Provenance& p, geo::AreaMode mode) {
    nlohmann::json j;
    j["project"] = {{"name", c.project.name}, {"file", c.project.file}};
    j["rules"] = {{"file", rules.file}, {"name", rules.name}, {"version", rules.version}};
    j["method"] = {{"area_mode", geo::to_string(mode)},
                   {"area_method", geo::describe_area_mode(mode, c.working.epsg)},
                   {"working_crs", {{"epsg", c.working.epsg}, {"name", c.working.name}}},
                   {"verdict", "strictest of the deciding rules; a special law (reserve, water source) prevails "
                               "inside the red line where the rules file says so (precedence)"}};
    j["sites"] = nlohmann::json::array();
    for (const auto& s : results) {
        nlohmann::json site = {{"id", s.spec.id},
                               {"name", s.spec.name},
                               {"category", s.spec.category},
                               {"type", s.spec.type_label},
                               {"source", s.spec.source},
                               {"screened", s.screened},
                               {"notes", notes_in(s, false)},
                               {"notes_en", notes_in(s, true)}};
        if (!s.screened) {
            site["error"] = s.error;
            j["sites"].push_back(site);
            continue;
        }
        site["verdict"] = layers::verdict_key(s.verdict);
        // false: some rule of the category could not be assessed (its layer is missing), so the
        // verdict may be too mild; those rules are listed with "status": "not_assessed".
        site["complete"] = s.complete();
        site["deciding_rules"] = deciding_ids(s);
        site["area"] = area_json(s.area);
        site["outside_district_share"] = r6(s.outside_district_share);
        site["control_units"] = nlohmann::json::array();
        for (const auto& u : s.control_units) site["control_units"].push_back({{"label", u.label}, {"type", u.type}});
        site["township"] = s.township;
        site["village"] = s.village;
        site["zones"] = nlohmann::json::array();
        for (const auto& z : s.zones) {
            site["zones"].push_back({{"role", z.role}, {"value", z.value}, {"features", z.feature_names},
                                     {"area", area_json(z.area)}, {"share", r6(z.share)}});
        }
        site["land_occupied"] = nlohmann::json::array();
        for (const auto& l : s.land) {
            site["land_occupied"].push_back({{"code", l.code}, {"name", l.name}, {"group", layers::group_key(l.group)},
                                             {"area", area_json(l.area)}});
        }
        site["distances"] = nlohmann::json::array();
        for (const auto& d : s.distances) {
            site["distances"].push_back({{"to", d.what},
                                         {"metres", d.metres < 0 ? nlohmann::json() : nlohmann::json(r4(d.metres))},
                                         {"nearest", d.nearest_name},
                                         {"inside", d.inside}});
        }
        site["rules"] = nlohmann::json::array();
        for (const auto& r : s.rules) {
            nlohmann::json jr = {{"id", r.rule->id},
                                 {"status", "fired"},
                                 {"role", analysis::rule_role_key(r.role)},
                                 {"zone", r.rule->zone_key()},
                                 {"zone_values", r.rule->zone_values},
                                 {"condition", layers::condition_key(r.rule->condition)},
                                 {"verdict", layers::verdict_key(r.rule->verdict)},
                                 {"deciding", r.deciding},
                                 {"message", r.rule->message},
                                 {"message_en", r.rule->message_en},
                                 {"requirement", r.rule->requirement},
                                 {"requirement_en", r.rule->requirement_en},
                                 {"citation", citation_json(r.rule->citation)},
                                 {"see_also", see_also_json(*r.rule)},
                                 {"part", area_json(r.part)},
                                 {"share", r6(r.share)}};
            if (r.distance_m >= 0) jr["distance_m"] = r4(r.distance_m);
            site["rules"].push_back(jr);
        }
        for (const auto& u : s.not_assessed) {
            site["rules"].push_back({{"id", u.rule->id},
                                     {"status", "not_assessed"},
                                     {"missing_role", u.missing_role},
                                     {"zone", u.rule->zone_key()},
                                     {"zone_values", u.rule->zone_values},
                                     {"condition", layers::condition_key(u.rule->condition)},
                                     {"verdict", layers::verdict_key(u.rule->verdict)},
                                     {"message", u.rule->message},
                                     {"message_en", u.rule->message_en},
                                     {"citation", citation_json(u.rule->citation)},
                                     {"see_also", see_also_json(*u.rule)}});
        }
        j["sites"].push_back(site);
    }
    j["provenance"] = to_json(p);
    return j;
}

std::string screening_csv(const std::vector<analysis::SiteResult>& results, const layers::RuleList& rules,
                          geo::AreaMode mode, const Lang& t) {
    layers::CsvWriter csv;
    csv.header({t("编号", "id"), t("项目名称", "name"), t("项目类别", "category"), t("所在乡镇", "township"),
                t("所在村", "village"), t("结论", "verdict"), t("结论完整性", "complete"), t("决定性规则", "deciding rules"),
                t("未评估规则", "rules not assessed"), t("面积(公顷)", "area (ha)"), t("涉及管控区", "zones touched"),
                t("距河流中心线(米)", "river centre line (m)"), t("距河流缓冲带(米)", "river buffer belt (m)"),
                t("距水源保护区(米)", "water source (m)"),
                t("距自然保护区(米)", "reserve (m)"), t("距生态保护红线(米)", "red line (m)"),
                t("距最近学校(米)", "nearest school (m)"), t("距最近居民点(米)", "nearest home (m)"),
                t("说明", "notes"), t("面积计算方式", "area mode")});
    const std::string lang = t.en ? "en" : "zh";
    for (const auto& s : results) {
        const layers::Category* cat = rules.category(s.spec.category);
        const std::string cat_name = cat ? (t.en ? cat->name_en : cat->name) : s.spec.category;
        auto dist = [&](const char* what) {
            const analysis::Distance* d = distance(s, what);
            return d && d->metres >= 0 ? layers::csv_number(d->metres, 1) : std::string();
        };
        std::string zones;
        for (const auto& z : s.zones) {
            zones += fmt::format("{}{}{} {:.1f}%", zones.empty() ? "" : "; ", z.role, z.value.empty() ? "" : "/" + z.value,
                                 100 * z.share);
        }
        std::string unassessed;
        for (const auto& u : s.not_assessed) {
            unassessed += fmt::format("{}{} ({}: {})", unassessed.empty() ? "" : "; ", u.rule->id,
                                      t("缺少图层", "missing layer"), layers::role_label_of_key(u.missing_role, lang));
        }
        std::string notes = joined_notes(s, t);
        if (!s.screened) notes = s.error + (notes.empty() ? "" : "; " + notes);
        csv.row({s.spec.id, s.spec.name, cat_name, s.township, s.village,
                 s.screened ? layers::verdict_label(s.verdict, lang) : t("未能筛查", "not screened"),
                 !s.screened ? "" : s.complete() ? t("完整", "complete") : t("结论不完整", "incomplete"),
                 s.screened ? deciding_ids(s) : "", unassessed,
                 s.screened ? layers::csv_number(s.area.in(mode) / 1e4, 4) : "", zones, dist("river"), dist("river_belt"),
                 dist("water_source"), dist("reserve"), dist("redline"), dist("receptor:school"),
                 dist("receptor:home"), notes,
                 mode == geo::AreaMode::Ellipsoidal ? t("椭球面积", "ellipsoidal") : t("平面面积", "planar")});
    }
    return csv.str();
}

}  // namespace ecozone::cli
