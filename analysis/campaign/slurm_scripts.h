#pragma once
// The Slurm scripts of a campaign folder (docs/campaign.md, docs/slurm-local.md):
//   campaign.sbatch  the job array, one array task per plan task, each `ecozone campaign run-task
//                    DIR $SLURM_ARRAY_TASK_ID`, with the memory and time of the largest task;
//   merge.sbatch     `ecozone campaign merge DIR`;
//   submit.sh        submits the array, then the merge with --dependency=afterok:ID
//                    --kill-on-invalid-dep=yes (a failed task cancels the merge instead of leaving it
//                    pending for ever), and prints both ids as array_job=ID and merge_job=ID;
//   resubmit.sh      the same for the tasks not done only (--array=3,7 overrides the script's).
// The ecozone path written into them is absolute (the running binary's), so that a compute node
// runs the same build as the one that planned.
#include "analysis/campaign/plan.h"

#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

// A word quoted for sh: 'it'\''s'.
std::string shell_quote(const std::string& word);

std::string campaign_sbatch(const Plan& plan);
std::string merge_sbatch(const Plan& plan);
// `array`: the --array list to submit ("3,7"); empty: the script's own (every task).
std::string submit_sh(const Plan& plan, const std::string& array = "");
// submit.sh for the tasks `indexes`: as above when none of them needs another task; otherwise two
// arrays — the tasks that need none, then (--dependency=afterok on the first) those that do, a
// tiled audit's joins — and the merge after both.
std::string submit_sh(const Plan& plan, const std::vector<int>& indexes);

// Writes campaign.sbatch, merge.sbatch and submit.sh into plan.dir, and creates DIR/logs (Slurm
// does not create the folder of --output).
void write_slurm_scripts(const Plan& plan);

// Writes the whole campaign folder of `plan`: tasks.json, the Slurm scripts and DIR/logs.  A task
// of an earlier plan in the same folder keeps its status record only when it has the same index and
// the same command (a re-plan after fixing a county's file keeps what is done; a campaign file
// that gained or lost a county shifts indexes, and no stale record may then pass for done).
// Returns the indexes whose records were dropped.
std::vector<int> write_plan_folder(const Plan& plan);

}  // namespace ecozone::analysis::campaign
