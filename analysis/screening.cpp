#include "analysis/screening.h"

#include "analysis/screening/contacts.h"
#include "analysis/screening/distances.h"
#include "analysis/screening/footprint.h"
#include "analysis/screening/land_take.h"
#include "analysis/screening/overlap_pieces.h"
#include "analysis/screening/rules_eval.h"
#include "analysis/screening/zone_sets.h"
#include "analysis/screening/zones_touched.h"
#include "geo/errors.h"

#include <fmt/format.h>

namespace ecozone::analysis {

using layers::VectorRole;

const char* rule_role_key(RuleRole role) {
    switch (role) {
        case RuleRole::Decides:
            return "decides";
        case RuleRole::AlsoRestricts:
            return "also_restricts";
        case RuleRole::Advises:
            return "advises";
        case RuleRole::SetAside:
            return "set_aside";
    }
    return "decides";
}

// What a screener prepares once for any number of sites: its own GEOS-bound zone sets, and the
// land-use index (shared between the screeners of one batch).
struct Screener::Impl {
    const layers::Catalogue& cat;
    const layers::RuleList& rules;
    const geo::GeosContext& geos;
    ScreeningOptions options;
    geo::AreaCalculator calc;
    screening::ZoneSets zones;
    screening::LandTake land;

    Impl(const layers::Catalogue& c, const layers::RuleList& r, const geo::GeosContext& g, const ScreeningOptions& o,
         std::shared_ptr<const screening::LandIndex> landuse)
        : cat(c), rules(r), geos(g), options(o), calc(g, c.working.definition), zones(c, g), land(std::move(landuse)) {}
};

Screener::Screener(const layers::Catalogue& c, const layers::RuleList& r, const geo::GeosContext& g,
                   const ScreeningOptions& o)
    : impl_(std::make_unique<Impl>(c, r, g, o, screening::index_landuse(c, g))) {}

Screener::Screener(const Screener& sibling, const geo::GeosContext& geos)
    : impl_(std::make_unique<Impl>(sibling.impl_->cat, sibling.impl_->rules, geos, sibling.impl_->options,
                                   sibling.impl_->land.index())) {}

Screener::~Screener() = default;

std::vector<Screener::Belt> Screener::belts() const {
    std::vector<Belt> out;
    for (const auto& b : impl_->zones.belt_list()) out.push_back({b.river, b.width_m, b.geom});
    return out;
}

std::vector<std::pair<std::string, const GEOSGeometry*>> Screener::zone_geometries(VectorRole role) const {
    std::vector<std::pair<std::string, const GEOSGeometry*>> out;
    if (const screening::ZoneSet* set = impl_->zones.layer(role)) {
        for (const auto& f : set->features) out.emplace_back(f.value, f.geom);
    }
    return out;
}

// The pipeline: one stage per file of analysis/screening/, over one site's contacts.
SiteResult Screener::screen(const SiteSpec& spec) const {
    const Impl& m = *impl_;
    SiteResult out;
    out.spec = spec;
    out.notes = spec.notes;
    try {
        if (!spec.unusable.en.empty()) throw DataError(spec.unusable.zh, spec.unusable.en);
        if (!m.rules.category(spec.category)) {
            throw make_error<UsageError>("无法识别的项目类别“{}”；已有类别：{}",
                                         "unknown project category '{}'; known categories: {}", spec.category,
                                         m.rules.known_categories());
        }
        const screening::Measure measure{m.calc};
        const screening::Footprint fp = screening::make_footprint(spec, m.options, m.zones, m.geos, measure, out.notes);
        out.area = fp.area;
        out.footprint_wkb = m.geos.to_wkb(fp.geom.get());
        out.outside_district_share = fp.outside_district_share;

        screening::SiteContacts contacts(m.geos, fp.geom.get(), fp.area, measure);
        screening::locate(m.zones, contacts, m.geos, out.township, out.village);
        out.zones = screening::zones_touched(m.zones, contacts, fp.area, m.options.mode, out.control_units);
        out.overlap_pieces = screening::overlap_pieces(m.zones, contacts, fp.area, measure, m.geos);

        const geo::PreparedPtr prepared = m.geos.prepare(fp.geom.get());
        m.land.measure(fp.geom.get(), prepared.get(), m.geos, m.calc, out.land, out.land_groups);

        out.distances = screening::nearest_distances(m.zones, contacts);

        screening::RulesOutcome rules =
            screening::evaluate_rules(m.rules, spec.category, m.zones, contacts, fp.area, m.options.mode);
        out.rules = std::move(rules.fired);
        out.not_assessed = std::move(rules.not_assessed);
        out.verdict = rules.verdict;
        out.screened = true;
    } catch (const UsageError&) {
        throw;  // an unknown category is the user's command line, not the site
    } catch (const ecozone::Error& e) {
        out.screened = false;
        out.error = e.what();
        out.error_text = layers::Note{e.text(false), e.text(true)};
    }
    return out;
}

std::vector<std::string> rule_ids_in_role(const SiteResult& r, RuleRole role) {
    std::vector<std::string> ids;
    for (const auto& f : r.rules) {
        if (f.role == role) ids.push_back(f.rule->id);
    }
    return ids;
}

std::vector<std::string> verdict_rule_ids(const SiteResult& r) {
    return rule_ids_in_role(r, RuleRole::Decides);
}

}  // namespace ecozone::analysis
