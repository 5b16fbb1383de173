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

[[noreturn]] void fail(const std::string& file, const toml::source_region& where, const Note& message) {
    toml_fail(file, where, message);
}

// Text that reads the same in both languages: an example of TOML, a name.
Note both(const std::string& text) {
    return {text, text};
}

bool contains(const std::vector<std::string>& items, const std::string& s) {
    return std::find(items.begin(), items.end(), s) != items.end();
}

std::vector<std::string> zone_keys() {
    std::vector<std::string> keys;
    for (auto r : rule_zone_roles()) keys.emplace_back(role_key(r));
    return keys;
}

// Reads one table of the rules file, reporting mistakes as "<file>:<line>: <where>: ..." in
// both languages (<where> names the table: "rule 'HX-01'", 规则“HX-01”).
class Reader {
public:
    Reader(std::string file, Note where) : file_(std::move(file)), where_(std::move(where)) {}

    [[noreturn]] void fail_at(const toml::node& node, const Note& message) const {
        fail(file_, node.source(), make_note("{0}：{1}", "{2}: {3}", where_.zh, message.zh, where_.en, message.en));
    }

    void check_keys(const toml::table& t, const std::vector<std::string>& allowed) const {
        for (const auto& [k, v] : t) {
            const std::string key(k.str());
            if (!contains(allowed, key)) {
                const Note s = suggestion(key, allowed);
                fail_at(v, make_note("未知的键“{0}”；{1}可用的键：{3}", "unknown key '{0}'; {2}keys are: {3}", key,
                                     s.zh, s.en, joined(allowed)));
            }
        }
    }

    std::string text(const toml::node& node, const std::string& key) const {
        if (auto v = node.value<std::string>()) return *v;
        fail_at(node, make_note("“{}”须是加引号的文本", "'{}' must be a text in quotes", key));
    }

    // A required, non-empty text.
    std::string required_text(const toml::table& t, const std::string& key, const Note& hint) const {
        const toml::node* n = t.get(key);
        if (!n) {
            fail_at(t, make_note("缺少“{0}”；请写 {1}", "'{0}' is missing; add {2}", key, hint.zh, hint.en));
        }
        std::string s = text(*n, key);
        if (s.empty())
            fail_at(*n, make_note("“{0}”为空；请写 {1}", "'{0}' is empty; write {2}", key, hint.zh, hint.en));
        return s;
    }

    std::string optional_text(const toml::table& t, const std::string& key) const {
        const toml::node* n = t.get(key);
        return n ? text(*n, key) : std::string();
    }

    std::vector<std::string> text_list(const toml::node& node, const std::string& key,
                                       const std::string& example) const {
        const toml::array* a = node.as_array();
        if (!a) {
            fail_at(node, make_note("“{0}”须是方括号中的列表，如 {0} = {1}",
                                    "'{0}' must be a list in brackets, e.g. {0} = {1}", key, example));
        }
        std::vector<std::string> out;
        for (const auto& item : *a) out.push_back(text(item, key));
        return out;
    }

    Citation citation(const toml::node& node, const std::string& key) const {
        const toml::table* t = node.as_table();
        if (!t) {
            fail_at(node,
                    make_note("“{0}”须是一个表：{0} = {{ document = \"《…》\", article = \"第…条\" }}",
                              "'{0}' must be a table: {0} = {{ document = \"《…》\", article = \"第…条\" }}", key));
        }
        Reader inner(file_, {where_.zh + " " + key, where_.en + " " + key});
        inner.check_keys(*t, kCitationKeys);
        Citation c;
        c.document = inner.optional_text(*t, "document");
        c.article = inner.optional_text(*t, "article");
        if (c.document.empty()) {
            fail_at(*t, make_note("{} 没有写 document；请写明出自哪部法规或规划，如 "
                                  "document = \"《中华人民共和国水污染防治法》\"",
                                  "{} has no document; name the regulation or plan it comes from, e.g. "
                                  "document = \"《中华人民共和国水污染防治法》\"",
                                  key));
        }
        return c;
    }

    const std::string& file() const { return file_; }
    const Note& where() const { return where_; }

private:
    std::string file_;
    Note where_;
};

void parse_list(const std::string& file, const toml::table& t, RuleList& out) {
    Reader r(file, both("[list]"));
    r.check_keys(t, kListKeys);
    out.name = r.required_text(t, "name", both("name = \"红寺堡区生态环境准入清单\""));
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
    if (!a) {
        fail(file, node.source(),
             {"categories 须写成 [[categories]] 表", "'categories' must be written as [[categories]] tables"});
    }
    std::map<std::string, int> seen;
    for (const auto& item : *a) {
        const toml::table* t = item.as_table();
        if (!t)
            fail(file, item.source(), {"[[categories]] 的每一项须是一个表", "[[categories]] entries must be tables"});
        Category c;
        c.line = static_cast<int>(t->source().begin.line);
        Reader r(file, both("[[categories]]"));
        r.check_keys(*t, kCategoryKeys);
        c.id = r.required_text(*t, "id", both("id = \"mining\""));
        const Reader named(file, make_note("类别“{}”", "category '{}'", c.id));
        if (!valid_category_id(c.id)) {
            named.fail_at(*t->get("id"), {"编号只能由小写字母、数字和“_”组成（如 \"pv_wind\"）；中文名称写在 name 中",
                                          "an id may hold only lower-case letters, digits and '_' "
                                          "(e.g. \"pv_wind\"); the Chinese name goes in name"});
        }
        if (auto [it, fresh] = seen.emplace(c.id, c.line); !fresh) {
            named.fail_at(*t->get("id"), make_note("类别编号“{}”声明了两次（第一次在第 {} 行）；每个类别须有自己的编号",
                                                   "category id '{}' is declared twice (first at line {}); "
                                                   "give each category its own id",
                                                   c.id, it->second));
        }
        c.name = named.required_text(*t, "name", both("name = \"<中文名称>\""));
        c.name_en = named.required_text(*t, "name_en", both("name_en = \"<English name>\""));
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
    const Note s = suggestion(id, known);
    r.fail_at(at, make_note("{1} 中有未知的类别“{0}”；{2}已有类别：{4}（新类别请在 [[categories]] 中声明）",
                            "unknown category '{0}' in {1}; {3}known: {4} (declare new ones as [[categories]])", id,
                            key, s.zh, s.en, list.known_categories()));
}

VectorRole zone_role(const Reader& r, const toml::node& at, const std::string& key, const Note& what) {
    const auto keys = zone_keys();
    for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) return rule_zone_roles()[i];
    }
    const Note s = suggestion(key, keys);
    r.fail_at(at, make_note("未知的{0}“{2}”；{3}可用的管控区：{5}", "unknown {1} '{2}'; {4}zones are: {5}", what.zh,
                            what.en, key, s.zh, s.en, joined(keys)));
}

Rule parse_rule(const std::string& file, const toml::table& t, const RuleList& list) {
    Rule rule;
    rule.line = static_cast<int>(t.source().begin.line);
    // Name the rule in every message once its id is known (even a typo'd key's).
    const auto early_id = t["id"].value<std::string>();
    Reader anon(file, early_id ? make_note("规则“{}”", "rule '{}'", *early_id) : both("[[rules]]"));
    anon.check_keys(t, kRuleKeys);
    rule.id = anon.required_text(t, "id", {"id = \"HX-01\"（在文件中唯一）", "id = \"HX-01\" (unique in the file)"});
    const Reader r(file, make_note("规则“{}”", "rule '{}'", rule.id));

    // zone and zone_values
    const toml::node* zone = t.get("zone");
    if (!zone) {
        r.fail_at(t, make_note("缺少 zone；请写 zone = \"redline\"（可用的管控区：{}）",
                               "'zone' is missing; add zone = \"redline\" (zones are: {})", joined(zone_keys())));
    }
    rule.zone = zone_role(r, *zone, r.text(*zone, "zone"), {"管控区", "zone"});
    if (const toml::node* zv = t.get("zone_values")) {
        const RoleSpec& spec = role_spec(rule.zone);
        if (spec.canonical_values.empty()) {
            r.fail_at(*zv, make_note("管控区“{}”没有编码值；请删去 zone_values（规则将适用于该管控区的全部要素）",
                                     "zone '{}' has no coded values; remove zone_values (the rule then applies "
                                     "to every feature of the zone)",
                                     rule.zone_key()));
        }
        rule.zone_values = r.text_list(*zv, "zone_values", "[\"" + spec.canonical_values.front() + "\"]");
        if (rule.zone_values.empty()) {
            r.fail_at(*zv, {"zone_values 为空；请列出取值，或删去该键以覆盖全部要素",
                            "zone_values is empty; list the values or remove the key to cover every feature"});
        }
        for (const auto& v : rule.zone_values) {
            if (!contains(spec.canonical_values, v)) {
                const Note s = suggestion(v, spec.canonical_values);
                r.fail_at(*zv, make_note("“{0}”不是管控区“{1}”的取值；{2}可用的值：{4}（即项目文件中 "
                                         "[layers.{1}.values] 的标准取值）",
                                         "'{0}' is not a value of zone '{1}'; {3}use one of: {4} (the canonical "
                                         "values of [layers.{1}.values] in the project file)",
                                         v, rule.zone_key(), s.zh, s.en, joined(spec.canonical_values)));
            }
        }
    }

    // condition and distance_m
    const toml::node* cond = t.get("condition");
    if (!cond) {
        r.fail_at(t, make_note("缺少 condition；请写 condition = \"intersects\"（或 {}）",
                               "'condition' is missing; add condition = \"intersects\" (or {})", joined(kConditions)));
    }
    const std::string c = r.text(*cond, "condition");
    if (c == "intersects") rule.condition = Condition::Intersects;
    else if (c == "within_distance") rule.condition = Condition::WithinDistance;
    else if (c == "outside") rule.condition = Condition::Outside;
    else {
        const Note s = suggestion(c, kConditions);
        r.fail_at(*cond,
                  make_note("无法识别的 condition“{0}”；{1}可用的值：{3}",
                            "condition '{0}' is unknown; {2}use one of: {3}", c, s.zh, s.en, joined(kConditions)));
    }
    const toml::node* dist = t.get("distance_m");
    if (rule.condition == Condition::WithinDistance) {
        if (!dist) {
            r.fail_at(t, {"condition \"within_distance\" 需要写 distance_m = <米数>，为正数，如 distance_m = 1000",
                          "condition \"within_distance\" needs distance_m = <metres>, "
                          "a positive number such as distance_m = 1000"});
        }
        auto d = dist->value<double>();
        // TOML writes inf and nan too: a distance must be a finite positive number of metres.
        if (!d || !std::isfinite(*d) || !(*d > 0) || *d > 100000) {
            r.fail_at(*dist, {"distance_m 须是不超过 100000 的正数（米），如 distance_m = 1000",
                              "distance_m must be a positive number of metres up to 100000, e.g. distance_m = 1000"});
        }
        rule.distance_m = *d;
    } else if (dist) {
        r.fail_at(*dist, make_note("distance_m 只用于 condition = \"within_distance\"；请删去它或修改 condition"
                                   "（现为 \"{}\"）",
                                   "distance_m is only used with condition = \"within_distance\"; remove it "
                                   "or change the condition (now \"{}\")",
                                   c));
    }

    // categories and except
    const toml::node* cats = t.get("categories");
    if (!cats) {
        r.fail_at(t, make_note("缺少 categories；请写 categories = [\"mining\"]，或用 [\"*\"] 表示全部类别（已有：{}）",
                               "'categories' is missing; add categories = [\"mining\"] or [\"*\"] "
                               "for every category (known: {})",
                               list.known_categories()));
    }
    rule.categories = r.text_list(*cats, "categories", "[\"mining\", \"pv_wind\"]");
    if (rule.categories.empty()) {
        r.fail_at(*cats, {"categories 为空；请写出类别，或用 [\"*\"] 表示全部",
                          "categories is empty; name the categories, or [\"*\"] for all"});
    }
    const bool all = contains(rule.categories, "*");
    if (all && rule.categories.size() > 1) {
        r.fail_at(*cats, {"\"*\" 已表示全部类别；请单独写 categories = [\"*\"]，要排除的类别写在 except = [...] 中",
                          "\"*\" already means every category; write categories = [\"*\"] alone and take "
                          "categories out with except = [...]"});
    }
    if (!all) {
        for (const auto& id : rule.categories) check_category(r, *cats, list, id, "categories");
    }
    if (const toml::node* ex = t.get("except")) {
        rule.except = r.text_list(*ex, "except", "[\"eco_restoration\"]");
        for (const auto& id : rule.except) {
            if (id == "*") {
                r.fail_at(*ex, {"except 不能写 \"*\"；请列出要排除的类别",
                                "except cannot be \"*\"; list the categories to take out"});
            }
            check_category(r, *ex, list, id, "except");
            if (!all && !contains(rule.categories, id)) {
                r.fail_at(*ex, make_note("except 中的“{}”不在 categories 之内；请删去",
                                         "except names '{}', which categories does not include; remove it", id));
            }
        }
    }

    // verdict, messages, requirement
    const toml::node* verdict = t.get("verdict");
    if (!verdict) {
        r.fail_at(t, {"缺少 verdict；请写 verdict = \"prohibited\"（或 \"restricted\"、\"allowed\"）",
                      "'verdict' is missing; add verdict = \"prohibited\" (or \"restricted\", \"allowed\")"});
    }
    const std::string v = r.text(*verdict, "verdict");
    if (v == "prohibited") rule.verdict = Verdict::Prohibited;
    else if (v == "restricted") rule.verdict = Verdict::Restricted;
    else if (v == "allowed") rule.verdict = Verdict::Allowed;
    else {
        const Note s = suggestion(v, kVerdicts);
        r.fail_at(*verdict,
                  make_note("无法识别的 verdict“{0}”；{1}可用的值：{3}", "verdict '{0}' is unknown; {2}use one of: {3}",
                            v, s.zh, s.en, joined(kVerdicts)));
    }
    rule.message = r.required_text(t, "message", both("message = \"<禁止或要求的内容>\""));
    rule.message_en = r.optional_text(t, "message_en");
    rule.requirement = r.optional_text(t, "requirement");
    rule.requirement_en = r.optional_text(t, "requirement_en");
    if (rule.verdict == Verdict::Restricted && rule.requirement.empty()) {
        r.fail_at(t, {"限制类规则需要写 requirement = \"<项目须满足的条件>\"，如 "
                      "\"确属无法避让、符合县级以上国土空间规划的线性基础设施\"",
                      "a restricted rule needs requirement = \"<the condition a project must meet>\", e.g. "
                      "\"确属无法避让、符合县级以上国土空间规划的线性基础设施\""});
    }
    if (rule.verdict != Verdict::Restricted && (t.get("requirement") || t.get("requirement_en"))) {
        const toml::node* at = t.get("requirement") ? t.get("requirement") : t.get("requirement_en");
        r.fail_at(*at, make_note("requirement 只用于限制类规则，而本规则是 {}；请把 verdict 改为 \"restricted\"，"
                                 "或把这段文字移到 message 中",
                                 "a requirement belongs to restricted rules, but this one is {}; change the "
                                 "verdict to \"restricted\" or move the text into message",
                                 verdict_key(rule.verdict)));
    }

    // citations
    const toml::node* cit = t.get("citation");
    if (!cit) {
        r.fail_at(t, {"没有 citation；每条规则都须写明出处：citation = { document = \"《…》\", article = \"第…条\" }",
                      "no citation; every rule must name where it comes from: "
                      "citation = { document = \"《…》\", article = \"第…条\" }"});
    }
    rule.citation = r.citation(*cit, "citation");
    if (const toml::node* also = t.get("see_also")) {
        const toml::array* a = also->as_array();
        if (!a) {
            r.fail_at(*also, {"see_also 须是列表：see_also = [{ document = \"…\", article = \"…\" }]",
                              "see_also must be a list: see_also = [{ document = \"…\", article = \"…\" }]"});
        }
        for (const auto& item : *a) rule.see_also.push_back(r.citation(item, "see_also"));
    }

    // precedence
    if (const toml::node* p = t.get("precedence")) {
        if (!p->is_integer() || *p->value<int64_t>() < 0 || *p->value<int64_t>() > 100) {
            r.fail_at(*p, {"precedence 须是不小于 0 的整数（0 = 一般规定，1 = 特别法）",
                           "precedence must be a whole number ≥ 0 (0 = ordinary, 1 = a special law)"});
        }
        rule.precedence = static_cast<int>(*p->value<int64_t>());
    }
    if (const toml::node* po = t.get("prevails_over")) {
        for (const auto& key : r.text_list(*po, "prevails_over", "[\"redline\"]")) {
            const VectorRole role = zone_role(r, *po, key, {"prevails_over 中的管控区", "zone in prevails_over"});
            if (role == rule.zone) {
                r.fail_at(*po, make_note("规则不能优先于它自己的管控区“{}”",
                                         "a rule cannot prevail over its own zone '{}'", key));
            }
            rule.prevails_over.push_back(role);
        }
        if (!rule.prevails_over.empty() && rule.precedence < 1) {
            r.fail_at(*po, {"使用 prevails_over 时，同一条规则须写 precedence = 1（或更高）",
                            "prevails_over needs precedence = 1 (or higher) on the same rule"});
        }
    } else if (rule.precedence > 0) {
        r.fail_at(*t.get("precedence"),
                  {"没有 prevails_over 时 precedence 不起作用；请加上 prevails_over = [\"redline\"]，"
                   "或删去 precedence",
                   "precedence sets nothing aside without prevails_over; add "
                   "prevails_over = [\"redline\"] or remove precedence"});
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
        throw make_error<IoError>(
            "{}：找不到规则文件；请给出规则 .toml 文件的路径（参见 sample_shapefiles/rules.toml 和 "
            "docs/rules-file.md）",
            "{}: rules file not found; give the path of a rules .toml file "
            "(see sample_shapefiles/rules.toml and docs/rules-file.md)",
            path);
    }
    RuleList list;
    list.file = fs::absolute(path).lexically_normal().string();
    toml::table root;
    try {
        root = toml::parse_file(list.file);
    } catch (const toml::parse_error& e) {
        throw make_error<DataError>("{} 第 {} 行：TOML 语法错误：{}", "{}:{}: TOML syntax error: {}", path,
                                    e.source().begin.line, e.description());
    }

    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (!contains(kSections, key)) {
            const Note s = suggestion(key, kSections);
            fail(path, v.source(),
                 make_note("未知的节“{0}”；{1}可用的节：[list]、[[categories]]、[[rules]]",
                           "unknown section '{0}'; {2}sections are: [list], [[categories]], [[rules]]", key, s.zh,
                           s.en));
        }
    }
    const toml::table* head = root["list"].as_table();
    if (!head) {
        throw make_error<DataError>("{}：没有 [list] 节；文件须以 [list] 和 name = \"…\" 开头",
                                    "{}: no [list] section; start the file with [list] and name = \"…\"", path);
    }
    parse_list(path, *head, list);

    const toml::node* cats = root.get("categories");
    if (!cats || !cats->as_array() || cats->as_array()->empty()) {
        throw make_error<DataError>("{}：没有 [[categories]]；规则用到的每个项目类别（id、name、name_en）须先声明",
                                    "{}: no [[categories]]; declare each project category (id, name, name_en) "
                                    "before the rules use it",
                                    path);
    }
    parse_categories(path, *cats, list);

    const toml::node* rules = root.get("rules");
    if (!rules || !rules->as_array() || rules->as_array()->empty()) {
        throw make_error<DataError>("{}：没有 [[rules]]；清单中至少要有一条规则",
                                    "{}: no [[rules]]; the list must hold at least one rule", path);
    }
    std::map<std::string, int> seen;
    for (const auto& item : *rules->as_array()) {
        const toml::table* t = item.as_table();
        if (!t) fail(path, item.source(), {"rules 须写成 [[rules]] 表", "'rules' must be written as [[rules]] tables"});
        Rule rule = parse_rule(path, *t, list);
        if (auto [it, fresh] = seen.emplace(rule.id, rule.line); !fresh) {
            fail(path, t->get("id")->source(),
                 make_note("规则编号“{}”用了两次（第一次在第 {} 行）；每条规则须有自己的编号",
                           "rule id '{}' is used twice (first at line {}); give each rule its own id", rule.id,
                           it->second));
        }
        list.rules.push_back(std::move(rule));
    }

    // A rule that prevails over a zone must outrank every rule of that zone.
    for (const auto& a : list.rules) {
        for (VectorRole zone : a.prevails_over) {
            for (const auto& b : list.rules) {
                if (b.zone != zone || b.precedence < a.precedence) continue;
                throw make_error<DataError>(
                    "{0} 第 {1} 行：规则“{2}”以 precedence {4} 优先于“{3}”，但该管控区的规则“{5}”（第 {6} 行）的 "
                    "precedence 为 {7}；请让“{2}”的 precedence 高于它所优先的每一条规则",
                    "{0}:{1}: rule '{2}': it prevails over '{3}' with precedence {4}, but rule '{5}' (line {6}) of "
                    "that "
                    "zone has precedence {7}; give '{2}' a higher precedence than every rule it prevails over",
                    path, a.line, a.id, role_key(zone), a.precedence, b.id, b.line, b.precedence);
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
