#include "analysis/campaign/slurm_scripts.h"

#include "analysis/campaign/atomic_file.h"
#include "analysis/campaign/task_status.h"
#include "geo/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& word) {
    std::string out = "'";
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

namespace {

std::string path_in(const Plan& plan, const std::string& name) {
    return (fs::path(plan.dir) / name).string();
}

// Slurm's job name: ASCII, no spaces (squeue columns), so it is the folder's name.
std::string job_name(const Plan& plan, const char* what) {
    std::string s = fs::path(plan.dir).filename().string();
    for (char& c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x80 || !(std::isalnum(u) || c == '-' || c == '_' || c == '.')) c = '_';
    }
    return fmt::format("ecozone-{}-{}", what, s);
}

}  // namespace

std::string campaign_sbatch(const Plan& plan) {
    const Resources r = plan.largest();
    const int n = static_cast<int>(plan.tasks.size());
    // --output and the working folder are given by submit.sh on the command line: an #SBATCH line
    // cannot quote a path with spaces.
    return fmt::format(
        "#!/bin/bash\n"
        "# Written by ecozone campaign plan: one array task per plan task (tasks.json).\n"
        "# Memory and time are the largest task's (docs/campaign.md, 'resources').\n"
        "#SBATCH --job-name={}\n"
        "#SBATCH --array=0-{}\n"
        "#SBATCH --mem={}M\n"
        "#SBATCH --time={}\n"
        "#SBATCH --cpus-per-task={}\n"
        "#SBATCH --ntasks=1\n"
        "exec {} campaign run-task {} \"$SLURM_ARRAY_TASK_ID\"\n",
        job_name(plan, "tasks"), std::max(0, n - 1), r.memory_mb, r.time_minutes, plan.threads,
        shell_quote(plan.ecozone), shell_quote(plan.dir));
}

std::string merge_sbatch(const Plan& plan) {
    return fmt::format(
        "#!/bin/bash\n"
        "# Written by ecozone campaign plan: the province tables once every task is done.\n"
        "#SBATCH --job-name={}\n"
        "#SBATCH --mem=1024M\n"
        "#SBATCH --time=60\n"
        "#SBATCH --cpus-per-task=1\n"
        "#SBATCH --ntasks=1\n"
        "exec {} campaign merge {}\n",
        job_name(plan, "merge"), shell_quote(plan.ecozone), shell_quote(plan.dir));
}

std::string submit_sh(const Plan& plan, const std::string& array) {
    const std::string dir = shell_quote(plan.dir);
    const std::string logs = shell_quote(path_in(plan, "logs"));
    return fmt::format(
        "#!/bin/sh\n"
        "# Written by ecozone campaign: submits the {}array and the merge that waits for it.\n"
        "# A failed task cancels the merge (--kill-on-invalid-dep); then `ecozone campaign status {}`\n"
        "# says which and `ecozone campaign resubmit {}` runs only those again.\n"
        "set -e\n"
        "mkdir -p {}\n"
        "array_job=$(sbatch --parsable {}-D {} -o {}/task-%A_%a.log {})\n"
        "array_job=${{array_job%%;*}}\n"
        "merge_job=$(sbatch --parsable --dependency=afterok:$array_job --kill-on-invalid-dep=yes -D {} -o {}/merge-%j.log {})\n"
        "merge_job=${{merge_job%%;*}}\n"
        "echo \"array_job=$array_job\"\n"
        "echo \"merge_job=$merge_job\"\n",
        array.empty() ? "" : "tasks not done as an ", dir, dir, logs,
        array.empty() ? "" : "--array=" + array + " ", dir, logs, shell_quote(path_in(plan, "campaign.sbatch")), dir,
        logs, shell_quote(path_in(plan, "merge.sbatch")));
}

std::string submit_sh(const Plan& plan, const std::vector<int>& indexes) {
    std::vector<int> first, then;
    for (int i : indexes) (plan.tasks.at(static_cast<size_t>(i)).needs.empty() ? first : then).push_back(i);
    if (then.empty()) return submit_sh(plan, indexes.size() == plan.tasks.size() ? "" : array_list(indexes));
    const std::string dir = shell_quote(plan.dir);
    const std::string logs = shell_quote(path_in(plan, "logs"));
    const std::string sbatch = shell_quote(path_in(plan, "campaign.sbatch"));
    std::string s = fmt::format(
        "#!/bin/sh\n"
        "# Written by ecozone campaign: submits the tasks as two arrays — the joins of tiled audits wait\n"
        "# for the first (their tile tasks) — and the merge that waits for both.  A failed task cancels\n"
        "# what waits for it (--kill-on-invalid-dep); then `ecozone campaign status {0}` says which and\n"
        "# `ecozone campaign resubmit {0}` runs only those again.\n"
        "set -e\n"
        "mkdir -p {1}\n",
        dir, logs);
    std::string after;
    if (!first.empty()) {
        s += fmt::format(
            "array_job=$(sbatch --parsable --array={} -D {} -o {}/task-%A_%a.log {})\n"
            "array_job=${{array_job%%;*}}\n"
            "echo \"array_job=$array_job\"\n",
            array_list(first), dir, logs, sbatch);
        after = "--dependency=afterok:$array_job --kill-on-invalid-dep=yes ";
    }
    s += fmt::format(
        "join_job=$(sbatch --parsable --array={} {}-D {} -o {}/task-%A_%a.log {})\n"
        "join_job=${{join_job%%;*}}\n"
        "echo \"join_job=$join_job\"\n"
        "merge_job=$(sbatch --parsable --dependency=afterok:{}$join_job --kill-on-invalid-dep=yes -D {} -o {}/merge-%j.log {})\n"
        "merge_job=${{merge_job%%;*}}\n"
        "echo \"merge_job=$merge_job\"\n",
        array_list(then), after, dir, logs, sbatch, first.empty() ? "" : "$array_job:", dir, logs,
        shell_quote(path_in(plan, "merge.sbatch")));
    return s;
}

void write_slurm_scripts(const Plan& plan) {
    std::error_code ec;
    fs::create_directories(path_in(plan, "logs"), ec);
    write_file_atomic(path_in(plan, "campaign.sbatch"), campaign_sbatch(plan), true);
    write_file_atomic(path_in(plan, "merge.sbatch"), merge_sbatch(plan), true);
    std::vector<int> all;
    for (const auto& t : plan.tasks) all.push_back(t.index);
    write_file_atomic(path_in(plan, "submit.sh"), submit_sh(plan, all), true);
}

std::vector<int> write_plan_folder(const Plan& plan) {
    std::vector<int> dropped;
    std::error_code ec;
    std::optional<Plan> old;
    if (fs::is_regular_file(plan_path(plan.dir), ec)) {
        try {
            old = read_plan(plan.dir);
        } catch (const Error&) {
            old.reset();  // unreadable: nothing of it can be trusted, every record goes
        }
    }
    if (fs::is_directory(fs::path(plan.dir) / "status", ec)) {
        for (const auto& entry : fs::directory_iterator(fs::path(plan.dir) / "status", ec)) {
            const std::string stem = entry.path().stem().string();
            if (entry.path().extension() != ".json" || stem.empty() ||
                stem.find_first_not_of("0123456789") != std::string::npos)
                continue;
            const size_t i = std::stoul(stem);
            const bool same = old && i < old->tasks.size() && i < plan.tasks.size() &&
                              old->tasks[i].args == plan.tasks[i].args;
            if (!same) {
                fs::remove(entry.path(), ec);
                dropped.push_back(static_cast<int>(i));
            }
        }
    }
    write_file_atomic(plan_path(plan.dir), to_json(plan).dump(2) + "\n");
    write_slurm_scripts(plan);
    return dropped;
}

}  // namespace ecozone::analysis::campaign
