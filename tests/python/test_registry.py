"""seeds/kpi_registry.csv is the catalogue: same ids, same content."""

from __future__ import annotations

import csv

from scripts.catalogue import REGISTRY_PATH, load_catalogue, orphaned_pages, rendered_files


def test_registry_has_exactly_the_catalogue_ids() -> None:
    catalogue_ids = {kpi["id"] for kpi in load_catalogue()}
    with REGISTRY_PATH.open(encoding="utf-8") as handle:
        registry_ids = [row["metric_id"] for row in csv.DictReader(handle)]
    assert len(registry_ids) == len(set(registry_ids)), "duplicate metric_id in the registry"
    assert set(registry_ids) == catalogue_ids, (
        f"missing from the registry: {sorted(catalogue_ids - set(registry_ids))}; "
        f"not in the catalogue: {sorted(set(registry_ids) - catalogue_ids)}"
    )


def test_files_rendered_from_the_catalogue_are_current() -> None:
    """Registry, id macro, KPI docs blocks and pages, scorecard columns, decision log page."""
    files = rendered_files()
    for path, rendered in files.items():
        assert path.is_file() and path.read_text(encoding="utf-8") == rendered, (
            f"{path} is stale: run python -m scripts.catalogue"
        )
    assert not orphaned_pages(files), "KPI pages of ids not in the catalogue: run python -m scripts.catalogue"
