#pragma once
// One site's section of the screening report, as plain text and tables
// (report/templates/screening_site.mustache lays it out): the site's facts and verdict, its map,
// the rules that fired, the zones touched, the land occupied, the distances to sensitive
// features, the boundary points (界址点) and the notes made while reading and screening it.
#include "analysis/screening.h"
#include "report/common/lang.h"
#include "report/common/table_view.h"
#include "report/screening/screening_view.h"

#include <string>
#include <vector>

namespace ecozone::report {

// A rule of the list that fired for the site, or that could not be assessed.
struct RuleRowView {
    std::string id;
    BadgeView badge;   // the rule's own verdict
    std::string zone;  // 自然保护区功能区 核心区 周边 500 米内
    std::string message;
    std::string requirement_label;  // 准入要求：
    std::string requirement;        // "" when the rule states none or does not restrict
    std::string citation;
    std::string area;      // hectares, "—" when not measured (a distance rule, a rule not assessed)
    std::string share;     // of the site, "" when not measured
    std::string distance;  // metres, "—" unless a distance rule
    std::string role;      // what the rule does to the verdict (决定结论, 不适用 …, 未评估 …)
};

struct SiteSectionView {
    std::string number;  // 1-based: the section's anchor is site-<number>
    std::string heading;
    std::string facts;  // category, place, footprint, control units, up to the verdict
    std::vector<BadgeView> badges;
    bool screened = true;
    std::string error;  // not screened: why, after the badge
    // site_map's <figure> with the SVG (report/screening/site_map.h), or a note when it could not
    // be drawn: HTML that report built and escaped (trusted).
    std::string map_html;

    // (一) The rules: the table, or no_rules when none applies; incomplete_note under it when
    // some could not be assessed.
    std::string rules_heading;
    struct RulesHeader {
        std::string rule, zone, message, citation, part, distance, role;
    } rules_header;
    std::vector<RuleRowView> rules;
    std::string no_rules;
    std::string incomplete_note;
    // (二) Zones touched, or no_zones.
    std::string zones_heading;
    TableView zones;
    std::string no_zones;
    // (三) Land occupied, or no_land; land_approval when forest, grassland or cropland is taken.
    std::string land_heading;
    TableView land;
    std::string no_land;
    std::string land_approval;
    // (四) Distances to sensitive features.
    std::string distances_heading;
    TableView distances;
    // (五) Boundary points with their caption, or no_points.
    std::string points_heading;
    TableView points;
    std::string points_caption;
    std::string no_points;
    // (六) Notes, or no_notes.
    std::string notes_heading;
    std::vector<std::string> notes;
    std::string no_notes;
};

// Site `index` (0-based) of the batch; `map_html` as map_figure() drew it ("" for a site not
// screened).  footprint_m: the Screener's, to list a point or line site's boundary points.
SiteSectionView site_section_view(size_t index, const analysis::SiteResult& r, const std::string& map_html,
                                  const layers::Catalogue& c, const layers::RuleList& rules, geo::AreaMode mode,
                                  const geo::GeosContext& geos, const Lang& t, double footprint_m);

}  // namespace ecozone::report
