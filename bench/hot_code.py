#!/usr/bin/env python3
"""Writes `sma-core/link/hot-code.ld`, the linker script that links the code an invocation runs
together, and measures what it does to resident memory (BENCHMARKS.md, "Where the resident
memory goes"). Run it again when that code changes: `examples/tests/hot_code.rs` fails when too
few of the script's names are left in the release IVR.

    python3 bench/hot_code.py [--invocations N]

1. builds the example IVR and the bare function with the `profiling` profile (the release
   build with its symbols) in a target directory of their own (`target/hot-code`), with the
   v0 symbol mangling the workspace's `.cargo/config.toml` turns on (its names spell out
   generic arguments) and the IVR linked as usual (`SMA_HOT_CODE=off`);
2. runs the IVR under callgrind against `lambda_binary.py`'s Runtime API stub (the five events in
   turn) and lists the functions of the binary that ran, start-up included;
3. writes the script: one output section before `.text` of those functions' sections, each
   name with its crates' hashes replaced by `*` (so that the script does not name one build),
   the example's own functions left out, and patterns for any function's handlers and `main`;
4. builds the IVR again, now linked with the script by the template's `build.rs`, and prints
   the resident memory of the IVR linked as usual, of the IVR linked with the script, and of
   the bare function (medians of five processes of 2,000 invocations, `compare.py`'s measure).

Needs valgrind (`callgrind_control` included).
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "hot-code")
SCRIPT = os.path.join(ROOT, "sma-core", "link", "hot-code.ld")

_spec = importlib.util.spec_from_file_location("compare", os.path.join(ROOT, "bench", "compare.py"))
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)
import lambda_binary  # noqa: E402 (on the path `compare.py` sets)


def cargo(args, hot_code):
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET, SMA_HOT_CODE="on" if hot_code else "off")
    env.pop("RUSTFLAGS", None)  # it would replace the configuration's v0 mangling
    subprocess.run(["cargo", *args], cwd=ROOT, env=env, check=True)


def ran_functions(binary, invocations):
    """The mangled names of the functions of `binary` that ran, in the order of callgrind's
    output: start-up, then `invocations` invocations of the measured events."""
    api = lambda_binary.RuntimeApi()
    threading.Thread(target=api.serve_forever, daemon=True).start()
    bodies = [compare.event_bytes(f) for _, f in compare.EVENTS]
    for i in range(invocations):
        api.events.put((f"req-{i}", bodies[i % len(bodies)]))
    out = tempfile.mkdtemp(prefix="hot-code-")
    proc = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--demangle=no",
         f"--callgrind-out-file={out}/callgrind.out", binary],
        env=lambda_binary.lambda_env(api), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with api.answered_cv:
            if not api.answered_cv.wait_for(lambda: api.answered >= invocations, timeout=600):
                sys.exit(f"{binary} answered {api.answered} of {invocations} invocations")
        subprocess.run(["callgrind_control", "-d", str(proc.pid)], check=True,
                       stdout=subprocess.DEVNULL)
        time.sleep(2)  # the dump is written by the profiled process
    finally:
        proc.kill()
        proc.wait()
        api.shutdown()
    dumps = [path for path in (os.path.join(out, f) for f in sorted(os.listdir(out)))
             if os.path.getsize(path)]
    if not dumps:
        sys.exit("callgrind wrote no profile")
    names = parse_callgrind(dumps[-1], os.path.basename(binary))
    shutil.rmtree(out)
    return names


def parse_callgrind(path, object_name):
    """Function names of one object in a callgrind file, first appearance first (the format's
    name compression: `fn=(id) name` the first time, `fn=(id)` after)."""
    objects, functions, order, seen = {}, {}, [], set()
    current = None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
            if m:
                kind, key, name = m.groups()
                if name:
                    objects[key] = name
                if kind == "ob":
                    current = objects.get(key)
                continue
            m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
            if m:
                kind, key, name = m.groups()
                if name:
                    functions[key] = name
                name = functions.get(key)
                if kind == "fn" and current and os.path.basename(current) == object_name \
                        and name and name not in seen:
                    seen.add(name)
                    order.append(name)
    return order


def script(names, example_crate="sma_examples", binary_crate="ivr"):
    """The linker script: one output section of the sections of `names`, hashes made `*`."""
    patterns, seen = [], set()

    def add(pattern):
        if pattern not in seen:
            seen.add(pattern)
            patterns.append(pattern)

    # The crate that instantiated generic code (v0's trailing crate): any crate. Which of the
    # crates that instantiate the same code keeps its copy varies between builds.
    crate = re.compile(r"Cs[0-9A-Za-z]+?_(\d+)")

    def instantiated(name):
        for m in crate.finditer(name):
            if len(name) - m.end() == int(m.group(1)):
                return name[:m.start()] + "*"
        return name

    # Code of the function's own crates: not `sma`'s, and named otherwise in another function.
    own = re.compile(rf"\d+{example_crate}|Cs\w+?_{len(binary_crate)}{binary_crate}")
    for name in names:
        if not name.startswith("_R"):
            continue
        # callgrind marks recursion levels with `'N`; LLVM numbers local copies with `.N`.
        name = instantiated(re.sub(r"'\d+$|\.\d+$", "", name))
        if own.search(name):
            continue
        # A crate's hash is of varying length, and a back reference (`B<offset>_`) counts
        # bytes: both are `*`.
        add(re.sub(r"B[0-9A-Za-z]*_", "B*_", re.sub(r"Cs[0-9A-Za-z]+_", "Cs*_", name)))
    # The function's own code on the path, whatever its crate: its handlers and its `main`.
    add("*8sma_core8dispatch7private7Handler4call*")
    add("_RNvCs*_*4main")
    add("_RNCNvCs*_*4main0*")
    lines = ["/* Written by `python3 bench/hot_code.py` from a callgrind profile of the example IVR:",
             "   the code an invocation runs, linked together before `.text` (templates/function/",
             "   build.rs passes it to the linker). Do not edit: run the script again. */",
             "SECTIONS", "{", "  .text.sma_hot :", "  {"]
    lines += [f"    *(.text.{p} .text.{p}.* .text.unlikely.{p} .text.unlikely.{p}.*)"
              for p in patterns]
    lines += ["    *(.text.main)", "  }", "}", "INSERT BEFORE .text;", ""]
    return "\n".join(lines), len(patterns)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invocations", type=int, default=200)
    args = parser.parse_args()
    profiling = os.path.join(TARGET, "profiling")
    build = ["build", "-q", "--profile", "profiling", "-p", "sma-examples", "--bin", "ivr"]
    print("building ivr, linked as usual, and bare (profiling profile) ...", file=sys.stderr)
    cargo([*build, "-p", "sma-bench", "--bin", "bare"], hot_code=False)
    plain = os.path.join(TARGET, "ivr-plain")
    shutil.copy(os.path.join(profiling, "ivr"), plain)
    print("profiling ivr under callgrind ...", file=sys.stderr)
    names = ran_functions(plain, args.invocations)
    text, count = script(names)
    with open(SCRIPT, "w") as f:
        f.write(text)
    print(f"{len(names)} functions ran; {count} patterns written to {SCRIPT}", file=sys.stderr)
    print("building ivr linked with the script ...", file=sys.stderr)
    cargo(build, hot_code=True)
    ordered = os.path.join(TARGET, "ivr-hot")
    shutil.copy(os.path.join(profiling, "ivr"), ordered)
    for binary, expected in [(plain, False), (ordered, True)]:
        sections = subprocess.run(["readelf", "-S", "-W", binary], capture_output=True,
                                  text=True, check=True).stdout
        if (".text.sma_hot" in sections) != expected:
            sys.exit(f"{binary}: the hot section is {'missing' if expected else 'there'}")
    print("\n| binary | peak resident memory, median of 5 (range) |\n|---|---|")
    for label, binary in [("ivr, linked as usual", plain), ("ivr, hot code together", ordered),
                          ("bare", os.path.join(profiling, "bare"))]:
        bodies = [compare.event_bytes(f) for _, f in compare.EVENTS]
        m = lambda_binary.memory(binary, bodies, 2000, 5)
        print(f"| {label} | {m['peak']:,} KB ({m['peak_min']:,}–{m['peak_max']:,}) |")


if __name__ == "__main__":
    main()
