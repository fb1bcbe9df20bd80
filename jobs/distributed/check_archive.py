#!/usr/bin/env python3
"""Checks an archive of stories on a Ray cluster with the crosscheck binary.

    python check_archive.py ARCHIVE --output report.json [--workers N | --address HOST:PORT]

ARCHIVE is a folder whose immediate subfolders are stories (what
`crosscheck check ARCHIVE` reads as stories, e.g. `crosscheck-gen --out`),
or a JSON Lines archive of article records (`.jsonl`/`.ndjson`, e.g.
`crosscheck-gen --format jsonl --out archive.jsonl`).

1. Partition: the driver lists the stories and puts each in one of
   `--partitions` partitions by a hash of its name (a story is never split:
   its claims are keyed together). An archive's records are partitioned by
   their story field (`[input] story` in crosscheck.toml renames it) into
   runs of whole stories in the archive's order, each run about the same
   size, and a worker gets its records as a file named like the archive: the
   report's locations name the archive and the record, and the records come
   back in the archive's order when its stories' records are together in it
   (as a desk's export or the generator writes them; a story's records
   scattered through the archive still give the same findings, but the
   sources are listed in partition order).
2. Extract, on the workers: a task per partition receives its stories'
   files through Ray's object store (no shared file system needed), writes
   them under a temporary folder with the same relative paths, and runs
   `crosscheck claims --format shard`; the shard (claims with entity keys,
   values, spans and the lines the report quotes) comes back to the driver.
3. Gather, on the driver: `crosscheck check --from-claims SHARDS` checks each
   story's claims, links the person facts across stories (the one step that
   sees every story) and writes one report, byte for byte the report of
   `crosscheck check ARCHIVE` run in ARCHIVE's parent folder.

Each task runs the binary with `--jobs 1`: Ray gives a task one CPU, and one
worker per core keeps the run's memory at one partition per core.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import ray


def stories_of(archive: Path):
    """Each immediate subfolder is a story; files directly in the archive are
    the archive's own story (as crosscheck reads a folder)."""
    stories = {}
    for entry in sorted(archive.iterdir()):
        if entry.is_dir():
            files = sorted(p for p in entry.rglob("*") if p.is_file())
            stories[entry.name] = files
        elif entry.is_file():
            stories.setdefault("", []).append(entry)
    return stories


def is_archive(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson")


def story_field(config: bytes) -> str:
    """The records' story field: `[input] story` of crosscheck.toml, else `story`."""
    if not config:
        return "story"
    import tomllib
    return tomllib.loads(config.decode("utf-8")).get("input", {}).get("story", "story")


def record_partitions(archive: Path, partitions: int, field: str):
    """The archive's lines in `partitions` runs of whole stories, in the
    archive's order. A record without a story field (or with one that is not
    a string) goes with the first such record: crosscheck gives those the
    archive's story or a `story:` line of their text, and a group that holds
    several stories is still whole. Lines crosscheck refuses are passed on,
    so the worker reports them as a single run would."""
    lines = archive.read_bytes().splitlines(keepends=True)
    keys, first = [], {}
    for line in lines:
        try:
            story = json.loads(line).get(field)
        except (ValueError, AttributeError):
            story = None
        key = story if isinstance(story, str) and story else None
        keys.append(key)
        first.setdefault(key, len(first))
    sizes = [0] * len(first)
    for line, key in zip(lines, keys):
        sizes[first[key]] += len(line)
    # Stories in order of first appearance, cut where the running size
    # passes the next multiple of an even share.
    share = max(1, sum(sizes) / max(1, partitions))
    part_of_story, running = [], 0
    for size in sizes:
        part_of_story.append(min(partitions - 1, int(running // share)))
        running += size
    groups = [[] for _ in range(partitions)]
    for line, key in zip(lines, keys):
        groups[part_of_story[first[key]]].append(line)
    return [b"".join(g) for g in groups]


def partition_of(story: str, partitions: int) -> int:
    # crc32, not hash(): Python salts str hashes per process, and a story must
    # land in the same partition on every run.
    return zlib.crc32(story.encode("utf-8")) % partitions


def measured(command: list, cwd, capture: bool = True):
    """Runs `command`; returns its result and its peak resident memory (KiB)
    as GNU time reads it. Without /usr/bin/time the peak is None: a Python
    process's own ru_maxrss of children would count the interpreter the
    child was forked from."""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return subprocess.run(command, cwd=cwd, capture_output=capture), None
    with tempfile.NamedTemporaryFile(prefix="crosscheck-rss-") as rss:
        done = subprocess.run([gnu_time, "-q", "-f", "%M", "-o", rss.name] + command,
                              cwd=cwd, capture_output=capture)
        text = Path(rss.name).read_text().strip().splitlines()
    peak = int(text[-1]) if text and text[-1].isdigit() else None
    return done, peak


@ray.remote(num_cpus=1)
def extract(binary: str, root_name: str, files: list, config: bytes, records: bytes = None):
    """Writes the partition's files under a temporary root named like the
    archive, runs `crosscheck claims --format shard` on it and returns the
    shard, the time it took and the peak memory of the crosscheck process."""
    started = time.time()
    work = tempfile.mkdtemp(prefix="crosscheck-part-")
    try:
        root = Path(work) / root_name
        if records is not None:
            # The partition's records, in a file named like the archive.
            root.write_bytes(records)
            files = [(root_name, records)]
        else:
            for relative, data in files:
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            root.mkdir(parents=True, exist_ok=True)
        if config:
            (Path(work) / "crosscheck.toml").write_bytes(config)
        shard = Path(work) / "part.shard"
        done, peak = measured(
            [binary, "--jobs", "1", "claims", "--format", "shard",
             "--output", str(shard), root_name], work)
        if done.returncode != 0:
            raise RuntimeError(
                f"crosscheck claims failed ({done.returncode}): "
                + done.stderr.decode("utf-8", "replace").strip())
        return {
            "shard": shard.read_bytes(),
            "seconds": time.time() - started,
            "peak_kib": peak,
            "worker": os.getpid(),
            "bytes": sum(len(d) for _, d in files),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path,
                        help="folder of story folders, or a .jsonl/.ndjson archive")
    parser.add_argument("--output", type=Path, required=True,
                        help="the merged report")
    parser.add_argument("--format", default="json",
                        help="report format (json, sarif, text, markdown, github)")
    parser.add_argument("--workers", type=int, default=2,
                        help="local run: worker processes (CPUs given to Ray)")
    parser.add_argument("--address", default=None,
                        help="join this Ray cluster (e.g. auto, or HEAD:6379) "
                             "instead of starting a local one")
    parser.add_argument("--partitions", type=int, default=0,
                        help="partitions of stories (default: 4 per worker)")
    parser.add_argument("--crosscheck", default=None,
                        help="the crosscheck binary (default: on PATH); on a "
                             "cluster, its path on every node")
    parser.add_argument("--shards", type=Path, default=None,
                        help="keep the shards in this folder (default: a "
                             "temporary folder, removed)")
    parser.add_argument("--config", type=Path, default=None,
                        help="crosscheck.toml for every stage (default: the "
                             "one in ARCHIVE's parent folder, if any)")
    parser.add_argument("--stats", type=Path, default=None,
                        help="write timings and peak memory per worker as JSON")
    args = parser.parse_args()

    binary = args.crosscheck or shutil.which("crosscheck")
    if not binary:
        print("error: no crosscheck binary (--crosscheck PATH)", file=sys.stderr)
        return 2
    binary = str(Path(binary).resolve())
    archive = args.archive.resolve()
    if not (archive.is_dir() or is_archive(archive)):
        print(f"error: {args.archive}: not a folder or a .jsonl/.ndjson archive",
              file=sys.stderr)
        return 2
    config_path = args.config or (archive.parent / "crosscheck.toml")
    config = config_path.read_bytes() if config_path.is_file() else b""

    started = time.time()
    if args.address:
        ray.init(address=args.address, logging_level="ERROR")
        workers = int(ray.cluster_resources().get("CPU", 1))
    else:
        workers = args.workers
        ray.init(num_cpus=workers, include_dashboard=False,
                 logging_level="ERROR")
    ray_started = time.time() - started

    partitions = args.partitions or 4 * workers
    tasks = []
    if is_archive(archive):
        for records in record_partitions(archive, partitions, story_field(config)):
            if records:
                tasks.append(extract.remote(binary, archive.name, [], config, records))
    else:
        groups = [[] for _ in range(partitions)]
        for story, files in stories_of(archive).items():
            groups[partition_of(story, partitions)].extend(files)
        for files in groups:
            if not files:
                continue
            payload = [(str(f.relative_to(archive)), f.read_bytes()) for f in files]
            tasks.append(extract.remote(binary, archive.name, payload, config))
    results = ray.get(tasks)
    extracted = time.time() - started

    shard_dir = args.shards or Path(tempfile.mkdtemp(prefix="crosscheck-shards-"))
    shard_dir.mkdir(parents=True, exist_ok=True)
    for i, result in enumerate(results):
        (shard_dir / f"{i:05}.shard").write_bytes(result["shard"])
    command = [binary, "check", "--from-claims", "--format", args.format,
               "--output", str(args.output.resolve()), str(shard_dir)]
    if config:
        command[2:2] = ["--config", str(config_path.resolve())]
    gathered, peak_gather = measured(command, archive.parent, capture=False)
    if not args.shards:
        shutil.rmtree(shard_dir, ignore_errors=True)
    finished = time.time() - started
    ray.shutdown()

    per_worker = {}
    for result in results:
        entry = per_worker.setdefault(result["worker"], {"peak_kib": 0, "tasks": 0, "bytes": 0})
        entry["peak_kib"] = max(entry["peak_kib"], result["peak_kib"] or 0)
        entry["tasks"] += 1
        entry["bytes"] += result["bytes"]
    stats = {
        "workers": workers,
        "partitions": len(results),
        "bytes": sum(r["bytes"] for r in results),
        "ray_start_s": round(ray_started, 2),
        "extract_s": round(extracted - ray_started, 2),
        "gather_s": round(finished - extracted, 2),
        "total_s": round(finished, 2),
        "peak_kib_per_worker": sorted(w["peak_kib"] for w in per_worker.values()),
        "peak_kib_gather": peak_gather,
    }
    print(f"checked {stats['bytes']} bytes in {len(results)} partitions on "
          f"{workers} workers: {stats['total_s']} s", file=sys.stderr)
    if args.stats:
        args.stats.write_text(json.dumps(stats, indent=2) + "\n")
    # crosscheck's own exit code: 1 when findings fail the run, 2 on an error.
    return gathered.returncode


if __name__ == "__main__":
    sys.exit(main())
