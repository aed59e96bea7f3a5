"""The result table: one row per figure, with the ratio to the baseline and whether the target is met."""

import math
from dataclasses import dataclass
from typing import Optional


@dataclass
class Row:
    figure: str
    ours: Optional[float]
    baseline: Optional[float]
    unit: str
    target: str
    met: Optional[bool]  # None: no target for this row
    baseline_name: str = "Python"
    floor: Optional[float] = None  # the hand-written minimal client's figure, where one is measured


def has_floor(rows):
    return any(row.floor is not None for row in rows)


def number(value, unit):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{digits}f} {unit}".strip()


def render_table(rows):
    floors = has_floor(rows)
    header = ["figure", "ours", "baseline", "ratio"] + (["floor", "× floor"] if floors else []) + ["target", "met"]
    lines = []
    for row in rows:
        ratio = "n/a"
        if row.ours is not None and row.baseline not in (None, 0) and not math.isnan(row.baseline) and not math.isnan(row.ours):
            ratio = f"{row.ours / row.baseline:.2f}×"
        baseline = number(row.baseline, row.unit)
        if baseline != "n/a":
            baseline += f" ({row.baseline_name})"
        met = "-" if row.met is None else ("met" if row.met else "MISSED")
        cells = [row.figure, number(row.ours, row.unit), baseline, ratio]
        if floors:
            by_floor = "n/a"
            if row.ours is not None and row.floor not in (None, 0) and not math.isnan(row.floor) and not math.isnan(row.ours):
                by_floor = f"{row.ours / row.floor:.2f}×"
            cells += [number(row.floor, row.unit), by_floor]
        lines.append(cells + [row.target or "-", met])
    widths = [max(len(cells[i]) for cells in [header] + lines) for i in range(len(header))]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for cells in lines:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |")
    return "\n".join(out)
