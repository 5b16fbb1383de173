#pragma once
// HTML from templates: report/templates/*.mustache, embedded in the library at build time (no
// file is read at run time), rendered with kainjow::mustache.  A value in double braces is always
// escaped with html_escape, so a page cannot forget to escape a name from the data; triple braces
// are for HTML a report built itself (SVG maps, fragments rendered by another template), never
// for data.  {{>name}} includes the embedded template `name` (e.g. {{>table}}), rendered with the
// data in scope there.
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ecozone::report {

using TemplateData = kainjow::mustache::data;

// The embedded templates by name ("page" for templates/page.mustache).
const std::map<std::string, std::string>& embedded_templates();

// Renders template `name` with `data`.  An unknown name, an unknown partial or a template that
// does not parse is a programming error: std::logic_error naming it and mustache's message.
std::string render_template(const std::string& name, const TemplateData& data);

// Renders templates many times over (a batch's thousand site sections): each is parsed once, its
// partials written in at parse time (mustache would parse a partial again at every inclusion).
// Rendering keeps per-template state, so a renderer belongs to one thread; render_template is
// a renderer used once.
class TemplateRenderer {
public:
    TemplateRenderer();
    ~TemplateRenderer();
    TemplateRenderer(const TemplateRenderer&) = delete;
    TemplateRenderer& operator=(const TemplateRenderer&) = delete;

    std::string render(const std::string& name, const TemplateData& data);

private:
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
};

// Sets `key` to `text` and "has_<key>" to whether it is non-empty: mustache counts an empty
// string as true, so a template shows optional text with {{#has_key}}…{{key}}…{{/has_key}}.
void set_optional(TemplateData& d, const std::string& key, const std::string& text);

// A list of strings, each rendered as {{.}} inside {{#key}}…{{/key}}.
TemplateData string_list(const std::vector<std::string>& items);

// kainjow's set() and push_back() copy the whole subtree they are given: a batch's site sections
// (tables of many rows, 15 kB maps) would be copied twice over before rendering.  These move it.
void put(TemplateData& object, const std::string& key, TemplateData&& value);
void append(TemplateData& list, TemplateData&& item);

// Large HTML a report rendered itself (a batch page's hundred site sections, 3 MB) kept out of
// mustache, which copies a value several times over on its way into a page: the template renders
// a short placeholder for each fragment, and splice() writes the fragments in, in one pass.  The
// placeholder is an HTML tag, which no value in double braces can produce ('<' is escaped), and
// splice() refuses a placeholder out of order, so a fragment lands where its template put it or
// the page is not written.  The fragments are referenced, not copied: they must outlive splice().
class HtmlFragments {
public:
    // The placeholder to render with triple braces in place of `html`.
    std::string placeholder(const std::string& html);
    // A list of placeholders for {{#key}}{{{.}}}{{/key}}, one per fragment of `html`.
    TemplateData placeholders(const std::vector<std::string>& html);
    // A temporary would be gone before splice(): refused at compile time.
    std::string placeholder(const std::string&& html) = delete;
    TemplateData placeholders(const std::vector<std::string>&& html) = delete;
    // `rendered` with every placeholder replaced by its fragment.
    std::string splice(const std::string& rendered) const;

private:
    std::vector<const std::string*> items_;
};

}  // namespace ecozone::report
