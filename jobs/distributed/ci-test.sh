#!/usr/bin/env bash
# The distributed run for real (issue "An archive, not a folder", item 5):
# Ray installed from PyPI (jobs/distributed/requirements.txt), a local Ray
# cluster of two worker processes, a generated archive of 2,000 stories;
# the merged report must equal a single-machine run's, byte for byte, and
# its findings sorted line by line too.
#
# Skips with a notice when Python or PyPI is unavailable, except in CI
# (CI=true), where that fails the run. About 3–5 minutes, most of it the
# pip install (Ray is a 70 MB wheel) and Ray's start-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-target}
work="$target/distributed"
skip() {
    if [ "${CI:-}" = true ]; then
        echo "distributed test: FAILED: $1 (CI must run it)"
        exit 1
    fi
    echo "NOTICE: distributed test skipped: $1"
    exit 0
}
command -v python3 >/dev/null 2>&1 || skip "no python3"
mkdir -p "$work"
# The venv is kept between runs while the pinned requirements are the same.
venv=${DISTRIBUTED_VENV:-$work/venv}
if ! cmp -s jobs/distributed/requirements.txt "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv" || skip "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$venv/bin/pip" install --quiet -r jobs/distributed/requirements.txt \
        || skip "pip install -r jobs/distributed/requirements.txt failed"
    cp jobs/distributed/requirements.txt "$venv/requirements.txt"
fi
cargo build --release --bin crosscheck --bin crosscheck-gen
bin=$(cd "$target/release" && pwd)
rm -rf "$work/archive" "$work/archive.jsonl" "$work"/*.json "$work/shards"
# both INPUT SUFFIX: the single-machine run of $work/INPUT (from its parent
# folder, as the job runs it) into single$SUFFIX.json, and the Ray job with
# two workers into distributed$SUFFIX.json (its figures in stats$SUFFIX.json).
both() {
    local status=0
    (cd "$work" && "$bin/crosscheck" check --format json --output "single$2.json" "$1") || status=$?
    [ "$status" -le 1 ] || { echo "distributed test: single run of $1 failed ($status)"; exit 1; }
    status=0
    "$venv/bin/python" jobs/distributed/check_archive.py "$work/$1" --workers 2 \
        --crosscheck "$bin/crosscheck" --output "$work/distributed$2.json" \
        --stats "$work/stats$2.json" || status=$?
    [ "$status" -le 1 ] || { echo "distributed test: the Ray job on $1 failed ($status)"; exit 1; }
}
"$bin/crosscheck-gen" --stories 2000 --seed 5 --out "$work/archive"
both archive ""
"$venv/bin/python" - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
single = (work / "single.json").read_bytes()
merged = (work / "distributed.json").read_bytes()
stats = json.loads((work / "stats.json").read_text())
def lines(report):
    return sorted(json.dumps(f, sort_keys=True) for f in json.loads(report)["findings"])
stories = len(json.loads(single)["stories"])
assert stories >= 2000, f"{stories} stories"
assert len(stats["peak_kib_per_worker"]) >= 2, f"one worker did all the work: {stats}"
assert lines(single) == lines(merged), "the findings differ from the single-machine run's"
assert single == merged, "the report differs from the single-machine run's"
print(f"distributed test: {stories} stories, {len(lines(single))} findings, "
      f"equal to the single-machine run ({stats['workers']} workers, "
      f"{len(stats['peak_kib_per_worker'])} worker processes used, {stats['total_s']} s)")
PY
# The same for a JSON Lines archive of article records (smaller: the job's
# code path, not its scale, is what this adds): records partitioned by story
# in runs of the archive's order, each partition a file named like the
# archive, so the locations name `archive.jsonl` and the record.
"$bin/crosscheck-gen" --stories 500 --seed 7 --format jsonl --out "$work/archive.jsonl"
both archive.jsonl -jsonl
"$venv/bin/python" - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
single = (work / "single-jsonl.json").read_bytes()
merged = (work / "distributed-jsonl.json").read_bytes()
stats = json.loads((work / "stats-jsonl.json").read_text())
report = json.loads(single)
assert len(report["stories"]) >= 500, f"{len(report['stories'])} stories"
assert stats["partitions"] >= 2, f"one partition: {stats}"
located = [c for f in report["findings"] for v in f["values"] for c in v["claims"]]
assert located and all(c["source"] == "archive.jsonl" and c.get("record") for c in located), \
    "locations do not name the archive and the record"
assert single == merged, "the archive's report differs from the single-machine run's"
print(f"distributed test: JSON Lines archive, {len(report['stories'])} stories, "
      f"{len(report['findings'])} findings, equal to the single-machine run "
      f"({stats['partitions']} partitions, {stats['total_s']} s)")
PY
# The README's cluster commands as written, on this one machine: a Ray head
# started with `ray start --head`, the job joining it with `--address auto`
# (not a cluster of its own), over the 500-record archive again. `ray stop`
# afterwards, also when a step fails.
ray="$venv/bin/ray"
"$ray" start --head --port 6379 --num-cpus 2 --disable-usage-stats >/dev/null \
    || { echo "distributed test: ray start --head failed"; exit 1; }
trap '"$ray" stop >/dev/null 2>&1 || true' EXIT
status=0
"$venv/bin/python" jobs/distributed/check_archive.py "$work/archive.jsonl" --address auto \
    --crosscheck "$bin/crosscheck" --output "$work/cluster-jsonl.json" || status=$?
[ "$status" -le 1 ] || { echo "distributed test: the job on a started Ray head failed ($status)"; exit 1; }
cmp -s "$work/single-jsonl.json" "$work/cluster-jsonl.json" \
    || { echo "distributed test: the job on a started Ray head differs from the single-machine run"; exit 1; }
echo "distributed test: the README's cluster commands (ray start --head, --address auto) give the single-machine report"
