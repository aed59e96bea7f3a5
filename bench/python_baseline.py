"""The Python ComfyKit 0.1.12 side of bench/run: the same measurements as `comfykit-bench`, same JSON keys.

Run with the throw-away virtualenv's interpreter (bench/run creates it); it drives the package's public
API (`ComfyKit(...).execute(path, params)`) and, for parse + bind, the two calls its executors make before
submitting (`get_workflow_metadata`, `_apply_params_to_workflow`).
"""

import argparse
import asyncio
import json
import logging
import resource
import sys
import time


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def quiet_logs():
    # The package logs every step at INFO to stderr; the Swift side logs nothing. Keep it fair.
    # Importing it configures logging, so import first.
    import comfykit  # noqa: F401
    logging.getLogger("PM").setLevel(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)


def make_kit(args):
    from comfykit import ComfyKit
    executor = "websocket" if args.executor in ("ws", "websocket") else "http"
    return ComfyKit(comfyui_url=args.server, executor_type=executor)


async def close(kit):
    try:
        await kit.close()
    except AttributeError:
        pass  # 0.1.12's close() calls a close() its WebSocketExecutor does not have


async def sequential(args):
    kit = make_kit(args)
    color = args.color_base
    for _ in range(args.warmup):
        result = await kit.execute(args.workflow, {"color": color})
        color += 1
        if result.status != "completed":
            raise SystemExit(f"warm-up run failed: {result.msg}")
    runs, failed = [], []
    cpu_start = cpu_seconds()
    wall_start = time.monotonic_ns()
    for _ in range(args.runs):
        start = time.monotonic_ns()
        result = await kit.execute(args.workflow, {"color": color})
        done = time.monotonic_ns()
        color += 1
        if result.status == "completed" and result.prompt_id:
            runs.append({"promptID": result.prompt_id, "startNS": start, "doneNS": done})
        else:
            failed.append(result.msg or result.status)
    wall = (time.monotonic_ns() - wall_start) / 1e9
    cpu = cpu_seconds() - cpu_start
    await close(kit)
    return {"runs": runs, "failed": failed, "wallSeconds": wall, "cpuSeconds": cpu, "rss": []}


async def concurrent(args):
    kit = make_kit(args)
    warm = await kit.execute(args.workflow, {"color": args.color_base})
    if warm.status != "completed":
        raise SystemExit(f"warm-up run failed: {warm.msg}")
    cpu_start = cpu_seconds()
    start = time.monotonic_ns()
    results = await asyncio.gather(*[kit.execute(args.workflow, {"color": args.color_base + i}) for i in range(1, args.runs + 1)])
    done = time.monotonic_ns()
    cpu = cpu_seconds() - cpu_start
    await close(kit)
    return {
        "promptIDs": [r.prompt_id for r in results if r.status == "completed"],
        "failed": [r.msg or r.status for r in results if r.status != "completed"],
        "startNS": start, "doneNS": done, "wallSeconds": (done - start) / 1e9, "cpuSeconds": cpu,
    }


async def parse_bind(args):
    from comfykit.comfyui.http_executor import HttpExecutor
    executor = HttpExecutor(base_url="http://127.0.0.1:9")
    params = json.loads(args.params)
    times, nodes, param_count = [], 0, 0
    for _ in range(args.repeats):
        start = time.monotonic_ns()
        metadata = executor.get_workflow_metadata(args.workflow)
        with open(args.workflow, "r", encoding="utf-8") as f:
            workflow = json.load(f)
        bound = await executor._apply_params_to_workflow(workflow, metadata, params)
        bound, _ = executor._randomize_seed_in_workflow(bound)
        times.append((time.monotonic_ns() - start) / 1e9)
        nodes, param_count = len(bound), len(metadata.params)
    return {"seconds": times, "nodes": nodes, "params": param_count}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("sequential", "concurrent"):
        p = sub.add_parser(name)
        p.add_argument("--server", required=True)
        p.add_argument("--executor", default="ws")
        p.add_argument("--workflow", required=True)
        p.add_argument("--color-base", type=int, default=0)
        p.add_argument("--runs", type=int, default=30 if name == "sequential" else 100)
        if name == "sequential":
            p.add_argument("--warmup", type=int, default=3)
    p = sub.add_parser("parse-bind")
    p.add_argument("--workflow", required=True)
    p.add_argument("--params", default="{}")
    p.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    quiet_logs()
    command = {"sequential": sequential, "concurrent": concurrent, "parse-bind": parse_bind}[args.command]
    print(json.dumps(asyncio.run(command(args)), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
