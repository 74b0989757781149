"""Every command the README documents works as written: each command of the command table answers `--help`
through ./warehouse.sh, and every `./warehouse.sh ...` line or inline command in the README parses with the CLI's
own parser (placeholders such as DIR replaced by a value)."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest

from scripts.cli import parser
from scripts.contract import REPO_ROOT
from scripts.generate.__main__ import parser as generate_parser

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
# placeholder -> a value that parses (the README writes alternatives as a|b and options as [--x Y])
PLACEHOLDERS = {"DIR": "/tmp/extracts", "YYYY-MM": "2026-02", "N": "42", "YAML": "{qa_pass_score: 80}"}


def command_table() -> list[str]:
    """The first word of each row of the README's command table (section `## Command line`)."""
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w[\w-]*)", section, flags=re.MULTILINE)


def documented_invocations() -> list[str]:
    """Every `./warehouse.sh ...` the README shows, in code blocks or inline, without environment assignments,
    comments and what follows `&&`."""
    found = []
    for line in README.splitlines():
        for match in re.finditer(r"\./warehouse\.sh ([^`#&\n]*)", line):
            text = match.group(1).strip()
            if text and not text.startswith("<command>"):
                found.append(text)
    return sorted(set(found))


def concrete(invocation: str) -> list[str]:
    """The invocation's words with optional brackets opened, the first of a|b alternatives and placeholders set."""
    words = []
    for word in shlex.split(invocation.replace("[", "").replace("]", "")):
        word = word.replace("\\|", "|").split("|")[0]
        words.append(PLACEHOLDERS.get(word, word))
    return words


def test_the_readme_documents_every_command_and_nothing_else() -> None:
    commands = {name for name in parser()._subparsers._group_actions[0].choices}  # type: ignore[union-attr]
    assert sorted(command_table()) == sorted(commands)


@pytest.mark.parametrize("command", command_table())
def test_every_command_in_the_table_answers_help(command: str) -> None:
    result = subprocess.run(
        ["./warehouse.sh", command, "--help"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith(f"usage: warehouse {command}"), result.stdout[:300]
    assert len(result.stdout.splitlines()) < 60, "help fits on a screen or two"


@pytest.mark.parametrize("invocation", documented_invocations())
def test_every_documented_invocation_parses(invocation: str) -> None:
    words = concrete(invocation)
    if words[0] == "test":
        return  # every argument after `test` is pytest's
    if words[0] == "generate":
        generate_parser().parse_args(words[1:])
    else:
        parser().parse_args(words)


def test_placeholders_are_opened_as_the_readme_writes_them() -> None:
    assert concrete("generate --preset sample\\|medium\\|large --seed N --out DIR [--defect-rate 0.002]") == [
        "generate",
        "--preset",
        "sample",
        "--seed",
        "42",
        "--out",
        "/tmp/extracts",
        "--defect-rate",
        "0.002",
    ]
    assert "dashboards --serve" in documented_invocations()
    assert "run --dataset anonymous-bank" in documented_invocations()
