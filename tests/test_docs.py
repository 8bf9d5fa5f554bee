"""Docs checked by tests: every setting and every command is in the README."""

from __future__ import annotations

from pathlib import Path

from sitroom.cli import main
from sitroom.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    for setting in SETTINGS:
        assert f"| {setting.name} |" in README and setting.env in README, setting.name


def test_every_command_is_documented():
    for name in main.commands:
        assert f"sitroom {name}" in README, name


def test_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest -q" in README and ".venv/bin/python -m pytest -q" in ci
