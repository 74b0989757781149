"""The KPI catalogue (../shared/kpi_catalogue.yml) and the registry seed rendered from it."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from scripts.contract import REPO_ROOT

REGISTRY_PATH = REPO_ROOT / "seeds" / "kpi_registry.csv"
REGISTRY_COLUMNS = (
    "metric_id",
    "name_zh",
    "name_en",
    "category",
    "formula",
    "unit",
    "direction",
    "target_operator",
    "target_value",
    "target_low",
    "target_high",
    "target_details",
    "source_documents",
    "notes",
)


def catalogue_path() -> Path:
    """The catalogue beside the repository, or KPI_CATALOGUE_PATH when set."""
    override = os.environ.get("KPI_CATALOGUE_PATH")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "kpi_catalogue.yml"


def load_catalogue(path: Path | None = None) -> list[dict[str, Any]]:
    """The catalogue's KPI entries, in catalogue order."""
    source = path or catalogue_path()
    if not source.is_file():
        raise FileNotFoundError(f"KPI catalogue not found at {source}; set KPI_CATALOGUE_PATH")
    return yaml.safe_load(source.read_text(encoding="utf-8"))["kpis"]


def registry_row(kpi: dict[str, Any]) -> dict[str, str]:
    """One registry row: the target split into operator, value or band, and the rest kept as JSON."""
    target = dict(kpi.get("target") or {})
    operator = target.pop("op", "")
    value = target.pop("value", "")
    low = target.pop("low", "")
    high = target.pop("high", "")
    return {
        "metric_id": kpi["id"],
        "name_zh": kpi["name_zh"],
        "name_en": kpi["name_en"],
        "category": kpi["category"],
        "formula": kpi["formula"],
        "unit": kpi["unit"],
        "direction": kpi["direction"],
        "target_operator": operator,
        "target_value": str(value),
        "target_low": str(low),
        "target_high": str(high),
        "target_details": json.dumps(target, ensure_ascii=False, sort_keys=True) if target else "",
        "source_documents": "; ".join(kpi.get("sources") or []),
        "notes": kpi.get("notes") or "",
    }


def render_registry(kpis: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(registry_row(kpi) for kpi in kpis)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render seeds/kpi_registry.csv from the KPI catalogue.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed registry is stale")
    args = parser.parse_args(argv)
    rendered = render_registry(load_catalogue())
    if args.check:
        stale = not REGISTRY_PATH.is_file() or REGISTRY_PATH.read_text(encoding="utf-8") != rendered
        print(f"{REGISTRY_PATH} is {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    REGISTRY_PATH.write_text(rendered, encoding="utf-8")
    print(f"wrote {REGISTRY_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
