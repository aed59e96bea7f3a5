"""Runs every benchmark of bench/README.md and prints the table: figure, ours, baseline, ratio, target, met.

Started by bench/run with the throw-away virtualenv's interpreter (it has comfykit 0.1.12 and pyte).
Every server is a `comfyui-double` on 127.0.0.1 that stops by itself; every loop here is bounded.
Sizes come from the environment (see `--help`), so a quick pass can use small ones.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib.double import Double  # noqa: E402
from benchlib.table import Row, render_table  # noqa: E402
from benchlib import workflows  # noqa: E402
from benchlib.tui import SAMPLER_STEP, measure_tui  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RELEASE = Path(os.environ.get("BENCH_BIN") or ROOT / ".build" / "release")  # bench/run sets it (`swift build --show-bin-path`)
TRIVIAL = ROOT / "examples" / "workflows" / "no-model" / "solid_color.json"
SHARED = Path(os.environ.get("COMFYKIT_SHARED_DIR") or ROOT.parent / "shared")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"), help="scratch folder (gitignored)")
    parser.add_argument("--only", default="", help="comma list of sections: latency,concurrent,download,tui,parse,convert,pictures,memory,history,sweep")
    parser.add_argument("--runs", type=int, default=env_int("BENCH_RUNS", 30), help="sequential runs per executor [BENCH_RUNS=30]")
    parser.add_argument("--concurrent", type=int, default=env_int("BENCH_CONCURRENT", 100), help="concurrent runs [BENCH_CONCURRENT=100]")
    parser.add_argument("--download-mib", type=int, default=env_int("BENCH_DOWNLOAD_MIB", 1024), help="output size in MiB [BENCH_DOWNLOAD_MIB=1024]")
    parser.add_argument("--tui-workflows", type=int, default=env_int("BENCH_TUI_WORKFLOWS", 1000), help="workflows in the TUI folder [BENCH_TUI_WORKFLOWS=1000]")
    parser.add_argument("--idle-seconds", type=int, default=env_int("BENCH_IDLE_SECONDS", 10), help="TUI idle CPU window [BENCH_IDLE_SECONDS=10]")
    parser.add_argument("--progress-rate", type=int, default=env_int("BENCH_PROGRESS_RATE", 2000), help="progress events/s during TUI key presses [BENCH_PROGRESS_RATE=2000]")
    parser.add_argument("--preview-rate", type=int, default=env_int("BENCH_PREVIEW_RATE", 20), help="preview frames/s with the progress events in the TUI's preview load; 0: none [BENCH_PREVIEW_RATE=20]")
    parser.add_argument("--keypresses", type=int, default=env_int("BENCH_KEYPRESSES", 40), help="TUI key presses timed [BENCH_KEYPRESSES=40]")
    parser.add_argument("--parse-nodes", type=int, default=env_int("BENCH_PARSE_NODES", 10000), help="nodes in the parse + bind workflow [BENCH_PARSE_NODES=10000]")
    parser.add_argument("--convert-nodes", type=int, default=env_int("BENCH_CONVERT_NODES", 2000), help="nodes in the editor-format file [BENCH_CONVERT_NODES=2000]")
    parser.add_argument("--memory-runs", type=int, default=env_int("BENCH_MEMORY_RUNS", 1000), help="sequential runs for the RSS check [BENCH_MEMORY_RUNS=1000]")
    parser.add_argument("--history-runs", type=int, default=env_int("BENCH_HISTORY_RUNS", 100000), help="runs in the run history [BENCH_HISTORY_RUNS=100000]")
    parser.add_argument("--sweep-prompts", type=int, default=env_int("BENCH_SWEEP_PROMPTS", 600), help="prompts in the sweep section [BENCH_SWEEP_PROMPTS=600]")
    parser.add_argument("--node-ms", type=int, default=env_int("BENCH_NODE_MS", 5), help="time each node takes on the double [BENCH_NODE_MS=5]")
    return parser.parse_args()


def run_json(command, timeout=900):
    """Runs a measurement process and returns its last stdout line as JSON."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} {command[1]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def sqlite_open_and_select(path, sql, repeats):
    """The baseline for the run history: open the file with Python's sqlite3 and run one SELECT, `repeats` times."""
    times, matched = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        connection = sqlite3.connect(str(path))
        matched = len(connection.execute(sql).fetchall())
        connection.close()
        times.append(time.perf_counter() - started)
    return times, matched


def json_parse(path, repeats):
    """The baseline for the editor-format conversion: Python's json module (C) only reading the same file."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        with open(path, "rb") as handle:
            json.loads(handle.read())
        times.append(time.perf_counter() - started)
    return times


def chafa_cli(path, chafa_format, columns, rows, repeats):
    """The baseline for pictures: the chafa CLI (the same library, with its own loaders) drawing the same file at the
    same size, process start included; None when chafa is not installed."""
    chafa = shutil.which("chafa")
    if not chafa:
        return None
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([chafa, "-f", chafa_format, "-s", f"{columns}x{rows}", "--font-ratio", "1/2", "--animate", "off", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return times


def inflate_seconds(path, repeats):
    """Times zlib's inflate of a PNG's IDAT data alone: the part of decoding it no PNG decoder on zlib avoids."""
    import zlib
    data, offset, idat = path.read_bytes(), 8, bytearray()
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        if data[offset + 4:offset + 8] == b"IDAT":
            idat += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        zlib.decompress(bytes(idat))
        times.append(time.perf_counter() - started)
    return times


def median(values):
    return statistics.median(values) if values else float("nan")


def ms(seconds):
    return seconds * 1000


class Bench:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.bench = str(RELEASE / "comfykit-bench")
        self.python = sys.executable
        self.baseline = str(ROOT / "bench" / "python_baseline.py")
        self.floor_client = str(ROOT / "bench" / "floor_client.py")
        self.rows = []
        self.notes = []
        self.color = 1000  # every run gets its own `color`, so the server never answers from cache

    def colors(self, count):
        base = self.color
        self.color += count + 10
        return str(base)

    def wanted(self, section):
        return not self.args.only or section in self.args.only.split(",")

    # -- completion latency and wall per run -------------------------------------------------------

    def latency(self):
        runs = self.args.runs
        with Double(self.out, "latency", ["--node-ms", str(self.args.node_ms)]) as double:
            figures = {}
            # The floor (bench/floor_client.py) has no executors: one socket, POST /prompt, executing null, GET /history.
            for side, executors in (("swift", ("ws", "http")), ("python", ("ws", "http")), ("floor", ("ws",))):
                for executor in executors:
                    command = {"swift": [self.bench, "sequential"], "python": [self.python, self.baseline, "sequential"],
                               "floor": [self.python, self.floor_client, "sequential"]}[side]
                    if side != "floor":
                        command += ["--executor", executor]
                    command += ["--server", double.url, "--workflow", str(TRIVIAL),
                                "--runs", str(runs), "--warmup", "3", "--color-base", self.colors(runs + 3)]
                    result = run_json(command)
                    finished = double.finish_times()
                    latencies = [(r["doneNS"] - finished[r["promptID"]]) / 1e6 for r in result["runs"] if r["promptID"] in finished]
                    figures[(side, executor)] = {
                        "latency_ms": median(latencies), "p90_ms": sorted(latencies)[int(len(latencies) * 0.9)] if latencies else float("nan"),
                        "wall_ms": ms(result["wallSeconds"]) / max(1, len(result["runs"])), "count": len(latencies),
                        "failed": result["failed"], "cpu_ms": ms(result["cpuSeconds"]) / max(1, len(result["runs"])),
                    }
        floor = figures[("floor", "ws")]
        for executor, name, target in (("ws", "WebSocket", 3.0), ("http", "HTTP", 60.0)):
            ours, theirs = figures[("swift", executor)], figures[("python", executor)]
            self.rows.append(Row(f"completion latency, {name} executor (median of {ours['count']})",
                                 ours["latency_ms"], theirs["latency_ms"], "ms", f"≤ {target:g} ms, ≤ 1.2× floor",
                                 ours["latency_ms"] <= target and ours["latency_ms"] <= 1.2 * floor["latency_ms"]
                                 and ours["count"] >= min(30, runs), floor=floor["latency_ms"]))
            self.notes.append(f"{name} completion latency p90: ours {ours['p90_ms']:.2f} ms, Python {theirs['p90_ms']:.2f} ms; "
                              f"client CPU per run: ours {ours['cpu_ms']:.2f} ms, Python {theirs['cpu_ms']:.2f} ms")
            for side, fig in (("ours", ours), ("Python", theirs)):
                if fig["failed"]:
                    self.notes.append(f"{name} {side}: {len(fig['failed'])} run(s) failed, first: {fig['failed'][0]}")
        self.notes.append(f"floor (bench/floor_client.py): completion latency p90 {floor['p90_ms']:.2f} ms, client CPU per run "
                          f"{floor['cpu_ms']:.2f} ms" + (f"; {len(floor['failed'])} run(s) failed, first: {floor['failed'][0]}" if floor["failed"] else ""))
        ours, theirs = figures[("swift", "ws")], figures[("python", "ws")]
        self.rows.append(Row("wall time per trivial run, WebSocket", ours["wall_ms"], theirs["wall_ms"], "ms", "≤ 0.7× Python, ≤ 1.0× floor",
                             ours["wall_ms"] <= 0.7 * theirs["wall_ms"] and ours["wall_ms"] <= floor["wall_ms"], floor=floor["wall_ms"]))
        http = figures[("swift", "http")]
        self.rows.append(Row("wall time per trivial run, HTTP", http["wall_ms"], figures[("python", "http")]["wall_ms"],
                             "ms", "≤ 1.0× floor", http["wall_ms"] <= floor["wall_ms"], floor=floor["wall_ms"]))

    # -- 100 concurrent runs ------------------------------------------------------------------------

    def concurrent(self):
        count = self.args.concurrent
        with Double(self.out, "concurrent", ["--node-ms", str(self.args.node_ms)]) as double:
            # The server's own time per prompt, measured unloaded: 10 runs one after another.
            solo = run_json([self.bench, "sequential", "--server", double.url, "--workflow", str(TRIVIAL), "--runs", "10",
                             "--warmup", "1", "--color-base", self.colors(11)])
            spans = double.spans()
            per_prompt = median([(spans[r["promptID"]][1] - spans[r["promptID"]][0]) / 1e9 for r in solo["runs"]])
            server_time = per_prompt * count
            results = {}
            for side in ("swift", "python"):
                command = ([self.bench, "concurrent"] if side == "swift" else [self.python, self.baseline, "concurrent"])
                command += ["--server", double.url, "--executor", "ws", "--workflow", str(TRIVIAL), "--runs", str(count),
                            "--color-base", self.colors(count + 1)]
                result = run_json(command)
                spans = double.spans()
                busy = sum((spans[p][1] - spans[p][0]) for p in result["promptIDs"] if p in spans) / 1e9
                results[side] = dict(result, busy=busy)
        ours, theirs = results["swift"], results["python"]
        self.rows.append(Row(f"{count} concurrent runs: wall time", ours["wallSeconds"], theirs["wallSeconds"], "s", "-", None))
        self.rows.append(Row(f"{count} concurrent runs: client CPU", ours["cpuSeconds"], theirs["cpuSeconds"], "s", "≤ 0.3× Python",
                             ours["cpuSeconds"] <= 0.3 * theirs["cpuSeconds"]))
        overhead = lambda r: (r["wallSeconds"] - server_time) / server_time * 100
        self.rows.append(Row(f"{count} concurrent runs: wall beyond the server's time", overhead(ours), overhead(theirs), "%",
                             "≤ 10%", overhead(ours) <= 10 and not ours["failed"]))
        self.notes.append(f"concurrent: the server's time is {count} × {per_prompt * 1000:.2f} ms = {server_time:.2f} s (median execution_start → "
                          f"finished of 10 prompts run alone, node time {self.args.node_ms} ms); under the concurrent load the prompts' "
                          f"spans added up to {ours['busy']:.2f} s for ours and {theirs['busy']:.2f} s for Python (client and server share "
                          f"2 cores); completed ours {len(ours['promptIDs'])}/{count}, Python {len(theirs['promptIDs'])}/{count}")

    # -- 1 GiB download -----------------------------------------------------------------------------

    def download(self):
        size = self.args.download_mib << 20
        folder = self.out / "download"
        with Double(self.out, "download", ["--node-ms", "1", "--file-bytes", str(size)]) as double:
            run = run_json([self.bench, "sequential", "--server", double.url, "--workflow", str(TRIVIAL), "--runs", "1", "--warmup", "0",
                            "--color-base", self.colors(1)])
            prompt = run["runs"][0]["promptID"]
            history = json.loads(subprocess.run(["curl", "-s", f"{double.url}/history/{prompt}"], capture_output=True, text=True, check=True).stdout)
            image = next(iter(history[prompt]["outputs"].values()))["images"][0]
            url = f"{double.url}/view?filename={image['filename']}&subfolder={image['subfolder']}&type={image['type']}"
            ours, curls, rss, curl_rss = [], [], [], []
            for _ in range(3):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                proc = subprocess.Popen(["curl", "-s", "-o", str(folder / "curl.png"), "-w", "%{size_download} %{time_total}", url],
                                        stdout=subprocess.PIPE, text=True)
                _, status, usage = os.wait4(proc.pid, 0)
                text = proc.stdout.read().split()
                if status != 0 or int(text[0]) != size:
                    raise RuntimeError(f"curl download failed: {text}")
                curls.append(size / float(text[1]))
                curl_rss.append(usage.ru_maxrss * 1024)
                os.remove(folder / "curl.png")
                result = run_json([self.bench, "download", "--server", double.url, "--prompt-id", prompt, "--to", str(folder / "ours")])
                if result["bytes"] != size:
                    raise RuntimeError(f"our download got {result['bytes']} bytes, not {size}")
                ours.append(size / result["seconds"])
                rss.append(result["peakRSSBytes"])
                shutil.rmtree(folder, ignore_errors=True)
        mib = 1 << 20
        ratio = median(ours) / median(curls)
        self.rows.append(Row(f"download {self.args.download_mib} MiB: throughput (median of 3)", median(ours) / mib, median(curls) / mib, "MiB/s",
                             "≥ 0.9× curl", ratio >= 0.9, baseline_name="curl"))
        self.rows.append(Row("download: peak RSS of the downloading process", max(rss) / mib, max(curl_rss) / mib, "MiB", "≤ 64 MB",
                             max(rss) <= 64e6, baseline_name="curl"))

    # -- comfykit-tui -------------------------------------------------------------------------------

    def tui(self):
        folder = self.out / "tui-workflows"
        workflows.write_tui_folder(folder, TRIVIAL, self.args.tui_workflows)
        interval_us = max(1, round(1_000_000 / self.args.progress_rate))
        steps = self.args.progress_rate * 60  # more than the key presses need; the run is cancelled at the end
        with Double(self.out, "tui", ["--node-ms", "1", "--no-previews", "--progress-steps", f"#1={steps}",
                                      "--progress-us", str(interval_us)]) as double:
            # A fresh state folder: a run an earlier bench left in flight would be re-attached at start (and cost ~5 MiB).
            shutil.rmtree(self.out / "tui-home", ignore_errors=True)
            figures = measure_tui(RELEASE / "comfykit-tui", folder, double, self.out / "tui-home",
                                  idle_seconds=self.args.idle_seconds, keypresses=self.args.keypresses,
                                  step_interval_ns=interval_us * 1000, node_ms=1)
        count = self.args.tui_workflows
        self.rows.append(Row("TUI: first frame (header drawn)", figures["first_frame_ms"], None, "ms", "≤ 150 ms", figures["first_frame_ms"] <= 150))
        self.rows.append(Row(f"TUI: list of {count} workflows drawn", figures["list_ms"], None, "ms", "≤ 150 ms", figures["list_ms"] <= 150))
        self.rows.append(Row(f"TUI: idle CPU over {self.args.idle_seconds} s", figures["idle_cpu_percent"], None, "%", "≤ 0.5%",
                             figures["idle_cpu_percent"] <= 0.5))
        self.rows.append(Row("TUI: steady RSS (idle, list loaded)", figures["idle_rss_mib"], None, "MiB", "≤ 40 MB", figures["idle_rss_mib"] * (1 << 20) <= 40e6))
        rate = self.args.progress_rate
        self.rows.append(Row(f"TUI: key press → drawn, {rate} progress events/s (median)", figures["key_median_ms"], None, "ms", "≤ 50 ms",
                             figures["key_median_ms"] <= 50))
        self.rows.append(Row(f"TUI: key press → drawn, {rate} progress events/s (max of {figures['key_count']})", figures["key_max_ms"], None, "ms", "≤ 50 ms",
                             figures["key_max_ms"] <= 50))
        self.rows.append(Row(f"TUI: screen behind the server at {rate} events/s (median)", figures["lag_median_ms"], None, "ms", "current", None))
        self.notes.append(f"TUI under load: steps shown advanced at {figures['shown_rate']:.0f}/s (server {figures['server_rate']:.0f}/s); "
                          f"screen behind the server: median {figures['lag_median_ms']:.1f} ms, max {figures['lag_max_ms']:.1f} ms; "
                          f"RSS during the run {figures['busy_rss_mib']:.1f} MiB; CPU during the run {figures['busy_cpu_percent']:.0f}%")
        if self.args.preview_rate > 0:
            self.tui_previews(interval_us)

    def tui_previews(self, interval_us):
        """Key press → drawn while the run panel shows live previews: the recorded SD1.5 workflow, its KSampler
        reporting --progress-rate steps/s with one of the run's four recorded 512×512 JPEG frames every
        rate / --preview-rate steps, drawn as symbols (a pty emulator shows cells, not graphics)."""
        folder = self.out / "tui-preview-workflows"
        workflows.write_tui_folder(folder, TRIVIAL, 10)
        workflows.write_recorded_sd15(folder / "aaa_progress.json", SHARED)
        rate, previews = self.args.progress_rate, self.args.preview_rate
        every = max(1, round(rate / previews))
        knobs = ["--node-ms", "1", "--shared-dir", str(SHARED), "--previews", "recorded", "--preview-every", str(every),
                 "--progress-steps", f"KSampler={rate * 60}", "--progress-us", str(interval_us)]
        with Double(self.out, "tui-previews", knobs) as double:
            shutil.rmtree(self.out / "tui-previews-home", ignore_errors=True)
            figures = measure_tui(RELEASE / "comfykit-tui", folder, double, self.out / "tui-previews-home", idle_seconds=1,
                                  keypresses=self.args.keypresses, step_interval_ns=interval_us * 1000, node_ms=1, step=SAMPLER_STEP,
                                  extra_args=["--images", "symbols"])
        load = f"{rate} progress events/s + {previews} preview frames/s"
        self.rows.append(Row(f"TUI: key press → drawn, {load} (median)", figures["key_median_ms"], None, "ms", "≤ 50 ms",
                             figures["key_median_ms"] <= 50))
        self.rows.append(Row(f"TUI: key press → drawn, {load} (max of {figures['key_count']})", figures["key_max_ms"], None, "ms", "current", None))
        self.rows.append(Row(f"TUI: CPU, {load}", figures["busy_cpu_percent"], None, "%", "≤ 60% of a core", figures["busy_cpu_percent"] <= 60))
        self.notes.append(f"TUI with previews: the recorded SD1.5 workflow, a 512×512 JPEG frame every {every} steps, drawn as symbols in "
                          f"the run panel; steps shown advanced at {figures['shown_rate']:.0f}/s; screen behind the server: median "
                          f"{figures['lag_median_ms']:.1f} ms; RSS during the run {figures['busy_rss_mib']:.1f} MiB")

    # -- parse + bind -------------------------------------------------------------------------------

    def parse(self):
        path = self.out / f"workflow_{self.args.parse_nodes}.json"
        params = workflows.write_large_workflow(path, self.args.parse_nodes)
        ours = run_json([self.bench, "parse-bind", "--workflow", str(path), "--params", json.dumps(params), "--repeats", "20"])
        theirs = run_json([self.python, self.baseline, "parse-bind", "--workflow", str(path), "--params", json.dumps(params), "--repeats", "5"])
        value = ms(median(ours["seconds"]))
        self.rows.append(Row(f"parse + bind, {ours['nodes']}-node workflow ({ours['params']} params, median)", value, ms(median(theirs["seconds"])),
                             "ms", "≤ 50 ms", value <= 50))

    # -- editor-format conversion ---------------------------------------------------------------------

    def convert(self):
        path = self.out / f"editor_{self.args.convert_nodes}.json"
        sent = workflows.write_large_editor_workflow(path, self.args.convert_nodes)
        object_info = self.out / "object_info.json"
        with Double(self.out, "convert", []) as double:
            with urllib.request.urlopen(double.url + "/object_info", timeout=30) as answer:
                object_info.write_bytes(answer.read())
        ours = run_json([self.bench, "convert", "--file", str(path), "--object-info", str(object_info), "--repeats", "20"])
        if ours["promptNodes"] != sent:
            raise RuntimeError(f"convert: {ours['promptNodes']} nodes in the prompt, expected {sent}")
        value = ms(median(ours["seconds"]))
        self.rows.append(Row(f"editor file of {ours['nodes']} nodes → API prompt: read + parse + convert (median of 20)", value,
                             ms(median(json_parse(path, 20))), "ms", "≤ 20 ms", value <= 20, baseline_name="json.loads"))
        self.notes.append(f"convert: the file has Reroutes, PrimitiveNodes, bypassed nodes and Notes ({ours['promptNodes']} nodes sent); "
                          f"the catalog from the server's /object_info is built once, in {ms(ours['catalogSeconds']):.1f} ms; "
                          "baseline: Python's json module only parsing the same file")

    # -- pictures: a 1024×1024 PNG to a 40×20-cell thumbnail ------------------------------------------

    def pictures(self):
        # The picture as ComfyUI's SaveImage writes its outputs (8-bit RGB, zlib level 4), made from ImageMagick's
        # plasma (seed 12); then the plasma as ImageMagick writes it (16 bits a channel: 3.2× the bytes to inflate).
        plasma = self.out / "picture_1024.png"
        subprocess.run(["convert", "-seed", "12", "-size", "1024x1024", "plasma:", str(plasma)], check=True)
        comfy = self.out / "picture_1024_8bit.png"
        subprocess.run(["convert", str(plasma), "-depth", "8", "-define", "png:compression-level=4", str(comfy)], check=True)
        rss, work, floors = {}, [], []
        for path, what, keep in ((comfy, "1024×1024 PNG as ComfyUI writes it (8-bit)", 100), (plasma, "the same as a 16-bit PNG", 0)):
            inflate = inflate_seconds(path, 20)
            floors.append(f"{path.name}: zlib's inflate of its IDAT data alone {ms(median(inflate)):.1f} ms (median of 20, "
                          f"Python's zlib module, the same libz)")
            for picture, chafa_format in (("kitty", "kitty"), ("sixel", "sixels"), ("symbols", "symbols")):
                ours = run_json([self.bench, "pictures", "--file", str(path), "--picture", picture, "--columns", "40", "--rows", "20",
                                 "--repeats", "20", "--cache", str(keep)])
                theirs = chafa_cli(path, chafa_format, 40, 20, 20)
                value = ms(median(ours["seconds"]))
                columns, rows = ours["cells"]
                self.rows.append(Row(f"{what} → {columns}×{rows}-cell thumbnail, {picture}: decode + encode (median of 20)", value,
                                     ms(median(theirs)) if theirs else None, "ms", "≤ 30 ms", value <= 30, baseline_name="chafa CLI"))
                if keep:
                    rss[picture] = (ours["rssWithCache"], ours["rssBeforeCache"], ours["bytes"])
                decode = ms(median(ours["decodeSeconds"]))
                work.append(f"{path.name} {picture} {decode:.1f} + {value - decode:.1f} ms, CPU {ms(median(ours['cpuSeconds'])):.1f} ms")
        # Issue 12's other outputs, the double's fixtures: a 64×64 H.264 MP4's first frame, a 1 s FLAC's waveform.
        for name, what in (("video.mp4", "64×64 MP4 first frame"), ("audio.flac", "1 s FLAC waveform")):
            media = run_json([self.bench, "pictures", "--file", str(ROOT / "Tests/Fixtures/outputs" / name), "--picture", "symbols",
                              "--columns", "40", "--rows", "20", "--repeats", "20"])
            value = ms(median(media["seconds"]))
            self.rows.append(Row(f"{what} → 40×20-cell thumbnail, symbols: decode + draw (median of 20)", value, None, "ms", "≤ 30 ms", value <= 30))
        mib = 1 << 20
        worst = max(with_cache for with_cache, _, _ in rss.values()) / mib
        self.rows.append(Row("RSS with 100 cached thumbnails (the largest of kitty, sixel, symbols)", worst, None, "MiB", "≤ 60 MiB", worst <= 60))
        self.notes.append("pictures: " + "; ".join(f"{name} {size} {'cells' if name == 'symbols' else 'bytes'} a thumbnail, RSS "
                                                   f"{before / mib:.1f} → {after / mib:.1f} MiB with 100 kept"
                                                   for name, (after, before, size) in rss.items())
                          + "; the PNG is ImageMagick's plasma (seed 12); baseline: the chafa CLI drawing the same file at "
                            "the same size, a process each time (its start-up included)")
        self.notes.append("pictures, decode + encode (medians) and the CPU of a thumbnail, all threads: " + "; ".join(work))
        self.notes.append("pictures, the floor of the decoding part: " + "; ".join(floors))

    # -- memory over 1,000 runs -----------------------------------------------------------------------

    def memory(self):
        runs = self.args.memory_runs
        every = max(1, runs // 20)
        with Double(self.out, "memory", ["--node-ms", "1"]) as double:
            result = run_json([self.bench, "sequential", "--server", double.url, "--workflow", str(TRIVIAL), "--runs", str(runs),
                               "--warmup", "0", "--rss-every", str(every), "--color-base", self.colors(runs)], timeout=1800)
        samples = [(i, b) for i, b in result["rss"] if i >= runs // 10]  # after warm-up: the first 10% of the runs
        base = samples[0][1]
        spread = (max(b for _, b in samples) - base) / base * 100
        growth = (samples[-1][1] - base) / base * 100
        mib = 1 << 20
        self.rows.append(Row(f"RSS over {runs} sequential runs in one process: growth after warm-up", spread, None, "%", "≤ 10%",
                             spread <= 10 and not result["failed"]))
        self.notes.append(f"memory: RSS {base / mib:.1f} MiB after {samples[0][0]} runs, {samples[-1][1] / mib:.1f} MiB after {samples[-1][0]} "
                          f"(end vs warm-up {growth:+.1f}%, highest sample {spread:+.1f}%); {len(result['failed'])} failed run(s)")

    # -- run history: open + filter of a large history ----------------------------------------------

    HISTORY_FILTERS = [
        # (what, comfykit-bench flags, the same SELECT as RunHistory's for that filter)
        ("status + workflow, 50 newest", ["--status", "error", "--workflow", "flow-13"],
         "SELECT * FROM run WHERE status = 'error' AND workflowName LIKE '%flow-13%' ESCAPE '\\' ORDER BY createdAt DESC LIMIT 50"),
        ("a param value (every run scanned)", ["--status", "", "--workflow", "", "--text", '"color":99999,'],
         "SELECT * FROM run WHERE (workflowName LIKE '%\"color\":99999,%' ESCAPE '\\' OR status LIKE '%\"color\":99999,%' ESCAPE '\\' "
         "OR paramsJSON LIKE '%\"color\":99999,%' ESCAPE '\\') ORDER BY createdAt DESC LIMIT 50"),
    ]

    def history(self):
        folder = self.out / "history"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        path = folder / "runs.sqlite"
        runs = self.args.history_runs
        fill = run_json([self.bench, "history", "--file", str(path), "--fill", str(runs), "--repeats", "0"], timeout=1800)
        for what, flags, sql in self.HISTORY_FILTERS:
            ours = run_json([self.bench, "history", "--file", str(path), "--repeats", "20"] + flags)
            theirs, matched = sqlite_open_and_select(path, sql, 20)
            if matched != ours["matched"]:
                raise RuntimeError(f"history filter '{what}': ours matched {ours['matched']}, sqlite3 {matched}")
            value = ms(median(ours["seconds"]))
            self.rows.append(Row(f"run history of {runs} runs: open + filter by {what} (median of 20)", value, ms(median(theirs)),
                                 "ms", "≤ 200 ms", value <= 200, baseline_name="sqlite3"))
        self.notes.append(f"history: {runs} runs written in {fill['fillSeconds']:.1f} s, file {path.stat().st_size / (1 << 20):.0f} MiB; "
                          "baseline: Python's sqlite3 module (the C library, no GRDB) opening the same file and running the same SELECT")

    # -- a sweep over three servers, and one routing decision ------------------------------------------

    SWEEP_NODE_MS = 10  # the trivial workflow has two nodes: 20 ms of node time per prompt

    def sweep(self):
        prompts = self.args.sweep_prompts
        knobs = ["--node-ms", str(self.SWEEP_NODE_MS)]
        with Double(self.out, "sweep-a", knobs) as a, Double(self.out, "sweep-b", knobs) as b, Double(self.out, "sweep-c", knobs) as c:
            three = run_json([self.bench, "sweep", "--server", a.url, "--server", b.url, "--server", c.url, "--workflow", str(TRIVIAL),
                              "--prompts", str(prompts), "--color-base", self.colors(prompts + 3)], timeout=1800)
            one = run_json([self.bench, "sweep", "--server", a.url, "--workflow", str(TRIVIAL),
                            "--prompts", str(prompts), "--color-base", self.colors(prompts + 1)], timeout=1800)
            # The floor: the same prompts over the same servers, paced as ours, by the shortest correct exchange.
            floor = run_json([self.python, self.floor_client, "sweep", "--server", a.url, "--server", b.url, "--server", c.url,
                              "--workflow", str(TRIVIAL), "--prompts", str(prompts), "--color-base", self.colors(prompts + 3)], timeout=1800)
            object_info = self.out / "object_info.json"
            with urllib.request.urlopen(a.url + "/object_info", timeout=30) as answer:
                object_info.write_bytes(answer.read())
        for name, result in (("3 servers", three), ("1 server", one), ("3 servers by the floor client", floor)):
            if result["failed"] or result["completed"] != prompts:
                raise RuntimeError(f"sweep over {name}: {result['completed']}/{prompts} completed; {result['failed'][:3]}")
        ratio = three["wallSeconds"] / one["wallSeconds"]
        self.rows.append(Row(f"{prompts} prompts (20 ms node time each) over 3 doubles: wall time", three["wallSeconds"], one["wallSeconds"],
                             "s", "≤ 0.36× 1 server", ratio <= 0.36, baseline_name="1 server", floor=floor["wallSeconds"]))
        cpu = three["cpuSeconds"] / three["wallSeconds"] * 100
        floor_cpu = floor["cpuSeconds"] / floor["wallSeconds"] * 100
        self.rows.append(Row(f"{prompts} prompts over 3 doubles: client CPU / wall", cpu, None, "%", "≤ 5%", cpu <= 5, floor=floor_cpu))
        in_flight = 1000
        route = run_json([self.bench, "route", "--workflow", str(TRIVIAL), "--object-info", str(object_info), "--servers", "3",
                          "--in-flight", str(in_flight)])
        decision = route["secondsPerDecision"] * 1e6
        self.rows.append(Row(f"one routing decision, 3 servers, {in_flight} prompts in flight (median of {route['decisions']})", decision, None,
                             "µs", "≤ 0.1 ms", decision <= 100))
        self.notes.append(f"sweep: {prompts} prompts of {TRIVIAL.name}, each its own color, {self.SWEEP_NODE_MS} ms per node (2 nodes); "
                          f"3 servers {three['wallSeconds']:.2f} s ({', '.join(str(n) for n in sorted(three['perServer'].values(), reverse=True))} prompts per server), "
                          f"1 server {one['wallSeconds']:.2f} s: {ratio:.3f}× (0.333× is ideal); client CPU {three['cpuSeconds']:.2f} s; "
                          f"the floor client (bench/floor_client.py sweep: aiohttp, one socket per server, two prompts in flight per "
                          f"server as ours) {floor['cpuSeconds']:.2f} s of CPU over {floor['wallSeconds']:.2f} s; "
                          f"routing decision p99 {ms(route['p99Seconds']) * 1000:.1f} µs (fit against /object_info + choice + reservation)")

    def run(self):
        sections = [("latency", self.latency), ("concurrent", self.concurrent), ("download", self.download),
                    ("tui", self.tui), ("parse", self.parse), ("convert", self.convert), ("pictures", self.pictures),
                    ("memory", self.memory), ("history", self.history), ("sweep", self.sweep)]
        for name, section in sections:
            if not self.wanted(name):
                continue
            started = time.monotonic()
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                section()
            except Exception as error:  # one broken section must not hide the others' figures
                self.rows.append(Row(f"{name}: could not be measured", None, None, "", "", False))
                self.notes.append(f"{name} failed: {error}")
            print(f"  {name} took {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        print(self.header())
        print(render_table(self.rows))
        for note in self.notes:
            print(f"- {note}")
        return 0 if all(r.met is not False for r in self.rows) else 1

    def header(self):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
        return (f"ComfyKit for Swift vs Python ComfyKit 0.1.12, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n"
                f"machine: {' '.join(platform.uname())}; {os.cpu_count()} CPUs ({cpu})\n"
                f"server: comfyui-double on 127.0.0.1, node time {self.args.node_ms} ms; trivial workflow: {TRIVIAL.relative_to(ROOT)}\n")


if __name__ == "__main__":
    sys.exit(Bench(parse_args()).run())
