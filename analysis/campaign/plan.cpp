#include "analysis/campaign/plan.h"

#include "analysis/campaign/atomic_file.h"
#include "analysis/change_tiles.h"
#include "geo/errors.h"
#include "layers/gdal_handle.h"
#include "layers/project.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;

Resources Plan::largest() const {
    Resources r;
    for (const auto& t : tasks) {
        r.memory_mb = std::max(r.memory_mb, t.resources.memory_mb);
        r.time_minutes = std::max(r.time_minutes, t.resources.time_minutes);
        r.vector_bytes = std::max(r.vector_bytes, t.resources.vector_bytes);
        r.raster_pixels = std::max(r.raster_pixels, t.resources.raster_pixels);
    }
    return r;
}

Resources estimate_resources(const std::string& job, std::uintmax_t vector_bytes, std::uint64_t raster_pixels) {
    constexpr double kMB = 1024.0 * 1024.0;
    Resources r;
    r.vector_bytes = vector_bytes;
    r.raster_pixels = raster_pixels;
    const double per_pixel = job == "audit" ? 6.0 : job == "indicators" ? 2.0 : 0.0;
    const double mb = 256.0 + 8.0 * static_cast<double>(vector_bytes) / kMB +
                      per_pixel * static_cast<double>(raster_pixels) / kMB;
    r.memory_mb = static_cast<int>(std::ceil(mb / 64.0) * 64.0);
    const double minutes = 10.0 + static_cast<double>(vector_bytes) / (20.0 * kMB) +
                           (per_pixel > 0 ? static_cast<double>(raster_pixels) / 50e6 : 0.0);
    r.time_minutes = static_cast<int>(std::ceil(2.0 * minutes));
    return r;
}

namespace {

std::uintmax_t file_size_or_zero(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

// The bytes a reader reads for a vector source: a shapefile's three main parts, any other file
// whole; a database table (PG:) counts nothing (its size is not ours to see).
std::uintmax_t vector_source_bytes(const std::string& path) {
    fs::path p(path);
    if (p.extension() == ".shp" || p.extension() == ".SHP") {
        std::uintmax_t n = 0;
        for (const char* ext : {".shp", ".dbf", ".shx"}) n += file_size_or_zero(fs::path(p).replace_extension(ext));
        return n;
    }
    return file_size_or_zero(p);
}

std::uint64_t raster_pixels(const std::string& path) {
    try {
        GDALDatasetUniquePtr ds = layers::open_raster(path);
        return static_cast<std::uint64_t>(ds->GetRasterXSize()) * static_cast<std::uint64_t>(ds->GetRasterYSize());
    } catch (const Error&) {
        return 0;  // the task will say what is wrong with it
    }
}

// A folder name part for a county: its code, else its project file's name, keeping letters and
// digits (any script), '-' and '_' only.
std::string slug(const std::string& code, const std::string& project) {
    std::string s = code.empty() ? fs::path(project).stem().string() : code;
    for (char& ch : s) {
        const unsigned char u = static_cast<unsigned char>(ch);
        if (u < 0x80 && !std::isalnum(u) && ch != '-' && ch != '_') ch = '_';
    }
    return s.empty() ? "county" : s;
}

struct CountyFacts {
    std::string name, code;
    bool has_sites_layer = false;
    std::uintmax_t vector_bytes = 0;
    std::uint64_t pixels = 0;
    std::string note;  // why the project could not be read
};

CountyFacts county_facts(const CountyEntry& e) {
    CountyFacts f;
    try {
        const layers::Project p = layers::load_project(e.project);
        f.name = p.name;
        f.code = p.admin_code;
        f.has_sites_layer = p.vectors.count(layers::VectorRole::Sites) > 0 &&
                            !p.vectors.at(layers::VectorRole::Sites).path.empty();
        for (const auto& [role, spec] : p.vectors) f.vector_bytes += vector_source_bytes(spec.path);
        for (const auto& [role, spec] : p.rasters) f.pixels += raster_pixels(spec.path);
    } catch (const Error& err) {
        f.note = err.text(true);
        f.has_sites_layer = true;  // unknown: do not refuse the plan for it, the task will fail
    }
    return f;
}

// The plan's next task for `county`: its index, county and job; its folder DIR/tasks/NNNN-<county>-<folder>.
Task new_task(const Plan& plan, const CountyEntry& county, const CountyFacts& f, const std::string& job,
              const std::string& folder) {
    Task t;
    t.index = static_cast<int>(plan.tasks.size());
    t.county_name = f.name;
    t.county_code = f.code;
    t.project = county.project;
    t.sites = county.sites.value_or("");
    t.job = job;
    t.plan_note = f.note;
    t.out = (fs::path(plan.dir) / "tasks" / fmt::format("{:04d}-{}-{}", t.index, slug(f.code, county.project), folder))
                .string();
    return t;
}

// A tiled audit (campaign `tiles = "RxC"`): one task per tile (`audit … --tiles RxC --tile K`,
// job "audit-tile", its share of the pixels), then the county's audit task that joins them
// (`--from-tiles`) and needs them done.
void add_tiled_audit(Plan& plan, const Campaign& c, const CountyEntry& county, const CountyFacts& f) {
    const TileLayout layout = parse_tile_layout(c.tiles);
    const std::vector<std::string> common = {"--lang", c.lang, "--threads", std::to_string(c.threads)};
    std::vector<int> tiles;
    std::vector<std::string> tile_outs;
    for (int k = 0; k < layout.count(); ++k) {
        Task t = new_task(plan, county, f, "audit-tile", fmt::format("audit-tile{}", k));
        t.args = {"audit", county.project, "--tiles", layout.spec(), "--tile", std::to_string(k), "--out", t.out};
        t.args.insert(t.args.end(), common.begin(), common.end());
        t.resources = estimate_resources("audit", 0, f.pixels / static_cast<std::uint64_t>(layout.count()));
        tiles.push_back(t.index);
        tile_outs.push_back(t.out);
        plan.tasks.push_back(std::move(t));
    }
    Task join = new_task(plan, county, f, "audit", "audit");
    join.args = {"audit", county.project, "--tiles", layout.spec(), "--out", join.out};
    join.args.insert(join.args.end(), common.begin(), common.end());
    join.args.push_back("--from-tiles");
    join.args.insert(join.args.end(), tile_outs.begin(), tile_outs.end());
    // The join holds every changed pixel of the county, as an untiled audit does, but reads no raster row.
    join.resources = estimate_resources("audit", f.vector_bytes, 0);
    join.needs = tiles;
    plan.tasks.push_back(std::move(join));
}

std::vector<std::string> command_args(const Campaign& c, const CountyEntry& e, const std::string& job,
                                      const std::string& out) {
    std::vector<std::string> a = {job, e.project};
    if (job == "screen" && e.sites) {
        a.push_back("--sites");
        a.push_back(*e.sites);
    }
    a.insert(a.end(), {"--out", out, "--lang", c.lang, "--threads", std::to_string(c.threads)});
    return a;
}

}  // namespace

std::string plan_path(const std::string& dir) {
    return (fs::path(dir) / "tasks.json").string();
}

Plan make_plan(const Campaign& campaign, const std::string& dir, const std::string& ecozone) {
    Plan plan;
    plan.dir = fs::absolute(dir).lexically_normal().string();
    if (!plan.dir.empty() && plan.dir.back() == '/') plan.dir.pop_back();
    plan.campaign_file = campaign.file;
    plan.name = campaign.name;
    plan.jobs = campaign.jobs;
    plan.lang = campaign.lang;
    plan.threads = campaign.threads;
    plan.tiles = campaign.tiles;
    plan.ecozone = ecozone;
    std::map<std::string, std::string> by_code;  // admin_code -> project
    for (const auto& county : campaign.counties) {
        const CountyFacts f = county_facts(county);
        if (!f.code.empty()) {
            const auto [it, fresh] = by_code.emplace(f.code, county.project);
            if (!fresh) {
                throw make_error<DataError>(
                    "{0}：县 {1} 与 {2} 的 admin_code 都是 {3}（同一个县列了两次，或其中一个代码写错）；省级表和图斑编号会把两县混在一起：请删去重复的县或改正 admin_code",
                    "{0}: counties {1} and {2} both have admin_code {3} (one county listed twice, or a wrong code); "
                    "the province table and the patch ids would mix them: remove the duplicate or correct admin_code",
                    campaign.file, it->second, county.project, f.code);
            }
        }
        for (const auto& job : campaign.jobs) {
            if (job == "audit" && !campaign.tiles.empty()) {
                add_tiled_audit(plan, campaign, county, f);
                continue;
            }
            if (job == "screen" && !county.sites && !f.has_sites_layer) {
                throw make_error<DataError>(
                    "{0}：作业 screen 需要选址，但县 {1} 既没有在活动文件中给出 sites，项目中也没有 [layers.sites]：请在该县的 [[county]] 中写 sites = \"…\"",
                    "{0}: job screen needs sites, but county {1} has neither sites in the campaign file nor "
                    "[layers.sites] in its project: write sites = \"…\" in its [[county]]",
                    campaign.file, county.project);
            }
            Task t = new_task(plan, county, f, job, job);
            t.args = command_args(campaign, county, job, t.out);
            t.resources = estimate_resources(job, f.vector_bytes, f.pixels);
            plan.tasks.push_back(std::move(t));
        }
    }
    return plan;
}

nlohmann::json to_json(const Plan& plan) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : plan.tasks) {
        nlohmann::json j = {{"index", t.index},
                            {"county", {{"name", t.county_name}, {"code", t.county_code}, {"project", t.project}}},
                            {"job", t.job},
                            {"args", t.args},
                            {"out", t.out},
                            {"resources",
                             {{"memory_mb", t.resources.memory_mb},
                              {"time_minutes", t.resources.time_minutes},
                              {"vector_bytes", t.resources.vector_bytes},
                              {"raster_pixels", t.resources.raster_pixels}}}};
        if (!t.sites.empty()) j["county"]["sites"] = t.sites;
        if (!t.plan_note.empty()) j["plan_note"] = t.plan_note;
        if (!t.needs.empty()) j["needs"] = t.needs;
        tasks.push_back(std::move(j));
    }
    return {{"campaign",
             {{"name", plan.name},
              {"file", plan.campaign_file},
              {"jobs", plan.jobs},
              {"lang", plan.lang},
              {"threads", plan.threads},
              {"tiles", plan.tiles}}},
            {"dir", plan.dir},
            {"ecozone", plan.ecozone},
            {"tasks", tasks}};
}

Plan read_plan(const std::string& dir) {
    const std::string path = plan_path(dir);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw make_error<IoError>("{}：找不到任务清单；请先运行 ecozone campaign plan 活动文件 --out {}",
                                  "{}: no task list; run ecozone campaign plan CAMPAIGN --out {} first", path, dir);
    }
    try {
        const nlohmann::json j = nlohmann::json::parse(read_text_file(path));
        Plan p;
        p.dir = j.at("dir").get<std::string>();
        p.ecozone = j.at("ecozone").get<std::string>();
        const auto& c = j.at("campaign");
        p.name = c.at("name").get<std::string>();
        p.campaign_file = c.at("file").get<std::string>();
        p.jobs = c.at("jobs").get<std::vector<std::string>>();
        p.lang = c.at("lang").get<std::string>();
        p.threads = c.at("threads").get<int>();
        p.tiles = c.value("tiles", "");
        for (const auto& x : j.at("tasks")) {
            Task t;
            t.index = x.at("index").get<int>();
            t.county_name = x.at("county").at("name").get<std::string>();
            t.county_code = x.at("county").at("code").get<std::string>();
            t.project = x.at("county").at("project").get<std::string>();
            t.sites = x.at("county").value("sites", "");
            t.job = x.at("job").get<std::string>();
            t.args = x.at("args").get<std::vector<std::string>>();
            t.out = x.at("out").get<std::string>();
            const auto& r = x.at("resources");
            t.resources.memory_mb = r.at("memory_mb").get<int>();
            t.resources.time_minutes = r.at("time_minutes").get<int>();
            t.resources.vector_bytes = r.at("vector_bytes").get<std::uintmax_t>();
            t.resources.raster_pixels = r.at("raster_pixels").get<std::uint64_t>();
            t.plan_note = x.value("plan_note", "");
            t.needs = x.value("needs", std::vector<int>{});
            if (t.index != static_cast<int>(p.tasks.size())) {
                throw make_error<DataError>("task {} out of order", "task {} out of order", t.index);
            }
            p.tasks.push_back(std::move(t));
        }
        return p;
    } catch (const nlohmann::json::exception& e) {
        throw make_error<DataError>("{}：不是 ecozone campaign plan 写出的任务清单（{}）；请重新运行 campaign plan",
                                    "{}: not a task list written by ecozone campaign plan ({}); run campaign plan again",
                                    path, e.what());
    } catch (const DataError& e) {
        throw make_error<DataError>("{0}：{1}", "{0}: {2}", path, e.text(false), e.text(true));
    }
}

}  // namespace ecozone::analysis::campaign
