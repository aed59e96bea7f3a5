"""The floor for bench/run: the shortest correct exchange with a ComfyUI server, hand-written, nothing else.

One persistent WebSocket (`/ws?clientId=…`) and one keep-alive HTTP session (aiohttp, a dependency of the
Python ComfyKit, so it is in bench/run's virtualenv). Per run: `POST /prompt` with the workflow and a new
`color`, read the socket until `executing` with `node: null` for that prompt, `GET /history/{id}`. No DSL,
no validation, no output parsing beyond the history's presence: what any client must do at the least, and
so the floor our executors are measured against. Same JSON keys as `comfykit-bench sequential`; `sweep` does
the same per prompt over several servers, paced as our sweep, with `comfykit-bench sweep`'s keys.
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


async def sweep(args):
    """N prompts over several servers as our sweep paces them: two in flight per server, the next one to the server
    with the fewest of ours in flight; one socket and one `POST /prompt` + `GET /history` per prompt, nothing else."""
    bases = [server.rstrip("/") for server in args.server]
    with open(args.workflow, "r", encoding="utf-8") as handle:
        workflow = json.load(handle)
    loop = asyncio.get_running_loop()
    ended = [dict() for _ in bases]  # per server: prompt id -> None (done) or an error, as the socket said
    waiting = [dict() for _ in bases]  # per server: prompt id -> the future its run awaits
    in_flight = [0] * len(bases)
    per_server = {}

    async def read(index, socket):
        async for message in socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            event = json.loads(message.data)
            data = event.get("data", {})
            kind = event.get("type")
            if (kind == "executing" and data.get("node") is None) or kind == "execution_error":
                prompt_id = data.get("prompt_id")
                outcome = None if kind == "executing" else f"execution_error: {data.get('exception_message')}"
                future = waiting[index].pop(prompt_id, None)
                if future is not None:
                    future.set_result(outcome)
                else:
                    ended[index][prompt_id] = outcome

    async def one(session, client_ids, color):
        index = min(range(len(bases)), key=lambda k: in_flight[k])
        in_flight[index] += 1
        try:
            base = bases[index]
            async with session.post(f"{base}/prompt", json={"prompt": with_color(workflow, color), "client_id": client_ids[index]}) as answer:
                answer.raise_for_status()
                prompt_id = (await answer.json())["prompt_id"]
            if prompt_id in ended[index]:
                error = ended[index].pop(prompt_id)
            else:
                future = loop.create_future()
                waiting[index][prompt_id] = future
                error = await asyncio.wait_for(future, 60)
            if error:
                return error
            async with session.get(f"{base}/history/{prompt_id}") as answer:
                answer.raise_for_status()
                if prompt_id not in await answer.json():
                    return "no history entry"
            per_server[base] = per_server.get(base, 0) + 1
            return None
        finally:
            in_flight[index] -= 1

    async def run_all(session, client_ids, colors):
        window = asyncio.Semaphore(2 * len(bases))

        async def paced(color):
            async with window:
                return await one(session, client_ids, color)

        return await asyncio.gather(*(paced(color) for color in colors))

    async with aiohttp.ClientSession() as session:
        client_ids = [str(uuid.uuid4()) for _ in bases]
        sockets = [await session.ws_connect(f"{base.replace('http', 'ws', 1)}/ws?clientId={client_id}", max_msg_size=0)
                   for base, client_id in zip(bases, client_ids)]
        readers = [asyncio.create_task(read(index, socket)) for index, socket in enumerate(sockets)]
        # One warm-up prompt per server, as our sweep's bench command does.
        await run_all(session, client_ids, range(args.color_base, args.color_base + len(bases)))
        per_server.clear()
        colors = range(args.color_base + len(bases), args.color_base + len(bases) + args.prompts)
        cpu_start = cpu_seconds()
        wall_start = time.monotonic_ns()
        errors = await run_all(session, client_ids, colors)
        wall = (time.monotonic_ns() - wall_start) / 1e9
        cpu = cpu_seconds() - cpu_start
        for reader in readers:
            reader.cancel()
        for socket in sockets:
            await socket.close()
    failed = [error for error in errors if error]
    return {"completed": len(errors) - len(failed), "failed": failed, "perServer": per_server, "wallSeconds": wall, "cpuSeconds": cpu}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["sequential", "sweep"])
    parser.add_argument("--server", required=True, action="append", help="a server; repeat it for a sweep over several")
    parser.add_argument("--workflow", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--prompts", type=int, default=600, help="prompts of a sweep")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--color-base", type=int, default=0)
    args = parser.parse_args()
    if args.command == "sweep":
        print(json.dumps(asyncio.run(sweep(args)), sort_keys=True))
        return
    if len(args.server) != 1:
        parser.error("sequential takes one --server")
    args.server = args.server[0]
    print(json.dumps(asyncio.run(sequential(args)), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
