#pragma once
// `ecozone campaign run --local N`: the plan's tasks run as N local processes at most, each the
// ecozone executable's `campaign run-task DIR I` — the very command a Slurm array task runs, so
// that the local path and the cluster path cannot differ.  A task's output goes to
// DIR/logs/task-I.log; what it achieved, to DIR/status/I.json (task_status.h).
#include <functional>
#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

struct LocalRun {
    int index = 0;
    int exit_code = 0;  // the process's exit code, or 128 + signal when killed
    double seconds = 0;
};

// Runs `indexes` with `workers` processes at most; `on_event(index, started, result)` is called
// from this thread when a task starts (started = true) and when it ends.  Returns the results in
// the order the tasks ended.  IoError when a process cannot be started; the processes already
// running are then stopped (SIGTERM) and waited for before it is thrown.
std::vector<LocalRun> run_local(const std::string& ecozone, const std::string& dir, const std::vector<int>& indexes,
                                int workers, const std::vector<std::string>& extra_args,
                                const std::function<void(int, bool, const LocalRun&)>& on_event);

}  // namespace ecozone::analysis::campaign
