"""No near-empty last page: a chapter's end never spills one bullet or a line or two onto a page of its own.

`KeepTail` holds the flowables from a chapter's last conditional break to its end. It lets them flow
page by page as usual, but when what is left would run over onto the next page by less than
`min_height`, it breaks the page earlier, so the chapter's last page carries at least that much (about
four lines) and the reader never turns to a page holding one stray bullet.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, PageBreak
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable
from reportlab.platypus.flowables import KeepTogether, _ContainerSpace

_FUZZ = 1e-6


class KeepTail(_ContainerSpace, Flowable):  # type: ignore[misc]
    """The end of a chapter, never leaving less than min_height alone on its last page."""

    def __init__(self, flowables: list[Flowable], min_height: float) -> None:
        super().__init__()
        self._content = list(flowables)
        self.min_height = min_height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, 0xFFFFFF  # always split, like KeepTogether: the parts are drawn one by one

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # an action first: the document puts the parts back on its list instead of drawing the first
        parts = self._parts(aW, aH)
        return [NullActionFlowable(), *parts] if parts else []

    def _parts(self, aW: float, aH: float) -> list[Flowable]:
        content = self._content
        # measured only as far as decides the case: a long run is split page by page, and measuring
        # all of what is left on every page made a 1,000-action plan quadratic (13 s of processor)
        total = _list_height(content, aW, self.canv, stop_after=aH + self.min_height)
        if total <= aH + _FUZZ:
            return list(content)
        if total - aH >= self.min_height:  # a long run: fill this page, keep guarding the rest
            head, tail = _fill(content, aW, aH, self.canv)
            if not head:
                return list(content) if _at_top(self) else []
            return [*head, KeepTail(tail, self.min_height)] if tail else head
        # a short spill: stop this page early so that at least min_height goes over
        head, tail = _fill(content, aW, min(aH, total - self.min_height), self.canv)
        if not head:
            return list(content) if _at_top(self) else []
        return [*head, FrameBreak(), *tail] if tail else head


def _height(f: Flowable, aW: float, canv: Any) -> float:
    """The height f takes; a KeepTogether's own, not the huge one it gives to force a split."""
    _, h = f.wrapOn(canv, aW, 0xFFFFFFF)
    return float(getattr(f, "_H", h)) if isinstance(f, KeepTogether) else float(h)


def _list_height(content: list[Flowable], aW: float, canv: Any, stop_after: float = float("inf")) -> float:
    """The height of content; once past stop_after, a height past it (the rest is not measured)."""
    total, space_after = 0.0, 0.0
    for i, f in enumerate(content):
        total += (max(f.getSpaceBefore() - space_after, 0) if i else 0) + _height(f, aW, canv)
        if total > stop_after + _FUZZ:
            return total
        space_after = f.getSpaceAfter()
        total += space_after
    return total - space_after


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return bool(getattr(frame, "_atTop", False))


def _fill(content: list[Flowable], aW: float, limit: float, canv: Any) -> tuple[list[Flowable], list[Flowable]]:
    """Split content into what fits in limit and the rest; a heading never ends the first part."""
    head: list[Flowable] = []
    used, space_after = 0.0, 0.0
    for i, f in enumerate(content):
        before = max(f.getSpaceBefore() - space_after, 0) if head else 0
        room = limit - used - before
        h = _height(f, aW, canv)
        if h <= room + _FUZZ:
            head.append(f)
            space_after = f.getSpaceAfter()
            used += before + h + space_after
            continue
        # a KeepTogether goes over whole (its split would only add a break of its own)
        parts = f.splitOn(canv, aW, room) if room > 0 and not isinstance(f, KeepTogether) else []
        if len(parts) >= 2:
            head.append(parts[0])
            rest = [*parts[1:], *content[i + 1:]]
        else:
            rest = list(content[i:])
        break
    else:
        return head, []
    while head and (head[-1].getKeepWithNext() or isinstance(head[-1], (CondPageBreak, PageBreak))):
        rest.insert(0, head.pop())
    return head, rest


def keep_tail(part: list[Flowable], min_height: float) -> list[Flowable]:
    """The chapter with its run after the last conditional break guarded by KeepTail."""
    start = 0
    for i, f in enumerate(part):
        if isinstance(f, (CondPageBreak, PageBreak)):
            start = i + 1
    if start >= len(part):
        return part
    return [*part[:start], KeepTail(part[start:], min_height)]


class PackBreak(CondPageBreak):  # type: ignore[misc]
    """Before a short section (no actions, two parked points, three people): it follows the one
    before on the same page, a gap above its heading, when the whole of it fits in what is left;
    otherwise it starts a new page as every section does. A small report then no longer gives a
    whole page to "No improvement actions were recorded." (play-through 7, 10), and a heading is
    never parted from its content: only a section that fits whole is packed."""

    def __init__(self, part: list[Flowable], gap: float) -> None:
        super().__init__(0)
        self._part = list(part)
        self.gap = gap
        self._packed = False

    def __repr__(self) -> str:
        return f"PackBreak({len(self._part)} flowables, gap={self.gap})"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if not frame or _at_top(self):
            return 0, 0
        total = _list_height(self._part, availWidth, self.canv, stop_after=availHeight)
        self._packed = total + self.gap <= availHeight + _FUZZ
        if self._packed:
            return availWidth, self.gap
        self.height = availHeight + 1  # as a CondPageBreak that cannot be met: a new page
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
