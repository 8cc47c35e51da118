"""Debian's chromium, driven headless by Playwright for Python (test helper). Playwright's own
browser download is never used: the system executable is named, as make test installs it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from conftest import require

CANDIDATES = ("chromium", "chromium-browser")


def chromium_path() -> str | None:
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


@contextmanager
def browser() -> Iterator[object]:
    """A headless chromium (skipped outside CI when it or Playwright is missing, failed in CI)."""
    executable = chromium_path()
    require(executable is not None, "chromium is not installed (make system-test)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed (make venv)")
    # As root (a CI container), chromium's sandbox cannot start; elsewhere it stays on.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            yield launched
        finally:
            launched.close()
