// `ecozone campaign plan|run-task|status|resubmit|run|merge`: a province's counties as one
// campaign, on a Slurm job array or on local processes (docs/campaign.md).
#include "analysis/campaign/campaign_file.h"
#include "analysis/campaign/local_runner.h"
#include "analysis/campaign/plan.h"
#include "analysis/campaign/slurm_scripts.h"
#include "analysis/campaign/task_status.h"
#include "analysis/campaign/atomic_file.h"
#include "cli/command.h"
#include "cli/output_options.h"
#include "cli/text_table.h"
#include "geo/errors.h"
#include "report/campaign/campaign_merge.h"
#include "report/common/html_util.h"
#include "report/common/provenance.h"

#include <fmt/format.h>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <ostream>
#include <set>
#include <sstream>

extern char** environ;

namespace ecozone::cli {

namespace campaign = analysis::campaign;
namespace fs = std::filesystem;

namespace {

// The running ecozone, absolute: what the Slurm scripts and the local workers call, so that
// they run this very build whatever the PATH of a compute node holds.
std::string running_executable() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw IoError("/proc/self/exe：无法确定 ecozone 程序的路径", "/proc/self/exe: cannot tell the path of the ecozone executable");
    return p.string();
}

// Counties, not tasks per job: a tiled audit gives a county more tasks than jobs.
size_t county_count(const campaign::Plan& p) {
    std::set<std::string> projects;
    for (const auto& t : p.tasks) projects.insert(t.project);
    return projects.size();
}

std::string county_of(const campaign::Task& t) {
    if (t.county_name.empty()) return fs::path(t.project).filename().string();
    return t.county_code.empty() ? t.county_name : t.county_name + " " + t.county_code;
}

// The first line of an error text, at most `width` display columns: the table's cell.
std::string first_line(const std::string& s) {
    std::string line = s.substr(0, s.find('\n'));
    return line;
}

// Runs `argv` and waits; its exit code (127 when it cannot start).
int run_and_wait(const std::vector<std::string>& words) {
    std::vector<char*> argv;
    std::vector<std::string> copy = words;
    for (auto& w : copy) argv.push_back(w.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return 127;
    int st = 0;
    if (waitpid(pid, &st, 0) < 0) return 127;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

class CampaignCommand : public Command {
public:
    const char* name() const override { return "campaign"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("全省（多县）活动：对多个县的项目运行 indicators、screen、audit，作为 Slurm 作业数组或本机多进程运行，"
              "再把各县结果精确汇总成全省表（面积相加，百分比由和重新计算）。",
              "Province campaigns: run indicators, screen and audit on many counties' projects, as a Slurm job "
              "array or as local processes, and merge them exactly into the province's tables (areas summed, "
              "percentages recomputed from the sums)."));
        sub.require_subcommand(1);
        // --json and --lang are the campaign's, written after the action and its arguments too
        sub.fallthrough();
        add_output_options(sub, output_, t);

        plan_ = sub.add_subcommand("plan", t("写出任务清单 tasks.json 和 Slurm 脚本（campaign.sbatch、merge.sbatch、submit.sh）",
                                             "Write the task list tasks.json and the Slurm scripts (campaign.sbatch, "
                                             "merge.sbatch, submit.sh)"));
        plan_->add_option("CAMPAIGN", campaign_file_, t("活动文件（.toml）", "Campaign file (.toml)"))->required();
        plan_->add_option("--out", out_, t("活动文件夹（不给出时用活动文件的 out）", "Campaign folder (default: the campaign file's out)"));
        add_ecozone_option(*plan_, t);

        run_task_ = sub.add_subcommand("run-task", t("运行第 N 个任务（Slurm 数组任务调用的命令）",
                                                     "Run task N (what each Slurm array task calls)"));
        run_task_->add_option("DIR", dir_, t("活动文件夹", "Campaign folder"))->required();
        run_task_->add_option("N", index_, t("任务编号（从 0 起）", "Task index (from 0)"))->required()->check(CLI::NonNegativeNumber);

        status_ = sub.add_subcommand("status", t("列出已完成、失败和缺失的任务", "List the tasks done, failed and missing"));
        status_->add_option("DIR", dir_, t("活动文件夹", "Campaign folder"))->required();
        status_->add_flag("--resubmit", resubmit_flag_,
                          t("同时写出并提交只含未完成任务的作业（同 campaign resubmit）",
                            "Also write and submit the tasks not done (as campaign resubmit)"));

        resubmit_ = sub.add_subcommand("resubmit", t("写出 resubmit.sh 并用 sbatch 只重新提交失败和缺失的任务",
                                                     "Write resubmit.sh and submit only the failed and missing tasks with sbatch"));
        resubmit_->add_option("DIR", dir_, t("活动文件夹", "Campaign folder"))->required();
        resubmit_->add_flag("--no-submit", no_submit_, t("只写出脚本，不提交", "Write the script only, do not submit"));

        run_ = sub.add_subcommand("run", t("在本机用 N 个进程运行全部未完成的任务，然后汇总",
                                           "Run every task not done with N local processes, then merge"));
        run_->add_option("CAMPAIGN", campaign_file_, t("活动文件（.toml）", "Campaign file (.toml)"))->required();
        run_->add_option("--out", out_, t("活动文件夹（不给出时用活动文件的 out）", "Campaign folder (default: the campaign file's out)"));
        add_ecozone_option(*run_, t);
        run_->add_option("--local", workers_, t("同时运行的进程数（默认 1）", "Processes at once (default 1)"))
            ->check(CLI::Range(1, 256));

        merge_ = sub.add_subcommand("merge", t("把各县结果汇总为全省表（DIR/merged/）", "Merge the counties into the province's tables (DIR/merged/)"));
        merge_->add_option("DIR", dir_, t("活动文件夹", "Campaign folder"))->required();

        sub.footer(
            t("示例：\n"
              "  ecozone campaign plan ningxia.toml --out nx && sh nx/submit.sh\n"
              "  ecozone campaign status nx            哪些任务完成、失败或缺失\n"
              "  ecozone campaign resubmit nx          只重新提交失败和缺失的任务\n"
              "  ecozone campaign run ningxia.toml --out nx --local 2\n"
              "  ecozone campaign merge nx\n"
              "活动文件的写法见 docs/campaign.md。\n"
              "退出码：0 完成（status：全部任务已完成），1 有任务失败或缺失、数据有问题，2 命令行用法错误；"
              "run-task 返回该任务命令自身的退出码。",
              "Examples:\n"
              "  ecozone campaign plan ningxia.toml --out nx && sh nx/submit.sh\n"
              "  ecozone campaign status nx            which tasks are done, failed or missing\n"
              "  ecozone campaign resubmit nx          resubmit only the failed and missing tasks\n"
              "  ecozone campaign run ningxia.toml --out nx --local 2\n"
              "  ecozone campaign merge nx\n"
              "The campaign file is described in docs/campaign.md.\n"
              "Exit codes: 0 done (status: every task done), 1 tasks failed or missing, or bad data, 2 usage "
              "error; run-task returns its task's own command's exit code."));
    }

    int run(Streams io) override {
        if (*plan_) return plan(io);
        if (*run_task_) return run_task(io);
        if (*status_) return status(io, resubmit_flag_);
        if (*resubmit_) return resubmit(io, !no_submit_);
        if (*run_) return run_local(io);
        if (*merge_) return merge(io);
        return kExitUsage;
    }

private:
    Lang term() const { return output_.terminal(); }

    void add_ecozone_option(CLI::App& app, const Lang& t) {
        app.add_option("--ecozone", ecozone_,
                       t("脚本和本机进程调用的 ecozone 程序（默认：正在运行的这个）",
                         "The ecozone executable the scripts and local processes call (default: this one)"))
            ->check(CLI::ExistingFile);
    }

    std::string folder_of(const campaign::Campaign& c) const {
        if (!out_.empty()) return out_;
        if (c.out) return *c.out;
        throw make_error<UsageError>("{0}：没有给出活动文件夹：请加 --out DIR，或在活动文件中写 out = \"…\"",
                                     "{0}: no campaign folder: give --out DIR or write out = \"…\" in the campaign file",
                                     c.file);
    }

    campaign::Plan make_and_write_plan(std::ostream& out, bool quiet) {
        const campaign::Campaign c = campaign::load_campaign(campaign_file_);
        const campaign::Plan p = campaign::make_plan(
            c, folder_of(c), ecozone_.empty() ? running_executable() : fs::absolute(ecozone_).lexically_normal().string());
        const std::vector<int> dropped = campaign::write_plan_folder(p);
        const Lang t = term();
        for (const auto& task : p.tasks) {
            if (!task.plan_note.empty()) {
                out << fmt::format(t("注意：任务 {} 的项目无法读取，该任务将失败：{}\n", "note: task {}'s project cannot be read, the task will fail: {}\n"),
                                   task.index, task.plan_note);
            }
        }
        if (!dropped.empty() && !quiet) {
            out << fmt::format(t("注意：任务 {} 的命令已改变，其旧状态已删除\n", "note: the commands of tasks {} changed; their old records were removed\n"),
                               campaign::array_list(dropped));
        }
        return p;
    }

    int plan(Streams io) {
        const campaign::Plan p = make_and_write_plan(io.out, false);
        const Lang t = term();
        if (output_.json) {
            io.out << campaign::to_json(p).dump(2) << "\n";
            return kExitOk;
        }
        const auto big = p.largest();
        io.out << fmt::format(t("{}：{} 个任务（{} 个县 × {}），每个数组任务 {} MB、{} 分钟\n",
                                "{}: {} tasks ({} counties × {}), {} MB and {} minutes per array task\n"),
                              p.name, p.tasks.size(), county_count(p),
                              fmt::join(p.jobs, "/"), big.memory_mb, big.time_minutes);
        TextTable table({t("任务", "task"), t("县", "county"), t("作业", "job"), t("内存(MB)", "memory (MB)"),
                         t("时限(分)", "time (min)")},
                        {TextTable::Align::Right, TextTable::Align::Left, TextTable::Align::Left,
                         TextTable::Align::Right, TextTable::Align::Right});
        for (const auto& task : p.tasks) {
            table.add_row({std::to_string(task.index), county_of(task), task.job, std::to_string(task.resources.memory_mb),
                           std::to_string(task.resources.time_minutes)});
        }
        table.print(io.out, "  ");
        io.out << fmt::format(t("提交：sh {}\n", "submit: sh {}\n"), (fs::path(p.dir) / "submit.sh").string());
        return kExitOk;
    }

    int run_task(Streams io) {
        const campaign::Plan p = campaign::read_plan(dir_);
        if (index_ < 0 || index_ >= static_cast<int>(p.tasks.size())) {
            throw make_error<UsageError>("任务 {} 不存在：{} 的任务编号为 0 到 {}", "task {} does not exist: {} has tasks 0 to {}",
                                         index_, campaign::plan_path(dir_), static_cast<int>(p.tasks.size()) - 1);
        }
        const campaign::Task& task = p.tasks[static_cast<size_t>(index_)];
        // A tiled audit's join runs only on its tiles' results: refuse (and record) rather than
        // let it say that a tile result is missing when the tile task is simply not done yet.
        std::vector<int> waiting;
        for (int need : task.needs) {
            const auto s = campaign::read_status(p.dir, need);
            if (!s || !s->done) waiting.push_back(need);
        }
        if (!waiting.empty()) {
            campaign::TaskStatus s;
            s.exit_code = kExitProblems;
            s.error = fmt::format(term()("任务 {} 需要的分块任务 {} 尚未完成", "task {} needs tile tasks {}, not done yet"),
                                  task.index, campaign::array_list(waiting));
            s.finished_utc = report::utc_now();
            campaign::write_status(p.dir, task.index, s);
            io.err << s.error << "\n";
            return kExitProblems;
        }
        std::vector<std::string> words = {"ecozone"};
        words.insert(words.end(), task.args.begin(), task.args.end());
        std::vector<const char*> argv;
        for (const auto& w : words) argv.push_back(w.c_str());
        std::ostringstream err;
        const auto start = std::chrono::steady_clock::now();
        // The same command code as `ecozone indicators …` typed by hand, in this process: its
        // OutputSet renames the folder into place only when complete, so a re-run is harmless.
        const int code = run_cli(static_cast<int>(argv.size()), argv.data(), {io.out, err}, process_env(), false);
        campaign::TaskStatus s;
        s.done = code == kExitOk;
        s.exit_code = code;
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        s.peak_rss_kb = usage.ru_maxrss;  // kilobytes on Linux
        s.error = s.done ? "" : err.str();
        while (!s.error.empty() && s.error.back() == '\n') s.error.pop_back();
        if (!s.done && s.error.empty()) s.error = fmt::format("exit code {}", code);
        s.finished_utc = report::utc_now();
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        s.host = host;
        campaign::write_status(p.dir, task.index, s);
        io.err << err.str();
        return code;
    }

    int status(Streams io, bool also_resubmit) {
        const campaign::Plan p = campaign::read_plan(dir_);
        const auto reports = campaign::task_reports(p);
        const std::vector<int> todo = campaign::unfinished(reports);
        const Lang t = term();
        if (output_.json) {
            nlohmann::json tasks = nlohmann::json::array();
            for (const auto& r : reports) {
                nlohmann::json j = {{"index", r.task->index},
                                    {"county", {{"name", r.task->county_name}, {"code", r.task->county_code}}},
                                    {"job", r.task->job},
                                    {"state", campaign::state_key(r.state)},
                                    {"out", r.task->out}};
                if (r.status) j["record"] = campaign::to_json(*r.status);
                tasks.push_back(std::move(j));
            }
            nlohmann::json j = {{"dir", p.dir}, {"tasks", tasks}, {"not_done", todo}};
            if (!todo.empty()) j["resubmit_array"] = campaign::array_list(todo);
            io.out << j.dump(2) << "\n";
        } else {
            TextTable table({t("任务", "task"), t("县", "county"), t("作业", "job"), t("状态", "state"), t("秒", "s"),
                             t("峰值内存(MB)", "peak (MB)"), t("错误", "error")},
                            {TextTable::Align::Right, TextTable::Align::Left, TextTable::Align::Left,
                             TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right,
                             TextTable::Align::Left});
            int done = 0, failed = 0, missing = 0;
            for (const auto& r : reports) {
                const char* state = r.state == campaign::TaskState::Done     ? t("完成", "done")
                                    : r.state == campaign::TaskState::Failed ? t("失败", "failed")
                                                                             : t("缺失", "missing");
                (r.state == campaign::TaskState::Done ? done : r.state == campaign::TaskState::Failed ? failed : missing)++;
                const bool has = r.status.has_value() && r.state != campaign::TaskState::Missing;
                table.add_row({std::to_string(r.task->index), county_of(*r.task), r.task->job, state,
                               has ? report::format_number(r.status->seconds, 1) : "",
                               has ? report::format_number(static_cast<double>(r.status->peak_rss_kb) / 1024.0, 0) : "",
                               r.state == campaign::TaskState::Failed ? first_line(r.status->error) : ""});
            }
            table.print(io.out);
            io.out << fmt::format(t("完成 {}，失败 {}，缺失 {}（共 {}）\n", "done {}, failed {}, missing {} (of {})\n"), done,
                                  failed, missing, reports.size());
            if (!todo.empty()) {
                io.out << fmt::format(
                    t("只重新提交这些任务：sbatch --array={} -D {} -o {}/task-%A_%a.log {}\n  或：ecozone campaign resubmit {}\n",
                      "resubmit only these: sbatch --array={} -D {} -o {}/task-%A_%a.log {}\n  or: ecozone campaign resubmit {}\n"),
                    campaign::array_list(todo), campaign::shell_quote(p.dir),
                    campaign::shell_quote((fs::path(p.dir) / "logs").string()),
                    campaign::shell_quote((fs::path(p.dir) / "campaign.sbatch").string()), campaign::shell_quote(p.dir));
            } else {
                io.out << fmt::format(t("全部完成；汇总：ecozone campaign merge {}\n", "all done; merge: ecozone campaign merge {}\n"),
                                      campaign::shell_quote(p.dir));
            }
        }
        if (also_resubmit && !todo.empty()) resubmit(io, true);
        return todo.empty() ? kExitOk : kExitProblems;
    }

    int resubmit(Streams io, bool submit) {
        const campaign::Plan p = campaign::read_plan(dir_);
        const std::vector<int> todo = campaign::unfinished(campaign::task_reports(p));
        const Lang t = term();
        if (todo.empty()) {
            io.out << t("全部任务已完成，无需重新提交\n", "every task is done: nothing to resubmit\n");
            return kExitOk;
        }
        const std::string script = (fs::path(p.dir) / "resubmit.sh").string();
        campaign::write_file_atomic(script, campaign::submit_sh(p, todo), true);
        io.out << fmt::format(t("已写出 {}（任务 {}）\n", "wrote {} (tasks {})\n"), script, campaign::array_list(todo));
        if (!submit) return kExitOk;
        io.out.flush();
        const int code = run_and_wait({"sh", script});
        if (code != 0) {
            throw make_error<IoError>("{}：提交失败（退出码 {}）；sbatch 是否可用、SLURM_CONF 是否正确？",
                                      "{}: submission failed (exit code {}); is sbatch available and SLURM_CONF right?",
                                      script, code);
        }
        return kExitOk;
    }

    int run_local(Streams io) {
        const campaign::Plan p = make_and_write_plan(io.err, false);
        const Lang t = term();
        const std::vector<int> todo = campaign::unfinished(campaign::task_reports(p));
        const size_t total = todo.size();
        if (total < p.tasks.size()) {
            io.err << fmt::format(t("{} 个任务已完成，跳过\n", "{} tasks already done, skipped\n"), p.tasks.size() - total);
        }
        size_t ended = 0;
        int failures = 0;
        auto on_event = [&](int i, bool started, const campaign::LocalRun& r) {
            const auto& task = p.tasks[static_cast<size_t>(i)];
            if (started) {
                io.err << fmt::format(t("开始 任务 {} {} {}\n", "start task {} {} {}\n"), i, county_of(task), task.job);
                return;
            }
            ++ended;
            if (r.exit_code == 0) {
                io.err << fmt::format(t("[{}/{}] 完成 任务 {} {} {}（{:.1f} 秒）\n", "[{}/{}] done task {} {} {} ({:.1f} s)\n"), ended,
                                      total, i, county_of(task), task.job, r.seconds);
            } else {
                ++failures;
                const auto s = campaign::read_status(p.dir, i);
                io.err << fmt::format(t("[{}/{}] 失败 任务 {} {} {}（退出码 {}）：{}\n", "[{}/{}] FAILED task {} {} {} (exit code {}): {}\n"),
                                      ended, total, i, county_of(task), task.job, r.exit_code,
                                      s ? first_line(s->error) : std::string(t("没有状态记录", "no status record")));
            }
            io.err.flush();
        };
        // Two waves, as Slurm's two arrays: the tasks that need none, then the joins of tiled audits.
        std::vector<int> first, then;
        for (int i : todo) (p.tasks[static_cast<size_t>(i)].needs.empty() ? first : then).push_back(i);
        campaign::run_local(p.ecozone, p.dir, first, workers_, {}, on_event);
        campaign::run_local(p.ecozone, p.dir, then, workers_, {}, on_event);
        if (failures > 0 || !campaign::unfinished(campaign::task_reports(p)).empty()) {
            dir_ = p.dir;
            status(io, false);
            return kExitProblems;
        }
        dir_ = p.dir;
        return merge(io);
    }

    int merge(Streams io) {
        const campaign::Plan p = campaign::read_plan(dir_);
        const Lang reports = make_lang(output_.lang.empty() ? p.lang : output_.lang);
        const report::CampaignMergeResult r = report::merge_campaign(p, reports, invocation);
        const Lang t = term();
        if (r.province) {
            const auto& f = *r.province;
            auto pct = [&](const analysis::campaign::ProvinceRatio& x) {
                if (!x.assessed) return std::string(t("未评估（有县缺少）", "not assessed (counties lack it)"));
                return x.value_pct ? report::format_number(*x.value_pct, 2) + "%" : std::string(t("无数据", "no data"));
            };
            io.out << fmt::format(t("{}：{} 个县，土地面积 {} 公顷；森林覆盖率 {}；湿地保护率 {}；生态保护红线占比 {}\n",
                                    "{}: {} counties, land {} ha; forest coverage {}; wetland protection rate {}; red-line share {}\n"),
                                  p.name, r.counties, report::format_number(f.area_ha, 4), pct(f.forest), pct(f.wetland),
                                  pct(f.redline));
        }
        if (r.patches > 0) io.out << fmt::format(t("图斑 {} 个\n", "{} patches\n"), r.patches);
        io.out << fmt::format("{}:", t("输出", "outputs"));
        for (const auto& file : r.files) io.out << "\n  " << file;
        io.out << "\n";
        return kExitOk;
    }

    CLI::App *plan_ = nullptr, *run_task_ = nullptr, *status_ = nullptr, *resubmit_ = nullptr, *run_ = nullptr,
             *merge_ = nullptr;
    std::string campaign_file_, out_, dir_, ecozone_;
    int index_ = -1, workers_ = 1;
    bool resubmit_flag_ = false, no_submit_ = false;
    OutputOptions output_;
};

}  // namespace

std::unique_ptr<Command> make_campaign_command() { return std::make_unique<CampaignCommand>(); }

}  // namespace ecozone::cli
