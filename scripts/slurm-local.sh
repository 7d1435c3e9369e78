#!/usr/bin/env bash
# A single-node Slurm cluster on localhost, for the tests of `icl sweep --slurm` and SlurmArrayJob.
#   bash scripts/slurm-local.sh start    install slurm-wlm + munge where missing (Debian, as root), configure, start,
#                                        wait until the node is idle (about 10 s once the packages are installed)
#   bash scripts/slurm-local.sh stop     stop slurmd, slurmctld and munged by their pid files
#   bash scripts/slurm-local.sh status   the daemons' pids and `sinfo`
# No systemd and no cgroups: proctrack/linuxproc, task/none, no accounting. State, spool, pid and log files live under
# ICL_SLURM_DIR (default /var/tmp/icl-slurm); the config is written to /etc/slurm/slurm.conf so that sbatch, squeue
# and scontrol find it without SLURM_CONF. Not for a real cluster: there, use the site's Slurm as it is.
set -euo pipefail

dir="${ICL_SLURM_DIR:-/var/tmp/icl-slurm}"
conf=/etc/slurm/slurm.conf
host="$(hostname -s)"

die() { echo "slurm-local: $*" >&2; exit 2; }

alive() { # alive PIDFILE: the pid in the file is a running process
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

install_packages() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
    && command -v sbatch >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "slurm-wlm and munge are missing and installing them needs root"
  command -v apt-get >/dev/null || die "slurm-wlm and munge are missing and this is not a Debian-like system (no apt-get)"
  echo "slurm-local: installing slurm-wlm and munge ..." >&2
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do # another apt may hold the lock
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null 2>&1; then return 0; fi
    [ "$i" = 2 ] && apt-get update -q >/dev/null 2>&1 || true
    sleep 3
  done
  die "apt-get install slurm-wlm munge failed (run it by hand to see why)"
}

write_conf() {
  local cpus mem
  cpus="$(nproc)"
  mem="$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)"
  mkdir -p "$dir"/{state,spool,log,run} /etc/slurm
  cat > "$conf.tmp" <<EOF
# written by scripts/slurm-local.sh (icl-dynamics): a single-node test cluster on localhost
ClusterName=icl-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobRequeue=1
MaxArraySize=100001
MaxJobCount=200000
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=300
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$conf.tmp" "$conf"
}

start_munge() {
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  chmod 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null; then mungekey --create --force >/dev/null 2>&1 || true; fi
    [ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null
  fi
  chown munge:munge /etc/munge /etc/munge/munge.key
  chmod 0700 /etc/munge
  chmod 0400 /etc/munge/munge.key
  if alive /run/munge/munged.pid && munge -n </dev/null | unmunge >/dev/null 2>&1; then return 0; fi
  rm -f /run/munge/munged.pid /run/munge/munge.socket.2*
  runuser -u munge -- /usr/sbin/munged --force
  local i
  for i in $(seq 1 50); do
    munge -n </dev/null | unmunge >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "munged did not start (see /var/log/munge/munged.log)"
}

wait_idle() {
  local i state
  for i in $(seq 1 120); do # 30 s
    state="$(sinfo -h -n "$host" -o %T 2>/dev/null | head -1 || true)"
    case "$state" in
      idle|mixed|allocated) return 0 ;;
      down*|drain*|fail*) scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.25
  done
  die "node $host is not idle after 30 s (state '${state:-none}'; see $dir/log/slurmctld.log and slurmd.log)"
}

start() {
  [ "$(id -u)" = 0 ] || die "start needs root (it configures and starts system daemons)"
  install_packages
  write_conf
  start_munge
  if ! alive "$dir/run/slurmctld.pid"; then
    /usr/sbin/slurmctld || die "slurmctld did not start (see $dir/log/slurmctld.log)"
  fi
  if ! alive "$dir/run/slurmd.pid"; then
    /usr/sbin/slurmd || die "slurmd did not start (see $dir/log/slurmd.log)"
  fi
  wait_idle
  echo "slurm-local: node $host idle ($(nproc) CPUs); files under $dir" >&2
}

stop_pid() { # stop_pid NAME PIDFILE
  local i pid
  alive "$2" || { rm -f "$2"; return 0; }
  pid="$(cat "$2")"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$2"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$2"
  echo "slurm-local: $1 (pid $pid) needed SIGKILL" >&2
}

stop() {
  stop_pid slurmd "$dir/run/slurmd.pid"
  stop_pid slurmctld "$dir/run/slurmctld.pid"
  stop_pid munged /run/munge/munged.pid
}

status() {
  local name f
  for name in munged slurmctld slurmd; do
    f="$dir/run/$name.pid"; [ "$name" = munged ] && f=/run/munge/munged.pid
    if alive "$f"; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: stopped"; fi
  done
  sinfo 2>/dev/null || { echo "sinfo: no answer"; return 1; }
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: bash scripts/slurm-local.sh start|stop|status" >&2; exit 2 ;;
esac
