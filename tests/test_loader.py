"""The YAML loader: located values, text-only scalars, and the mistakes it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from wbl_guide.data.loader import format_path, load_yaml, parse_yaml


def test_values_and_keys_are_located():
    document, problems = parse_yaml("a:\n  b:\n    - x\n    - text: hello\n", "f.yml")
    assert problems == []
    assert document.where(("a", "b", 1, "text")) == (4, 13)
    assert document.where(("a", "b", 1, "text"), key=True) == (4, 7)
    assert document.where(("a", "b", 1, "missing")) == (4, 7)  # nearest parent


def test_scalars_stay_text():
    document, _ = parse_yaml("a: No\nb: 2024-09-01\nc: 3\nd: yes\n", "f.yml")
    assert document.data == {"a": "No", "b": "2024-09-01", "c": "3", "d": "yes"}


def test_a_list_item_may_start_with_a_placeholder():
    document, problems = parse_yaml("items:\n  - ${Learners} review it.\n", "f.yml")
    assert document.data == {"items": ["${Learners} review it."]} and not problems


@pytest.mark.parametrize("text,line,message", [
    ("a: 1\n\tb: 2\n", 2, "a tab is used for indentation"),
    ("a: 1\na: 2\n", 2, "duplicate key 'a' (first written on line 1)"),
    ("a: &x [1]\nb: *x\n", 2, "uses an alias (*name)"),
    ("a: b: c\n", 1, "a ': ' inside a value starts a new key here"),
    ("a:\n  - x\n - y\n", 3, "the indentation does not line up"),
    ('a: "open\n', 2, "a quote or bracket is opened but never closed"),
])
def test_syntax_problems_are_located(text, line, message):
    document, problems = parse_yaml(text, "f.yml")
    assert problems[0].line == line
    assert message in problems[0].message


def test_empty_and_comment_only_files():
    for text in ("", "   \n", "# just a comment\n"):
        assert parse_yaml(text, "f.yml")[1][0].message == "is empty"


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.yml"
    path.write_bytes("title: caf\u00e9\n".encode("latin-1"))
    document, problems = load_yaml(path, tmp_path)
    assert document is None
    assert (problems[0].file, problems[0].line, problems[0].column) == ("latin1.yml", 1, 11)
    assert "is not UTF-8" in problems[0].message


def test_billion_laughs_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    document, problems = parse_yaml(bomb, "bomb.yml")
    assert document is None and "alias" in problems[0].message


def test_format_path():
    assert format_path(("checklist", "parts", 0, "items", 3, "text")) == "checklist.parts[0].items[3].text"
