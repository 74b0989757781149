"""The shared folder is found from any checkout location."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.shared import MARKER, candidate_dirs, shared_dir


def test_shared_dir_override_and_ancestors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "ci" / "clone"
    checkout.mkdir(parents=True)
    monkeypatch.delenv("SHARED_DIR", raising=False)
    assert candidate_dirs(checkout)[0] == tmp_path / "ci" / "shared"
    beside = tmp_path / "shared"
    beside.mkdir()
    (beside / MARKER).write_text("kpis: []\n")
    assert shared_dir(checkout) == beside
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / MARKER).write_text("kpis: []\n")
    monkeypatch.setenv("SHARED_DIR", str(elsewhere))
    assert shared_dir(checkout) == elsewhere
