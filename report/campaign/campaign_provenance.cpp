#include "report/campaign/campaign_provenance.h"

#include "analysis/campaign/atomic_file.h"
#include "analysis/campaign/task_status.h"
#include "geo/errors.h"

#include <filesystem>

namespace ecozone::report {

namespace fs = std::filesystem;
namespace campaign = analysis::campaign;

std::string job_report_name(const std::string& job) {
    return job_set_name(job) + ".json";
}
std::string job_set_name(const std::string& job) {
    return job == "screen" ? "screening" : job;
}

nlohmann::json read_json_file(const std::string& path) {
    std::string text;
    try {
        text = campaign::read_text_file(path);
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw make_error<DataError>("{}：不是有效的 JSON（{}）；请重新运行写出它的任务", "{}: not valid JSON ({}); run the task that wrote it again", path, e.what());
    } catch (const IoError&) {
        throw make_error<DataError>("{}：缺少该文件；请重新运行写出它的任务", "{}: missing; run the task that writes it again", path);
    }
}

nlohmann::json campaign_provenance(const campaign::Plan& plan, const std::string& merged_utc,
                                   const std::string& command_line) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : plan.tasks) {
        const nlohmann::json report = read_json_file((fs::path(t.out) / job_report_name(t.job)).string());
        const nlohmann::json manifest =
            read_json_file((fs::path(t.out) / (job_set_name(t.job) + ".manifest.json")).string());
        nlohmann::json j = {{"index", t.index},
                            {"county", {{"name", t.county_name}, {"code", t.county_code}, {"project", t.project}}},
                            {"job", t.job},
                            {"args", t.args},
                            {"out", t.out},
                            {"provenance", report.value("provenance", nlohmann::json())},
                            {"outputs", manifest}};
        if (const auto s = campaign::read_status(plan.dir, t.index)) j["status"] = campaign::to_json(*s);
        tasks.push_back(std::move(j));
    }
    return {{"campaign", {{"name", plan.name}, {"file", plan.campaign_file}, {"dir", plan.dir}}},
            {"tool", {{"name", "ecozone"}, {"version", ECOZONE_VERSION}}},
            {"merged_utc", merged_utc},
            {"command_line", command_line},
            {"tasks", tasks}};
}

}  // namespace ecozone::report
