#!/usr/bin/env bash
# Throughput and peak memory per worker of the distributed run for 1, 2 and 4
# worker processes, beside a single-machine run of the same archive.
#
#   jobs/distributed/bench.sh PYTHON ARCHIVE [WORKERS...]
#
# PYTHON: a Python with the job's requirements (a venv's bin/python);
# ARCHIVE: a folder of story folders (crosscheck-gen --out). Prints a Markdown
# table; each run's figures and reports are left beside ARCHIVE (bench-*.json).
set -euo pipefail
python=$1
archive=$(cd "$2" && pwd)
shift 2
workers=("$@")
[ ${#workers[@]} -gt 0 ] || workers=(1 2 4)
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$here/../.." && pwd)/${CARGO_TARGET_DIR:-target}/release/crosscheck
[ -x "$bin" ] || bin=${CARGO_TARGET_DIR:?}/release/crosscheck
parent=$(dirname "$archive")
bytes=$(du -sb "$archive" | cut -f1)
single=$( { cd "$parent" && /usr/bin/time -f "%e %M" "$bin" check --format json \
    --output "$parent/bench-single.json" "$(basename "$archive")" 2>&1 >/dev/null || true; } | tail -1)
echo "| run | wall | extract stage | throughput (extract) | peak memory per worker | gather (check --from-claims) |"
echo "|---|---|---|---|---|---|"
read -r s_wall s_peak <<<"$single"
echo "| one machine, \`crosscheck check\` (2 threads) | ${s_wall} s | | $(awk "BEGIN{printf \"%.1f\", $bytes/1e6/$s_wall}") MB/s | $((s_peak / 1024)) MB | |"
for n in "${workers[@]}"; do
    stats="$parent/bench-$n.json"
    "$python" "$here/check_archive.py" "$archive" --workers "$n" --crosscheck "$bin" \
        --output "$parent/bench-$n.report.json" --stats "$stats" 2>/dev/null || [ $? -eq 1 ]
    "$python" - "$stats" "$n" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
peaks = s["peak_kib_per_worker"]
mb = s["bytes"] / 1e6
print(f"| Ray, {sys.argv[2]} worker{'s' if sys.argv[2] != '1' else ''} ({s['partitions']} partitions) "
      f"| {s['total_s']} s (Ray start {s['ray_start_s']} s) | {s['extract_s']} s "
      f"| {mb / s['extract_s']:.1f} MB/s | {min(peaks) // 1024}–{max(peaks) // 1024} MB "
      f"| {s['gather_s']} s, {(s['peak_kib_gather'] or 0) // 1024} MB |")
PY
done
