"""The floor for bench/run: the shortest correct exchange with a ComfyUI server, hand-written, nothing else.

One persistent WebSocket (`/ws?clientId=…`) and one keep-alive HTTP session (aiohttp, a dependency of the
Python ComfyKit, so it is in bench/run's virtualenv). Per run: `POST /prompt` with the workflow and a new
`color`, read the socket until `executing` with `node: null` for that prompt, `GET /history/{id}`. No DSL,
no validation, no output parsing beyond the history's presence: what any client must do at the least, and
so the floor our executors are measured against. Same JSON keys as `comfykit-bench sequential`.
"""

import argparse
import asyncio
import json
import resource
import sys
import time
import uuid

import aiohttp


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def with_color(workflow, color):
    """The workflow with its `color` input (the node whose title marks `$color`) set to `color`."""
    for node in workflow.values():
        if "color" in node.get("inputs", {}):
            node["inputs"]["color"] = color
    return workflow


async def run_once(session, socket, base, client_id, workflow, color):
    start = time.monotonic_ns()
    async with session.post(f"{base}/prompt", json={"prompt": with_color(workflow, color), "client_id": client_id}) as answer:
        answer.raise_for_status()
        prompt_id = (await answer.json())["prompt_id"]
    while True:
        message = await socket.receive(timeout=60)
        if message.type != aiohttp.WSMsgType.TEXT:
            if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise SystemExit("the socket closed")
            continue  # binary preview frames
        event = json.loads(message.data)
        data = event.get("data", {})
        if event.get("type") == "executing" and data.get("node") is None and data.get("prompt_id") == prompt_id:
            break
        if event.get("type") == "execution_error" and data.get("prompt_id") == prompt_id:
            return None, f"execution_error: {data.get('exception_message')}"
    async with session.get(f"{base}/history/{prompt_id}") as answer:
        answer.raise_for_status()
        history = await answer.json()
    done = time.monotonic_ns()
    if prompt_id not in history:
        return None, "no history entry"
    return {"promptID": prompt_id, "startNS": start, "doneNS": done}, None


async def sequential(args):
    base = args.server.rstrip("/")
    with open(args.workflow, "r", encoding="utf-8") as handle:
        workflow = json.load(handle)
    client_id = str(uuid.uuid4())
    runs, failed = [], []
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"{base.replace('http', 'ws', 1)}/ws?clientId={client_id}", max_msg_size=0) as socket:
            color = args.color_base
            for _ in range(args.warmup):
                await run_once(session, socket, base, client_id, workflow, color)
                color += 1
            cpu_start = cpu_seconds()
            wall_start = time.monotonic_ns()
            for _ in range(args.runs):
                run, error = await run_once(session, socket, base, client_id, workflow, color)
                color += 1
                if run:
                    runs.append(run)
                else:
                    failed.append(error)
            wall = (time.monotonic_ns() - wall_start) / 1e9
            cpu = cpu_seconds() - cpu_start
    return {"runs": runs, "failed": failed, "wallSeconds": wall, "cpuSeconds": cpu, "rss": []}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["sequential"])
    parser.add_argument("--server", required=True)
    parser.add_argument("--workflow", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--color-base", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(sequential(args)), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
