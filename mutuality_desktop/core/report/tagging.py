"""Tag the report while reportlab draws it: a structure tree in reading order, marked content.

Open-source reportlab writes no tags, so the report marks its own content. Every flowable drawn on
a canvas that carries a Tagger becomes a structure element (H1-H3, P, L/LI, Table/TR/TH/TD,
Figure with alternative text, TOC/TOCI/Link) whose drawing is one marked-content sequence with an
MCID; page decorations, table rules and backgrounds are artifacts. pdfua.py then writes the tree,
the parent tree and the metadata into the PDF. Without a Tagger on the canvas nothing changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.flowables import _Container

HEADINGS = {"h1": "H1", "h2": "H2", "h3": "H3", "cover_title": "H1"}
CAPTIONS = {"figure"}
LIST_STYLES = {"bullet", "bullet2"}


@dataclass(eq=False)
class Node:
    """One structure element; kids are Nodes, ("mcid", page, n) or ("annot", page, n)."""

    tag: str
    attrs: dict[str, Any] = field(default_factory=dict)
    kids: list[Any] = field(default_factory=list)


@dataclass
class Annotation:
    page: int
    node: Node
    contents: str


class Tagger:
    """Builds the structure tree of one report while it is drawn."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.stack: list[Node] = [self.root]
        self.marks: dict[int, list[Node]] = {}  # page -> the element of each MCID on it
        self.annotations: list[Annotation] = []
        self.open = 0  # > 0 while inside a marked-content sequence or an artifact
        self._group: Node | None = None  # the open L or TOC that the next item joins
        self._row = 0  # the table row being drawn

    # --- elements -------------------------------------------------------------------------------

    def begin(self, tag: str, **attrs: Any) -> Node:
        node = Node(tag, attrs)
        self.stack[-1].kids.append(node)
        self.stack.append(node)
        return node

    def end(self) -> None:
        self.stack.pop()

    def group(self, tag: str) -> Node:
        """The list (or contents) the next item joins: the last one if it came just before."""
        parent = self.stack[-1]
        if (
            self._group is not None
            and self._group.tag == tag
            and parent.kids
            and parent.kids[-1] is self._group
        ):
            return self._group
        self._group = Node(tag)
        parent.kids.append(self._group)
        return self._group

    @contextmanager
    def within(self, node: Node) -> Iterator[None]:
        self.stack.append(node)
        try:
            yield
        finally:
            self.stack.pop()

    # --- content --------------------------------------------------------------------------------

    @contextmanager
    def marked(self, canvas: Any, node: Node) -> Iterator[None]:
        """Draw content that belongs to node: one marked-content sequence with a fresh MCID."""
        page = canvas.getPageNumber()
        mcids = self.marks.setdefault(page, [])
        node.kids.append(("mcid", page, len(mcids)))
        canvas._code.append(f"/{node.tag} <</MCID {len(mcids)}>> BDC")
        mcids.append(node)
        self.open += 1
        try:
            yield
        finally:
            self.open -= 1
            canvas._code.append("EMC")

    @contextmanager
    def artifact(self, canvas: Any, kind: str = "Layout") -> Iterator[None]:
        """Draw decoration a screen reader should skip (running header, rules, backgrounds)."""
        if self.open:  # already inside marked content or an artifact
            yield
            return
        canvas._code.append(f"/Artifact <</Type /{kind}>> BDC")
        self.open += 1
        try:
            yield
        finally:
            self.open -= 1
            canvas._code.append("EMC")

    def annotate(self, canvas: Any, node: Node, contents: str) -> None:
        """Record that the next link annotation on this page belongs to node."""
        page = canvas.getPageNumber()
        node.kids.append(("annot", page, len(self.annotations)))
        self.annotations.append(Annotation(page, node, contents))

    # --- flowables ------------------------------------------------------------------------------

    def draw(
        self, flowable: Any, draw: Callable[[], None], canvas: Any, x: float, y: float
    ) -> None:
        """Draw a flowable inside the structure element its kind and style call for."""
        if self.open:
            draw()
            return
        role = role_of(flowable)
        if role == "Container":
            draw()
        elif role == "Artifact":
            with self.artifact(canvas):
                draw()
        elif role == "Table":
            self._draw_table(flowable, draw)
        elif role == "LI":
            with self.within(self.group("L")):
                self.begin("LI")
                body = self.begin("LBody")
                with self.marked(canvas, body):
                    draw()
                self.end()
                self.end()
        elif role == "TOCI":
            with self.within(self.group("TOC")):
                self.begin("TOCI")
                link = self.begin("Link")
                with self.marked(canvas, link):
                    draw()
                self.annotate(canvas, link, getattr(flowable, "title", ""))
                self.end()
                self.end()
        elif role == "P" and self.stack[-1].tag in ("TD", "TH"):
            with self.marked(canvas, self.stack[-1]):  # a cell's text is the cell's own content
                draw()
        else:
            attrs: dict[str, Any] = {}
            if role == "Figure":
                attrs = {"alt": flowable.alt_text, "bbox": _bbox(canvas, flowable, x, y)}
            node = self.begin(role, **attrs)
            with self.marked(canvas, node):
                draw()
            self.end()
        if role not in ("LI", "TOCI", "Container"):
            self._group = None

    def _draw_table(self, table: Any, draw: Callable[[], None]) -> None:
        if getattr(table, "_renderCB", None) is None:  # a layout table: no table structure
            table._renderCB = layout_table
            try:
                draw()
            finally:
                table._renderCB = None
        else:
            draw()

    # --- table events (reportlab's renderCB) ----------------------------------------------------

    def table_event(
        self, table: Any, event: str, args: tuple[Any, ...], tags: TableTags | None
    ) -> None:
        """Structure for one drawn part of a table; tags is None for a layout table.

        The parts of a table split over pages are one Table element: the header rows repeated on
        a continuation page are artifacts there.
        """
        canvas = table.canv
        state: list[Any] = table.__dict__.setdefault("_tag_state", [])
        if event == "startTable":
            table._tag_skip = bool(self.open)
            if tags is not None and not table._tag_skip:
                table._tag_repeat = tags.node is not None
                if tags.node is None:
                    tags.node = self.begin("Table")
                else:
                    self.stack.append(tags.node)
            return
        if table._tag_skip:
            return
        data = tags is not None
        repeated = data and table._tag_repeat and self._row < table.repeatRows
        if event in ("startBG", "startLines"):
            self._enter(state, self.artifact(canvas))
        elif event in ("endBG", "endLines", "endCell"):
            if state:
                state.pop().__exit__(None, None, None)
            if event == "endCell" and data and not repeated:
                self.end()
        elif event == "startRow":
            self._row = args[0]
            if data and not (table._tag_repeat and self._row < table.repeatRows):
                self.begin("TR")
        elif event == "endRow" and data and not repeated:
            self.end()
        elif event == "startCell":
            if repeated:
                self._enter(state, self.artifact(canvas, "Pagination"))
            else:
                self._start_cell(table, args, data, state)
        elif event == "endTable" and data:
            self.end()

    @staticmethod
    def _enter(state: list[Any], context: Any) -> None:
        state.append(context)
        context.__enter__()

    def _start_cell(self, table: Any, args: tuple[Any, ...], data: bool, state: list[Any]) -> None:
        row, col, value = args[0], args[1], args[2]
        canvas = table.canv
        node: Node | None = None
        if data:
            span = getattr(table, "_spanRanges", {}).get((col, row))
            cols = span[2] - span[0] + 1 if span else 1
            if row < table.repeatRows:
                node = self.begin("TH", scope="Column")
            elif not table.repeatRows and col == 0:
                node = self.begin("TH", scope="Row")
            else:
                node = self.begin("TD")
            if cols > 1:
                node.attrs["colspan"] = cols
        texts = value if isinstance(value, (list, tuple)) else [value]
        if texts and all(isinstance(v, str) for v in texts):
            if any(v.strip() for v in texts):
                target = node if node is not None else self.begin("P")
                self._enter(state, self.marked(canvas, target))
                if node is None:
                    self.end()
                return
            self._enter(state, self.artifact(canvas))
            return
        self._enter(state, _nothing())


@contextmanager
def _nothing() -> Iterator[None]:
    yield


class TableTags:
    """renderCB for a table of data (Table, TR, TH with scope, TD), shared by its split parts."""

    def __init__(self) -> None:
        self.node: Node | None = None

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        tagger = getattr(table.canv, "tagger", None)
        if tagger is not None:
            tagger.table_event(table, event, args, self)


def layout_table(table: Any, event: str, *args: Any) -> None:
    """renderCB for a table that only places things side by side: no table structure."""
    tagger = getattr(table.canv, "tagger", None)
    if tagger is not None:
        tagger.table_event(table, event, args, None)


def role_of(flowable: Any) -> str:
    """The structure element a flowable is drawn in."""
    role = getattr(flowable, "pdf_role", None)
    if role:
        return str(role)
    if isinstance(flowable, Table):
        return "Table"
    if isinstance(flowable, Paragraph):
        name = getattr(flowable.style, "name", "")
        if name in HEADINGS:
            return HEADINGS[name]
        if name in CAPTIONS:
            return "Caption"
        return "LI" if name in LIST_STYLES else "P"
    if isinstance(flowable, _Container):
        return "Container"
    if getattr(flowable, "alt_text", None):
        return "Figure"
    return "Artifact"


def _bbox(canvas: Any, flowable: Any, x: float, y: float) -> list[float]:
    """The flowable's box on the page, in default user space."""
    a, b, c, d, e, f = canvas._currentMatrix
    w, h = float(getattr(flowable, "width", 0) or 0), float(getattr(flowable, "height", 0) or 0)
    xs, ys = [], []
    for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
        xs.append(a * px + c * py + e)
        ys.append(b * px + d * py + f)
    return [round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2)]


_original_draw_on = Flowable.drawOn
_patch_lock = threading.Lock()


def _draw_on(self: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
    tagger = getattr(canvas, "tagger", None)
    if tagger is None:
        _original_draw_on(self, canvas, x, y, _sW)
        return
    tagger.draw(
        self,
        lambda: _original_draw_on(self, canvas, x, y, _sW),
        canvas,
        self._hAlignAdjust(x, _sW),
        y,
    )


def install() -> None:
    """Route Flowable.drawOn through the canvas's Tagger (a no-op for canvases without one)."""
    with _patch_lock:
        if Flowable.drawOn is not _draw_on:
            Flowable.drawOn = _draw_on
