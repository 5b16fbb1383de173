#include "serve/uploaded_sites.h"

#include "geo/errors.h"
#include "layers/site_input.h"
#include "layers/vector_layer.h"
#include "serve/temp_dir.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

namespace ecozone::serve {

namespace {

using layers::Note;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string extension_of(const std::string& name) {
    const size_t dot = name.rfind('.');
    return dot == std::string::npos ? "" : lower(name.substr(dot));
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

// Messages of the readers name the file they read: the temporary one.  A planner knows it by the
// name they uploaded, and a temporary path tells a caller nothing it should know.
class Renamer {
public:
    Renamer(const std::filesystem::path& dir, Note shown) : dir_(dir.string()), shown_(std::move(shown)) {}
    Renamer(const std::filesystem::path& dir, const std::string& shown) : Renamer(dir, Note{shown, shown}) {}
    std::string operator()(std::string text, bool en) const {
        const std::string& shown = en ? shown_.en : shown_.zh;
        // Longest first, so that a shorter form does not leave part of a longer one behind.
        replace_all(text, "/vsizip/" + dir_ + "/upload.zip/", shown + ": ");
        replace_all(text, "/vsizip/" + dir_ + "/upload.zip", shown);
        for (const char* name : {"upload.zip", "upload.geojson", "upload.kml", "upload.csv", "upload.txt"}) {
            replace_all(text, dir_ + "/" + name, shown);
        }
        replace_all(text, dir_, shown);
        return text;
    }
    Note operator()(const Note& n) const { return {(*this)(n.zh, false), (*this)(n.en, true)}; }

private:
    std::string dir_;
    Note shown_;
};

void add_inputs(std::vector<layers::SiteInput> inputs, GeojsonSites& out) {
    for (auto& in : inputs) {
        analysis::SiteSpec s;
        s.id = in.id;
        s.name = in.name.empty() ? in.id : in.name;
        s.category = in.category;
        s.notes = in.notes;
        s.source = in.source;
        s.unusable = in.unusable;
        s.geom = in.geom.get();
        out.geoms.push_back(std::move(in.geom));
        out.specs.push_back(std::move(s));
    }
}

std::optional<size_t> first_field(const layers::VectorLayer& l, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        if (auto i = l.field_index(n)) return i;
    }
    return std::nullopt;
}

// A vector layer's features as sites, with the field names `ecozone screen --sites` looks for (the
// project's own [layers.sites] field names first).  A feature without a usable geometry is listed as
// not screenable, never dropped.
void add_vector_layer(const geo::GeosContext& geos, const layers::VectorLayer& l, const layers::Catalogue& c,
                      const std::string& shown, GeojsonSites& out) {
    auto field = [&](const char* key, std::initializer_list<const char*> usual) {
        if (auto name = c.project.field(layers::VectorRole::Sites, key)) {
            if (auto i = l.field_index(*name)) return std::optional<size_t>(i);
        }
        return first_field(l, usual);
    };
    const auto id = field("id_field", {"XMBH", "BH", "id", "编号"});
    const auto name = field("name_field", {"XMMC", "name", "名称", "项目名称", "MC"});
    const auto category = field("industry_field", {"HYLB", "category", "industry", "行业类别"});
    const auto type = field("type_field", {"XMLX", "type", "项目类型"});
    const bool reprojected = l.source_crs.epsg && l.working_crs != fmt::format("EPSG:{}", *l.source_crs.epsg);
    auto spec_of = [&](const layers::Feature& f) {
        analysis::SiteSpec s;
        s.id = id ? layers::to_text(f.attrs[*id]) : fmt::format("{}", f.fid);
        s.name = name ? layers::to_text(f.attrs[*name]) : s.id;
        if (s.name.empty()) s.name = s.id;
        if (category) s.category = layers::to_text(f.attrs[*category]);
        if (type) s.type_label = layers::to_text(f.attrs[*type]);
        s.source = fmt::format("{} fid {}", shown, f.fid);
        return s;
    };
    std::vector<std::pair<std::int64_t, analysis::SiteSpec>> specs;
    std::vector<std::pair<std::int64_t, geo::GeomPtr>> geoms;
    for (const auto& f : l.features) {
        analysis::SiteSpec s = spec_of(f);
        if (reprojected) {
            s.notes.push_back(layers::make_note("坐标系已从 EPSG:{}（{}）重投影至 {}", "reprojected from EPSG:{} ({}) to {}",
                                                *l.source_crs.epsg, l.source_crs.name, l.working_crs));
        }
        out.geoms.push_back(geos.clone(f.geom.get()));
        s.geom = out.geoms.back().get();
        specs.emplace_back(f.fid, std::move(s));
    }
    for (const auto& f : l.skipped) {
        analysis::SiteSpec s = spec_of(f);
        s.unusable = layers::make_note("{}：图形为空或面积为零；请检查坐标", "{}: the geometry is empty or has no area; check "
                                       "its coordinates", s.source);
        specs.emplace_back(f.fid, std::move(s));
    }
    std::stable_sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [fid, s] : specs) out.specs.push_back(std::move(s));
}

// The rules file's category for a person's word, through the project's [layers.sites.values] map.
void resolve_categories(GeojsonSites& sites, const std::string& given, const layers::Catalogue& c,
                        const layers::RuleList& rules) {
    const layers::VectorLayerSpec* spec = c.project.vector(layers::VectorRole::Sites);
    for (analysis::SiteSpec& s : sites.specs) {
        std::string word = given.empty() ? s.category : given;
        if (word.empty()) {
            if (!s.unusable.en.empty()) continue;
            throw make_error<UsageError>("选址“{}”没有项目类别；请选择项目类别（已有：{}）",
                                         "site '{}' has no project category; choose one (known: {})", s.id,
                                         rules.known_categories());
        }
        if (spec) {
            if (auto it = spec->values.find(word); it != spec->values.end()) word = it->second;
        }
        const layers::Category* cat = rules.resolve_category(word);
        if (!cat) {
            throw make_error<UsageError>("选址“{}”：无法识别的项目类别“{}”；请写规则文件中的类别编号或名称：{}",
                                         "site '{}': unknown project category '{}'; give an id or a name of the rules "
                                         "file: {}",
                                         s.id, given.empty() ? s.category : given, rules.known_categories());
        }
        s.category = cat->id;
    }
    if (sites.specs.empty()) throw UsageError("没有找到选址", "no sites found");
}

std::optional<int> working_epsg(const layers::Catalogue& c) {
    if (c.working.epsg > 0) return c.working.epsg;
    return std::nullopt;
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
        throw make_error<IoError>("无法写入临时文件 {}", "cannot write the temporary file {}", path.string());
    }
}

// True when the pasted text is Gauss-Krüger metres: a number too large to be degrees and no DMS mark.
bool looks_projected(const std::vector<std::string>& tokens) {
    for (const std::string& t : tokens) {
        if (auto v = layers::site_detail::parse_number(t); v && std::fabs(*v) > 360) return true;
    }
    return false;
}

std::vector<std::string> tokens_of(const std::string& text) {
    std::string plain = layers::site_detail::ascii_punctuation(text);
    for (char& ch : plain) {
        if (ch == ',' || ch == ';' || ch == '\t' || ch == '\r' || ch == '\n') ch = ' ';
    }
    std::vector<std::string> out;
    for (const std::string& t : layers::site_detail::split(plain, ' ')) {
        if (!layers::site_detail::trim(t).empty()) out.push_back(layers::site_detail::trim(t));
    }
    return out;
}

// Pasted X/Y pairs as a one-parcel boundary-point file: the reader of 界址点 files then decides the
// zone (prefix on Y, else the project's), swapped axes and closing, exactly as for a county's file.
std::string boundary_file_of(const std::vector<double>& numbers, const std::string& name) {
    std::string safe = name.empty() ? "粘贴坐标" : name;
    std::replace_if(safe.begin(), safe.end(), [](char ch) { return ch == ',' || ch == '\n' || ch == '\r' || ch == '@'; }, ' ');
    std::string text = "[属性描述]\n坐标系=2000国家大地坐标系\n计量单位=米\n[地块坐标]\n";
    text += fmt::format("{},,site-1,{},面,,,,@\n", numbers.size() / 2, safe);
    for (size_t i = 0; i + 1 < numbers.size(); i += 2) {
        text += fmt::format("J{},1,{:.4f},{:.4f}\n", i / 2 + 1, numbers[i], numbers[i + 1]);
    }
    return text;
}

// The shapefile inside an uploaded zip, as a GDAL /vsizip/ path: read as the CLI reads a .shp (our
// own encoding detection), from inside the archive — nothing is extracted to disk.
std::string shapefile_in_zip(const std::filesystem::path& zip, const std::string& shown) {
    const std::string root = "/vsizip/" + zip.string();
    const std::unique_ptr<char*, decltype(&CSLDestroy)> entries(VSIReadDirRecursive(root.c_str()), &CSLDestroy);
    std::vector<std::string> shps;
    for (char** e = entries.get(); e && *e; ++e) {
        if (extension_of(*e) == ".shp") shps.emplace_back(*e);
    }
    if (shps.empty()) {
        throw make_error<UsageError>("{}：压缩包中没有 Shapefile（.shp），或压缩包已损坏；请把 .shp、.shx、.dbf、.prj 一起压缩后上传",
                                     "{}: the zip holds no shapefile (.shp), or it is damaged; zip the .shp, .shx, "
                                     ".dbf and .prj together and upload that",
                                     shown);
    }
    if (shps.size() > 1) {
        throw make_error<UsageError>("{}：压缩包中有 {} 个 Shapefile；请每次上传一个", "{}: the zip holds {} shapefiles; "
                                     "upload one at a time",
                                     shown, shps.size());
    }
    return root + "/" + shps.front();
}

}  // namespace

std::string display_name(const std::string& filename) {
    std::string base = filename;
    const size_t slash = base.find_last_of("/\\");
    if (slash != std::string::npos) base = base.substr(slash + 1);
    std::string out;
    for (unsigned char ch : base) {
        if (ch >= 0x20 && ch != 0x7f) out += static_cast<char>(ch);
    }
    if (out.size() > 80) {
        size_t cut = 80;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out.empty() ? "upload" : out;
}

GeojsonSites read_pasted_coordinates(const geo::GeosContext& geos, const std::string& text, const std::string& category,
                                     const std::string& name, const layers::Catalogue& catalogue,
                                     const layers::RuleList& rules) {
    if (category.empty()) {
        throw make_error<UsageError>("请选择项目类别（已有：{}）", "choose the project category (known: {})",
                                     rules.known_categories());
    }
    layers::SiteParseOptions parse;
    parse.working_crs = catalogue.working.definition;
    GeojsonSites out;
    const std::vector<std::string> tokens = tokens_of(text);
    if (!looks_projected(tokens)) {
        add_inputs(layers::parse_coordinate_list(geos, text, parse), out);
    } else {
        std::vector<double> numbers;
        for (const std::string& t : tokens) {
            if (auto v = layers::site_detail::parse_number(t)) numbers.push_back(*v);  // point names ("J1") skipped
        }
        if (numbers.size() % 2 != 0) {
            throw make_error<UsageError>("粘贴的高斯坐标有 {} 个数，是奇数——每个点须有 X（北坐标）和 Y（东坐标）",
                                         "the pasted Gauss-Krüger coordinates hold {} numbers, an odd count: every "
                                         "point needs X (northing) and Y (easting)",
                                         numbers.size());
        }
        if (numbers.size() < 6) {
            throw make_error<UsageError>("粘贴的高斯坐标只有 {} 个点；高斯坐标按一个地块的边界读取，至少需要 3 个点（X,Y）",
                                         "the pasted Gauss-Krüger coordinates hold {} point(s); they are read as one "
                                         "parcel's boundary, which needs at least 3 points (X,Y)",
                                         numbers.size() / 2);
        }
        parse.default_epsg = working_epsg(catalogue);
        TempDir dir;
        const auto file = dir.path() / "upload.txt";
        write_file(file, boundary_file_of(numbers, name));
        const Renamer rename(dir.path(), Note{"粘贴的坐标", "the pasted coordinates"});
        try {
            add_inputs(layers::read_boundary_point_file(geos, file.string(), parse), out);
        } catch (const Error& e) {
            throw UsageError(rename(e.text(false), false), rename(e.text(true), true));
        }
        for (auto& s : out.specs) {
            s.source = "pasted coordinates";
            for (auto& n : s.notes) n = rename(n);
        }
    }
    for (auto& s : out.specs) {
        if (!name.empty()) s.name = name;
    }
    resolve_categories(out, category, catalogue, rules);
    return out;
}

GeojsonSites read_uploaded_sites(const geo::GeosContext& geos, const std::string& filename, const std::string& content,
                                 const std::string& category, const layers::Catalogue& catalogue,
                                 const layers::RuleList& rules) {
    const std::string shown = display_name(filename);
    std::string ext = extension_of(shown);
    if (ext == ".json") ext = ".geojson";
    static const std::map<std::string, const char*> kKinds = {
        {".zip", "upload.zip"}, {".geojson", "upload.geojson"}, {".kml", "upload.kml"},
        {".csv", "upload.csv"}, {".txt", "upload.txt"}};
    const auto kind = kKinds.find(ext);
    if (kind == kKinds.end()) {
        throw make_error<UsageError>("{}：无法作为选址读取；请上传界址点坐标文件（.txt）、WKT 坐标 CSV（.csv）、GeoJSON、KML "
                                     "或压缩的 Shapefile（.zip）",
                                     "{}: cannot be read as sites; upload a boundary-point file (.txt), a CSV of WKT "
                                     "(.csv), GeoJSON, KML or a zipped shapefile (.zip)",
                                     shown);
    }
    if (content.empty()) throw make_error<UsageError>("{}：文件为空", "{}: the file is empty", shown);
    TempDir dir;
    const auto file = dir.path() / kind->second;  // a fixed name: the uploaded one never becomes a path
    write_file(file, content);
    const Renamer rename(dir.path(), shown);
    layers::SiteParseOptions parse;
    parse.working_crs = catalogue.working.definition;
    parse.default_epsg = working_epsg(catalogue);
    GeojsonSites out;
    try {
        if (ext == ".txt") {
            add_inputs(layers::read_boundary_point_file(geos, file.string(), parse), out);
        } else if (ext == ".csv") {
            add_inputs(layers::read_wkt_csv(geos, file.string(), parse), out);
        } else {
            std::string source = file.string();
            if (ext == ".zip") source = shapefile_in_zip(file, shown);
            layers::ReadOptions ro;
            ro.target_crs = catalogue.working.definition;
            const layers::VectorLayer l = layers::read_vector(geos, source, ro);
            add_vector_layer(geos, l, catalogue, shown, out);
        }
    } catch (const Error& e) {
        throw UsageError(rename(e.text(false), false), rename(e.text(true), true));
    }
    for (auto& s : out.specs) {
        s.source = rename(s.source, true);
        for (auto& n : s.notes) n = rename(n);
        s.unusable = rename(s.unusable);
    }
    resolve_categories(out, category, catalogue, rules);
    return out;
}

}  // namespace ecozone::serve
