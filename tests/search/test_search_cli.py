"""``infusion-coder search``: text and JSON output, filters, one-line errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from infusion_coder.cli import app

runner = CliRunner()


def test_when_searching_for_a_code_then_the_json_has_it_first() -> None:
    result = runner.invoke(app, ["search", "96417", "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["hits"][0]["code"] == "96417" and body["hits"][0]["match"] == "code"


def test_when_searching_words_then_a_table_shows_kind_code_label_and_why() -> None:
    result = runner.invoke(app, ["search", "port", "flush", "--kind", "code", "-n", "3"])
    assert result.exit_code == 0, result.output
    assert "96523" in result.stdout and "why" in result.stdout


def test_when_a_word_is_respelled_then_the_text_output_says_so() -> None:
    result = runner.invoke(app, ["search", "hydraton", "-n", "2"])
    assert result.exit_code == 0
    assert "Respelled" in result.stdout and "hydration" in result.stdout


def test_when_the_kind_is_unknown_then_one_line_error_and_exit_1() -> None:
    result = runner.invoke(app, ["search", "chemo", "--kind", "cpt"])
    assert result.exit_code == 1
    assert "unknown kind" in result.output and "Traceback" not in result.output
