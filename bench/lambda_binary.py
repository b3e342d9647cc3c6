"""A Lambda function's binary measured against a stub of the Runtime API on loopback: start-up
(exec -> first poll of /next: time, and the repeatable instruction and page-fault counts) and
resident memory over many invocations. Used by `compare.py`; nothing here loads AWS
configuration."""

import http.server
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time


class RuntimeApi(http.server.ThreadingHTTPServer):
    """A Lambda Runtime API on loopback: serves queued events on /next, counts responses."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.events = queue.Queue()
        self.first_poll = queue.Queue()
        self.answered = 0
        self.answered_cv = threading.Condition()

    def handle_error(self, request, client_address):
        # A function killed at the end of a measurement resets its connection: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionResetError):
            super().handle_error(request, client_address)

    @property
    def address(self):
        return f"127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without it, each keep-alive round trip waits out a delayed ACK (about 40 ms).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        api = self.server
        api.first_poll.put(time.perf_counter())
        request_id, body = api.events.get()
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
        deadline = int(time.time() * 1000) + 30_000
        self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                         "arn:aws:lambda:us-east-1:123456789012:function:bench")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()
        api = self.server
        with api.answered_cv:
            api.answered += 1
            api.answered_cv.notify_all()


def lambda_env(api):
    return {
        "PATH": os.environ.get("PATH", ""),
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_EC2_METADATA_DISABLED": "true",
        "SALES_NUMBER": "+12065550100",
    }


def start(binary, api):
    return subprocess.Popen([binary], env=lambda_env(api), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def startup(binaries, runs):
    """Median ms from exec to the first poll of /next, per binary (`{label: path}`), and the
    median of the turns' ratios of the first binary's time to the second's: the binaries are
    started in turns, so that each sees the same state of the machine (started apart, the same
    two binaries were 1.0x and 1.7x of each other in one session), and a turn's ratio cancels
    what moved the machine during it. Measured: four runs of 21 turns gave ratios of
    0.97-1.05x, four of 61 turns 0.97-1.01x (the same binaries)."""
    times = {label: [] for label in binaries}
    for _ in range(runs):
        for label, binary in binaries.items():
            api = RuntimeApi()
            threading.Thread(target=api.serve_forever, daemon=True).start()
            t0 = time.perf_counter()
            proc = start(binary, api)
            try:
                times[label].append((api.first_poll.get(timeout=30) - t0) * 1e3)
            finally:
                proc.kill()
                proc.wait()
                api.shutdown()
    first, second = times.values()
    ratio = statistics.median(a / b for a, b in zip(first, second))
    return {label: statistics.median(t) for label, t in times.items()}, ratio


def startup_work(binary, fault_runs=5):
    """What start-up does, counted where the clock is noisy: instructions (callgrind) and minor
    page faults from exec to the first poll of /next (the median of `fault_runs` processes).
    The stub never answers that poll, so the function waits there until it is stopped.
    Measured: the instructions repeat to within about 50 between runs, one process's faults to
    within about 10."""
    counts, faults = {}, []
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    runs = [("faults", [])] * fault_runs + [("instructions", callgrind)]
    for label, prefix in runs:
        if prefix and subprocess.run(["which", "valgrind"], capture_output=True).returncode:
            continue
        api = RuntimeApi()
        threading.Thread(target=api.serve_forever, daemon=True).start()
        proc = subprocess.Popen(prefix + [binary], env=lambda_env(api), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            api.first_poll.get(timeout=120)
            time.sleep(0.2)  # the poll is sent; the function now waits for its answer
            with open(f"/proc/{proc.pid}/stat") as f:
                minflt = int(f.read().rsplit(")", 1)[1].split()[7])
            proc.terminate()
            err = proc.communicate(timeout=60)[1]
        finally:
            proc.kill()
            api.shutdown()
        if prefix:
            found = re.search(r"Collected : (\d+)", err)
            if not found:
                sys.exit(f"callgrind failed on {binary}:\n{err}")
            counts[label] = int(found.group(1))
        else:
            faults.append(minflt)
    counts["faults"] = statistics.median(faults)
    return counts


def memory(binary, bodies, invocations, runs):
    """Resident memory (KB) after 1,000 invocations of `bodies` in turn, and peak and current
    after all of them:
    the medians of `runs` processes, and the range of the peaks. One process is not enough:
    address-space randomisation places the code at a different offset in each, and the kernel
    maps the code's file pages around each fault in aligned windows, so the same binary's
    resident memory moves by about 140 KB from one process to the next (measured: 4,180-4,316
    KB for `ivr`, 3,572-3,712 KB for `bare`; with randomisation off, `setarch -R`, each repeats
    to 4 KB)."""
    samples = [one_memory(binary, bodies, invocations) for _ in range(runs)]
    facts = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    peaks = [s["peak"] for s in samples]
    return {**facts, "peak_min": min(peaks), "peak_max": max(peaks)}


def one_memory(binary, bodies, invocations):
    """`memory` in one process, the event bodies sent in turn."""
    api = RuntimeApi()
    threading.Thread(target=api.serve_forever, daemon=True).start()
    for i in range(invocations):
        api.events.put((f"req-{i}", bodies[i % len(bodies)]))
    proc = start(binary, api)
    marks = {}
    try:
        for mark in sorted({min(1000, invocations), invocations}):
            with api.answered_cv:
                if not api.answered_cv.wait_for(lambda: api.answered >= mark, timeout=300):
                    sys.exit(f"{binary} answered {api.answered} of {mark} invocations")
            marks[mark] = status_kb(proc.pid)
    finally:
        proc.kill()
        proc.wait()
        api.shutdown()
    first, last = marks[min(marks)], marks[max(marks)]
    return {"rss_1000": first["VmRSS"], "rss_end": last["VmRSS"], "peak": last["VmHWM"]}


def status_kb(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields
