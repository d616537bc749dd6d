#!/usr/bin/python3
"""Summarises a PyTorch profiler trace (Chrome trace JSON) of N training steps: how many top-level ATen ops a step
runs, how long they take inside libtorch, and which ops take the most time. Top-level ops are those not nested in
another op on the same thread; the wall time they do not cover is time spent outside libtorch (for DJL: Java, JNI,
NDArray bookkeeping; for PyTorch eager: the Python interpreter).

Usage: /usr/bin/python3 profile_summary.py TRACE_JSON STEPS [WALL_MS_PER_STEP]
"""
import collections
import json
import sys


def top_level(events):
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[e.get("tid")].append(e)
    out = []
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        end = -1.0
        for e in evs:
            ts, dur = float(e["ts"]), float(e["dur"])
            if ts >= end:
                out.append(e)
                end = ts + dur
    return out


def main():
    trace, steps = sys.argv[1], int(sys.argv[2])
    wall = float(sys.argv[3]) if len(sys.argv) > 3 else None
    with open(trace) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    tops = top_level(events)
    inside_ms = sum(float(e["dur"]) for e in tops) / 1e3 / steps
    by_name = collections.Counter()
    counts = collections.Counter()
    for e in tops:
        by_name[e["name"]] += float(e["dur"]) / 1e3 / steps
        counts[e["name"]] += 1
    summary = {
        "topLevelOpsPerStep": round(len(tops) / steps, 1),
        "msInsideLibtorchPerStep": round(inside_ms, 2),
        "topOps": [{"op": n, "msPerStep": round(ms, 2), "callsPerStep": round(counts[n] / steps, 1)}
                   for n, ms in by_name.most_common(12)],
    }
    if wall is not None:
        summary["wallMsPerStep"] = wall
        summary["msOutsideLibtorchPerStep"] = round(wall - inside_ms, 2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
