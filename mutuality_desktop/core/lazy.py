"""A module imported on first use, so opening a file does not pay for what only editing needs."""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands in for a module until one of its names is read; then imports it and takes its names.

    Opening and reading an engagement need none of the operation classes (27 dataclasses, about
    30 ms to import on a 2-core laptop); the first edit imports them.
    """

    def __init__(self, name: str) -> None:
        self.__dict__["_lazy_name"] = name

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        module = importlib.import_module(self.__dict__["_lazy_name"])
        self.__dict__.update(vars(module))  # later reads are plain attribute reads
        return getattr(module, attr)
