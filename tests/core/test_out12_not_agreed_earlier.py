"""Play-through 7, 6: the Not agreed sentence was put before reasoning already in the agreed
notes, so a factor the room did not agree read "Not agreed. … / Moved from Level 2 to Level 3.",
as if the room had agreed the move. The earlier words are now kept under "Earlier notes, from when
the room agreed level 3 (Established):", the same in the file, the PDF, HTML, Word and the
workbook; taking Not agreed back, or undoing it, gives the notes back exactly."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mutuality_desktop.core import operations as ops
from mutuality_desktop.core.agreement import (
    NOT_AGREED_EARLIER,
    not_agreed_opening,
    notes_not_agreed,
    withdraw_not_agreed,
)
from mutuality_desktop.core.engagement import Engagement
from mutuality_desktop.core.framework import default_framework

from .conftest import INFO, run_cli

FACTOR = "joint-objective-setting"
EARLIER = "Moved from Level 2 to Level 3. Six partnership objectives were signed in June."
REASON = "The council has seen no report against the objectives yet."
LABEL = "Earlier notes, from when the room agreed level 3 (Established): "


def _opening(client: int, provider: int) -> str:
    return not_agreed_opening(default_framework().scale, INFO.client_organisation,
                              INFO.provider_organisation, client, provider)


def test_earlier_words_come_after_the_sentence_said_to_be_earlier_and_come_back_exactly() -> None:
    scale = default_framework().scale
    text, cursor = notes_not_agreed(_opening(2, 3), EARLIER, scale, 3)
    assert text == _opening(2, 3) + " \n" + LABEL + EARLIER
    assert text[:cursor] == _opening(2, 3) + " "  # the reason is typed straight after the levels
    assert withdraw_not_agreed(text) == EARLIER  # taken back with nothing typed: as it was
    typed = text[:cursor] + REASON + text[cursor:]
    # the reason typed is kept too, after them, said to be from when the room did not agree (s12)
    assert withdraw_not_agreed(typed) == EARLIER + "\n" + NOT_AGREED_EARLIER + REASON
    # no agreed level was set before: the words are still said to be earlier
    assert notes_not_agreed(_opening(2, 3), EARLIER)[0] == _opening(2, 3) + " \nEarlier notes: " + EARLIER
    assert withdraw_not_agreed(notes_not_agreed(_opening(2, 3), EARLIER)[0]) == EARLIER
    # pressed again after a level changed: one sentence, the earlier words' label kept as written
    again, _ = notes_not_agreed(_opening(1, 3), typed, scale, None)
    assert again == _opening(1, 3) + " \n" + REASON + "\n" + LABEL + EARLIER
    # nothing there before: the sentence alone
    assert notes_not_agreed(_opening(2, 3), "", scale, 3)[0] == _opening(2, 3) + " "


def _cli(*args: str) -> str:
    return run_cli(*args)


@pytest.fixture(scope="module")
def disputed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A factor agreed at 3 with its reasoning, then recorded Not agreed as the button does it."""
    path = tmp_path_factory.mktemp("out12") / "disputed.mutuality"
    with Engagement.create(path, INFO) as eng:
        uuid = eng.round_uuid(eng.rounds()[0].id)
        eng.apply_all([ops.SetScore(uuid, FACTOR, "client", 2), ops.SetScore(uuid, FACTOR, "provider", 3),
                       ops.SetScore(uuid, FACTOR, "agreed", 3), ops.SetNotes(uuid, FACTOR, "agreed", EARLIER)])
        text, cursor = notes_not_agreed(_opening(2, 3), EARLIER, eng.framework.scale, 3)
        text = text[:cursor] + REASON + text[cursor:]
        changes = eng.apply_all([ops.SetScore(uuid, FACTOR, "agreed", None),
                                 ops.SetNotes(uuid, FACTOR, "agreed", text)])
        assert eng.scores(eng.rounds()[0].id)[(FACTOR, "agreed")].notes == text
        # undo (the window's Ctrl+Z applies the inverses, last first) gives the notes back exactly
        eng.apply_all([c.inverse for c in reversed(changes)])
        agreed = eng.scores(eng.rounds()[0].id)[(FACTOR, "agreed")]
        assert (agreed.level, agreed.notes) == (3, EARLIER)
        eng.apply_all([c.op for c in changes])
    return path, text


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _check(text: str) -> None:
    """The room's words first, then the earlier ones, said to be earlier; never 'Moved from' as the room's."""
    flat = _flat(text)
    sentence = _flat(_opening(2, 3) + " " + REASON)
    assert sentence in flat
    assert flat.count("Moved from Level 2 to Level 3") == 1
    assert _flat(LABEL + EARLIER) in flat
    assert flat.index(sentence) < flat.index(_flat(LABEL + EARLIER))


def test_the_pdf_and_html_reports_print_the_earlier_words_as_earlier(disputed: tuple[Path, str], tmp_path: Path):
    import pypdf

    path, _ = disputed
    _cli("report", str(path), "-o", str(tmp_path / "r.pdf"))
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(tmp_path / "r.pdf").pages]
    _check("\n".join(pages))
    _cli("report", str(path), "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    _check(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_word_and_the_workbook_print_the_same_notes(disputed: tuple[Path, str], tmp_path: Path):
    import docx
    import openpyxl

    path, text = disputed
    _cli("report", str(path), "-o", str(tmp_path / "r.docx"))
    document = docx.Document(str(tmp_path / "r.docx"))
    _check("\n".join(p.text for p in document.paragraphs))
    _cli("xlsx", str(path), "-o", str(tmp_path / "r.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert text in cells  # the workbook holds the notes as the file does
    _check("\n".join(cells))
