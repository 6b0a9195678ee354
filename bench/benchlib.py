"""What the bench scripts share: server processes on free loopback ports, ECS calls over one
keep-alive connection, and the sections they write into bench/RESULTS.md."""

import http.client
import json
import os
import pathlib
import platform
import re
import socket
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113"
# SigV4-shaped (the signature is not checked), so that servers routing by credential scope,
# such as moto, see "ecs".
AUTH = ("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/ecs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def logger(prefix):
    def log(message):
        print(f"[{prefix}] {message}", file=sys.stderr, flush=True)
    return log


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ecs_headers(operation):
    return {"Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"{TARGET_PREFIX}.{operation}",
            "X-Amz-Date": "20250101T000000Z", "Authorization": AUTH}


def berth_argv(executable):
    return lambda port: [executable, "--listen", f"127.0.0.1:{port}", "--log-level", "warn"]


def first_answer(port, process, timeout=30.0):
    """Polls with an ECS ListClusters call until it answers 200; returns the answer time."""
    request = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in ecs_headers("ListClusters").items())
               + "Content-Length: 2\r\n\r\n{}").encode()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                status_line = s.recv(64)
            if status_line.startswith(b"HTTP/1.1 200") or status_line.startswith(b"HTTP/1.0 200"):
                return time.perf_counter()
        except OSError:
            time.sleep(0.0002)  # not listening yet: poll again almost at once
    raise RuntimeError(f"no answer on port {port} within {timeout} s")


def spawn_to_answer_ms(server, keep=False):
    """ms from spawning `server` (a Server) to its first 200 answer; stops it after unless
    `keep`."""
    start = time.perf_counter()
    server.spawn()
    try:
        answered = first_answer(server.port, server.process)
    except BaseException:
        server.stop()
        raise
    if not keep:
        server.stop()
    return (answered - start) * 1000


class Server:
    """One server process on a free loopback port (argv(port) says how to start it), called
    over one keep-alive connection."""

    def __init__(self, name, argv, workdir):
        self.name, self.argv, self.workdir = name, argv, pathlib.Path(workdir)
        self.process = None
        self.port = None
        self.conn = None

    def spawn(self):
        self.port = free_port()
        with open(self.workdir / f"{self.name}.log", "ab") as logfile:
            self.process = subprocess.Popen(self.argv(self.port), stdout=logfile, stderr=logfile,
                                            stdin=subprocess.DEVNULL, cwd=self.workdir)

    def start(self, timeout=60):
        self.spawn()
        try:
            first_answer(self.port, self.process, timeout)
        except RuntimeError as e:
            self.stop()
            raise RuntimeError(f"{self.name} did not start ({e}); see {self.workdir}") from e
        return self

    def rss_kib(self):
        status = pathlib.Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))

    def stop(self, timeout=60):
        if self.conn:
            self.conn.close()
            self.conn = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def request(self, operation, body):
        """(HTTP status, raw body) of one ECS call; reconnects once if the connection dropped."""
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("POST", "/", body=json.dumps(body), headers=ecs_headers(operation))
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def call(self, operation, body):
        """The decoded answer of one ECS call; raises unless it is a 200."""
        status, raw = self.request(operation, body)
        out = json.loads(raw or b"{}")
        if status != 200:
            raise RuntimeError(f"{self.name} {operation}: HTTP {status}: {out}")
        return out


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def machine():
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text())[1])
    os_name = "Linux"
    release = pathlib.Path("/etc/os-release")
    if release.exists():
        m = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read_text(), re.M)
        os_name = m[1] if m else os_name
    return (f"{os_name}, kernel {platform.release()} {platform.machine()}, {cpu_model()}, "
            f"{os.cpu_count()} cores, {mem_kib / 1048576:.0f} GiB")


def git_revision():
    """HEAD's short hash, and whether the code (not the bench) has uncommitted changes."""
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src",
                                "include", "CMakeLists.txt"], capture_output=True, text=True).stdout
        return rev + (" with uncommitted changes in src/include" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_section(path, begin, end, section):
    """Puts `section` (which starts with `begin` and ends with `end`) into the results file in
    place of the previous one; other sections are left alone."""
    path = pathlib.Path(path)
    text = path.read_text() if path.exists() else (
        "# Benchmark results\n\nWritten by the scripts in bench/; each section says how it was "
        "measured.\n\n")
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def publish(section, begin, end, write, log):
    """Prints a bench's section and, when `write`, puts it into bench/RESULTS.md."""
    print(section)
    if write:
        write_section(ROOT / "bench/RESULTS.md", begin, end, section)
        log("written to bench/RESULTS.md")
