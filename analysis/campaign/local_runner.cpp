#include "analysis/campaign/local_runner.h"

#include "geo/errors.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <list>
#include <thread>

extern char** environ;

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// One running child: stopped and reaped by the destructor if nobody waited for it, so that an
// exception in the parent never leaves a task running unwatched (nor a zombie).
class Child {
public:
    Child(int index, pid_t pid) : index_(index), pid_(pid), start_(Clock::now()) {}
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int st = 0;
            ::waitpid(pid_, &st, 0);
        }
    }
    Child(Child&& o) noexcept : index_(o.index_), pid_(o.pid_), start_(o.start_) { o.pid_ = -1; }
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The result when the process has ended, without blocking.
    bool poll(LocalRun& out) {
        int st = 0;
        const pid_t r = ::waitpid(pid_, &st, WNOHANG);
        if (r == 0) return false;
        out.index = index_;
        out.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        if (r < 0)
            out.exit_code = 127;
        else if (WIFEXITED(st))
            out.exit_code = WEXITSTATUS(st);
        else if (WIFSIGNALED(st))
            out.exit_code = 128 + WTERMSIG(st);
        pid_ = -1;
        return true;
    }

private:
    int index_;
    pid_t pid_;
    Clock::time_point start_;
};

// posix_spawn's file actions, released however spawning ends.
struct FileActions {
    posix_spawn_file_actions_t fa;
    FileActions() { posix_spawn_file_actions_init(&fa); }
    ~FileActions() { posix_spawn_file_actions_destroy(&fa); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
};

Child spawn_task(const std::string& ecozone, const std::string& dir, int index,
                 const std::vector<std::string>& extra_args) {
    const std::string log = (fs::path(dir) / "logs" / ("task-" + std::to_string(index) + ".log")).string();
    std::vector<std::string> words = {ecozone, "campaign", "run-task", dir, std::to_string(index)};
    words.insert(words.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    FileActions actions;
    // The task's own output goes to its log (the terminal shows the progress lines of `run`);
    // stdin is closed to it: a task never asks anything.
    posix_spawn_file_actions_addopen(&actions.fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions.fa, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions.fa, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, ecozone.c_str(), &actions.fa, nullptr, argv.data(), environ);
    if (rc != 0) {
        throw make_error<IoError>("{}：无法启动任务 {}（{}）", "{}: cannot start task {} ({})", ecozone, index,
                                  std::strerror(rc));
    }
    return Child(index, pid);
}

}  // namespace

std::vector<LocalRun> run_local(const std::string& ecozone, const std::string& dir, const std::vector<int>& indexes,
                                int workers, const std::vector<std::string>& extra_args,
                                const std::function<void(int, bool, const LocalRun&)>& on_event) {
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "logs", ec);
    std::vector<LocalRun> done;
    std::list<Child> running;
    size_t next = 0;
    workers = std::max(1, workers);
    while (next < indexes.size() || !running.empty()) {
        while (next < indexes.size() && static_cast<int>(running.size()) < workers) {
            running.push_back(spawn_task(ecozone, dir, indexes[next], extra_args));
            on_event(indexes[next], true, LocalRun{indexes[next], 0, 0});
            ++next;
        }
        bool any = false;
        for (auto it = running.begin(); it != running.end();) {
            LocalRun r;
            if (it->poll(r)) {
                it = running.erase(it);
                on_event(r.index, false, r);
                done.push_back(r);
                any = true;
            } else {
                ++it;
            }
        }
        // Polling each of our own children (never waitpid(-1), which would reap a caller's other
        // children); a task lasts seconds to hours, 20 ms is no cost.
        if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done;
}

}  // namespace ecozone::analysis::campaign
