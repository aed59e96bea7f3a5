"""Drives the real `comfykit-tui` release binary in a pseudo-terminal, from outside, and times it.

The pty's output goes through pyte (a VT100 emulator), so "drawn" means the emulated screen shows it.
Each chunk of output is stamped with CLOCK_MONOTONIC when it arrives, before it is parsed, so the
emulator's own cost is not counted. CPU and RSS come from /proc.
"""

import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import termios
import time
from pathlib import Path

import pyte

COLUMNS, LINES = 120, 40
STEP = re.compile(r"\(EmptyImage\)\s+(\d+)/(\d+)")
SAMPLER_STEP = re.compile(r"\(KSampler\)\s+(\d+)/(\d+)")


class AnsweringScreen(pyte.Screen):
    """A pyte screen that answers the app's queries (the cursor-position reports of its start-up probe) on the
    pty, as a real terminal does, instead of leaving it to wait out its timeout."""
    master = None

    def write_process_input(self, data):
        if self.master is not None:
            os.write(self.master, data.encode())


class Screen:
    """The TUI in a pty: send keys, wait for what the screen shows."""

    def __init__(self, binary, folder, server, home, extra_args=()):
        home = Path(home)
        for sub in ("config", "state", "downloads"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.screen = AnsweringScreen(COLUMNS, LINES)
        self.screen.master = master
        self.stream = pyte.ByteStream(self.screen)
        self.master = master
        self.spawned_ns = time.monotonic_ns()
        self.process = subprocess.Popen([str(binary), str(folder), "--server", server, "--download-dir", str(home / "downloads"),
                                         *extra_args],
                                        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def text(self):
        return "\n".join(self.screen.display)

    def pump(self, until, timeout):
        """Feeds output until `until(text)` holds; returns the arrival time (ns) of the chunk that made it so."""
        deadline = time.monotonic() + timeout
        if until(self.text()):
            return time.monotonic_ns()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                continue
            arrived = time.monotonic_ns()
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            self.stream.feed(chunk)
            if until(self.text()):
                return arrived
        raise TimeoutError(f"the screen did not show what was awaited within {timeout} s; it shows:\n{self.text()}")

    def drain(self, seconds):
        """Keeps reading (the app blocks if nobody reads its output) for a while."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if ready:
                self.stream.feed(os.read(self.master, 1 << 16))

    def press(self, keys):
        sent = time.monotonic_ns()
        os.write(self.master, keys.encode())
        return sent

    def cpu_ns(self):
        """CPU time of every thread of the app, in ns (schedstat is exact where /proc/PID/stat counts ticks)."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                pass
        return total

    def rss_bytes(self):
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def close(self):
        try:
            os.write(self.master, b"\x03")
            self.process.wait(timeout=3)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def measure_tui(binary, folder, double, home, idle_seconds, keypresses, step_interval_ns, node_ms, step=STEP, extra_args=()):
    """The figures of the TUI section; `step` finds the running node's step on the screen, `extra_args` go to the app
    (`--images symbols` for the preview load)."""
    entries = sum(1 for _ in Path(folder).rglob("*.json"))
    app = Screen(binary, folder, double.url, home, extra_args)
    figures = {}
    try:
        first = app.pump(lambda text: "ComfyKit" in text, timeout=10)
        figures["first_frame_ms"] = (first - app.spawned_ns) / 1e6
        listed = app.pump(lambda text: f"{entries} workflow(s)" in text, timeout=30)
        figures["list_ms"] = (listed - app.spawned_ns) / 1e6

        # Idle: the list is shown, nothing runs; the app still probes the server every 2 s.
        app.drain(1.0)
        cpu_before, wall_before = app.cpu_ns(), time.monotonic_ns()
        app.drain(idle_seconds)
        figures["idle_cpu_percent"] = (app.cpu_ns() - cpu_before) / (time.monotonic_ns() - wall_before) * 100
        figures["idle_rss_mib"] = app.rss_bytes() / (1 << 20)

        # Start the progress workflow (sorted first): Enter opens its form, Enter runs it, Esc back to the list.
        app.press("\r")
        app.pump(lambda text: "S-Tab" in text, timeout=10)
        app.press("\r")
        app.pump(lambda text: step.search(text) is not None, timeout=20)
        app.press("\x1b")
        app.drain(0.5)
        key_latencies, lags, shown = [], [], []
        cpu_before, wall_before = app.cpu_ns(), time.monotonic_ns()
        for index in range(keypresses):
            opening = index % 2 == 0
            sent = app.press("?")
            drawn = app.pump((lambda text: " Keys " in text) if opening else (lambda text: " Keys " not in text), timeout=10)
            key_latencies.append((drawn - sent) / 1e6)
            match = step.search(app.text())
            if match:
                shown.append((drawn, int(match.group(1))))
            app.drain(0.05 + (index % 5) * 0.01)
        busy_wall = time.monotonic_ns() - wall_before
        figures["busy_cpu_percent"] = (app.cpu_ns() - cpu_before) / busy_wall * 100
        figures["busy_rss_mib"] = app.rss_bytes() / (1 << 20)
        # How far the screen is behind: the server's step at a moment vs the step drawn then.
        spans = double.spans()
        started = [s for s, _ in spans.values()] + [ns for ns in _started_only(double)]
        prompt_started = max(started) if started else None
        if prompt_started and shown:
            first_step_ns = prompt_started + node_ms * 1_000_000
            for at, step in shown:
                server_step = (at - first_step_ns) / step_interval_ns
                lags.append(max(0.0, (server_step - step) * step_interval_ns / 1e6))
            (t0, s0), (t1, s1) = shown[0], shown[-1]
            figures["shown_rate"] = (s1 - s0) / ((t1 - t0) / 1e9) if t1 > t0 else float("nan")
        else:
            figures["shown_rate"] = float("nan")
        figures["server_rate"] = 1e9 / step_interval_ns
        figures["key_count"] = len(key_latencies)
        figures["key_median_ms"] = statistics.median(key_latencies)
        figures["key_max_ms"] = max(key_latencies)
        figures["lag_median_ms"] = statistics.median(lags) if lags else float("nan")
        figures["lag_max_ms"] = max(lags) if lags else float("nan")
    finally:
        app.close()
    return figures


def _started_only(double):
    """Start times of prompts still running (no `finished` line yet)."""
    return [e["started"] for e in double._edges().values() if "started" in e and "finished" not in e]
