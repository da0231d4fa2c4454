"""Geometry of the «resolutions by status» bar chart, drawn as inline SVG by a template include.

Each row is one province or year; its bar is split by status and grows from the right (the page
is right to left). Widths are computed here so the template only places what it is given.
"""

from dataclasses import dataclass

from persian.text import format_number, to_persian_digits

from .models import ResolutionStatus
from .status import STATUS_ORDER

WIDTH = 640
LABEL_WIDTH = 130
COUNT_WIDTH = 50
ROW_HEIGHT = 30
BAR_HEIGHT = 20
TOP = 10
LEGEND_HEIGHT = 40
# Dark enough for white count labels; the legend and the labels carry the meaning, not the colour alone.
COLORS = {"pending": "#55606c", "in_progress": "#8a5a00", "done": "#1e7b34", "cancelled": "#a3262a"}


@dataclass(frozen=True)
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float

    @property
    def count_text(self):
        return format_number(self.count)

    @property
    def color(self):
        return COLORS[self.status]

    @property
    def center(self):
        return round(self.x + self.width / 2, 1)

    @property
    def fits_count(self):
        return self.width >= 22


@dataclass(frozen=True)
class Row:
    label: str
    total: int
    y: int
    segments: list

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 5

    @property
    def total_text(self):
        return format_number(self.total)

    @property
    def description(self):
        parts = "، ".join(f"{s.label} {s.count_text}" for s in self.segments)
        return f"{self.label}: {parts} (جمع {self.total_text})"


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    rows: list

    width = WIDTH
    label_x = WIDTH - 8
    total_x = 8

    @property
    def height(self):
        return TOP + len(self.rows) * ROW_HEIGHT + LEGEND_HEIGHT

    @property
    def legend(self):
        y = TOP + len(self.rows) * ROW_HEIGHT + 14
        step = (WIDTH - 20) / len(STATUS_ORDER)
        items = []
        for i, status in enumerate(STATUS_ORDER):
            x = round(WIDTH - 10 - i * step - 14, 1)
            items.append({"label": status.label, "color": COLORS[status.value], "x": x, "y": y, "text_x": x - 6})
        return items

    @property
    def description(self):
        return "؛ ".join(row.description for row in self.rows)


def status_chart(chart_id, title, counts):
    """``counts``: {row label: Counter(status)} in display order."""
    bar_right = WIDTH - LABEL_WIDTH
    bar_space = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    largest = max((sum(c.values()) for c in counts.values()), default=0) or 1
    rows = []
    for index, (label, counter) in enumerate(counts.items()):
        x, segments = bar_right, []
        for status in STATUS_ORDER:
            count = counter.get(status.value, 0)
            if not count:
                continue
            width = round(bar_space * count / largest, 1)
            x = round(x - width, 1)
            segments.append(Segment(status.value, ResolutionStatus(status).label, count, x, width))
        rows.append(Row(to_persian_digits(label), sum(counter.values()), TOP + index * ROW_HEIGHT, segments))
    return Chart(chart_id, title, rows)
