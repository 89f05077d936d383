"""Opening, creating and copying engagement files: core does the work, the UI decides what to show.

core.engagement (and with it SQLAlchemy) is imported here only when a file is actually opened,
so the first window paints quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .crash import write_log
from .messages import explain

DEMO_FILE_NAME = "Demo engagement.mutuality"


class OpenFailed(Exception):
    """Opening failed; the message is the one sentence to show the user."""


def _run(action: Any, *args: Any, **kwargs: Any) -> Any:
    from ..core.errors import MutualityError

    try:
        return action(*args, **kwargs)
    except MutualityError as exc:
        raise OpenFailed(explain(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a received file must never end in a traceback
        import traceback

        write_log("".join(traceback.format_exception(exc)))
        raise OpenFailed(f"The file could not be opened ({type(exc).__name__}: {exc}).") from exc


def open_engagement(path: Path) -> Any:
    """Open (and check) an engagement file; raise OpenFailed with core's sentence."""
    from ..core.engagement import Engagement

    return _run(Engagement.open, Path(path))


def create_engagement(path: Path, info: Any) -> Any:
    from ..core.engagement import Engagement

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return _run(Engagement.create, Path(path), info)


def ensure_demo(folder: Path) -> Path:
    """Build the demo engagement in folder unless it is already there; return its path."""
    path = folder / DEMO_FILE_NAME
    if not path.exists():
        from ..core.demo import build_demo

        folder.mkdir(parents=True, exist_ok=True)
        _run(build_demo, path).close()
    return path


def save_copy(engagement: Any, target: Path) -> None:
    """Write a compact, editable copy of an open (perhaps read-only) engagement."""
    from .exchange_files import write_problem

    folder = Path(target).parent
    problem = write_problem(folder)
    if problem:
        raise OpenFailed(f"The copy could not be saved in {folder} ({problem}). "
                         "Save it in a folder of your own, such as Documents.")
    try:
        _run(engagement.export_copy, Path(target))
    except OpenFailed as exc:
        if isinstance(exc.__cause__, OSError):
            reason = exc.__cause__.strerror or str(exc.__cause__)
            raise OpenFailed(f"The copy could not be saved as {target} ({reason}).") from exc
        raise
