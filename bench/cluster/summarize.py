"""The cluster bench's table: one row per set-up and run, from the driver's report and the memory/CPU sampler.

    python3 bench/cluster/summarize.py RESULTS-FOLDER [WARMUP-CONVERSATIONS]
"""
import json
import pathlib
import sys

ORDER = {"peer": 0, "litedb": 1, "pg1": 2, "pg2": 3}
NAMES = {"peer": "JS SDK peer (memory)", "litedb": "1 × LiteDB", "pg1": "1 × PostgreSQL", "pg2": "2 × PostgreSQL + nginx"}

folder = pathlib.Path(sys.argv[1])
warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 0
rows = []
for report_file in folder.glob("*.json"):
    mode, run = report_file.stem.split("-", 1)
    report = json.loads(report_file.read_text())
    sampled = folder / f"{report_file.stem}.rss"
    processes = [line.split() for line in sampled.read_text().splitlines()] if sampled.exists() else []
    conversations = report["conversations"]
    # CPU covers the warm-up as well (the sampler runs for the whole drive): per 1,000 conversations driven.
    driven = conversations["requested"] + warmup
    latency = report["latencyMs"]
    rows.append((
        int(run.lstrip("c") or 0), ORDER.get(mode, 9),
        f"| {run} | {NAMES.get(mode, mode)} | {conversations['completed']:,} / {conversations['failed'] + conversations['aborted']:,}"
        f" | {report['turnsPerSecond']:,.0f} | {report['conversationsPerSecond']:,.1f} | {latency['p50']:.1f} | {latency['p99']:.1f}"
        f" | {latency['max']:.0f} | {', '.join(f'{name} {mb} MB' for name, mb, *_ in processes)}"
        f" | {', '.join(f'{name} {int(ticks) / int(hz) * 1000 / driven:.1f}' for name, _, ticks, hz in processes)} |"))

print("| run | set-up | conversations done / failed | turns/s | tickets/s | p50 ms | p99 ms | max ms | peak memory | CPU s per 1,000 conversations |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for _, _, row in sorted(rows):
    print(row)
