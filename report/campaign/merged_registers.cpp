#include "report/campaign/merged_registers.h"

#include "analysis/campaign/atomic_file.h"
#include "geo/errors.h"
#include "layers/vector_layer.h"
#include "layers/vector_writer.h"

#include <map>

namespace ecozone::report {

std::vector<std::string> csv_records(const std::string& text) {
    std::vector<std::string> out;
    size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    std::string record;
    bool quoted = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') quoted = !quoted;  // "" inside a quoted field toggles twice: no change
        if (!quoted && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out.push_back(std::move(record));
            record.clear();
            continue;
        }
        record += c;
    }
    if (!record.empty()) out.push_back(std::move(record));
    return out;
}

namespace {

// A county's name as a CSV field: quoted, and guarded as report/common/csv_table.h guards text
// (a leading = + - @ would be a formula in a spreadsheet).
std::string csv_field(const std::string& text) {
    std::string s = text;
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        s = "'" + s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string concatenated_csv(const std::vector<CountyFile>& files, const std::string& county_heading) {
    std::string out = "\xEF\xBB\xBF";
    std::string header;
    std::string header_file;
    for (const auto& f : files) {
        const std::vector<std::string> records = csv_records(analysis::campaign::read_text_file(f.path));
        if (records.empty()) {
            throw make_error<DataError>("{}：空文件；请重新运行该县的任务", "{}: empty; run the county's task again", f.path);
        }
        if (header_file.empty()) {
            header = records.front();
            header_file = f.path;
            out += (county_heading.empty() ? "" : csv_field(county_heading) + ",") + header + "\r\n";
        } else if (records.front() != header) {
            throw make_error<DataError>("{} 与 {} 的表头不同（不同语言或不同版本写出）；请用同一活动重新运行这两个任务",
                                        "{} and {} have different headers (written in another language or by another "
                                        "version): run both tasks again from one campaign",
                                        header_file, f.path);
        }
        for (size_t i = 1; i < records.size(); ++i) {
            if (records[i].empty()) continue;
            out += (county_heading.empty() ? "" : csv_field(f.county) + ",") + records[i] + "\r\n";
        }
    }
    return out;
}

std::size_t merge_patch_layers(const std::vector<CountyFile>& files, const std::string& out_path, int epsg,
                               const std::string& id_field, const geo::GeosContext& geos) {
    std::vector<layers::VectorLayer> read;
    layers::ReadOptions options;
    options.layer_name = "patches";
    options.target_crs = "EPSG:" + std::to_string(epsg);
    options.repair = false;  // the registers' own geometries, as the counties wrote them
    std::map<std::string, const CountyFile*> owner;  // patch id -> county
    for (const auto& f : files) {
        read.push_back(layers::read_vector(geos, f.path, options));
        const layers::VectorLayer& layer = read.back();
        const auto id = layer.field_index(id_field);
        if (!id) {
            throw make_error<DataError>("{}：图层 patches 没有编号字段 {}；请重新运行该县的 audit 任务",
                                        "{}: layer patches has no id field {}; run the county's audit task again",
                                        f.path, id_field);
        }
        for (const auto& feature : layer.features) {
            const std::string pid = layers::to_text(feature.attrs[*id]);
            const auto [it, fresh] = owner.emplace(pid, &f);
            if (!fresh) {
                throw make_error<DataError>(
                    "图斑编号 {0} 在 {1}（{2}）和 {3}（{4}）中都有：编号须全省唯一；请在其中一县项目的 [audit] 中改正 id_prefix（县代码）后重新运行该任务",
                    "patch id {0} is in both {1} ({2}) and {3} ({4}): ids must be unique in the province; correct "
                    "[audit] id_prefix (the county code) in one county's project and run its task again",
                    pid, it->second->county, it->second->path, f.county, f.path);
            }
        }
    }
    std::vector<layers::OutputField> fields;
    if (!read.empty()) {
        for (const auto& d : read.front().fields) {
            const auto type = d.type == layers::FieldType::Integer || d.type == layers::FieldType::Real
                                  ? d.type
                                  : layers::FieldType::String;
            fields.push_back({d.name, type, ""});
        }
    }
    std::vector<layers::OutputFeature> features;
    for (size_t k = 0; k < read.size(); ++k) {
        const auto& layer = read[k];
        if (layer.fields.size() != fields.size()) {
            throw make_error<DataError>("{} 与 {} 的字段不同；请用同一版本重新运行这两个 audit 任务",
                                        "{} and {} have different fields: run both audit tasks again with one version",
                                        files.front().path, files[k].path);
        }
        for (const auto& f : layer.features) {
            layers::OutputFeature o;
            o.geom = f.geom.get();
            for (size_t i = 0; i < fields.size(); ++i) {
                const auto& v = f.attrs[i];
                if (fields[i].type == layers::FieldType::String && !std::holds_alternative<std::string>(v) &&
                    !std::holds_alternative<std::monostate>(v))
                    o.values.push_back(layers::to_text(v));
                else
                    o.values.push_back(v);
            }
            features.push_back(std::move(o));
        }
    }
    layers::VectorWriter writer(out_path, "GPKG", epsg);
    writer.add_layer("patches", wkbMultiPolygon, fields, features, geos);
    writer.close();
    return features.size();
}

}  // namespace ecozone::report
