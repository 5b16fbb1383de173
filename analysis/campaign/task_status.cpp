#include "analysis/campaign/task_status.h"

#include "analysis/campaign/atomic_file.h"

#include <filesystem>

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;

const char* state_key(TaskState s) {
    switch (s) {
        case TaskState::Done: return "done";
        case TaskState::Failed: return "failed";
        case TaskState::Missing: break;
    }
    return "missing";
}

std::string status_path(const std::string& dir, int index) {
    return (fs::path(dir) / "status" / (std::to_string(index) + ".json")).string();
}

nlohmann::json to_json(const TaskStatus& s) {
    nlohmann::json j = {{"state", s.done ? "done" : "failed"},
                        {"exit_code", s.exit_code},
                        {"seconds", s.seconds},
                        {"peak_rss_mb", static_cast<double>(s.peak_rss_kb) / 1024.0},
                        {"peak_rss_kb", s.peak_rss_kb},
                        {"finished_utc", s.finished_utc},
                        {"host", s.host}};
    if (!s.error.empty()) j["error"] = s.error;
    return j;
}

void write_status(const std::string& dir, int index, const TaskStatus& s) {
    write_file_atomic(status_path(dir, index), to_json(s).dump(2) + "\n");
}

std::optional<TaskStatus> read_status(const std::string& dir, int index) {
    const std::string path = status_path(dir, index);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    try {
        const nlohmann::json j = nlohmann::json::parse(read_text_file(path));
        TaskStatus s;
        s.done = j.at("state").get<std::string>() == "done";
        s.exit_code = j.at("exit_code").get<int>();
        s.seconds = j.at("seconds").get<double>();
        s.peak_rss_kb = j.at("peak_rss_kb").get<long>();
        s.error = j.value("error", "");
        s.finished_utc = j.value("finished_utc", "");
        s.host = j.value("host", "");
        return s;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<TaskReport> task_reports(const Plan& plan) {
    std::vector<TaskReport> out;
    for (const auto& t : plan.tasks) {
        TaskReport r;
        r.task = &t;
        r.status = read_status(plan.dir, t.index);
        // "done" also needs the output folder: a record copied without its outputs is not done.
        std::error_code ec;
        if (r.status && r.status->done && fs::is_directory(t.out, ec))
            r.state = TaskState::Done;
        else if (r.status && !r.status->done)
            r.state = TaskState::Failed;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<int> unfinished(const std::vector<TaskReport>& reports) {
    std::vector<int> out;
    for (const auto& r : reports)
        if (r.state != TaskState::Done) out.push_back(r.task->index);
    return out;
}

std::string array_list(const std::vector<int>& indexes) {
    std::string out;
    for (size_t i = 0; i < indexes.size();) {
        size_t j = i;
        while (j + 1 < indexes.size() && indexes[j + 1] == indexes[j] + 1) ++j;
        if (!out.empty()) out += ",";
        out += std::to_string(indexes[i]);
        if (j > i) out += "-" + std::to_string(indexes[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace ecozone::analysis::campaign
