"""Shared fixtures. Qt runs offscreen, and UI tests get their own settings and user folders."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# matplotlib keeps its list of fonts under the home folder, which UI tests point at a folder of
# their own: every test process, and every app a UI test starts, scanned all the fonts again
# (about a second of processor each). One folder for the tests, outside the user's own.
os.environ.setdefault("MPLCONFIGDIR", str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mutuality-desktop-tests" / "matplotlib"))

BLANK_INFO = dict(
    title="Highways partnership review",
    client_organisation="Northmoor Borough Council",
    provider_organisation="Castleway Services Ltd",
    workshop_date=dt.date(2026, 3, 12),
)


# The files that take longest, slowest first (measured with --durations). Under pytest-xdist
# (make test: --dist loadfile --no-loadscope-reorder) each file goes to one worker in this order,
# so no long file is left to start last while the other workers sit idle.
SLOW_FILES_FIRST = (
    "tests/installer/test_frozen_bundle.py",
    "tests/ui/test_export_stress.py",
    "tests/ui/test_pieces.py",
    "tests/report/test_chief_executive_read.py",
    "tests/report/test_html.py",
    "tests/report/test_accessibility.py",
    "tests/ui/test_start_keys.py",
    "tests/ui/test_backups_ui.py",
    "tests/ui/test_export_journey.py",
    "tests/office/test_libreoffice.py",
    "tests/ui/test_accessibility.py",
    "tests/cli/test_merge_cli.py",
    "tests/ui/test_walkthrough_journey.py",
    "tests/report/test_fonts.py",
    "tests/office/test_cli_office.py",
    "tests/ui/test_exchange_ui.py",
    "tests/ui/test_large_text_results.py",
    "tests/core/test_value_fuzz.py",
    "tests/report/test_report.py",
    "tests/core/test_crash_and_fuzz.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the slowest files first; each file's own order is kept."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    rank = {name: i for i, name in enumerate(SLOW_FILES_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def _is_ui_test(request: pytest.FixtureRequest) -> bool:
    return "ui" in Path(str(request.node.path)).parts


@pytest.fixture(autouse=True)
def _isolated_user_folders(request: pytest.FixtureRequest, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point QSettings and QStandardPaths at tmp_path, so no test sees the user's files."""
    if not _is_ui_test(request):
        yield
        return
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    app = request.getfixturevalue("qapp")
    app.setOrganizationName("Mutuality Tests")
    app.setApplicationName("Mutuality Desktop Tests")
    yield


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo engagement built once per test session (about a thousand durable commits)."""
    from mutuality_desktop.core.demo import build_demo

    path = tmp_path_factory.mktemp("demo-master") / "demo.mutuality"
    build_demo(path).close()
    return path


class DemoOutputs:
    """The unmodified demo's outputs with default options, each built on first use and then kept
    for the test session: a PDF report is a second and a half of processor, a Word report two.

    Only for tests that read an output of the demo as it is; a test that changes the engagement or
    an output (or passes options) builds its own. The files are read-only."""

    def __init__(self, folder: Path, master: Path) -> None:
        import shutil

        self.folder = folder
        self.file = folder / "demo.mutuality"  # a copy no test writes to
        shutil.copyfile(master, self.file)
        self.warnings: dict[str, list[str]] = {}
        self._paths: dict[str, Path] = {}
        self._pages: list[str] | None = None

    def _built(self, kind: str) -> Path:
        if kind not in self._paths:
            from mutuality_desktop.core.office.deck import write_pptx_file
            from mutuality_desktop.core.office.word import write_docx_file
            from mutuality_desktop.core.office.workbook import write_xlsx_file
            from mutuality_desktop.core.report import build_html_file, build_report_file

            build = {"pdf": build_report_file, "html": build_html_file, "docx": write_docx_file,
                     "xlsx": write_xlsx_file, "pptx": write_pptx_file}[kind]
            out = self.folder / f"demo.{kind}"
            self.warnings[kind] = list(build(self.file, out))
            out.chmod(0o444)
            self._paths[kind] = out
        return self._paths[kind]

    @property
    def pdf(self) -> Path:
        """build_report_file(demo, out): the PDF report."""
        return self._built("pdf")

    @property
    def html(self) -> Path:
        """build_html_file(demo, out): the web page."""
        return self._built("html")

    @property
    def docx(self) -> Path:
        """write_docx_file(demo, out): the Word report (as write_docx of the demo's report data)."""
        return self._built("docx")

    @property
    def xlsx(self) -> Path:
        return self._built("xlsx")

    @property
    def pptx(self) -> Path:
        return self._built("pptx")

    @property
    def pdf_pages(self) -> list[str]:
        """pypdf's extract_text() of each page of the PDF report, read once (a copy each time)."""
        if self._pages is None:
            import pypdf

            self._pages = [page.extract_text() or "" for page in pypdf.PdfReader(str(self.pdf)).pages]
        return list(self._pages)

    def copy(self, kind: str, dest: Path) -> Path:
        """A writable copy of one output where a test wants it."""
        import shutil

        shutil.copyfile(self._built(kind), dest)
        return dest


@pytest.fixture(scope="session")
def demo_outputs(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoOutputs:
    """The demo's PDF, HTML, Word, Excel and PowerPoint outputs, built once per test process."""
    return DemoOutputs(tmp_path_factory.mktemp("demo-outputs"), demo_master)


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A closed copy of the demo engagement (two rounds, every factor scored), the test's own."""
    import shutil

    path = tmp_path / "demo.mutuality"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def blank_path(tmp_path: Path) -> Path:
    """A closed engagement file with its details and a baseline round, nothing scored."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import EngagementInfo

    path = tmp_path / "blank.mutuality"
    Engagement.create(path, EngagementInfo(**BLANK_INFO)).close()
    return path


@pytest.fixture
def blank_engagement(blank_path: Path) -> Iterator[object]:
    """The blank engagement, open for editing (closed afterwards)."""
    from mutuality_desktop.core.engagement import Engagement

    eng = Engagement.open(blank_path)
    yield eng
    eng.close()
