#include "report/screening/screening_json.h"

#include "report/screening/site_cells.h"

#include <cmath>

namespace ecozone::report {

namespace {

double r4(double v) { return std::round(v * 1e4) / 1e4; }
double r6(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::json area_json(const analysis::Area2& a) {
    return {{"ellipsoidal_m2", r4(a.ellipsoidal_m2)}, {"planar_m2", r4(a.planar_m2)},
            {"ellipsoidal_ha", r4(a.ellipsoidal_m2 / 1e4)}, {"planar_ha", r4(a.planar_m2 / 1e4)}};
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
            site["error_zh"] = s.error_text.zh;
            j["sites"].push_back(site);
            continue;
        }
        site["verdict"] = layers::verdict_key(s.verdict);
        // false: some rule of the category could not be assessed (its layer is missing), so the
        // verdict may be too mild; those rules are listed with "status": "not_assessed".
        site["complete"] = s.complete();
        site["deciding_rules"] = report::deciding_ids(s);
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
    j["provenance"] = to_json(p, "screening.json");
    return j;
}

}  // namespace ecozone::report
