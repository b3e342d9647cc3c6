#!/usr/bin/env python3
"""The code one invocation runs, measured: how many 64-byte lines of machine code an invocation
executes (its working set in the instruction cache), and how many instruction-cache misses
cachegrind counts per invocation when the same event is answered in a loop.

    python3 bench/footprint.py          # the table of BENCHMARKS.md (about a minute)
    python3 bench/footprint.py --by-function sma "digits result"   # where those lines are

Both are repeatable, where timings are not. The lines are counted from callgrind's
per-instruction counts: an instruction belongs to the invocation when a run of `high`
invocations executed it at least `high - low` more times than a run of `low` (so start-up and
what runs once, such as a cache filled on first use, are left out). The misses are
cachegrind's simulation of a first-level instruction cache (the difference of two runs, as
for the instruction counts of `compare.py`) of the two sizes in `CACHES`, set rather than
read from the machine, so that the table is the same on every machine. `compare.py` prints
the same table."""

import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = 64
# The implementations measured: the whole path and the reading of the event alone, for `sma`
# and the purpose-built structs (the names of `bench/src/bin/profile.rs`).
IMPLS = ["sma", "sma-read", "serde_structs", "serde_structs-read"]
# The first-level instruction caches simulated (cachegrind's `--I1=size,ways,line`): 32 KB
# 8-way, the x86 servers' of the last decade (Intel to Sapphire Rapids, AMD Zen 2 to 5), and
# 64 KB 16-way (Intel Granite Rapids; AWS Graviton 2 to 4 have 64 KB as well).
CACHES = {"32 KB": "32768,8,64", "64 KB": "65536,16,64"}


def profile_binary():
    """Builds `profile` (the `profiling` profile: release with symbols) and returns its path."""
    subprocess.run(["cargo", "build", "-q", "--profile", "profiling", "-p", "sma-bench", "--bin",
                    "profile"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "profiling", "profile")


def executed(binary, impl, event, n):
    """Callgrind's count of each instruction's executions over `n` invocations, keyed by the
    object file and the instruction's address, and the function each of those instructions is
    in (callgrind's name for it, inlined code under the function it was inlined into)."""
    out = f"/tmp/sma-footprint-{os.getpid()}.out"
    try:
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-pos=no",
                        "--compress-strings=no", f"--callgrind-out-file={out}", binary, impl,
                        event, str(n)], check=True, capture_output=True)
        counts, functions = collections.Counter(), {}
        obj, function, after_call = None, None, False
        with open(out) as f:
            for line in f:
                if line.startswith("ob="):
                    obj = line[3:].strip()
                elif line.startswith("fn="):
                    function = line[3:].strip()
                elif line.startswith("calls="):
                    after_call = True  # the next line is the call's inclusive cost
                elif line.startswith("0x"):
                    if after_call:
                        after_call = False
                        continue
                    address, _line, count = line.split()[:3]
                    counts[(obj, int(address, 16))] += int(count)
                    functions[(obj, int(address, 16))] = function
        return counts, functions
    finally:
        if os.path.exists(out):
            os.remove(out)


def invocation_lines(binary, impl, event, low=2, high=4):
    """The 64-byte lines of code one invocation executes, each with the functions whose
    instructions in it the invocation runs."""
    before, _ = executed(binary, impl, event, low)
    after, functions = executed(binary, impl, event, high)
    lines = collections.defaultdict(set)
    for (obj, address), count in after.items():
        if count - before.get((obj, address), 0) >= high - low:
            lines[(obj, address // LINE)].add(functions[(obj, address)])
    return lines


def code_lines(binary, impl, event):
    """How many 64-byte lines of code one invocation executes."""
    return len(invocation_lines(binary, impl, event))


def by_function(binary, impl, event):
    """The lines of `code_lines` by function, largest first: a line two functions share counts
    half to each."""
    share = collections.Counter()
    for functions in invocation_lines(binary, impl, event).values():
        for function in functions:
            share[function] += 1 / len(functions)
    return share.most_common()


def i1_misses(binary, impl, event, cache, low=100, high=1100):
    """Cachegrind's first-level instruction-cache misses per invocation in `cache` (one of
    `CACHES`), in a loop of one event."""
    def run(n):
        out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=yes",
                              f"--I1={CACHES[cache]}", "--cachegrind-out-file=/dev/null", binary,
                              impl, event, str(n)],
                             capture_output=True, text=True)
        found = re.search(r"I1\s+misses:\s+([\d,]+)", out.stderr)
        if not found:
            sys.exit(f"cachegrind failed on {impl} / {event}:\n{out.stderr}")
        return int(found.group(1).replace(",", ""))
    return (run(high) - run(low)) / (high - low)


def measure(binary, events):
    """{(impl, event): (lines, {cache: misses})}."""
    return {(impl, event): (code_lines(binary, impl, event),
                            {cache: i1_misses(binary, impl, event, cache) for cache in CACHES})
            for event in events for impl in IMPLS}


def print_table(results, events):
    small, large = CACHES
    print(f"| event | sma: KB per invocation (reading alone) | structs: KB (reading alone) "
          f"| sma / structs | I1 misses per invocation, {small}: sma (reading alone) | structs "
          f"(reading alone) | {large}: sma | structs |")
    print("|---|---|---|---|---|---|---|---|")
    for event in events:
        (s, s_miss), (s_read, s_read_miss) = (results[("sma", event)],
                                              results[("sma-read", event)])
        (t, t_miss), (t_read, t_read_miss) = (results[("serde_structs", event)],
                                              results[("serde_structs-read", event)])
        kb = lambda lines: f"{lines * LINE / 1024:.1f}"  # noqa: E731
        print(f"| {event} | {kb(s)} ({kb(s_read)}) | {kb(t)} ({kb(t_read)}) | {s / t:.2f}× "
              f"| {s_miss[small]:,.0f} ({s_read_miss[small]:,.0f}) "
              f"| {t_miss[small]:,.0f} ({t_read_miss[small]:,.0f}) "
              f"| {s_miss[large]:,.0f} | {t_miss[large]:,.0f} |")


def main():
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        sys.exit("valgrind is not installed")
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from compare import EVENTS
    events = [name for name, _ in EVENTS]
    if sys.argv[1:2] == ["--by-function"]:
        impl, event, top = (sys.argv[2:] + [None, None, "40"])[:3]
        if impl not in IMPLS or event not in events:
            sys.exit(f"usage: footprint.py --by-function {'|'.join(IMPLS)} EVENT [TOP]\n"
                     f"events: {', '.join(events)}")
        shares = by_function(profile_binary(), impl, event)
        print(f"{sum(n for _, n in shares) * LINE / 1024:.1f} KB per invocation ({impl}, {event})")
        for function, lines in shares[:int(top)]:
            print(f"{lines * LINE / 1024:6.2f} KB  {function}")
        return
    print_table(measure(profile_binary(), events), events)


if __name__ == "__main__":
    main()
