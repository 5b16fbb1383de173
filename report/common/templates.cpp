#include "report/common/templates.h"

#include "report/common/html_util.h"

#include <stdexcept>
#include <string_view>

namespace ecozone::report {

namespace {

// A template's text with every {{>name}} replaced by the embedded template `name`, itself with
// its partials written in (mustache renders a partial in the including context, so writing it in
// renders the same).  Partials come from the embedded templates only: kainjow would also look
// them up in the data, so that a value named like a partial would be rendered as a template;
// here no value can ever become template code.
std::string with_partials(const std::string& name, const std::map<std::string, std::string>& all, int depth) {
    const auto it = all.find(name);
    if (it == all.end()) throw std::logic_error("no report template named '" + name + "'");
    if (depth > 8) throw std::logic_error("report template '" + name + "': partials nested too deep (a cycle?)");
    const std::string& text = it->second;
    std::string out;
    size_t pos = 0;
    for (size_t open; (open = text.find("{{>", pos)) != std::string::npos;) {
        const size_t close = text.find("}}", open);
        if (close == std::string::npos) throw std::logic_error("report template '" + name + "': unclosed {{>");
        std::string partial = text.substr(open + 3, close - open - 3);
        partial.erase(0, partial.find_first_not_of(' '));
        partial.erase(partial.find_last_not_of(' ') + 1);
        if (!all.count(partial)) {
            throw std::logic_error("no report template named '" + partial + "' (a partial of '" + name + "')");
        }
        out.append(text, pos, open - pos);
        out += with_partials(partial, all, depth + 1);
        pos = close + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

// Every embedded template with its partials written in, made once.
const std::map<std::string, std::string>& expanded_templates() {
    static const std::map<std::string, std::string> expanded = [] {
        std::map<std::string, std::string> out;
        for (const auto& [name, text] : embedded_templates()) out.emplace(name, with_partials(name, embedded_templates(), 0));
        return out;
    }();
    return expanded;
}

// No partial is left to look up; one that somehow were is refused rather than taken from the data.
class NoPartials : public kainjow::mustache::context<std::string> {
public:
    explicit NoPartials(const TemplateData* data) : kainjow::mustache::context<std::string>(data) {}
    const TemplateData* get_partial(const std::string& name) const override {
        throw std::logic_error("report template partial '" + name + "' was not written in");
    }
};

}  // namespace

TemplateRenderer::TemplateRenderer() = default;
TemplateRenderer::~TemplateRenderer() = default;

std::string TemplateRenderer::render(const std::string& name, const TemplateData& data) {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) {
        const auto& all = expanded_templates();
        const auto text = all.find(name);
        if (text == all.end()) throw std::logic_error("no report template named '" + name + "'");
        auto tmpl = std::make_unique<kainjow::mustache::mustache>(text->second);
        if (!tmpl->is_valid()) throw std::logic_error("report template '" + name + "': " + tmpl->error_message());
        // The reports' own escaping (also ' as &#39;), the same as every hand-built table.
        tmpl->set_custom_escape([](const std::string& s) { return html_escape(s); });
        it = parsed_.emplace(name, std::move(tmpl)).first;
    }
    kainjow::mustache::mustache& tmpl = *it->second;
    NoPartials context(&data);
    std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) {
        const std::string message = tmpl.error_message();
        parsed_.erase(it);  // its error state would stay with it
        throw std::logic_error("report template '" + name + "': " + message);
    }
    return out;
}

std::string render_template(const std::string& name, const TemplateData& data) {
    return TemplateRenderer().render(name, data);
}

void set_optional(TemplateData& d, const std::string& key, const std::string& text) {
    d.set(key, text);
    d.set("has_" + key, !text.empty());
}

TemplateData string_list(const std::vector<std::string>& items) {
    TemplateData list{TemplateData::type::list};
    for (const auto& s : items) append(list, TemplateData(s));
    return list;
}

void put(TemplateData& object, const std::string& key, TemplateData&& value) {
    if (!object.is_object()) throw std::logic_error("template data: put '" + key + "' into a non-object");
    object[key] = std::move(value);
}

void append(TemplateData& list, TemplateData&& item) {
    if (!list.is_list()) throw std::logic_error("template data: append to a non-list");
    // list_value() is the list this object owns (never a const object): growing it in place is
    // what push_back does, minus the copy.
    const_cast<kainjow::mustache::list&>(list.list_value()).push_back(std::move(item));
}

namespace {
constexpr std::string_view kFragmentOpen = "<ecozone-fragment n=\"";
constexpr std::string_view kFragmentClose = "\"/>";
}  // namespace

std::string HtmlFragments::placeholder(const std::string& html) {
    items_.push_back(&html);
    return std::string(kFragmentOpen) + std::to_string(items_.size() - 1) + std::string(kFragmentClose);
}

TemplateData HtmlFragments::placeholders(const std::vector<std::string>& html) {
    TemplateData list{TemplateData::type::list};
    for (const auto& h : html) append(list, TemplateData(placeholder(h)));
    return list;
}

std::string HtmlFragments::splice(const std::string& rendered) const {
    // Where each placeholder is, checked in order, before anything is copied.
    std::vector<std::pair<size_t, size_t>> spans;  // [begin, end) of placeholder k in `rendered`
    size_t total = rendered.size();
    for (size_t from = 0, k = 0;; ++k) {
        const size_t at = rendered.find(kFragmentOpen, from);
        if (at == std::string::npos) {
            if (k != items_.size()) {
                throw std::logic_error("HtmlFragments: " + std::to_string(items_.size() - k) +
                                       " fragment(s) not placed by the template");
            }
            break;
        }
        const std::string expected = std::to_string(k) + std::string(kFragmentClose);
        if (k >= items_.size() || rendered.compare(at + kFragmentOpen.size(), expected.size(), expected) != 0) {
            throw std::logic_error("HtmlFragments: placeholder " + std::to_string(k) + " missing or out of order");
        }
        const size_t end = at + kFragmentOpen.size() + expected.size();
        spans.emplace_back(at, end);
        total += items_[k]->size() - (end - at);
        from = end;
    }
    std::string out;
    out.reserve(total);
    size_t copied = 0;
    for (size_t k = 0; k < spans.size(); ++k) {
        out.append(rendered, copied, spans[k].first - copied);
        out += *items_[k];
        copied = spans[k].second;
    }
    out.append(rendered, copied, std::string::npos);
    return out;
}

}  // namespace ecozone::report
