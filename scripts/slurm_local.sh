#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on this machine, everything inside one folder.
#
#   scripts/slurm_local.sh install        apt-get install slurmctld slurmd slurm-client munge
#                                         (only what is missing; sudo when not root)
#   scripts/slurm_local.sh start DIR      write DIR/slurm.conf, start munged, slurmctld and slurmd,
#                                         wait (60 s at most) until the node is idle, then print
#                                         the line to use:  export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm_local.sh stop DIR       cancel the jobs, stop the daemons it started, leave none
#   scripts/slurm_local.sh status DIR     which daemons run, and sinfo
#   scripts/slurm_local.sh env DIR        print the export line again
#   scripts/slurm_local.sh selftest DIR   start, run job arrays (one failing) and dependent jobs,
#                                         check their states without sacct, stop
#
# Runs as root (daemons as root) or as any user (daemons as that user; jobs then run as that
# user too). No cgroups, no accounting database, no systemd: proctrack/linuxproc, task/none,
# accounting_storage/none, jobcomp/filetxt (DIR/log/jobcomp.txt has one line per finished job).
# Two clusters started into two folders do not clash: each gets its own free ports, its own
# munged socket and key, its own state, spool, logs and pid files.
# Environment: SLURM_LOCAL_AUTH=munge (default) or none (auth/none + cred/none, no munged);
#              SLURM_LOCAL_TIMEOUT=60 seconds to wait for the idle node.
# docs/slurm-local.md tells what was measured and what to watch out for.
set -euo pipefail
shopt -s extglob

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
die() { echo "slurm_local: $*" >&2; exit 1; }
log() { echo "slurm_local: $*" >&2; }

cmd="${1:-}"
[[ -n "$cmd" ]] || usage

if [[ "$cmd" == install ]]; then
  missing=()
  for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  (( ${#missing[@]} )) || { log "slurm and munge already installed"; exit 0; }
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing ${missing[*]}"
  # another apt may hold the dpkg lock: wait for it rather than fail
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  # policy-rc.d / no systemd: the packages' own services are not started (we do not want them)
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

[[ $# -eq 2 ]] || usage
mkdir -p "$2"
DIR="$(cd "$2" && pwd -P)"
CONF="$DIR/slurm.conf"
MUNGE_DIR="$DIR/munge"
# where munged listens: DIR/munge/munged.sock, or a folder in /tmp when DIR cannot hold it
SOCK="$(cat "$DIR/run/munge.socket" 2>/dev/null || echo "$MUNGE_DIR/munged.sock")"
TIMEOUT="${SLURM_LOCAL_TIMEOUT:-60}"
AUTH="${SLURM_LOCAL_AUTH:-munge}"

for b in slurmctld slurmd sinfo scontrol; do
  command -v "$b" >/dev/null || die "$b not found: run '$0 install' first"
done

pid_of() {  # pid_of NAME: the live pid from DIR/run/NAME.pid, or nothing
  local f="$DIR/run/$1.pid" p
  [[ -s "$f" ]] || return 0
  p="$(tr -dc 0-9 < "$f")"
  [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && echo "$p"
  return 0
}

port_free() {  # nothing on this port, tcp or udp, listening or connected
  local hex
  printf -v hex '%04X' "$1"
  ! grep -qsE "^ *[0-9]+: [0-9A-F]+:$hex " /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6
}

pick_port() {  # a free port in 20000-59999 other than $1
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    [[ "$p" != "${1:-}" ]] && port_free "$p" && { echo "$p"; return 0; }
  done
  die "no free port found"
}

# The daemons of this cluster and the slurmstepd that slurmd forks keep a file under DIR open
# (their log): the last sweep of 'stop' finds them by that, and only them.
cluster_pids() {
  local p f
  for p in $(pgrep -x 'munged|slurmctld|slurmd|slurmstepd' 2>/dev/null || true); do
    for f in /proc/"$p"/fd/*; do
      case "$(readlink "$f" 2>/dev/null)" in "$DIR"/*) echo "$p"; break ;; esac
    done
  done
  return 0
}

descendants() {  # descendants PID...: every process below them
  ps -e -o pid=,ppid= | awk -v roots=" $* " '
    { parent[$1] = $2 }
    END { do { n = 0; for (p in parent) if (!(p in seen) && index(roots, " " parent[p] " ")) { seen[p]; roots = roots p " "; n++ } } while (n); for (p in seen) print p }'
}

show_logs() {
  local f
  for f in "$DIR"/log/*.log "$MUNGE_DIR"/munged.log; do
    [[ -s "$f" ]] || continue
    echo "----- $f (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}

stop_daemons() {  # TERM all the daemons at once (each takes ~2 s to exit), wait 15 s, then KILL
  local name p pids="" i
  for name in slurmd slurmctld munged; do
    p="$(pid_of "$name")"
    [[ -n "$p" ]] && pids="$pids $p" && kill -TERM "$p" 2>/dev/null
  done
  for i in $(seq 1 150); do
    p=""
    for name in $pids; do kill -0 "$name" 2>/dev/null && p="$p $name"; done
    pids="$p"
    [[ -z "$pids" ]] && break
    sleep 0.1
  done
  if [[ -n "$pids" ]]; then
    log "daemons$pids did not stop in 15 s: KILL"
    kill -KILL $pids 2>/dev/null || true
  fi
  rm -f "$DIR"/run/{slurmd,slurmctld,munged}.pid
}

do_stop() {
  local p left i
  export SLURM_CONF="$CONF"
  if [[ -n "$(pid_of slurmctld)" ]]; then
    # cancel what is still queued or running and wait for the node to be idle again, so that
    # no slurmstepd (nor a job's process) outlives slurmd
    squeue -h -o %i 2>/dev/null | xargs -r scancel --quiet 2>/dev/null || true
    for i in $(seq 1 100); do
      [[ -z "$(squeue -h -o %i 2>/dev/null)" && "$(sinfo -h -N -o %T 2>/dev/null)" != *@(alloc|mix|comp)* ]] && break
      sleep 0.1
    done
  fi
  stop_daemons
  left="$(cluster_pids)"
  if [[ -n "$left" ]]; then
    left="$left $(descendants $left)"
    log "stray processes of this cluster: $(echo $left): KILL"
    kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$SOCK" "$SOCK.lock" "$DIR/run/munge.socket"
  case "$SOCK" in /tmp/slurm-local-munge.*/munged.sock) rmdir "${SOCK%/*}" 2>/dev/null || true ;; esac
  log "stopped ($DIR)"
}

write_conf() {
  local me node hw cpus mem ctld_port slurmd_port defmem auth_lines
  me="$(id -un)"
  node="$(hostname -s)"
  # the hardware as slurmd itself sees it, so the node is not drained for a mismatch
  hw="$(slurmd -C 2>/dev/null | head -n1 | sed -n 's/^NodeName=[^ ]* //p')"
  if [[ -z "$hw" ]]; then
    hw="CPUs=$(nproc) RealMemory=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))"
  fi
  cpus="$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hw")"
  mem="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")"
  # with CR_Core_Memory a job without --mem would take all the memory (DefMemPerCPU=0):
  # give each CPU a share so array tasks run side by side
  defmem=$(( mem / (cpus > 0 ? cpus : 1) ))
  (( defmem > 1024 )) && defmem=1024
  ctld_port="$(pick_port)"
  slurmd_port="$(pick_port "$ctld_port")"
  if [[ "$AUTH" == none ]]; then
    auth_lines="AuthType=auth/none
CredType=cred/none"
  else
    auth_lines="AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK"
  fi
  cat > "$CONF" <<EOF
# written by scripts/slurm_local.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)
ClusterName=local$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$me
SlurmdUser=$me
$auth_lines
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$defmem
SchedulerType=sched/backfill
# start a freed core's next job after ~1 s instead of 3 s
SchedulerParameters=batch_sched_delay=0
# a job whose afterok dependency failed is CANCELLED instead of pending forever
DependencyParameters=kill_invalid_depend
SwitchType=switch/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SlurmdParameters=config_overrides
# finished jobs stay visible to squeue/scontrol for an hour (there is no sacct here)
MinJobAge=3600
KillWait=5
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=60
MessageTimeout=10
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node $hw State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

choose_socket() {
  local d="$DIR" ok=1
  mkdir -p "$MUNGE_DIR"
  # munged refuses a socket whose folder, or any folder above it, is not searchable by all
  # ("Socket is inaccessible: execute permissions for all required on ..."); a unix socket's
  # path has at most 107 characters
  chmod 0755 "$DIR" "$MUNGE_DIR"
  while [[ -n "$d" && "$d" != / ]]; do
    [[ "$(stat -c %A "$d")" == ?????????[xt]* ]] || ok=0
    d="${d%/*}"
  done
  SOCK="$MUNGE_DIR/munged.sock"
  if (( !ok || ${#SOCK} > 100 )); then
    d="$(mktemp -d /tmp/slurm-local-munge.XXXXXX)"
    chmod 0755 "$d"
    SOCK="$d/munged.sock"
    log "munged's socket is $SOCK (a folder above $DIR is not searchable by all, or its path is too long)"
  fi
  echo "$SOCK" > "$DIR/run/munge.socket"
}

start_munged() {
  if [[ ! -s "$MUNGE_DIR/munge.key" ]]; then
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile="$MUNGE_DIR/munge.key"
    else
      dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none
    fi
  fi
  chmod 0600 "$MUNGE_DIR/munge.key"
  rm -f "$SOCK" "$SOCK.lock"
  SLURM_LOCAL_DIR="$DIR" munged --socket="$SOCK" --key-file="$MUNGE_DIR/munge.key" --pid-file="$DIR/run/munged.pid" \
         --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" --num-threads=2 \
    || { show_logs; die "munged did not start"; }
  munge -n -S "$SOCK" | unmunge -S "$SOCK" >/dev/null \
    || { show_logs; die "munged started but does not answer on $SOCK"; }
}

do_start() {
  local t0 i state p name
  t0="$(date +%s.%N)"
  for name in munged slurmctld slurmd; do
    p="$(pid_of "$name")"
    [[ -z "$p" ]] || die "$name is already running (pid $p) for $DIR: '$0 stop $DIR' first"
  done
  [[ -z "$(cluster_pids)" ]] || die "processes of an earlier cluster still use $DIR: '$0 stop $DIR' first"
  [[ "$AUTH" == munge || "$AUTH" == none ]] || die "SLURM_LOCAL_AUTH must be munge or none"
  # slurmd makes a unix socket per job step in DIR/spool (107 characters at most)
  (( ${#DIR} <= 70 )) || die "$DIR is too long (${#DIR} > 70 characters) for slurmd's step sockets"
  # a cold start: no jobs, nodes or cluster name of an earlier run in this folder
  rm -rf "$DIR/state" "$DIR/spool" "$DIR/log"
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/run"
  [[ "$AUTH" == munge ]] && choose_socket
  write_conf
  export SLURM_CONF="$CONF"
  [[ "$AUTH" == munge ]] && start_munged
  # -c: cold start, forget jobs of an earlier run in this folder
  SLURM_LOCAL_DIR="$DIR" slurmctld -c -f "$CONF" || { show_logs; do_stop; die "slurmctld did not start"; }
  for i in $(seq 1 100); do [[ -n "$(pid_of slurmctld)" ]] && break; sleep 0.1; done
  SLURM_LOCAL_DIR="$DIR" slurmd -f "$CONF" -N "$(hostname -s)" || { show_logs; do_stop; die "slurmd did not start"; }
  state=""
  for i in $(seq 1 $(( TIMEOUT * 4 ))); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n1 || true)"
    [[ "$state" == idle ]] && break
    if (( i % 8 == 0 )); then
      [[ -n "$(pid_of slurmctld)" ]] || { show_logs; do_stop; die "slurmctld died"; }
      [[ -n "$(pid_of slurmd)" ]] || { show_logs; do_stop; die "slurmd died"; }
    fi
    sleep 0.25
  done
  if [[ "$state" != idle ]]; then
    log "node not idle after ${TIMEOUT}s (state '${state:-none}')"
    sinfo -N -l >&2 2>&1 || true
    scontrol show node >&2 2>&1 || true
    show_logs
    do_stop
    exit 1
  fi
  log "node $(hostname -s) idle after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s (auth $AUTH, daemons as $(id -un))"
  echo "export SLURM_CONF=$CONF"
}

do_status() {
  local name p rc=0 names="munged slurmctld slurmd"
  grep -qs '^AuthType=auth/none' "$CONF" && names="slurmctld slurmd"
  for name in $names; do
    p="$(pid_of "$name")"
    if [[ -n "$p" ]]; then echo "$name: running (pid $p)"; else echo "$name: not running"; rc=1; fi
  done
  if [[ -f "$CONF" && -n "$(pid_of slurmctld)" ]]; then
    echo "export SLURM_CONF=$CONF"
    SLURM_CONF="$CONF" sinfo -N 2>&1 || rc=1
  fi
  return $rc
}

# ---- selftest: what a test of job arrays would do, without sacct -------------------------------
TERMINAL='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)$'

wait_jobs() {  # wait_jobs ID...: until every job (every array task) is in a terminal state
  local i states
  for i in $(seq 1 600); do
    states="$(squeue -h -t all -j "$(IFS=,; echo "$*")" -o %T 2>/dev/null)"
    [[ -n "$states" ]] && ! grep -qvE "$TERMINAL" <<<"$states" && return 0
    sleep 0.2
  done
  die "jobs $* not finished after 120 s: $(echo $states)"
}

task_field() {  # task_field JOBID TASK FIELD: a field of one array task, from scontrol
  scontrol show job -o "$1" | grep -E "(^| )ArrayTaskId=$2( |$)" | tr ' ' '\n' | sed -n "s/^$3=//p"
}

check() {  # check WHAT GOT WANT
  if [[ "$2" == "$3" ]]; then echo "ok   $1: $2"; else echo "FAIL $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}

do_selftest() {
  local t0 t1 jid dep rc work fails=0 i
  t0="$(date +%s.%N)"
  do_start >/dev/null
  t1="$(date +%s.%N)"
  trap 'do_stop' EXIT
  export SLURM_CONF="$CONF"
  echo "start to idle: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s"
  work="$DIR/work"; rm -rf "$work"; mkdir -p "$work"

  # 1. a 3-task array with sbatch --wait (exit code = highest of the tasks), then a job that
  #    depends on it and concatenates the tasks' files
  t0="$(date +%s.%N)"
  sbatch --parsable --wait --array=0-2 -J arr-ok -D "$work" -o "$work/ok_%A_%a.log" \
    --wrap 'echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_JOB_ID" > part_$SLURM_ARRAY_TASK_ID.txt' \
    > "$work/ok.jobid" && rc=0 || rc=$?
  jid="$(cat "$work/ok.jobid")"
  check "sbatch --wait exit code, array $jid" "$rc" 0
  echo "     (sbatch --wait returned after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
  dep="$(sbatch --parsable --dependency=afterok:"$jid" --kill-on-invalid-dep=yes -J cat-ok -D "$work" \
    -o "$work/cat_%j.log" --wrap 'cat part_0.txt part_1.txt part_2.txt > all.txt')"
  wait_jobs "$dep"
  for i in 0 1 2; do
    check "array task $i state" "$(task_field "$jid" "$i" JobState)" COMPLETED
  done
  check "dependent job $dep state" "$(squeue -h -t all -j "$dep" -o %T)" COMPLETED
  check "concatenated lines" "$(cat "$work/all.txt" 2>/dev/null | wc -l)" 3
  check "line of task 2" "$(sed -n 3p "$work/all.txt" 2>/dev/null)" "task 2 of $jid"

  # 2. task 1 of an array fails (exit 3): its state, its exit code, the file it leaves, the
  #    exit code of sbatch --wait, and the afterok job that can never run
  t0="$(date +%s.%N)"
  sbatch --parsable --array=0-2 -J arr-fail -D "$work" -o "$work/fail_%A_%a.log" \
    --wrap 'if [ "$SLURM_ARRAY_TASK_ID" = 1 ]; then rc=3; else rc=0; fi; echo $rc > rc_$SLURM_ARRAY_TASK_ID; exit $rc' \
    > "$work/fail.jobid"
  jid="$(cat "$work/fail.jobid")"
  dep="$(sbatch --parsable --dependency=afterok:"$jid" --kill-on-invalid-dep=yes -J cat-fail -D "$work" \
    -o "$work/catfail_%j.log" --wrap 'cat rc_* > rc_all')"
  wait_jobs "$jid" "$dep"
  echo "     (failing array and its dependent job ended after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s, polling squeue)"
  check "failed task state" "$(task_field "$jid" 1 JobState)" FAILED
  check "failed task exit code" "$(task_field "$jid" 1 ExitCode)" 3:0
  check "failed task reason" "$(task_field "$jid" 1 Reason)" NonZeroExitCode
  check "other task state" "$(task_field "$jid" 0 JobState)" COMPLETED
  check "failed task's rc file" "$(cat "$work/rc_1" 2>/dev/null)" 3
  check "squeue array states" "$(squeue -h -t all -j "$jid" -o '%K=%T' | sort | tr '\n' ' ')" "0=COMPLETED 1=FAILED 2=COMPLETED "
  check "afterok job of a failed array" "$(squeue -h -t all -j "$dep" -o '%T %r')" "CANCELLED DependencyNeverSatisfied"
  check "afterok job did not run" "$([[ -e "$work/rc_all" ]] && echo ran || echo 'not run')" "not run"
  rc=0; sbatch --wait -Q -o /dev/null --array=0-1 --wrap 'exit $((SLURM_ARRAY_TASK_ID * 5))' >/dev/null || rc=$?
  check "sbatch --wait exit code, array whose tasks exit 0 and 5" "$rc" 5

  trap - EXIT
  do_stop
  check "processes left" "$(cluster_pids | wc -l)" 0
  check "pid files left" "$(ls "$DIR/run" | wc -l)" 0
  (( fails == 0 )) && echo "selftest: all passed" || { echo "selftest: $fails failed"; return 1; }
}

case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  selftest) do_selftest ;;
  env) [[ -f "$CONF" ]] || die "no $CONF"; echo "export SLURM_CONF=$CONF" ;;
  *) usage ;;
esac
