#!/usr/bin/env python3
"""Runs the checkout floor (sysbench with lua/checkout_floor.lua) and appends its result to the
bench's results.jsonl in the shape of a wrk case (bench/lua/common.lua), so the report reads both
alike: orders (sysbench transactions) per second, average and p99 latency, errors, and the CPU the
sysbench client itself spent (the floor's stand-in for the service's CPU).

usage: floor.py RESULTS_JSONL CASE ROUND LOG -- sysbench ARGS...
"""
import json
import re
import resource
import subprocess
import sys

out, case, round_, log = sys.argv[1:5]
command = sys.argv[sys.argv.index("--") + 1:]
completed = subprocess.run(command, capture_output=True, text=True, check=False)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(log, "a", encoding="utf-8") as f:
    f.write(completed.stdout + completed.stderr)
text = completed.stdout


def figure(pattern, default=None):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else default


orders = figure(r"transactions:\s+(\d+)")
seconds = figure(r"total time:\s+([\d.]+)s")
if completed.returncode != 0 or orders is None or not seconds:
    sys.exit(f"floor: sysbench failed (exit {completed.returncode}); see {log}")
record = {
    "case": case,
    "round": int(round_),
    "seconds": seconds,
    "requests": int(orders),
    "rps": orders / seconds,
    "p50_ms": figure(r"avg:\s+([\d.]+)"),
    "p99_ms": figure(r"99th percentile:\s+([\d.]+)"),
    "max_ms": figure(r"max:\s+([\d.]+)"),
    "status_errors": 0,
    "socket_errors": int(figure(r"ignored errors:\s+(\d+)", 0)),
    "timeouts": 0,
    "counters": {"orders": int(orders)},
    "client_cpu_ms": 1000 * (usage.ru_utime + usage.ru_stime),
}
with open(out, "a", encoding="utf-8") as f:
    f.write(json.dumps(record) + "\n")
