"""Headless Chromium (Debian's `chromium`, installed by the set-up) for rendering the docs site and dashboards."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# No network, no GPU, no sandbox (containers run as root), no first-run chatter.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(arguments: list[str], timeout_seconds: int) -> subprocess.CompletedProcess[str]:
    binary = chromium_path()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (the set-up in warehouse.sh installs Debian's chromium)")
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, *arguments], capture_output=True, text=True, timeout=timeout_seconds, check=False
    )


def rendered_dom(url: str, budget_ms: int = 10_000, timeout_seconds: int = 120) -> str:
    """The DOM after the page's scripts ran (virtual time lets single-page apps settle), minus scripts/styles."""
    result = _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", url], timeout_seconds)
    return _SCRIPT_OR_STYLE.sub("", result.stdout)


def screenshot(
    url: str, path: Path, width: int = 1400, height: int = 1000, budget_ms: int = 10_000, timeout_seconds: int = 120
) -> Path:
    """A PNG of the page as rendered; raises when Chromium wrote nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    result = _run(
        [f"--virtual-time-budget={budget_ms}", f"--window-size={width},{height}", f"--screenshot={path}", url],
        timeout_seconds,
    )
    if not path.is_file() or path.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot of {url}: {result.stderr.strip()[-300:]}")
    return path
