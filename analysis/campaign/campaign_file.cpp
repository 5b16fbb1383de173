#include "analysis/campaign/campaign_file.h"

#include "analysis/change_tiles.h"

#include "geo/errors.h"
#include "layers/toml_util.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;
using layers::joined;
using layers::make_note;
using layers::Note;
using layers::toml_fail;

const std::vector<std::string>& known_jobs() {
    static const std::vector<std::string> jobs = {"indicators", "screen", "audit"};
    return jobs;
}

namespace {

std::string string_value(const std::string& file, const toml::node& v, const std::string& key) {
    if (auto s = v.value<std::string>()) return *s;
    toml_fail(file, v.source(), make_note("“{0}”须是带引号的文字，如 {0} = \"…\"", "'{0}' must be a quoted string: {0} = \"…\"", key));
}

// A path of the campaign file, absolute and normalised, so that the same county named two ways
// ("a/../b.toml", "b.toml") is recognised as one.
std::string resolve(const Campaign& c, const std::string& path) {
    const fs::path p(path);
    return (p.is_absolute() ? p : fs::path(c.dir) / p).lexically_normal().string();
}

void require_file(const std::string& file, const toml::node& where, const std::string& path, const std::string& key) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        toml_fail(file, where.source(),
                  make_note("{0} = \"{1}\"：找不到文件 {1}；路径相对于活动文件所在的文件夹，请改正路径或删去这一项",
                            "{0} = \"{1}\": no such file {1}; paths are relative to the campaign file's folder: "
                            "correct the path or remove the entry",
                            key, path));
    }
}

void read_jobs(const std::string& file, const toml::node& v, Campaign& c) {
    const toml::array* jobs = v.as_array();
    if (!jobs) {
        toml_fail(file, v.source(),
                  make_note("jobs 须是作业名的列表，如 jobs = [\"indicators\", \"screen\", \"audit\"]",
                            "jobs must be a list of job names: jobs = [\"indicators\", \"screen\", \"audit\"]"));
    }
    for (const auto& j : *jobs) {
        const std::string job = string_value(file, j, "jobs");
        if (std::find(known_jobs().begin(), known_jobs().end(), job) == known_jobs().end()) {
            const Note s = layers::suggestion(job, known_jobs());
            toml_fail(file, j.source(),
                      make_note("未知的作业“{0}”；{1}可用的作业：{3}", "unknown job '{0}'; {2}jobs are: {3}", job, s.zh,
                                s.en, joined(known_jobs())));
        }
        if (std::find(c.jobs.begin(), c.jobs.end(), job) != c.jobs.end()) {
            toml_fail(file, j.source(),
                      make_note("作业“{0}”写了两次；每个作业只写一次", "job '{0}' is listed twice; list each job once", job));
        }
        c.jobs.push_back(job);
    }
}

void read_county(const std::string& file, const toml::node& v, Campaign& c) {
    const toml::table* t = v.as_table();
    if (!t) toml_fail(file, v.source(), {"[[county]] 须是表", "[[county]] must be a table"});
    CountyEntry e;
    const toml::node* project = nullptr;
    for (const auto& [k, x] : *t) {
        const std::string key(k.str());
        if (key == "project") {
            e.project = resolve(c, string_value(file, x, key));
            require_file(file, x, e.project, key);
            project = &x;
        } else if (key == "sites") {
            e.sites = resolve(c, string_value(file, x, key));
            require_file(file, x, *e.sites, key);
        } else {
            const std::vector<std::string> known = {"project", "sites"};
            const Note s = layers::suggestion(key, known);
            toml_fail(file, x.source(),
                      make_note("[[county]]：未知的键“{0}”；{1}可用的键：{3}", "[[county]]: unknown key '{0}'; {2}keys are: {3}",
                                key, s.zh, s.en, joined(known)));
        }
    }
    if (!project) {
        toml_fail(file, v.source(),
                  {"[[county]] 缺少 project：请写 project = \"县/项目.toml\"",
                   "[[county]] has no project: write project = \"county/project.toml\""});
    }
    c.counties.push_back(std::move(e));
}

void read_folder(const std::string& file, const toml::node& v, Campaign& c) {
    const std::string folder = resolve(c, string_value(file, v, "counties"));
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        toml_fail(file, v.source(),
                  make_note("counties = \"{0}\"：找不到文件夹 {0}；请给出存放各县项目文件（*.toml）的文件夹",
                            "counties = \"{0}\": no such folder {0}; give the folder holding the county project "
                            "files (*.toml)",
                            folder));
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
            found.push_back(entry.path().lexically_normal().string());
        }
    }
    if (found.empty()) {
        toml_fail(file, v.source(),
                  make_note("counties = \"{0}\"：文件夹中没有 *.toml 项目文件", "counties = \"{0}\": the folder holds no *.toml project file",
                            folder));
    }
    // Sorted: the task numbers must not depend on the order the file system lists them in.
    std::sort(found.begin(), found.end());
    for (auto& f : found) c.counties.push_back({std::move(f), std::nullopt});
}

}  // namespace

Campaign load_campaign(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw make_error<IoError>("{}：找不到活动文件；请给出 .toml 活动文件的路径（参见 docs/campaign.md）",
                                  "{}: campaign file not found; give the path of a .toml campaign file (see "
                                  "docs/campaign.md)",
                                  path);
    }
    Campaign c;
    c.file = fs::absolute(path).lexically_normal().string();
    c.dir = fs::path(c.file).parent_path().string();
    toml::table root;
    try {
        root = toml::parse_file(c.file);
    } catch (const toml::parse_error& e) {
        throw make_error<DataError>("{} 第 {} 行：TOML 语法错误：{}", "{}:{}: TOML syntax error: {}", path,
                                    e.source().begin.line, e.description());
    }
    const toml::node* folder = nullptr;
    const toml::node* counties = nullptr;
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (key == "name") {
            c.name = string_value(path, v, key);
        } else if (key == "jobs") {
            read_jobs(path, v, c);
        } else if (key == "out") {
            c.out = resolve(c, string_value(path, v, key));
        } else if (key == "lang") {
            c.lang = string_value(path, v, key);
            if (c.lang != "zh" && c.lang != "en") {
                toml_fail(path, v.source(), make_note("lang = \"{0}\"：请写 \"zh\" 或 \"en\"", "lang = \"{0}\": write \"zh\" or \"en\"", c.lang));
            }
        } else if (key == "threads") {
            const auto n = v.value<int64_t>();
            if (!n || *n < 1 || *n > 64) {
                toml_fail(path, v.source(), {"threads 须是 1 到 64 之间的整数", "threads must be a whole number from 1 to 64"});
            }
            c.threads = static_cast<int>(*n);
        } else if (key == "tiles") {
            c.tiles = string_value(path, v, key);
            try {
                c.tiles = parse_tile_layout(c.tiles).spec();
            } catch (const UsageError&) {
                toml_fail(path, v.source(),
                          make_note("tiles = \"{0}\"：请写 行数x列数，例如 \"2x2\"", "tiles = \"{0}\": write ROWSxCOLS, e.g. \"2x2\"", c.tiles));
            }
        } else if (key == "counties") {
            folder = &v;
        } else if (key == "county") {
            counties = &v;
        } else {
            const std::vector<std::string> known = {"name", "jobs", "out", "lang", "threads", "tiles", "counties", "county"};
            const Note s = layers::suggestion(key, known);
            toml_fail(path, v.source(),
                      make_note("未知的键“{0}”；{1}可用的键：{3}", "unknown key '{0}'; {2}keys are: {3}", key, s.zh, s.en,
                                joined(known)));
        }
    }
    if (counties) {
        const toml::array* list = counties->as_array();
        if (!list) {
            toml_fail(path, counties->source(),
                      {"county 须写成 [[county]] 表（每县一个）", "county must be [[county]] tables, one per county"});
        }
        for (const auto& t : *list) read_county(path, t, c);
    }
    if (folder) read_folder(path, *folder, c);
    if (c.jobs.empty()) {
        toml_fail(path, {}, {"没有要运行的作业：请写 jobs = [\"indicators\", \"screen\", \"audit\"] 中的一个或几个",
                             "no jobs to run: write jobs = [\"indicators\", \"screen\", \"audit\"] (one or more)"});
    }
    if (c.counties.empty()) {
        toml_fail(path, {}, {"没有县：请写 [[county]] project = \"…toml\" 或 counties = \"文件夹\"",
                             "no counties: write [[county]] project = \"…toml\" or counties = \"folder\""});
    }
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < c.counties.size(); ++i) {
        const auto [it, fresh] = seen.emplace(c.counties[i].project, i);
        if (!fresh) {
            toml_fail(path, {},
                      make_note("项目文件 {0} 列了两次（第 {1} 和第 {2} 个县，也可能一次在 [[county]]、一次在 counties 文件夹中）；每县只列一次",
                                "project file {0} is listed twice (counties {1} and {2}, perhaps once as [[county]] "
                                "and once in the counties folder); list each county once",
                                c.counties[i].project, it->second + 1, i + 1));
        }
    }
    if (c.name.empty()) c.name = fs::path(c.file).stem().string();
    return c;
}

}  // namespace ecozone::analysis::campaign
