#include "layers/rules.h"

#include "geo/errors.h"
#include "layers/text_match.h"
#include "layers/toml_util.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

// The parts of a category's Chinese name separated by 、，, / and spaces: "光伏、风电" -> 光伏, 风电.
std::vector<std::string> split_names(const std::string& name) {
    static const std::vector<std::string> separators = {"、", "，", ",", " ", "/"};
    auto separator_at = [&](size_t i) -> size_t {
        for (const auto& sep : separators) {
            if (name.compare(i, sep.size(), sep) == 0) return sep.size();
        }
        return 0;
    };
    std::vector<std::string> out;
    std::string cur;
    for (size_t i = 0; i < name.size();) {
        if (const size_t n = separator_at(i)) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
            i += n;
        } else {
            cur += name[i++];
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace

namespace {

const std::vector<std::string> kVerdicts = {"prohibited", "restricted", "allowed"};
const std::vector<std::string> kConditions = {"intersects", "within_distance", "outside"};
const std::vector<std::string> kSections = {"list", "categories", "rules"};
const std::vector<std::string> kListKeys = {"name", "version", "region"};
const std::vector<std::string> kCategoryKeys = {"id", "name", "name_en", "examples"};
const std::vector<std::string> kCitationKeys = {"document", "article"};
const std::vector<std::string> kRuleKeys = {
    "id",          "zone",           "zone_values", "condition", "distance_m", "categories",
    "except",      "verdict",        "message",     "message_en", "requirement", "requirement_en",
    "citation",    "see_also",       "precedence",  "prevails_over"};

[[noreturn]] void fail(const std::string& file, const toml::source_region& where,
                       const std::string& message) {
    toml_fail(file, where, message);
}

bool contains(const std::vector<std::string>& items, const std::string& s) {
    return std::find(items.begin(), items.end(), s) != items.end();
}

std::vector<std::string> zone_keys() {
    std::vector<std::string> keys;
    for (auto r : rule_zone_roles()) keys.emplace_back(role_key(r));
    return keys;
}

// Reads one table of the rules file, reporting mistakes as "<file>:<line>: <where>: ...".
class Reader {
public:
    Reader(std::string file, std::string where) : file_(std::move(file)), where_(std::move(where)) {}

    [[noreturn]] void fail_at(const toml::node& node, const std::string& message) const {
        fail(file_, node.source(), fmt::format("{}: {}", where_, message));
    }

    void check_keys(const toml::table& t, const std::vector<std::string>& allowed) const {
        for (const auto& [k, v] : t) {
            const std::string key(k.str());
            if (!contains(allowed, key)) {
                fail_at(v, fmt::format("unknown key '{}'; {}keys are: {}", key, suggestion(key, allowed),
                                       joined(allowed)));
            }
        }
    }

    std::string text(const toml::node& node, const std::string& key) const {
        if (auto v = node.value<std::string>()) return *v;
        fail_at(node, fmt::format("'{}' must be a text in quotes", key));
    }

    // A required, non-empty text.
    std::string required_text(const toml::table& t, const std::string& key, const std::string& hint) const {
        const toml::node* n = t.get(key);
        if (!n) fail(file_, t.source(), fmt::format("{}: '{}' is missing; add {}", where_, key, hint));
        std::string s = text(*n, key);
        if (s.empty()) fail_at(*n, fmt::format("'{}' is empty; write {}", key, hint));
        return s;
    }

    std::string optional_text(const toml::table& t, const std::string& key) const {
        const toml::node* n = t.get(key);
        return n ? text(*n, key) : std::string();
    }

    std::vector<std::string> text_list(const toml::node& node, const std::string& key,
                                       const std::string& example) const {
        const toml::array* a = node.as_array();
        if (!a) fail_at(node, fmt::format("'{}' must be a list in brackets, e.g. {} = {}", key, key, example));
        std::vector<std::string> out;
        for (const auto& item : *a) out.push_back(text(item, key));
        return out;
    }

    Citation citation(const toml::node& node, const std::string& key) const {
        const toml::table* t = node.as_table();
        if (!t) {
            fail_at(node, fmt::format("'{}' must be a table: {} = {{ document = \"《…》\", article = \"第…条\" }}",
                                      key, key));
        }
        Reader inner(file_, where_ + " " + key);
        inner.check_keys(*t, kCitationKeys);
        Citation c;
        c.document = inner.optional_text(*t, "document");
        c.article = inner.optional_text(*t, "article");
        if (c.document.empty()) {
            fail(file_, t->source(),
                 fmt::format("{}: {} has no document; name the regulation or plan it comes from, e.g. "
                             "document = \"《中华人民共和国水污染防治法》\"",
                             where_, key));
        }
        return c;
    }

    const std::string& file() const { return file_; }
    const std::string& where() const { return where_; }

private:
    std::string file_;
    std::string where_;
};

void parse_list(const std::string& file, const toml::table& t, RuleList& out) {
    Reader r(file, "[list]");
    r.check_keys(t, kListKeys);
    out.name = r.required_text(t, "name", "name = \"红寺堡区生态环境准入清单\"");
    out.version = r.optional_text(t, "version");
    out.region = r.optional_text(t, "region");
}

bool valid_category_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

void parse_categories(const std::string& file, const toml::node& node, RuleList& out) {
    const toml::array* a = node.as_array();
    if (!a) fail(file, node.source(), "'categories' must be written as [[categories]] tables");
    std::map<std::string, int> seen;
    for (const auto& item : *a) {
        const toml::table* t = item.as_table();
        if (!t) fail(file, item.source(), "[[categories]] entries must be tables");
        Category c;
        c.line = static_cast<int>(t->source().begin.line);
        Reader r(file, "[[categories]]");
        r.check_keys(*t, kCategoryKeys);
        c.id = r.required_text(*t, "id", "id = \"mining\"");
        const Reader named(file, fmt::format("category '{}'", c.id));
        if (!valid_category_id(c.id)) {
            named.fail_at(*t->get("id"), "an id may hold only lower-case letters, digits and '_' "
                                         "(e.g. \"pv_wind\"); the Chinese name goes in name");
        }
        if (auto [it, fresh] = seen.emplace(c.id, c.line); !fresh) {
            named.fail_at(*t->get("id"), fmt::format("category id '{}' is declared twice (first at line {}); "
                                                     "give each category its own id",
                                                     c.id, it->second));
        }
        c.name = named.required_text(*t, "name", "name = \"<中文名称>\"");
        c.name_en = named.required_text(*t, "name_en", "name_en = \"<English name>\"");
        if (const toml::node* ex = t->get("examples")) {
            c.examples = named.text_list(*ex, "examples", "[\"水泥厂\", \"砖厂\"]");
        }
        out.categories.push_back(std::move(c));
    }
}

// A category id used by a rule must be declared.
void check_category(const Reader& r, const toml::node& at, const RuleList& list, const std::string& id,
                    const std::string& key) {
    if (list.category(id)) return;
    std::vector<std::string> known;
    for (const auto& c : list.categories) known.push_back(c.id);
    r.fail_at(at, fmt::format("unknown category '{}' in {}; {}known: {} (declare new ones as [[categories]])",
                              id, key, suggestion(id, known), list.known_categories()));
}

VectorRole zone_role(const Reader& r, const toml::node& at, const std::string& key, const std::string& what) {
    const auto keys = zone_keys();
    for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) return rule_zone_roles()[i];
    }
    r.fail_at(at, fmt::format("unknown {} '{}'; {}zones are: {}", what, key, suggestion(key, keys), joined(keys)));
}

Rule parse_rule(const std::string& file, const toml::table& t, const RuleList& list) {
    Rule rule;
    rule.line = static_cast<int>(t.source().begin.line);
    // Name the rule in every message once its id is known (even a typo'd key's).
    const auto early_id = t["id"].value<std::string>();
    Reader anon(file, early_id ? fmt::format("rule '{}'", *early_id) : std::string("[[rules]]"));
    anon.check_keys(t, kRuleKeys);
    rule.id = anon.required_text(t, "id", "id = \"HX-01\" (unique in the file)");
    const Reader r(file, fmt::format("rule '{}'", rule.id));

    // zone and zone_values
    const toml::node* zone = t.get("zone");
    if (!zone) fail(file, t.source(), fmt::format("{}: 'zone' is missing; add zone = \"redline\" (zones are: {})",
                                                  r.where(), joined(zone_keys())));
    rule.zone = zone_role(r, *zone, r.text(*zone, "zone"), "zone");
    if (const toml::node* zv = t.get("zone_values")) {
        const RoleSpec& spec = role_spec(rule.zone);
        if (spec.canonical_values.empty()) {
            r.fail_at(*zv, fmt::format("zone '{}' has no coded values; remove zone_values (the rule then applies "
                                       "to every feature of the zone)",
                                       rule.zone_key()));
        }
        rule.zone_values = r.text_list(*zv, "zone_values", "[\"" + spec.canonical_values.front() + "\"]");
        if (rule.zone_values.empty()) {
            r.fail_at(*zv, "zone_values is empty; list the values or remove the key to cover every feature");
        }
        for (const auto& v : rule.zone_values) {
            if (!contains(spec.canonical_values, v)) {
                r.fail_at(*zv, fmt::format("'{}' is not a value of zone '{}'; {}use one of: {} (the canonical "
                                           "values of [layers.{}.values] in the project file)",
                                           v, rule.zone_key(), suggestion(v, spec.canonical_values),
                                           joined(spec.canonical_values), rule.zone_key()));
            }
        }
    }

    // condition and distance_m
    const toml::node* cond = t.get("condition");
    if (!cond) {
        fail(file, t.source(), fmt::format("{}: 'condition' is missing; add condition = \"intersects\" "
                                           "(or {})",
                                           r.where(), joined(kConditions)));
    }
    const std::string c = r.text(*cond, "condition");
    if (c == "intersects") rule.condition = Condition::Intersects;
    else if (c == "within_distance") rule.condition = Condition::WithinDistance;
    else if (c == "outside") rule.condition = Condition::Outside;
    else {
        r.fail_at(*cond, fmt::format("condition '{}' is unknown; {}use one of: {}", c, suggestion(c, kConditions),
                                     joined(kConditions)));
    }
    const toml::node* dist = t.get("distance_m");
    if (rule.condition == Condition::WithinDistance) {
        if (!dist) {
            fail(file, t.source(), fmt::format("{}: condition \"within_distance\" needs distance_m = <metres>, "
                                               "a positive number such as distance_m = 1000",
                                               r.where()));
        }
        auto d = dist->value<double>();
        // TOML writes inf and nan too: a distance must be a finite positive number of metres.
        if (!d || !std::isfinite(*d) || !(*d > 0) || *d > 100000) {
            r.fail_at(*dist, "distance_m must be a positive number of metres up to 100000, e.g. distance_m = 1000");
        }
        rule.distance_m = *d;
    } else if (dist) {
        r.fail_at(*dist, fmt::format("distance_m is only used with condition = \"within_distance\"; remove it "
                                     "or change the condition (now \"{}\")",
                                     c));
    }

    // categories and except
    const toml::node* cats = t.get("categories");
    if (!cats) {
        fail(file, t.source(), fmt::format("{}: 'categories' is missing; add categories = [\"mining\"] or [\"*\"] "
                                           "for every category (known: {})",
                                           r.where(), list.known_categories()));
    }
    rule.categories = r.text_list(*cats, "categories", "[\"mining\", \"pv_wind\"]");
    if (rule.categories.empty()) r.fail_at(*cats, "categories is empty; name the categories, or [\"*\"] for all");
    const bool all = contains(rule.categories, "*");
    if (all && rule.categories.size() > 1) {
        r.fail_at(*cats, "\"*\" already means every category; write categories = [\"*\"] alone and take "
                         "categories out with except = [...]");
    }
    if (!all) {
        for (const auto& id : rule.categories) check_category(r, *cats, list, id, "categories");
    }
    if (const toml::node* ex = t.get("except")) {
        rule.except = r.text_list(*ex, "except", "[\"eco_restoration\"]");
        for (const auto& id : rule.except) {
            if (id == "*") r.fail_at(*ex, "except cannot be \"*\"; list the categories to take out");
            check_category(r, *ex, list, id, "except");
            if (!all && !contains(rule.categories, id)) {
                r.fail_at(*ex, fmt::format("except names '{}', which categories does not include; remove it", id));
            }
        }
    }

    // verdict, messages, requirement
    const toml::node* verdict = t.get("verdict");
    if (!verdict) {
        fail(file, t.source(), fmt::format("{}: 'verdict' is missing; add verdict = \"prohibited\" (or "
                                           "\"restricted\", \"allowed\")",
                                           r.where()));
    }
    const std::string v = r.text(*verdict, "verdict");
    if (v == "prohibited") rule.verdict = Verdict::Prohibited;
    else if (v == "restricted") rule.verdict = Verdict::Restricted;
    else if (v == "allowed") rule.verdict = Verdict::Allowed;
    else {
        r.fail_at(*verdict, fmt::format("verdict '{}' is unknown; {}use one of: {}", v, suggestion(v, kVerdicts),
                                        joined(kVerdicts)));
    }
    rule.message = r.required_text(t, "message", "message = \"<禁止或要求的内容>\"");
    rule.message_en = r.optional_text(t, "message_en");
    rule.requirement = r.optional_text(t, "requirement");
    rule.requirement_en = r.optional_text(t, "requirement_en");
    if (rule.verdict == Verdict::Restricted && rule.requirement.empty()) {
        fail(file, t.source(), fmt::format("{}: a restricted rule needs requirement = \"<the condition a project "
                                           "must meet>\", e.g. \"确属无法避让、符合县级以上国土空间规划的线性基础设施\"",
                                           r.where()));
    }
    if (rule.verdict != Verdict::Restricted && (t.get("requirement") || t.get("requirement_en"))) {
        const toml::node* at = t.get("requirement") ? t.get("requirement") : t.get("requirement_en");
        r.fail_at(*at, fmt::format("a requirement belongs to restricted rules, but this one is {}; change the "
                                   "verdict to \"restricted\" or move the text into message",
                                   verdict_key(rule.verdict)));
    }

    // citations
    const toml::node* cit = t.get("citation");
    if (!cit) {
        fail(file, t.source(), fmt::format("{}: no citation; every rule must name where it comes from: "
                                           "citation = {{ document = \"《…》\", article = \"第…条\" }}",
                                           r.where()));
    }
    rule.citation = r.citation(*cit, "citation");
    if (const toml::node* also = t.get("see_also")) {
        const toml::array* a = also->as_array();
        if (!a) r.fail_at(*also, "see_also must be a list: see_also = [{ document = \"…\", article = \"…\" }]");
        for (const auto& item : *a) rule.see_also.push_back(r.citation(item, "see_also"));
    }

    // precedence
    if (const toml::node* p = t.get("precedence")) {
        if (!p->is_integer() || *p->value<int64_t>() < 0 || *p->value<int64_t>() > 100) {
            r.fail_at(*p, "precedence must be a whole number ≥ 0 (0 = ordinary, 1 = a special law)");
        }
        rule.precedence = static_cast<int>(*p->value<int64_t>());
    }
    if (const toml::node* po = t.get("prevails_over")) {
        for (const auto& key : r.text_list(*po, "prevails_over", "[\"redline\"]")) {
            const VectorRole role = zone_role(r, *po, key, "zone in prevails_over");
            if (role == rule.zone) r.fail_at(*po, fmt::format("a rule cannot prevail over its own zone '{}'", key));
            rule.prevails_over.push_back(role);
        }
        if (!rule.prevails_over.empty() && rule.precedence < 1) {
            r.fail_at(*po, "prevails_over needs precedence = 1 (or higher) on the same rule");
        }
    } else if (rule.precedence > 0) {
        r.fail_at(*t.get("precedence"), "precedence sets nothing aside without prevails_over; add "
                                        "prevails_over = [\"redline\"] or remove precedence");
    }
    return rule;
}

}  // namespace

const char* verdict_key(Verdict v) {
    switch (v) {
        case Verdict::Prohibited: return "prohibited";
        case Verdict::Restricted: return "restricted";
        case Verdict::Allowed: return "allowed";
    }
    return "allowed";
}

std::string verdict_label(Verdict v, const std::string& lang) {
    if (lang == "en") return verdict_key(v);
    switch (v) {
        case Verdict::Prohibited: return "禁止";
        case Verdict::Restricted: return "限制";
        case Verdict::Allowed: return "允许";
    }
    return "允许";
}

const char* condition_key(Condition c) {
    switch (c) {
        case Condition::Intersects: return "intersects";
        case Condition::WithinDistance: return "within_distance";
        case Condition::Outside: return "outside";
    }
    return "intersects";
}

const std::vector<VectorRole>& rule_zone_roles() {
    static const std::vector<VectorRole> roles = {
        VectorRole::Redline,        VectorRole::ReserveZones, VectorRole::WaterSources,
        VectorRole::Farmland,       VectorRole::Rivers,       VectorRole::IndustrialParks,
        VectorRole::Receptors,      VectorRole::ControlUnits, VectorRole::UrbanBoundary};
    return roles;
}

bool Rule::applies_to(const std::string& category) const {
    if (contains(except, category)) return false;
    return contains(categories, "*") || contains(categories, category);
}

bool Rule::applies_to_value(const std::string& canonical_value) const {
    return zone_values.empty() || contains(zone_values, canonical_value);
}

const Category* RuleList::category(const std::string& id) const {
    for (const auto& c : categories) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

const Category* RuleList::resolve_category(const std::string& text) const {
    if (const Category* c = category(text)) return c;
    auto lower = [](std::string s) {
        for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return s;
    };
    const std::string wanted = lower(text);
    for (const auto& c : categories) {
        if (c.name == text || lower(c.name_en) == wanted || lower(c.id) == wanted) return &c;
    }
    // A name inside the Chinese name ("光伏" in "光伏、风电"; "采石" in "采矿、采石、挖砂"): only when
    // exactly one category has it, so that a short word never picks one of several.
    const Category* found = nullptr;
    for (const auto& c : categories) {
        for (const auto& part : split_names(c.name)) {
            if (part != text) continue;
            if (found && found != &c) return nullptr;
            found = &c;
        }
        for (const auto& e : c.examples) {
            if (e != text) continue;
            if (found && found != &c) return nullptr;
            found = &c;
        }
    }
    return found;
}

const Rule* RuleList::rule(const std::string& id) const {
    for (const auto& r : rules) {
        if (r.id == id) return &r;
    }
    return nullptr;
}

std::string RuleList::known_categories() const {
    std::vector<std::string> ids;
    for (const auto& c : categories) ids.push_back(c.id);
    return joined(ids);
}

RuleList load_rules(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw IoError(fmt::format("{}: rules file not found; give the path of a rules .toml file "
                                  "(see sample_shapefiles/rules.toml and docs/rules-file.md)",
                                  path));
    }
    RuleList list;
    list.file = fs::absolute(path).lexically_normal().string();
    toml::table root;
    try {
        root = toml::parse_file(list.file);
    } catch (const toml::parse_error& e) {
        throw DataError(fmt::format("{}:{}: TOML syntax error: {}", path, e.source().begin.line, e.description()));
    }

    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (!contains(kSections, key)) {
            fail(path, v.source(), fmt::format("unknown section '{}'; {}sections are: [list], [[categories]], "
                                               "[[rules]]",
                                               key, suggestion(key, kSections)));
        }
    }
    const toml::table* head = root["list"].as_table();
    if (!head) {
        throw DataError(fmt::format("{}: no [list] section; start the file with [list] and name = \"…\"", path));
    }
    parse_list(path, *head, list);

    const toml::node* cats = root.get("categories");
    if (!cats || !cats->as_array() || cats->as_array()->empty()) {
        throw DataError(fmt::format("{}: no [[categories]]; declare each project category (id, name, name_en) "
                                    "before the rules use it",
                                    path));
    }
    parse_categories(path, *cats, list);

    const toml::node* rules = root.get("rules");
    if (!rules || !rules->as_array() || rules->as_array()->empty()) {
        throw DataError(fmt::format("{}: no [[rules]]; the list must hold at least one rule", path));
    }
    std::map<std::string, int> seen;
    for (const auto& item : *rules->as_array()) {
        const toml::table* t = item.as_table();
        if (!t) fail(path, item.source(), "'rules' must be written as [[rules]] tables");
        Rule rule = parse_rule(path, *t, list);
        if (auto [it, fresh] = seen.emplace(rule.id, rule.line); !fresh) {
            fail(path, t->get("id")->source(),
                 fmt::format("rule id '{}' is used twice (first at line {}); give each rule its own id", rule.id,
                             it->second));
        }
        list.rules.push_back(std::move(rule));
    }

    // A rule that prevails over a zone must outrank every rule of that zone.
    for (const auto& a : list.rules) {
        for (VectorRole zone : a.prevails_over) {
            for (const auto& b : list.rules) {
                if (b.zone != zone || b.precedence < a.precedence) continue;
                throw DataError(fmt::format(
                    "{}:{}: rule '{}': it prevails over '{}' with precedence {}, but rule '{}' (line {}) of that "
                    "zone has precedence {}; give '{}' a higher precedence than every rule it prevails over",
                    path, a.line, a.id, role_key(zone), a.precedence, b.id, b.line, b.precedence, a.id));
            }
        }
    }
    return list;
}

std::vector<const Rule*> deciding_rules(const std::vector<const Rule*>& matched,
                                        const std::function<bool(const Rule&)>& site_wholly_inside) {
    std::vector<const Rule*> out;
    for (const Rule* b : matched) {
        bool set_aside = false;
        for (const Rule* a : matched) {
            if (a == b || a->precedence <= b->precedence) continue;
            if (std::find(a->prevails_over.begin(), a->prevails_over.end(), b->zone) == a->prevails_over.end()) {
                continue;
            }
            if (site_wholly_inside(*a)) {
                set_aside = true;
                break;
            }
        }
        if (!set_aside) out.push_back(b);
    }
    return out;
}

Verdict strictest(const std::vector<const Rule*>& rules) {
    Verdict v = Verdict::Allowed;
    for (const Rule* r : rules) v = std::max(v, r->verdict);
    return v;
}

}  // namespace ecozone::layers
