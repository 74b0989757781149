"""The docs site an auditor reads: every model, source and mart column described, every model's grain and primary
key stated, contracts on the public marts, and the KPI pages rendered in headless Chromium showing the catalogue's
formula and source document."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from scripts.browser import chromium_path, rendered_dom
from scripts.catalogue import load_catalogue
from scripts.decision_log import DECISION_LOG_URL, DECISIONS_PATH, parse_decisions
from scripts.kpi_pages import PROJECT_NAME, kpi_page_url
from tests.python.warehouse import PUBLIC_MARTS, generate_docs

MARKDOWN_MARKS = re.compile(r"[*_`]")
INLINE_TAG = re.compile(r"</?(?:a|b|code|em|i|span|strong)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def docs_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work_dir = tmp_path_factory.mktemp("docs")
    result = generate_docs(work_dir / "raw", work_dir)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return work_dir / "target"


@pytest.fixture(scope="module")
def manifest(docs_target: Path) -> dict[str, Any]:
    return json.loads((docs_target / "manifest.json").read_text(encoding="utf-8"))


def _models(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["package_name"] == PROJECT_NAME
    ]


def test_every_model_states_its_grain_and_primary_key(manifest: dict[str, Any]) -> None:
    problems = []
    for model in _models(manifest):
        description = model["description"].lower()
        missing = [phrase for phrase in ("grain", "primary key") if phrase not in description]
        if missing:
            problems.append(f"{model['original_file_path']}: description lacks {' and '.join(missing)}")
    assert not problems, "\n".join(sorted(problems))


def test_every_source_table_and_column_is_described(manifest: dict[str, Any]) -> None:
    problems = []
    for source in manifest["sources"].values():
        name = f"{source['source_name']}.{source['name']}"
        if not source["description"].strip():
            problems.append(f"source {name}: no description")
        problems += [
            f"source {name}.{column}: no description"
            for column, spec in source["columns"].items()
            if not spec["description"].strip()
        ]
    assert not problems, "\n".join(sorted(problems))


def test_every_declared_mart_column_is_described(manifest: dict[str, Any]) -> None:
    """Columns the yml declares; test_sample_warehouse checks that the yml declares every built column."""
    problems = [
        f"{model['name']}.{column}: no description"
        for model in _models(manifest)
        if model["original_file_path"].startswith("models/marts/")
        for column, spec in model["columns"].items()
        if not spec["description"].strip()
    ]
    assert not problems, "\n".join(sorted(problems))


def test_public_marts_have_enforced_contracts(manifest: dict[str, Any]) -> None:
    models = {model["name"]: model for model in _models(manifest)}
    problems = []
    for name in sorted(PUBLIC_MARTS):
        model = models[name]
        if not model["config"]["contract"]["enforced"]:
            problems.append(f"{name}: contract not enforced")
        problems += [
            f"{name}.{column}: no data_type" for column, spec in model["columns"].items() if not spec["data_type"]
        ]
    assert not problems, "\n".join(problems)


def test_overview_maps_every_category_to_existing_marts(manifest: dict[str, Any]) -> None:
    overview = manifest["docs"][f"doc.{PROJECT_NAME}.__overview__"]["block_contents"]
    categories = {kpi["category"] for kpi in load_catalogue()}
    missing = sorted(category for category in categories if f"\n| {category} |" not in overview)
    assert not missing, f"categories missing from the overview's category table: {missing}"
    models = {model["name"] for model in _models(manifest)}
    linked = set(re.findall(rf"#!/model/model\.{PROJECT_NAME}\.(\w+)", overview))
    assert linked <= models, f"overview links to models that do not exist: {sorted(linked - models)}"


def _visible_text(url: str) -> str:
    """The page's rendered text with tags, entities and markdown emphasis marks removed, whitespace collapsed."""
    text = html.unescape(TAG.sub(" ", INLINE_TAG.sub("", rendered_dom(url))))
    return " ".join(MARKDOWN_MARKS.sub("", text).split())


def _plain(text: str) -> str:
    return " ".join(MARKDOWN_MARKS.sub("", text).split())


def _sample_kpis() -> list[dict[str, Any]]:
    """The first KPI of every third category and the last KPI, so pages from several families are opened."""
    kpis = load_catalogue()
    firsts: dict[str, dict[str, Any]] = {}
    for kpi in kpis:
        firsts.setdefault(kpi["category"], kpi)
    return [*list(firsts.values())[::3], kpis[-1]]


def _page_must_show(kpi: dict[str, Any]) -> list[str]:
    """What a KPI's docs page shows from the catalogue: both names, the formula, each source file and section."""
    wanted = [kpi["name_zh"], kpi["name_en"], kpi["formula"]]
    for source in kpi["sources"]:
        file_name, _, section = source.partition(" (")
        wanted += [file_name, section.rstrip(")")]
    return wanted


@pytest.fixture(scope="module")
def static_site(docs_target: Path) -> Path:
    if chromium_path() is None:
        pytest.fail("chromium is not installed (./warehouse.sh installs Debian's chromium)")
    return docs_target / "static_index.html"


@pytest.mark.parametrize("kpi", _sample_kpis(), ids=lambda kpi: kpi["id"])
def test_kpi_page_shows_formula_and_source(static_site: Path, kpi: dict[str, Any]) -> None:
    text = _visible_text(static_site.as_uri() + kpi_page_url(kpi["id"]))
    missing = [item for item in _page_must_show(kpi) if _plain(item) not in text]
    assert not missing, f"{kpi['id']} page lacks {missing}; it shows: {text[:1500]}"


def _embedded_manifest(static_site: Path) -> dict[str, Any]:
    """The manifest dbt inlines into the single-file site (`manifest:{...}`), as the browser reads it offline."""
    text = static_site.read_text(encoding="utf-8")
    start = text.index('manifest:{"metadata"') + len("manifest:")
    return json.JSONDecoder().raw_decode(text, start)[0]


def test_static_site_documents_every_catalogue_kpi(static_site: Path) -> None:
    # the browser opens a sample of pages; this reads every KPI page's text from the same offline file
    nodes = _embedded_manifest(static_site)["nodes"]
    lacking = {}
    for kpi in load_catalogue():
        node = nodes.get(f"analysis.{PROJECT_NAME}.kpi_{kpi['id']}")
        page = _plain(node["description"]) if node else ""
        missing = [item for item in _page_must_show(kpi) if _plain(item) not in page]
        if missing:
            lacking[kpi["id"]] = missing
    assert not lacking, lacking


def test_overview_and_decision_log_pages_render(static_site: Path) -> None:
    overview = _visible_text(static_site.as_uri() + "#!/overview")
    assert "Catalogue category to marts" in overview and "Pointing the warehouse at your own extracts" in overview
    decision_log = _visible_text(static_site.as_uri() + DECISION_LOG_URL)
    titles = [decision.title for decision in parse_decisions(DECISIONS_PATH.read_text(encoding="utf-8"))]
    missing = [title for title in titles if title and _plain(title) not in decision_log]
    assert not missing, f"decision log page lacks {missing}"
