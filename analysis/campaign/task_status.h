#pragma once
// What became of each task: DIR/status/N.json, written by `campaign run-task` when the task
// ends (atomically: write_file_atomic), read by `status`, `merge` and `run --local`.  A task that
// was killed (out of memory, time limit, node failure) writes nothing and stays "missing".
#include "analysis/campaign/plan.h"

#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

struct TaskStatus {
    bool done = false;       // false: failed
    int exit_code = 0;       // the ecozone command's exit code (cli/command.h)
    double seconds = 0;
    long peak_rss_kb = 0;    // getrusage ru_maxrss of the process that ran it
    std::string error;       // the command's error line(s) when it failed, in the campaign's language
    std::string finished_utc;
    std::string host;
};

enum class TaskState { Done, Failed, Missing };
const char* state_key(TaskState s);  // "done", "failed", "missing"

struct TaskReport {
    const Task* task = nullptr;
    TaskState state = TaskState::Missing;
    std::optional<TaskStatus> status;  // the record, when there is one
};

std::string status_path(const std::string& dir, int index);
void write_status(const std::string& dir, int index, const TaskStatus& s);
// The record of task `index`; nullopt when there is none.  A record that cannot be parsed (it
// cannot be half written, so someone edited it) counts as none: the task is run again.
std::optional<TaskStatus> read_status(const std::string& dir, int index);

// Every task of the plan with its state, in the plan's order.
std::vector<TaskReport> task_reports(const Plan& plan);
// The indexes of the tasks not done (failed or missing).
std::vector<int> unfinished(const std::vector<TaskReport>& reports);
// A Slurm --array list: "3,7", ranges folded ("0-2,5").
std::string array_list(const std::vector<int>& indexes);

nlohmann::json to_json(const TaskStatus& s);

}  // namespace ecozone::analysis::campaign
