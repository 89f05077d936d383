"""One editor per engagement file: a small lock file beside it naming who holds it."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path


def real_path(path: Path) -> Path:
    """The file itself, whatever link or relative path named it (locks and backups key on it)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def lock_path_for(path: Path) -> Path:
    """The lock file beside the real file, so a symbolic link to it shares the same lock."""
    real = real_path(Path(path))
    return real.with_name(f".~lock.{real.name}#")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass raises several kinds when no user is set
        return "someone"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (since {self.since})"


def _host() -> str:
    """This computer's name, as socket.gethostname() gives it (uname's node name is the same
    value on Linux and macOS, without importing socket to open a file)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


class EditLock:
    """Hold the lock file for as long as the engagement is open for editing."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path_for(path)
        self.held = False

    def read_holder(self) -> LockHolder | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(raw["user"]), str(raw["host"]), int(raw["pid"]), str(raw["since"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return LockHolder("someone", "another computer", 0, "unknown")

    def _is_stale(self, holder: LockHolder) -> bool:
        return holder.host == _host() and not _pid_alive(holder.pid)

    def acquire(self) -> LockHolder | None:
        """Take the lock; return the current holder instead if someone else has it."""
        me = LockHolder(_user(), _host(), os.getpid(),
                        dt.datetime.now().strftime("%d %b %Y %H:%M"))
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self.read_holder()
                if holder is None:
                    continue
                if holder.pid == os.getpid() and holder.host == me.host:
                    return holder  # the same process already edits this file
                if self._is_stale(holder):
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                    continue
                return holder
            except OSError:
                # A read-only folder cannot hold a lock file; the caller opens read-only anyway.
                return None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(me.__dict__, fh)
            self.held = True
            return None
        return self.read_holder()

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.held = False
