"""Code style is part of the test suite: sqlfluff on the SQL, ruff on the Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.contract import REPO_ROOT

BIN = Path(sys.executable).parent


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)


def test_sqlfluff_lint_is_clean() -> None:
    """sqlfluff exits 0 when clean, 1 on violations and 2 when it could not lint (e.g. a compile error)."""
    result = _run([str(BIN / "sqlfluff"), "lint", "models", "tests", "analyses", "--processes", "2"])
    violations = [line for line in result.stdout.splitlines() if line.startswith(("L:", "=="))]
    assert result.returncode == 0, "\n".join(violations[:60]) or (result.stdout[-2000:] + result.stderr[-2000:])


def test_ruff_is_clean() -> None:
    check = _run([str(BIN / "ruff"), "check", "scripts", "tests"])
    assert check.returncode == 0, check.stdout
    formatted = _run([str(BIN / "ruff"), "format", "--check", "scripts", "tests"])
    assert formatted.returncode == 0, formatted.stdout
