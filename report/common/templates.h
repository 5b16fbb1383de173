#pragma once
// HTML from templates: report/templates/*.mustache, embedded in the library at build time (no
// file is read at run time), rendered with kainjow::mustache.  A value in double braces is always
// escaped with html_escape, so a page cannot forget to escape a name from the data; triple braces
// are for HTML a report built itself (SVG maps, fragments rendered by another template), never
// for data.  {{>name}} includes the embedded template `name` (e.g. {{>table}}), rendered with the
// data in scope there.
#include <kainjow/mustache.hpp>

#include <map>
#include <string>
#include <vector>

namespace ecozone::report {

using TemplateData = kainjow::mustache::data;

// The embedded templates by name ("page" for templates/page.mustache).
const std::map<std::string, std::string>& embedded_templates();

// Renders template `name` with `data`.  An unknown name, an unknown partial or a template that
// does not parse is a programming error: std::logic_error naming it and mustache's message.
std::string render_template(const std::string& name, const TemplateData& data);

// Sets `key` to `text` and "has_<key>" to whether it is non-empty: mustache counts an empty
// string as true, so a template shows optional text with {{#has_key}}…{{key}}…{{/has_key}}.
void set_optional(TemplateData& d, const std::string& key, const std::string& text);

// A list of strings, each rendered as {{.}} inside {{#key}}…{{/key}}.
TemplateData string_list(const std::vector<std::string>& items);

}  // namespace ecozone::report
