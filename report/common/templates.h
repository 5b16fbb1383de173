#pragma once
// HTML from templates: report/templates/*.mustache, embedded in the library at build time (no
// file is read at run time), rendered with kainjow::mustache.  A value in double braces is always
// escaped with html_escape, so a page cannot forget to escape a name from the data; triple braces
// are for HTML a report built itself (tables, SVG maps), never for data.
#include <kainjow/mustache.hpp>

#include <map>
#include <string>

namespace ecozone::report {

using TemplateData = kainjow::mustache::data;

// The embedded templates by name ("page" for templates/page.mustache).
const std::map<std::string, std::string>& embedded_templates();

// Renders template `name` with `data`.  An unknown name or a template that does not parse is a
// programming error: std::logic_error naming it and mustache's message.
std::string render_template(const std::string& name, const TemplateData& data);

}  // namespace ecozone::report
