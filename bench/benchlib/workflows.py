"""Generated workflows: a TUI folder of N small ones, and one very large graph for parse + bind."""

import json
import shutil
from pathlib import Path


def write_tui_folder(folder, template, count):
    """`count` copies of the trivial workflow in 10 groups, plus `aaa_progress.json` (sorted first) to run."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = Path(template).read_text()
    (folder / "aaa_progress.json").write_text(text)
    for index in range(count):
        group = folder / f"group_{index % 10:02d}"
        group.mkdir(exist_ok=True)
        (group / f"workflow_{index:05d}.json").write_text(text)


def write_recorded_sd15(path, shared):
    """The recorded SD1.5 run's workflow (shared/comfyui/previews/metadata.json: KSampler as node 3), its prompt not
    required, so Enter on its form runs it."""
    workflow = json.loads((Path(shared) / "comfyui" / "previews" / "metadata.json").read_text())["workflow"]
    Path(path).write_text(json.dumps(workflow).replace("$prompt.text!", "$prompt.text"))


def write_large_workflow(path, nodes):
    """A chain of `nodes` nodes: an EmptyImage, blur/invert stages whose titles carry DSL params (one in
    ten), and a SaveImage output. Returns values for a tenth of the params (the rest keep defaults)."""
    graph = {"1": {"inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}, "class_type": "EmptyImage",
                   "_meta": {"title": "Canvas, $width!, $height!, $color"}}}
    params = {"width": 64, "height": 64}
    for index in range(2, nodes):
        node_id = str(index)
        previous = [str(index - 1), 0]
        if index % 2 == 0:
            node = {"inputs": {"image": previous, "blur_radius": 1, "sigma": 1.0}, "class_type": "ImageBlur",
                    "_meta": {"title": f"Blur {index}" + (f", $radius_{index}.blur_radius, $sigma_{index}.sigma" if index % 10 == 0 else "")}}
            if index % 100 == 0:
                params[f"radius_{index}"] = 2
                params[f"sigma_{index}"] = 0.5
        else:
            node = {"inputs": {"image": previous}, "class_type": "ImageInvert", "_meta": {"title": f"Invert {index}"}}
        graph[node_id] = node
    graph[str(nodes)] = {"inputs": {"images": [str(nodes - 1), 0], "filename_prefix": "bench/large"}, "class_type": "SaveImage",
                         "_meta": {"title": "$output.result"}}
    Path(path).write_text(json.dumps(graph, indent=2))
    return params


def write_large_editor_workflow(path, nodes):
    """An editor-format file (what ComfyUI's "Save" writes) of `nodes` nodes with everything the converter
    follows: an EmptyImage, a chain of blur/invert stages, a Reroute every 50 nodes, a PrimitiveNode feeding a
    blur radius turned into an input every 100, a bypassed invert every 37 and a Note every 97 (both left out),
    and a SaveImage. Returns the number of nodes the API prompt must have."""
    out_nodes, links = [], []

    def link(origin, target, slot, kind):
        links.append([len(links) + 1, origin, 0, target, slot, kind])
        return len(links)

    out_nodes.append({"id": 1, "type": "EmptyImage", "mode": 0, "inputs": [], "title": "Canvas, $width!, $height!",
                      "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": []}], "widgets_values": [64, 64, 1, 0]})
    previous, sent = 1, 1
    node_id = 1
    while node_id < nodes - 1:
        node_id += 1
        if node_id % 97 == 0:
            out_nodes.append({"id": node_id, "type": "Note", "mode": 0, "inputs": [], "outputs": [], "widgets_values": [f"note {node_id}"]})
            continue
        if node_id % 50 == 0:
            out_nodes.append({"id": node_id, "type": "Reroute", "mode": 0, "inputs": [{"name": "", "type": "*", "link": link(previous, node_id, 0, "IMAGE")}],
                              "outputs": [{"name": "", "type": "IMAGE", "links": []}]})
            previous = node_id
            continue
        if node_id % 100 == 1 and node_id + 1 < nodes - 1:
            out_nodes.append({"id": node_id, "type": "PrimitiveNode", "mode": 0, "inputs": [], "title": "radius",
                              "outputs": [{"name": "INT", "type": "INT", "widget": {"name": "blur_radius"}, "links": []}],
                              "widgets_values": [3, "fixed"]})
            node_id += 1
            image = link(previous, node_id, 0, "IMAGE")
            radius = link(node_id - 1, node_id, 1, "INT")
            out_nodes.append({"id": node_id, "type": "ImageBlur", "mode": 0, "title": f"Blur {node_id}, $radius_{node_id}.blur_radius",
                              "inputs": [{"name": "image", "type": "IMAGE", "link": image},
                                         {"name": "blur_radius", "type": "INT", "widget": {"name": "blur_radius"}, "link": radius}],
                              "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": []}], "widgets_values": [1, 1.0]})
            previous, sent = node_id, sent + 1
            continue
        bypassed = node_id % 37 == 0
        kind, values = ("ImageBlur", [1, 1.0]) if node_id % 2 == 0 else ("ImageInvert", [])
        if bypassed:
            kind, values = "ImageInvert", []
        out_nodes.append({"id": node_id, "type": kind, "mode": 4 if bypassed else 0, "title": f"Stage {node_id}",
                          "inputs": [{"name": "image", "type": "IMAGE", "link": link(previous, node_id, 0, "IMAGE")}],
                          "outputs": [{"name": "IMAGE", "type": "IMAGE", "links": []}], "widgets_values": values})
        previous = node_id
        sent += 0 if bypassed else 1
    node_id += 1
    out_nodes.append({"id": node_id, "type": "SaveImage", "mode": 0, "title": "$output.result",
                      "inputs": [{"name": "images", "type": "IMAGE", "link": link(previous, node_id, 0, "IMAGE")}],
                      "outputs": [], "widgets_values": ["bench/editor"]})
    sent += 1
    by_id = {node["id"]: node for node in out_nodes}
    for link_id, origin, slot, _, _, _ in links:
        by_id[origin]["outputs"][slot]["links"].append(link_id)
    Path(path).write_text(json.dumps({"last_node_id": node_id, "last_link_id": len(links), "nodes": out_nodes,
                                      "links": links, "groups": [], "config": {}, "extra": {}, "version": 0.4}, indent=2))
    return sent
