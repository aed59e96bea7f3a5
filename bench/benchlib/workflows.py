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
