"""A `comfyui-double` process on 127.0.0.1 for one benchmark section, with its timestamp log."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BINARY = Path(os.environ.get("BENCH_BIN") or ROOT / ".build" / "release") / "comfyui-double"


class Double:
    def __init__(self, out, name, knobs, lifetime_seconds=900):
        self.log = Path(out) / f"double-{name}.timestamps"
        self.command = [str(BINARY), "--port", "0", "--timestamp-log", str(self.log), "--exit-after", str(lifetime_seconds)] + knobs
        self.process = None
        self.url = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise RuntimeError(f"comfyui-double did not start: {line!r} {self.process.stderr.read()[-2000:]}")
        self.url = line
        return self

    def __exit__(self, *_):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _edges(self):
        edges = {}
        for line in self.log.read_text().splitlines():
            edge, prompt, ns = line.split()
            edges.setdefault(prompt, {})[edge] = int(ns)
        return edges

    def finish_times(self):
        """prompt id → CLOCK_MONOTONIC ns when the double had written history and sent `executing: null`."""
        return {p: e["finished"] for p, e in self._edges().items() if "finished" in e}

    def spans(self):
        """prompt id → (started ns, finished ns)."""
        return {p: (e["started"], e["finished"]) for p, e in self._edges().items() if "started" in e and "finished" in e}
