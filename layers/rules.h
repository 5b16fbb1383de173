#pragma once
// The rules file: the county's ecological-environment access list (三线一单生态环境准入清单,
// "the one list"), saying which project categories are prohibited, restricted or allowed in
// which zone, and the regulation each verdict comes from.  A project file names it with
// [rules] path = "rules.toml"; the default list for Hongsibu is sample_shapefiles/rules.toml.
//
// Format (TOML; every key below is checked on load, unknown keys are errors):
//
//   [list]
//   name    = "红寺堡区生态环境准入清单"   # required, shown in reports
//   version = "2025-1"                    # optional
//   region  = "640303 吴忠市红寺堡区"      # optional
//
//   [[categories]]                         # the project categories a site can be declared as
//   id       = "polluting_industry"        # required, unique; lower case, digits, '_'
//   name     = "重污染工业"                 # required (Chinese)
//   name_en  = "polluting industry"        # required
//   examples = ["焦化厂", "有色金属冶炼厂"]  # optional, for the staff who classify a project
//
//   [[rules]]
//   id         = "HX-01"                   # required, unique
//   zone       = "redline"                 # required: a layer role of the project file, one of
//                                          #   redline, reserve_zones, water_sources, farmland,
//                                          #   rivers (the river buffer belt), industrial_parks,
//                                          #   receptors, control_units, urban_boundary
//   zone_values = ["core"]                 # optional: canonical values of that role's value map
//                                          #   (project.h role_spec(); e.g. core/buffer/experimental/
//                                          #   core_protection/general_control, level1/level2/quasi,
//                                          #   priority/key/general, home/school/hospital/elderly_care).
//                                          #   Omitted = every feature.  Roles without a value map
//                                          #   (redline, farmland, rivers, parks, urban_boundary) take none.
//   condition  = "intersects"              # required: how the site must relate to the zone's features
//                                          #   "intersects"      the site overlaps a feature
//                                          #   "within_distance" some part of the site is within
//                                          #                     distance_m of a feature (inside counts)
//                                          #   "outside"         the site is not wholly inside any
//                                          #                     feature (e.g. industry outside every park)
//   distance_m = 1000                      # required for (and only for) within_distance; > 0, metres
//   categories = ["mining", "pv_wind"]     # required: category ids, or ["*"] for every category
//   except     = ["eco_restoration"]       # optional: category ids taken out of `categories`
//   verdict    = "prohibited"              # required: "prohibited" | "restricted" | "allowed"
//   message    = "生态保护红线内禁止…"        # required: what is forbidden / required (Chinese)
//   message_en = "..."                     # optional: English (reports fall back to `message`)
//   requirement    = "确属无法避让…"          # required for restricted, refused otherwise: the
//   requirement_en = "..."                 #   condition a project must meet (English optional)
//   citation   = { document = "《…》", article = "第…条" }   # required (document at least)
//   see_also   = [{ document = "…", article = "…" }]        # optional further citations
//   precedence = 1                         # optional integer ≥ 0, default 0
//   prevails_over = ["redline"]            # optional zone roles this rule's law prevails over
//
// Verdicts.  For one site and one category, the rules that apply are those whose zone (and
// zone_values) and condition match the site and whose categories (minus except) contain the
// category.  Where zones overlap the strictest verdict applies: prohibited > restricted >
// allowed; a category no rule names is allowed subject to the ordinary EIA.
//
// Precedence ("a special law prevails inside the red line": 自然资发〔2022〕142号 一、（一）
// says that inside the red line, reserves, water-source zones etc. follow their own laws).
// A matching rule A sets aside a matching rule B for the same category when
//   B's zone is listed in A.prevails_over, A.precedence > B.precedence, and the site lies
//   wholly inside A's zone (the features A's zone_values select).
// So a house in a reserve's experimental zone, wholly inside it, is judged by the reserve
// regulation (restricted), not by the red-line notice (prohibited); a site reaching out of
// the reserve into the red line is still judged by the red line there.  prevails_over needs
// precedence ≥ 1, and every rule of a zone listed there must have a lower precedence.
// deciding_rules() and strictest() implement this for the screening.
#include "layers/project.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::layers {

// Ordered by strictness: a larger value is stricter.
enum class Verdict { Allowed = 0, Restricted = 1, Prohibited = 2 };
enum class Condition { Intersects, WithinDistance, Outside };

const char* verdict_key(Verdict v);                               // "prohibited", ...
std::string verdict_label(Verdict v, const std::string& lang);    // "禁止" / "prohibited"
const char* condition_key(Condition c);                           // "within_distance", ...

// The zone roles a rule may name (a subset of the project's vector roles).
const std::vector<VectorRole>& rule_zone_roles();

struct Category {
    std::string id;
    std::string name;      // Chinese
    std::string name_en;
    std::vector<std::string> examples;
    int line = 0;          // where it is declared in the rules file
};

struct Citation {
    std::string document;  // e.g. 《中华人民共和国水污染防治法》
    std::string article;   // e.g. 第六十五条 (may be empty)
};

struct Rule {
    std::string id;
    VectorRole zone = VectorRole::Redline;
    std::vector<std::string> zone_values;   // empty = every feature of the zone
    Condition condition = Condition::Intersects;
    std::optional<double> distance_m;       // within_distance only
    std::vector<std::string> categories;    // category ids, or {"*"}
    std::vector<std::string> except;
    Verdict verdict = Verdict::Allowed;
    std::string message, message_en;
    std::string requirement, requirement_en;  // restricted only
    Citation citation;
    std::vector<Citation> see_also;
    int precedence = 0;
    std::vector<VectorRole> prevails_over;
    int line = 0;                           // line of the [[rules]] header

    const char* zone_key() const { return role_key(zone); }
    // Whether the rule names this category (through "*" or by id) and does not except it.
    bool applies_to(const std::string& category) const;
    // Whether a feature carrying this canonical value is one of the rule's zone features.
    bool applies_to_value(const std::string& canonical_value) const;
};

struct RuleList {
    std::string file;      // absolute path
    std::string name, version, region;
    std::vector<Category> categories;
    std::vector<Rule> rules;

    const Category* category(const std::string& id) const;
    // A category as people write it: its id, its Chinese or English name, one part of the Chinese
    // name ("光伏" for 光伏、风电) or one of its examples, when that names exactly one category.
    const Category* resolve_category(const std::string& text) const;
    const Rule* rule(const std::string& id) const;
    // "polluting_industry, other_industry, ..." for "unknown category X; known: ..." errors.
    std::string known_categories() const;
};

// Parse and validate a rules file.  Throws IoError if it cannot be read and DataError
// ("rules.toml:42: rule 'HX-03': ...; did you mean ...") for every mistake listed above.
RuleList load_rules(const std::string& path);

// Of the rules that matched one site for one category, those that decide after special laws
// set aside what they prevail over (see "Precedence" above).  `site_wholly_inside(rule)` says
// whether the site lies wholly inside that rule's zone features.
std::vector<const Rule*> deciding_rules(const std::vector<const Rule*>& matched,
                                        const std::function<bool(const Rule&)>& site_wholly_inside);
// The strictest verdict of these rules; Allowed when there are none.
Verdict strictest(const std::vector<const Rule*>& rules);

}  // namespace ecozone::layers
