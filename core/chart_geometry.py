"""The geometry every chart shares: the ``Frame`` (plot area and scales) and the room
a label needs, so no label is ever clipped — at normal spacing or under the WCAG 1.4.12
text-spacing override (letter-spacing .12em, word-spacing .16em).

The server cannot measure text, so the room is computed from the label's length
(``text_room``: characters × a per-character width with the override's letter spacing
added, plus its word spacing) — generous for a wide sans-serif, never a fixed guess —
and every margin that holds labels grows with them: tick labels (``tick_room``),
column labels under a line chart (``spaced_columns``), the heat map's and the bar
chart's labels (``core.charts``). A label past its cap is cut (``shorten``) with the
full name kept beside it (``AxisLabel.title``, a ``<title>``; the table twin has it too).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

# A label's width, per character of its font size: a wide sans-serif's average glyph
# (DejaVu Sans, Chromium's fallback here, measures 0.53–0.63 em on words), plus the
# spacing the WCAG 1.4.12 override may add to every letter and every space.
CHAR_EM = 0.66
LETTER_SPACING_EM = 0.12
WORD_SPACING_EM = 0.16
SLANT = 0.7072  # cos 45° = sin 45°: a label rotated by 45° spreads this much each way


def text_room(label: str, font_px: float) -> float:
    """The width ``label`` may take at ``font_px``, text-spacing override included."""
    letters = len(label) * (CHAR_EM + LETTER_SPACING_EM)
    return font_px * (letters + label.count(" ") * WORD_SPACING_EM)


TICK_FONT = 13  # px, .chart .tick in app.css
TICK_GAP = 6  # between a tick label's end and the grid


def tick_room(frame: "Frame", labels: Iterable[str]) -> "Frame":
    """``frame`` with a left margin wide enough for the longest tick label (right-
    aligned ``TICK_GAP`` left of the grid), and wider by as much, so the plot keeps its
    size: "100%" at 13 px needs 41 px under the text-spacing override."""
    room = max((text_room(t, TICK_FONT) for t in labels), default=0)
    left = max(frame.left, math.ceil(room + TICK_GAP + 4))
    return replace(frame, left=left, width=frame.width + left - frame.left)


def shorten(label: str, size: int = 24) -> str:
    """``label`` cut to ``size`` characters, the last one an ellipsis."""
    return label if len(label) <= size else label[: size - 1] + "…"


LABEL_GAP = 4  # px between two column labels


def spaced_columns(
    frame: "Frame", n: int, texts: Sequence[tuple[int, str]]
) -> tuple["Frame", list[tuple[float, str, str]]]:
    """Column labels centred under their points (``texts``: index, text), never cut
    and never overlapping, text spacing included: the margins grow so the first and
    last labels fit whole (the frame widens by as much, so the plot keeps its size), and
    a label that would run into the one before it is left out — the last one wins over
    its neighbour (every value is in the table twin)."""
    if not texts:
        return frame, []
    rooms = [text_room(t, TICK_FONT) for _, t in texts]
    left, right = frame.left, frame.right
    if n > 1 and texts[0][0] == 0:
        left = max(left, math.ceil(rooms[0] / 2) + 2)
    if n > 1 and texts[-1][0] == n - 1:
        right = max(right, math.ceil(rooms[-1] / 2) + 2)
    grown = left - frame.left + right - frame.right
    frame = replace(frame, left=left, right=right, width=frame.width + grown)
    kept: list[tuple[float, str, float]] = []  # x, text, right edge
    for k, ((i, text), room) in enumerate(zip(texts, rooms, strict=True)):
        x = frame.x_at(i, n)
        last = k == len(texts) - 1
        while last and len(kept) > 1 and x - room / 2 < kept[-1][2] + LABEL_GAP:
            kept.pop()
        if kept and x - room / 2 < kept[-1][2] + LABEL_GAP:
            continue
        kept.append((x, text, x + room / 2))
    return frame, [(x, text, "middle") for x, text, _ in kept]


@dataclass(frozen=True)
class Frame:
    """A chart's size and margins; the scales map into the plot area inside them."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_w(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        return self.height - self.top - self.bottom

    def x_at(self, i: int, n: int) -> float:
        """The ``i``-th of ``n`` points spread edge to edge (one point: the middle)."""
        step = self.plot_w / max(1, n - 1)
        return self.left + (i * step if n > 1 else self.plot_w / 2)

    def band(self, i: int, n: int) -> tuple[float, float]:
        """(x, width) of the ``i``-th of ``n`` vertical bars, 70 % of its slot."""
        step = self.plot_w / n
        return self.left + i * step + step * 0.15, step * 0.7

    def y_at(self, value: float, low: float, high: float) -> float:
        """``value`` on a vertical scale from ``low`` (bottom) to ``high`` (top)."""
        return self.top + self.plot_h - (value - low) * self.plot_h / max(1, high - low)


@dataclass(frozen=True)
class AxisLabel:
    """A label at (``x``, ``y``); ``title`` is the full name when ``text`` is cut."""

    x: float
    y: float
    text: str
    title: str = ""


def axis_label(x: float, y: float, label: str, size: int) -> AxisLabel:
    """``label`` at (x, y), cut to ``size`` characters with the full name kept."""
    text = shorten(label, size)
    return AxisLabel(x, y, text, label if text != label else "")
