#!/usr/bin/env python3
"""Turn a JMH JSON result file of this module into Markdown tables.

Usage: report.py RESULTS_JSON [HEAP_MARKDOWN]

For each benchmark class, one table lists every method with its score, the
99.9 % confidence half-width that JMH reports, the allocation per operation
(from -prof gc, when present) and the ratio ours / that method. In average-time
mode a ratio below 1 means ours is faster; in throughput mode a ratio above 1
means ours is faster. A goals table follows, computed from the same numbers.
HEAP_MARKDOWN, the output of HeapPerBreaker, is copied in and its ratio line
feeds the heap goal.
"""

import json
import math
import re
import sys

OURS = "ours"

# Allocation below this many bytes per operation is reported as zero: JMH
# spreads its own rare allocations over all operations, which leaves a
# remainder far below one byte.
ZERO_ALLOCATION_BYTES = 0.5


def load(path):
    with open(path, encoding="utf-8") as file:
        results = json.load(file)
    classes = {}
    for entry in results:
        class_name, method = entry["benchmark"].rsplit(".", 1)
        simple_name = class_name.rsplit(".", 1)[1]
        primary = entry["primaryMetric"]
        allocation = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        classes.setdefault(simple_name, {})[method] = {
            "mode": entry["mode"],
            "threads": entry["threads"],
            "score": primary["score"],
            "error": primary["scoreError"],
            "unit": primary["scoreUnit"],
            "allocation": allocation["score"] if allocation else None,
        }
    return classes


def number(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, str) or math.isnan(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def allocation_text(value):
    if value is None:
        return "n/a"
    if value < ZERO_ALLOCATION_BYTES:
        return "0"
    return number(value, 0)


def class_table(name, methods):
    first = next(iter(methods.values()))
    better = "lower is better" if first["mode"] == "avgt" else "higher is better"
    lines = [
        f"### {name} ({first['mode']}, {first['unit']}, {first['threads']} thread(s); {better})",
        "",
        "| method | score | ± (99.9 %) | alloc (B/op) | ours / method |",
        "|---|---:|---:|---:|---:|",
    ]
    ours = methods.get(OURS)
    for method, row in sorted(methods.items(), key=lambda item: order(item[0])):
        ratio = "" if method in (OURS, "baseline") or ours is None else number(ours["score"] / row["score"], 2)
        lines.append(
            f"| {method} | {number(row['score'])} | {number(row['error'])} | "
            f"{allocation_text(row['allocation'])} | {ratio} |"
        )
    return "\n".join(lines)


def order(method):
    if method == "baseline":
        return (0, method)
    if method == OURS:
        return (1, method)
    return (2, method)


def goal_rows(classes, heap_ratio):
    """Return (goal, measured, met) rows; a goal whose numbers are missing is skipped."""
    rows = []

    def score(class_name, method):
        return classes.get(class_name, {}).get(method, {}).get("score")

    def allocation(class_name, method):
        return classes.get(class_name, {}).get(method, {}).get("allocation")

    def faster_resilience4j(class_name, higher_is_better):
        scores = [score(class_name, m) for m in ("resilience4jSynchronized", "resilience4jLockFree")]
        scores = [s for s in scores if s is not None]
        if not scores:
            return None
        return max(scores) if higher_is_better else min(scores)

    ours = score("BreakerSuccessBenchmark", OURS)
    peer = faster_resilience4j("BreakerSuccessBenchmark", higher_is_better=False)
    if ours and peer:
        ratio = ours / peer
        rows.append(("1. breaker, 1 thread: ours ≤ 0.5 × faster Resilience4j (ns/op)", f"{ratio:.2f}", ratio <= 0.5))

    ours = score("BreakerContendedBenchmark", OURS)
    peer = faster_resilience4j("BreakerContendedBenchmark", higher_is_better=True)
    if ours and peer:
        ratio = ours / peer
        rows.append(("2. breaker, 2 threads: ours ≥ 2 × faster Resilience4j (ops/µs)", f"{ratio:.2f}", ratio >= 2))

    ours = score("RetrySuccessBenchmark", OURS)
    peer = score("RetrySuccessBenchmark", "resilience4j")
    if ours and peer:
        ratio = ours / peer
        rows.append(("4. retry: ours ≤ 0.5 × Resilience4j (ns/op)", f"{ratio:.2f}", ratio <= 0.5))

    ours = score("AnnotatedCallBenchmark", OURS)
    peer = score("AnnotatedCallBenchmark", "resilience4j")
    if ours and peer:
        ratio = ours / peer
        rows.append(("5. annotated call: ours ≤ 0.7 × Resilience4j (ns/op)", f"{ratio:.2f}", ratio <= 0.7))

    for class_name, label in (("BreakerSuccessBenchmark", "breaker"), ("RetrySuccessBenchmark", "retry")):
        value = allocation(class_name, OURS)
        if value is not None:
            rows.append((f"6. {label} success path: 0 B/op", f"{allocation_text(value)} B/op",
                         value < ZERO_ALLOCATION_BYTES))

    if heap_ratio is not None:
        rows.append(("7. heap per breaker: ours ≤ 0.5 × smaller Resilience4j", f"{heap_ratio:.2f}",
                     heap_ratio <= 0.5))
    return rows


def heap_ratio_of(heap_text):
    match = re.search(r"ours / smaller Resilience4j, registered: ([0-9.]+)", heap_text)
    return float(match.group(1)) if match else None


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("Usage: report.py RESULTS_JSON [HEAP_MARKDOWN]\n")
        return 2
    classes = load(argv[1])
    heap_text = None
    if len(argv) == 3:
        with open(argv[2], encoding="utf-8") as file:
            heap_text = file.read().strip()

    parts = [class_table(name, methods) for name, methods in sorted(classes.items())]
    if heap_text:
        parts.append("### HeapPerBreaker\n\n" + heap_text)
    rows = goal_rows(classes, heap_ratio_of(heap_text) if heap_text else None)
    goals = ["### Goals", "", "| goal | measured | met |", "|---|---:|---|"]
    goals += [f"| {goal} | {measured} | {'yes' if met else 'no'} |" for goal, measured, met in rows]
    parts.append("\n".join(goals))
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
