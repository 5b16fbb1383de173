#include "report/common/templates.h"

#include "report/common/html_util.h"

#include <stdexcept>

namespace ecozone::report {

std::string render_template(const std::string& name, const TemplateData& data) {
    const auto& all = embedded_templates();
    const auto it = all.find(name);
    if (it == all.end()) throw std::logic_error("no report template named '" + name + "'");
    kainjow::mustache::mustache tmpl(it->second);
    if (!tmpl.is_valid()) throw std::logic_error("report template '" + name + "': " + tmpl.error_message());
    // The reports' own escaping (also ' as &#39;), the same as every hand-built table.
    tmpl.set_custom_escape([](const std::string& s) { return html_escape(s); });
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) throw std::logic_error("report template '" + name + "': " + tmpl.error_message());
    return out;
}

}  // namespace ecozone::report
