"""Where the project's shared, read-only material lives (KPI catalogue, real call-centre data).

It is never copied into the repository. By convention it sits beside the checkout (../shared); a checkout
elsewhere (a CI clone under /tmp, say) finds it through SHARED_DIR, an ancestor's `shared/` folder, or the
workplace's fixed location.
"""

from __future__ import annotations

import os
from pathlib import Path

from scripts.contract import REPO_ROOT

MARKER = "kpi_catalogue.yml"
WORKPLACE_SHARED_DIR = Path("/work/shared")


def candidate_dirs(repo_root: Path = REPO_ROOT) -> list[Path]:
    """Places searched, in order: $SHARED_DIR, then shared/ beside the repository or any of its ancestors."""
    override = os.environ.get("SHARED_DIR")
    found = [Path(override)] if override else []
    found += [ancestor / "shared" for ancestor in repo_root.parents]
    return [*found, WORKPLACE_SHARED_DIR]


def shared_dir(repo_root: Path = REPO_ROOT) -> Path:
    """The first candidate holding the KPI catalogue; an error listing the places tried otherwise."""
    candidates = candidate_dirs(repo_root)
    for candidate in candidates:
        if (candidate / MARKER).is_file():
            return candidate
    tried = ", ".join(str(candidate) for candidate in candidates)
    raise FileNotFoundError(f"shared folder with {MARKER} not found (tried {tried}); set SHARED_DIR")
