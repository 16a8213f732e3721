#!/usr/bin/env bash
# `make test-slurm` (opt-in, root, not part of `make test`): brings up a single-node Slurm (slurm-wlm from
# apt, munged, slurmctld and slurmd with state under $STATE), submits examples/slurm/claims.sbatch on small
# claims as a 3-task job array plus its dependent merge, and checks that the merged summary.txt, CSVs and
# plots are byte-identical to a one-process run. It writes /etc/munge/munge.key (when missing) and
# /etc/slurm/slurm.conf: that is why `make test` leaves it out. Daemons it started keep running (their
# pid files are in $STATE) so that a second run is quick.
set -euo pipefail
RATELAB=${RATELAB:-.build/release/ratelab}
STATE=${STATE:-/tmp/ratelab-slurm}
CLAIMS="proofs-numeric/gd-worst-case-rate.yaml proofs-numeric/gd-convex-worst-case.yaml proofs-numeric/ada-lupa-schedule.yaml proofs-numeric/gd-pl-linear.yaml"
[ "$(id -u)" -eq 0 ] || { echo "test-slurm: needs root (it starts munged, slurmctld and slurmd)" >&2; exit 1; }
command -v slurmctld >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm >/dev/null
mkdir -p "$STATE"/{state,spool,log} /etc/munge /run/munge /var/log/munge /var/lib/munge
[ -f /etc/munge/munge.key ] || { head -c 1024 /dev/urandom > /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge
host=$(hostname -s)
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ratelab
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
pgrep -x munged >/dev/null || munged --force
running "$STATE/slurmctld.pid" || slurmctld
running "$STATE/slurmd.pid" || slurmd
for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %T | grep -q idle || { echo "test-slurm: the node did not come up; see $STATE/log" >&2; exit 1; }

root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
"$RATELAB" check $CLAIMS --reports "$work/one" --cache "$work/one-cache" >/dev/null 2>&1
out=$(cd "$work" && CLAIMS="$(for c in $CLAIMS; do echo -n "$root/$c "; done)" SHARDS=3 CACHE="$work/cache" REPORTS="$work/merged" \
      RATELAB="$(realpath "$root/$RATELAB")" bash "$root/examples/slurm/claims.sbatch")
echo "test-slurm: $out"
merge=${out##* }
for _ in $(seq 300); do squeue -h -j "$merge" 2>/dev/null | grep -q . || break; sleep 1; done
[ -f "$work/merged/summary.txt" ] || { echo "test-slurm: the merge job wrote no summary" >&2; cat "$work"/ratelab-*.log >&2; exit 1; }
grep -h "^shard" "$work"/ratelab-*_*.log
# manifest.txt is left out: it lists the hashes of claim.json and junit.xml, which carry wall-clock seconds.
(cd "$work/one" && find . \( -name '*.txt' -o -name '*.csv' -o -name '*.svg' \) ! -name manifest.txt) | while read -r f; do
  cmp -s "$work/one/$f" "$work/merged/$f" || { echo "test-slurm: $f differs from the one-process run" >&2; exit 1; }
done
echo "test-slurm: PASS: the merged reports of the Slurm array are byte-identical to a one-process run"
