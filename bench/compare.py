#!/usr/bin/env python3
"""Prints the comparison table of BENCHMARKS.md.

    python3 bench/compare.py            # everything (about 8 minutes on 2 cores)
    python3 bench/compare.py --quick    # fewer samples and invocations, for a smoke run

1. `cargo bench -p sma-bench`: event bytes -> response bytes for `sma`, purpose-built serde
   structs and `serde_json::Value` (medians, allocations per invocation);
2. the same logic in Python (`bench/ivr.py`) with `json`, and `orjson` when installed, after
   checking that it gives the same answers as the `ivr` binary: timed, its instructions
   counted under callgrind like the Rust implementations', and timed in turns with `sma` for
   the ratios (see `paired_python_ratios`);
3. the code one invocation runs: its lines of machine code and the instruction-cache misses of a
   loop of one event (`footprint.py`);
4. the release `ivr` binary against `bare` (a bare `lambda_runtime` function, same logic and
   profile): size, start-up (exec -> first Runtime API poll, against a stub on loopback: time,
   and the repeatable instruction and page-fault counts) and resident memory over 20,000
   invocations (the medians of five processes; `lambda_binary.py`).

Only loopback is used; nothing here loads AWS configuration."""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import ivr  # noqa: E402
from footprint import measure as footprint, print_table, profile_binary  # noqa: E402
from lambda_binary import memory, startup, startup_work  # noqa: E402

# The measured events, in the order of `sma_bench::EVENTS`.
EVENTS = [
    ("inbound call", "new_inbound_call.json"),
    ("digits result", "menu_pressed_1.json"),
    ("bridged hang-up", "hangup_leg_b.json"),
    ("call update", "call_update_announce.json"),
    ("large event", "menu_pressed_2_large.json"),
]
IMPLS = ["sma", "serde_structs", "serde_value"]
UNITS = {"ns": 1e-3, "µs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}


def event_bytes(file):
    with open(os.path.join(ROOT, "examples", "events", file), "rb") as f:
        return f.read()


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, text=True, capture_output=True, **kw)


# ---------------------------------------------------------------------------- Rust benchmarks


def rust_benchmarks(quick):
    """Divan's medians (µs) and allocation counts per (implementation, event)."""
    args = ["cargo", "bench", "-q", "-p", "sma-bench", "--bench", "invocation", "--"]
    if quick:
        args += ["--sample-count", "20"]
    out = run(args).stdout
    times, allocs = {}, {}
    impl = name = None
    expect_count = False
    time_re = re.compile(r"([\d.]+) (ns|µs|us|ms|s)\b")
    for line in out.splitlines():
        tree = re.match(r"^([│ ]*)[├╰]─ (\S[^│]*?)\s{2,}", line + "  ")
        if tree:
            label = tree.group(2).strip()
            depth = len(tree.group(1))
            if depth == 0:
                impl = label
                continue
            label = time_re.split(label)[0].strip()
            name = label
            values = time_re.findall(line)
            if impl and len(values) >= 3:
                median = float(values[2][0]) * UNITS[values[2][1]]
                times[(impl, name)] = median
            continue
        stripped = line.replace("│", " ").strip()
        if stripped == "alloc:":
            expect_count = True
            continue
        if expect_count:
            counts = re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s|$)", line.replace("│", " "))
            if impl and name and len(counts) >= 3:
                allocs[(impl, name)] = float(counts[2])
            expect_count = False
    missing = [(i, e) for i in IMPLS for e, _ in EVENTS if (i, e) not in times]
    if missing:
        sys.exit(f"cannot read these benchmarks in divan's output: {missing}\n{out}")
    return times, allocs


# The implementations counted again with Lambda mode's log set-up installed (`profile
# --lambda-logs`): on Lambda a subscriber always records `sma`'s span of each invocation.
LOGGED = ["sma", "serde_structs"]


def instruction_counts(quick):
    """Instructions per invocation under callgrind (repeatable where timings are noisy):
    the difference between two runs of `profile`, so that start-up cancels out; for `LOGGED`,
    also with Lambda mode's log set-up (keyed `(impl + " logged", event)`)."""
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        print("valgrind is not installed: the instruction counts are left out", file=sys.stderr)
        return {}
    binary = profile_binary()
    low, high = (50, 250) if quick else (100, 1100)

    # The log set-up at its defaults (INFO, text), whatever this shell's variables say.
    defaults = {k: v for k, v in os.environ.items()
                if k not in ("RUST_LOG", "AWS_LAMBDA_LOG_LEVEL", "AWS_LAMBDA_LOG_FORMAT")}

    def collected(impl, event, n):
        logged = impl.endswith(" logged")
        args = ["--lambda-logs", impl.removesuffix(" logged")] if logged else [impl]
        out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              binary, *args, event, str(n)], capture_output=True, text=True,
                             env=defaults)
        found = re.search(r"Collected : (\d+)", out.stderr)
        if not found:
            sys.exit(f"callgrind failed on {impl} / {event}:\n{out.stderr}")
        return int(found.group(1))

    counts = {}
    for impl in IMPLS + [f"{i} logged" for i in LOGGED]:
        for name, _ in EVENTS:
            counts[(impl, name)] = (collected(impl, name, high) - collected(impl, name, low)) / (
                high - low)
    return counts


# -------------------------------------------------------------------------------------- Python


def sma_answers():
    """What the `ivr` binary answers to each event (its local mode)."""
    files = [os.path.join("examples", "events", f) for _, f in EVENTS]
    out = run(["cargo", "run", "-q", "--release", "-p", "sma-examples", "--bin", "ivr", "--"]
              + files, env={**os.environ, "SALES_NUMBER": "+12065550100"}).stdout
    decoder, answers, at = json.JSONDecoder(), [], 0
    while at < len(out):
        while at < len(out) and out[at].isspace():
            at += 1
        if at < len(out):
            value, at = decoder.raw_decode(out, at)
            answers.append(value)
    return answers


def python_codecs():
    """The Python codecs measured: `json`, and `orjson` when installed."""
    codecs = [("python json", json.loads, lambda v: json.dumps(v, separators=(",", ":")))]
    try:
        import orjson

        codecs.append(("python orjson", orjson.loads, orjson.dumps))
    except ImportError:
        print("orjson is not installed (pip install orjson): its column is left out",
              file=sys.stderr)
    return codecs


def python_timings(quick, expected):
    codecs = python_codecs()
    results = {}
    for label, loads, dumps in codecs:
        for (name, file), want in zip(EVENTS, expected):
            data = event_bytes(file)
            got = json.loads(ivr.answer(data, loads, dumps))
            if got != want:
                sys.exit(f"bench/ivr.py differs from the ivr binary on {name}:\n{got}\n{want}")
            results[(label, name)] = time_python(lambda: ivr.answer(data, loads, dumps), quick)
    return [label for label, _, _ in codecs], results


PYTHON_LOOP = """
import json, sys
sys.path.insert(0, sys.argv[1])
import ivr
codec, path, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
if codec == "python json":
    loads, dumps = json.loads, lambda v: json.dumps(v, separators=(",", ":"))
else:
    import orjson
    loads, dumps = orjson.loads, orjson.dumps
with open(path, "rb") as f:
    data = f.read()
for _ in range(n):
    ivr.answer(data, loads, dumps)
"""


def python_instructions(quick, labels):
    """Instructions per invocation of `bench/ivr.py` under callgrind, as for the Rust
    implementations (two runs, so that the interpreter's start-up cancels out; a fixed hash
    seed, so that the counts repeat)."""
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        return {}
    low, high = (50, 250) if quick else (100, 1100)
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def collected(label, file, n):
        out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              sys.executable, "-c", PYTHON_LOOP, os.path.join(ROOT, "bench"),
                              label, os.path.join(ROOT, "examples", "events", file), str(n)],
                             capture_output=True, text=True, env=env)
        found = re.search(r"Collected : (\d+)", out.stderr)
        if not found:
            sys.exit(f"callgrind failed on {label} / {file}:\n{out.stderr}")
        return int(found.group(1))

    return {(label, name): (collected(label, file, high) - collected(label, file, low))
            / (high - low) for label in labels for name, file in EVENTS}


def time_python(f, quick):
    """Median time per call, in µs, over batches of about 20 ms."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            f()
        if time.perf_counter() - start > 0.02:
            break
        n *= 2
    batches = []
    for _ in range(5 if quick else 25):
        start = time.perf_counter()
        for _ in range(n):
            f()
        batches.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(batches)


def paired_python_ratios(quick, labels):
    """How many times faster `sma` is than each Python codec, per event: the two are timed in
    turns, so that both see the same state of the machine, and the ratio of each turn is kept;
    the median over the turns is reported.

    Timed apart (divan first, Python minutes later), the same code gave 3.9x to 6.7x against
    `json` and 1.3x to 2.0x against `orjson` in different sessions: this machine's speed moves
    between the two measures. `sma`'s time per invocation comes from the `profile` binary run
    twice (the difference of a short and a long run, so that its start-up cancels out)."""
    binary = profile_binary()
    turns, low, high, py_n = (3, 2000, 22000, 2000) if quick else (7, 20000, 220000, 10000)
    codecs = {label: (loads, dumps) for label, loads, dumps in python_codecs()}

    def sma_us(name, n):
        start = time.perf_counter()
        run([binary, "sma", name, str(n)])
        return time.perf_counter() - start

    ratios, times = {}, {}
    for name, file in EVENTS:
        data = event_bytes(file)
        turn = {label: [] for label in labels}
        sma_times = []
        for _ in range(turns):
            sma = (sma_us(name, high) - sma_us(name, low)) / (high - low) * 1e6
            sma_times.append(sma)
            for label in labels:
                loads, dumps = codecs[label]
                start = time.perf_counter()
                for _ in range(py_n):
                    ivr.answer(data, loads, dumps)
                turn[label].append((time.perf_counter() - start) / py_n * 1e6 / sma)
        times[name] = statistics.median(sma_times)
        for label in labels:
            ratios[(label, name)] = statistics.median(turn[label])
    return times, ratios


def cargo_check_after_edit():
    """Seconds for `cargo check` after touching the IVR's handlers (median of 3)."""
    run(["cargo", "check", "-q", "-p", "sma-examples"])
    times = []
    for _ in range(3):
        os.utime(os.path.join(ROOT, "examples", "src", "ivr.rs"))
        t0 = time.perf_counter()
        run(["cargo", "check", "-q", "-p", "sma-examples"])
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ------------------------------------------------------------------------------------ the table


def geomean(values):
    values = list(values)
    product = 1.0
    for v in values:
        product *= v
    return product ** (1 / len(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, for a smoke run")
    args = parser.parse_args()
    quick = args.quick

    print("building and benchmarking (cargo bench -p sma-bench) ...", file=sys.stderr)
    times, allocs = rust_benchmarks(quick)
    print("counting instructions (callgrind) ...", file=sys.stderr)
    instructions = instruction_counts(quick)
    names = [n for n, _ in EVENTS]
    code = {}
    if instructions:
        print("measuring the code an invocation runs (callgrind, cachegrind) ...", file=sys.stderr)
        code = footprint(profile_binary(), names)
    print("checking and timing the Python implementation ...", file=sys.stderr)
    expected = sma_answers()
    py_labels, py = python_timings(quick, expected)
    py_instructions = python_instructions(quick, py_labels) if instructions else {}
    print("timing sma and Python in turns ...", file=sys.stderr)
    paired_times, paired = paired_python_ratios(quick, py_labels)
    run(["cargo", "build", "-q", "--release", "-p", "sma-examples", "--bin", "ivr",
         "-p", "sma-bench", "--bin", "bare"])
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binaries = {"sma": os.path.join(target, "release", "ivr"),
                "bare": os.path.join(target, "release", "bare")}
    print("measuring start-up and memory ...", file=sys.stderr)
    runs, invocations, memory_runs = (5, 2000, 3) if quick else (61, 20000, 5)
    facts, (started, startup_ratio) = {}, startup(binaries, runs)
    for label, path in binaries.items():
        facts[label] = {"size": os.path.getsize(path), "startup": started[label],
                        **startup_work(path),
                        **memory(path, [event_bytes(f) for _, f in EVENTS], invocations,
                                 memory_runs)}
    check = cargo_check_after_edit()

    print("\n## Event bytes -> response bytes (median per invocation)\n")
    head = ["event", "sma", "serde structs", "serde_json::Value"] + py_labels
    head += ["sma / structs", "sma / Value"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    ratios = {k: [] for k in ["structs", "value"] + py_labels}
    for n in names:
        s, t, v = times[("sma", n)], times[("serde_structs", n)], times[("serde_value", n)]
        row = [n, f"{s:.2f} µs", f"{t:.2f} µs", f"{v:.2f} µs"]
        row += [f"{py[(p, n)]:.2f} µs" for p in py_labels]
        row += [f"{s / t:.2f}×", f"{s / v:.2f}×"]
        ratios["structs"].append(s / t)
        ratios["value"].append(s / v)
        print("| " + " | ".join(row) + " |")
    geo = ["geomean", "", "", ""] + [""] * len(py_labels)
    geo += [f"{geomean(ratios['structs']):.2f}×", f"{geomean(ratios['value']):.2f}×"]
    print("| " + " | ".join(geo) + " |")

    print("\n## sma against Python, timed in turns (median of the turns' ratios)\n")
    print("| event | sma | " + " | ".join(f"{p} / sma" for p in py_labels) + " |")
    print("|" + "---|" * (2 + len(py_labels)))
    for n in names:
        print(f"| {n} | {paired_times[n]:.2f} µs | "
              + " | ".join(f"{paired[(p, n)]:.2f}×" for p in py_labels) + " |")
    print("| geomean | | " + " | ".join(
        f"{geomean([paired[(p, n)] for n in names]):.2f}×" for p in py_labels) + " |")

    if instructions:
        print("\n## Instructions per invocation (callgrind; repeatable)\n")
        print("| event | sma | serde structs | serde_json::Value | sma / structs | with Lambda's "
              "log set-up: sma | structs | sma / structs |")
        print("|---|---|---|---|---|---|---|---|")
        for n in names:
            a = [instructions[(i, n)] for i in IMPLS]
            logged = [instructions[(f"{i} logged", n)] for i in LOGGED]
            print(f"| {n} | " + " | ".join(f"{x:,.0f}" for x in a) + f" | {a[0] / a[1]:.2f}× | "
                  + " | ".join(f"{x:,.0f}" for x in logged) + f" | {logged[0] / logged[1]:.2f}× |")
    if code:
        print("\n## The code one invocation runs (callgrind, cachegrind; repeatable)\n")
        print_table(code, names)
    if py_instructions:
        print("\n## Python's instructions per invocation (callgrind; repeatable)\n")
        print("| event | sma | " + " | ".join(py_labels) + " | "
              + " | ".join(f"{p} / sma" for p in py_labels) + " |")
        print("|" + "---|" * (2 + 2 * len(py_labels)))
        ratios = {p: [] for p in py_labels}
        for n in names:
            s = instructions[("sma", n)]
            counts = [py_instructions[(p, n)] for p in py_labels]
            for p, c in zip(py_labels, counts):
                ratios[p].append(c / s)
            print(f"| {n} | {s:,.0f} | " + " | ".join(f"{c:,.0f}" for c in counts) + " | "
                  + " | ".join(f"{c / s:.1f}×" for c in counts) + " |")
        print("| geomean | | " + " | " * (len(py_labels) - 1) + " | "
              + " | ".join(f"{geomean(ratios[p]):.1f}×" for p in py_labels) + " |")

    print("\n## Heap allocations per invocation\n")
    print("| event | sma | serde structs | serde_json::Value | sma / structs |")
    print("|---|---|---|---|---|")
    for n in names:
        a = [allocs.get((i, n)) for i in IMPLS]
        ratio = f"{a[0] / a[1]:.2f}×" if a[0] is not None and a[1] else "n/a"
        cells = ["n/a" if x is None else f"{x:.0f}" for x in a]
        print(f"| {n} | " + " | ".join(cells) + f" | {ratio} |")

    print("\n## The Lambda binary against a bare lambda_runtime function (same logic, profile)\n")
    print("| measure | sma (`ivr`) | bare | ratio |")
    print("|---|---|---|---|")
    sma, bare = facts["sma"], facts["bare"]
    rows = [
        ("release binary", sma["size"] / 1e6, bare["size"] / 1e6, "MB", 2),
        (f"start-up: exec -> first /next poll, medians of {runs} starts in turns (ratio: the "
         "median of the turns' ratios)", sma["startup"], bare["startup"], "ms", 2, startup_ratio),
    ]
    if "instructions" in sma:
        rows.append(("start-up: instructions, exec -> first /next poll (callgrind)",
                     sma["instructions"], bare["instructions"], "", 0))
    rows += [
        ("start-up: minor page faults, exec -> first /next poll", sma["faults"], bare["faults"],
         "", 0),
        ("resident memory after 1,000 invocations", sma["rss_1000"] / 1024,
         bare["rss_1000"] / 1024, "MB", 2),
        (f"resident memory after {invocations:,} invocations", sma["rss_end"] / 1024,
         bare["rss_end"] / 1024, "MB", 2),
        (f"peak resident memory over {invocations:,} invocations", sma["peak"] / 1024,
         bare["peak"] / 1024, "MB", 2),
    ]
    for label, a, b, unit, digits, *ratio in rows:
        cells = [f"{x:,.{digits}f} {unit}".rstrip() for x in (a, b)]
        print(f"| {label} | {cells[0]} | {cells[1]} | {(ratio or [a / b])[0]:.2f}× |")
    print(f"| framework's added size | {(sma['size'] - bare['size']) / 1024:.0f} KB | | |")
    print(f"\nResident memory: medians of {memory_runs} processes each; their peaks ranged "
          f"{sma['peak_min']:,}-{sma['peak_max']:,} KB (`sma`) and "
          f"{bare['peak_min']:,}-{bare['peak_max']:,} KB (bare).")
    print(f"\n`cargo check -p sma-examples` after editing a handler: {check:.2f} s")


if __name__ == "__main__":
    main()
