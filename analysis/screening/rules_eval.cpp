#include "analysis/screening/rules_eval.h"

#include "analysis/screening/distances.h"

#include <algorithm>
#include <map>
#include <set>

namespace ecozone::analysis::screening {

using layers::Condition;
using layers::Verdict;

RuleRole role_in_verdict(const layers::Rule& rule, bool deciding, Verdict site_verdict) {
    if (!deciding) return RuleRole::SetAside;
    // "Allowed" is what a site is when nothing forbids it: an allowed rule never decides, it
    // brings conditions and advice.
    if (rule.verdict == Verdict::Allowed) return RuleRole::Advises;
    if (rule.verdict == site_verdict) return RuleRole::Decides;
    return RuleRole::AlsoRestricts;  // a restriction beside a prohibition
}

namespace {

// Many rules share a zone and its values: each combination is measured once per site.
class PartCache {
public:
    PartCache(SiteContacts& contacts) : contacts_(contacts) {}
    Area2 part(const layers::Rule& rule, const ZoneSet& set) {
        std::string key = set.key;
        for (const auto& v : rule.zone_values) key += "|" + v;
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        const Area2 a = contacts_.part(set, [&](const ZoneFeature& f) { return rule.applies_to_value(f.value); });
        return cache_.emplace(key, a).first->second;
    }

private:
    SiteContacts& contacts_;
    std::map<std::string, Area2> cache_;
};

}  // namespace

RulesOutcome evaluate_rules(const layers::RuleList& rules, const std::string& category, const ZoneSets& zones,
                            SiteContacts& contacts, const Area2& site_area, geo::AreaMode mode) {
    RulesOutcome out;
    PartCache parts(contacts);
    const double tiny = tiny_area(site_area.planar_m2);
    auto share_of = [&](const Area2& a) { return std::clamp(a.in(mode) / site_area.in(mode), 0.0, 1.0); };
    std::vector<const layers::Rule*> matched;
    std::map<const layers::Rule*, FiredRule> fired;
    for (const auto& rule : rules.rules) {
        if (!rule.applies_to(category)) continue;
        const ZoneSet* set = zones.for_rule(rule.zone);
        if (!set) {
            // Without its layer a rule can neither fire nor be ruled out: never silently milder.
            out.not_assessed.push_back({&rule, zones.missing_for_rule(rule.zone)});
            continue;
        }
        auto pick = [&](const ZoneFeature& f) { return rule.applies_to_value(f.value); };
        FiredRule fr;
        fr.rule = &rule;
        bool fires = false;
        switch (rule.condition) {
            case Condition::Intersects: {
                bool touches = false;
                for (size_t i = 0; i < set->features.size() && !touches; ++i) {
                    touches = pick(set->features[i]) && contacts.touches(*set, i);
                }
                if (!touches) break;
                fr.part = parts.part(rule, *set);
                // Areal zones must really overlap; point and line zones (receptors) just touch.
                fires = !set->any_areal() || fr.part.planar_m2 > tiny;
                fr.share = share_of(fr.part);
                break;
            }
            case Condition::WithinDistance: {
                const double best = nearest_in(*set, contacts, pick).first;
                if (best <= *rule.distance_m) {
                    fires = true;
                    fr.distance_m = best;
                }
                break;
            }
            case Condition::Outside: {
                // Fires unless the site lies wholly inside the zone's features (e.g. inside a park).
                const Area2 in = parts.part(rule, *set);
                const double outside = site_area.planar_m2 - in.planar_m2;
                fires = outside > tiny && outside > 1e-9 * site_area.planar_m2;
                fr.part = {site_area.ellipsoidal_m2 - in.ellipsoidal_m2, outside};
                fr.share = share_of(fr.part);
                break;
            }
        }
        if (!fires) continue;
        matched.push_back(&rule);
        fired.emplace(&rule, fr);
    }
    auto wholly_inside = [&](const layers::Rule& rule) {
        const ZoneSet* set = zones.for_rule(rule.zone);
        return set && parts.part(rule, *set).planar_m2 >= site_area.planar_m2 * (1 - 1e-9);
    };
    const auto deciding = layers::deciding_rules(matched, wholly_inside);
    out.verdict = layers::strictest(deciding);
    const std::set<const layers::Rule*> deciding_set(deciding.begin(), deciding.end());
    for (const auto* r : matched) {
        FiredRule fr = fired.at(r);
        fr.deciding = deciding_set.count(r) > 0;
        fr.role = role_in_verdict(*r, fr.deciding, out.verdict);
        out.fired.push_back(fr);
    }
    // Deciding rules first, strictest first, then in the list's order.
    std::stable_sort(out.fired.begin(), out.fired.end(), [](const FiredRule& a, const FiredRule& b) {
        if (a.deciding != b.deciding) return a.deciding;
        return a.rule->verdict > b.rule->verdict;
    });
    return out;
}

}  // namespace ecozone::analysis::screening
