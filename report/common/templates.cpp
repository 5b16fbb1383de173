#include "report/common/templates.h"

#include "report/common/html_util.h"

#include <stdexcept>

namespace ecozone::report {

namespace {

// Partials come from the embedded templates only.  kainjow's own context would also look them
// up in the data, so that a value from the data named like a partial would be rendered as a
// template; here no value can ever become template code.
class EmbeddedPartials : public kainjow::mustache::context<std::string> {
public:
    explicit EmbeddedPartials(const TemplateData* data) : kainjow::mustache::context<std::string>(data) {}

    const TemplateData* get_partial(const std::string& name) const override {
        static const std::map<std::string, TemplateData> partials = [] {
            std::map<std::string, TemplateData> all;
            for (const auto& [n, text] : embedded_templates()) all.emplace(n, TemplateData(text));
            return all;
        }();
        const auto it = partials.find(name);
        if (it == partials.end()) throw std::logic_error("no report template named '" + name + "' (a partial)");
        return &it->second;
    }
};

}  // namespace

std::string render_template(const std::string& name, const TemplateData& data) {
    const auto& all = embedded_templates();
    const auto it = all.find(name);
    if (it == all.end()) throw std::logic_error("no report template named '" + name + "'");
    kainjow::mustache::mustache tmpl(it->second);
    if (!tmpl.is_valid()) throw std::logic_error("report template '" + name + "': " + tmpl.error_message());
    // The reports' own escaping (also ' as &#39;), the same as every hand-built table.
    tmpl.set_custom_escape([](const std::string& s) { return html_escape(s); });
    EmbeddedPartials context(&data);
    std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) throw std::logic_error("report template '" + name + "': " + tmpl.error_message());
    return out;
}

void set_optional(TemplateData& d, const std::string& key, const std::string& text) {
    d.set(key, text);
    d.set("has_" + key, !text.empty());
}

TemplateData string_list(const std::vector<std::string>& items) {
    TemplateData list{TemplateData::type::list};
    for (const auto& s : items) list.push_back(TemplateData(s));
    return list;
}

}  // namespace ecozone::report
