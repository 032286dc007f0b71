"""Read one YAML file safely, remembering where every key and value was written.

Every scalar is kept as text (YAML 1.1 would turn `No` into False and `2024-09-01` into a
date); the models decide what a value means. Aliases are refused, which bounds the time and
memory a file can cost (no "billion laughs"), and so are duplicate keys, which PyYAML
would otherwise resolve silently by keeping the last one.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ..base.contained import read_inside
from ..base.control_characters import CONTROL_CHARACTER, HINT, control_character_message, describe_character
from ..base.errors import Problem

# The bundled files are at most 63 kB. A larger file would make pages and PDFs that take
# minutes to lay out (a 1 MB activity's complete guide: about a minute): a mistake, refused.
MAX_BYTES = 256_000
MAX_DEPTH = 40
# The longest text of the bundled guide is about 1,000 characters. A value past these is a
# paste gone wrong, and its cost (rendering, every message quoting it) would be the build's.
MAX_TEXT = 10_000
MAX_KEY = 200

KeyPath = tuple  # of str (mapping keys) and int (list positions)


def format_path(path: KeyPath) -> str:
    """('checklist', 'parts', 0, 'items', 3, 'text') -> 'checklist.parts[0].items[3].text'."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


@dataclass
class Document:
    """A loaded YAML file: its data plus the line and column of each key and value."""

    file: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    # How far a needle is looked for after the start of its value: 60 lines, and within them
    # 10,000 characters. A text is searched from its start for each of its problems, so
    # without the second bound thousands of problems on one long line cost the square of
    # its length (a 1 MB line of images: 18 s); past it, the value's own start is named.
    _SEARCHED_LINES = 60
    _SEARCHED_CHARACTERS = 10_000

    def locate(self, path: KeyPath, needle: str) -> tuple[int | None, int | None]:
        """Where `needle` is written inside the value at `path` (folded text spans lines)."""
        line, column = self.where(path)
        if line is None:
            return line, column
        left = self._SEARCHED_CHARACTERS
        for number in range(line, min(line + self._SEARCHED_LINES, len(self.lines) + 1)):
            text = self.lines[number - 1]
            begin = column - 1 if number == line else 0
            start = text.find(needle, begin, begin + left + len(needle))
            if start >= 0:
                return number, start + 1
            left -= max(0, len(text) - begin)
            if left <= 0:
                break
        return line, column

    def problem_in_text(self, path: KeyPath, needle: str, message: str, hint: str | None = None) -> Problem:
        """A problem located at `needle` inside the text at `path`."""
        line, column = self.locate(path, needle)
        return Problem(self.file, line, column, format_path(tuple(path)), message, hint)

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the value at `path` (or of its key), else its nearest parent."""
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for marks in table:
                if path in marks:
                    return marks[path]
            if not path:
                return (None, None)
            path = path[:-1]

    def problem(self, path: KeyPath, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, format_path(tuple(path)), message, hint)


class _TextLoader(yaml.BaseLoader):
    """BaseLoader builds only str, list and dict: safe by construction, no type guessing."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


try:  # libyaml's scanner and parser, when PyYAML was built with it: about 8x faster
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    CParser = None

class _NoAnchors(dict):
    """An anchor table that never finds an anchor: PyYAML's composer then fails on the
    first alias ("undefined alias"), and the file is read again by _TextLoader, which says
    where the alias is. Refusing aliases this way costs no extra call per node."""

    def __contains__(self, anchor) -> bool:
        return False


if CParser is not None:
    class _FastTextLoader(Composer, CParser, BaseResolver):
        """libyaml's events, composed by PyYAML's Python composer (bounded recursion), no
        alias allowed. Errors are re-read by _TextLoader, whose messages the rest of the
        loader translates. Tags are never read (the walker takes text, lists and mappings),
        so the resolver's per-node work is skipped: a third of the time of a parse."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            BaseResolver.__init__(self)
            self.anchors = _NoAnchors()

        def descend_resolver(self, current_node, current_index) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind, value, implicit) -> str:
            return _DEFAULT_TAGS[kind]

    _DEFAULT_TAGS = {ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG, SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
                     MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}


class _AliasRefused(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Walker:
    """Turns a node tree into plain data, recording marks and refusing duplicate keys."""

    def __init__(self, file: str, controls: bool = True):
        self.file = file
        self.controls = controls  # whether a scalar may hold a control character (see _text)
        self.values: dict[KeyPath, tuple[int, int]] = {}
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def walk(self, node: Node, path: KeyPath = ()) -> Any:
        self.values[path] = _position(node)
        if node.tag not in _UNTAGGED:
            self.problems.append(_tag_problem(self.file, node, path))
        if len(path) > MAX_DEPTH:
            self.problems.append(Problem(self.file, *_position(node), format_path(path),
                                         f"nested more than {MAX_DEPTH} levels deep"))
            return None
        if isinstance(node, ScalarNode):
            if len(node.value) > MAX_TEXT:
                self.problems.append(Problem(self.file, *_position(node), format_path(path),
                                             f"the text is {len(node.value):,} characters long; a value holds "
                                             f"at most {MAX_TEXT:,}", "Shorten it, or split it into several items."))
            return self._text(node, path) if self.controls else node.value
        if isinstance(node, SequenceNode):
            return [self.walk(child, path + (index,)) for index, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - yaml has no others

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(self.file, *_position(key_node), format_path(path),
                                             "a key must be a plain word, not a list or mapping"))
                continue
            if len(key_node.value) > MAX_KEY:
                self.problems.append(Problem(self.file, *_position(key_node), format_path(path),
                                             f"a key is {len(key_node.value):,} characters long; keys hold at most "
                                             f"{MAX_KEY}", "Keys are names and ids: a few words at most."))
                continue
            key = self._text(key_node, path, key=True) if self.controls else key_node.value
            child = path + (key,)
            if key_node.tag not in _UNTAGGED or (key == "<<" and not key_node.style):
                self.problems.append(_tag_problem(self.file, key_node, child))
                continue
            if key in result:
                first_line = self.keys[child][0]
                self.problems.append(Problem(
                    self.file, *_position(key_node), format_path(child),
                    f"duplicate key '{key}' (first written on line {first_line})",
                    "Each key may appear once in a mapping; merge the two or remove one."))
                continue
            self.keys[child] = _position(key_node)
            result[key] = self.walk(value_node, child)
        return result

    def _text(self, node: ScalarNode, path: KeyPath, *, key: bool = False) -> str:
        """A scalar's text (a key's, under `path`). A control character in it
        (control_characters.py) is reported where the scalar is written, and left out, so
        the one mistake is one message."""
        found = CONTROL_CHARACTER.search(node.value)
        if found is None:
            return node.value
        text = CONTROL_CHARACTER.sub("", node.value)
        self.problems.append(Problem(self.file, *_position(node), format_path(path + (text,) if key else path),
                                     control_character_message(found.group(0)), HINT))
        return text


def _position(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


def load_yaml(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Load one file. Returns the document (None if unreadable) and the problems found."""
    # Only a plain file of at most MAX_BYTES, reached by no link out of its folder (contained.py).
    raw, refused = read_inside(root, path, MAX_BYTES)
    if refused is not None:
        return None, [refused]
    file = _display_name(path, root)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(file, line, column, message="is not UTF-8 text "
                              f"(byte 0x{raw[error.start]:02x} cannot be read)",
                              hint="Save the file as UTF-8 in your editor (\"Save with encoding\").")]
    return parse_yaml(text, file)


def parse_yaml(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that claims to come from `file`."""
    document, problems = _parsed(text, file)
    return document, list(problems)


@functools.lru_cache(maxsize=256)
def _parsed(text: str, file: str) -> tuple[Document | None, tuple[Problem, ...]]:
    # `mkdocs serve` loads every file again after each save: the files that did not change
    # are parsed once per process. Nothing changes a Document once it is made.
    document, problems = _parse(text, file)
    return document, tuple(problems)


def _parse(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    if not _has_content(text):
        return None, [_empty(file)]
    try:
        node = _compose(text)
    except _AliasRefused as refused:
        return None, [Problem(file, *_position(refused.mark), message="uses an alias (*name); "
                              "anchors and aliases are not supported in guide files",
                              hint="Write the value out in full where it is needed.")]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(file, error)]
    except yaml.reader.ReaderError as error:  # a character YAML refuses, written as it is
        return None, [_character_problem(file, text, error)]
    except yaml.YAMLError as error:
        return None, [Problem(file, message=f"is not valid YAML ({error})")]
    except RecursionError:  # deeper than the composer's recursion goes: found event by event
        return None, [_too_deep(file, text)]
    except _BadEscape as escape:
        return None, [Problem(file, *escape.where, message=f"YAML syntax error: the escape '{escape.text}' names "
                              "no character", hint=_ESCAPE_HINT)]
    if node is None or _is_bare_marker(node):
        return None, [_empty(file)]
    # A scalar can hold a control character only through a line break YAML reads in
    # quotes (CR, U+0085, U+2028) or an escape ("\f"): files with neither skip the check.
    walker = _Walker(file, controls=any(mark in text for mark in _MAY_HOLD_CONTROLS))
    data = walker.walk(node)
    return Document(file, data, walker.values, walker.keys, text.splitlines()), walker.problems


def _compose(text: str) -> Node | None:
    """The node tree of `text`: by libyaml when it can, else (and to describe any error,
    in the words _SYNTAX_HINTS expects) by PyYAML's own Python parser."""
    if CParser is not None:
        try:
            return _FastTextLoader(text).get_single_node()
        except yaml.YAMLError:  # an alias too: "undefined" (_NoAnchors)
            pass
    loader = _TextLoader(text)
    try:
        return loader.get_single_node()
    except (ValueError, OverflowError):  # PyYAML's scanner on an escape past U+10FFFF: chr() fails
        raise _BadEscape(text) from None
    finally:
        loader.dispose()


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _empty(file: str) -> Problem:
    return Problem(file, 1, 1, message="is empty", hint="Copy a bundled file as a starting point.")


def _is_bare_marker(node: Node) -> bool:
    """A file of nothing but `---` (or `...`): YAML reads one empty text."""
    return isinstance(node, ScalarNode) and node.value == "" and not node.style and node.tag in _UNTAGGED


# Tags YAML gives a node written without one: every other tag (!!python/object, !!binary,
# !!set, !custom, a merge key's) asks for a type the guide never makes, so it is refused
# rather than silently read as text.
_UNTAGGED = {BaseResolver.DEFAULT_SCALAR_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG, BaseResolver.DEFAULT_MAPPING_TAG}
_TAG_PREFIX = "tag:yaml.org,2002:"


def _tag_problem(file: str, node: Node, path: KeyPath) -> Problem:
    if node.tag in _UNTAGGED:  # a plain `<<:` key, which YAML 1.1 reads as a merge
        return Problem(file, *_position(node), format_path(path), "a merge key ('<<') is not supported in "
                       "guide files", "Write the keys out in full where they are needed.")
    tag = "!!" + node.tag.removeprefix(_TAG_PREFIX) if node.tag.startswith(_TAG_PREFIX) else node.tag
    shown = tag if len(tag) <= 40 else tag[:37] + "..."
    return Problem(file, *_position(node), format_path(path), f"a YAML tag ('{shown}') is not supported: every "
                   "value of a guide file is text, a list or a mapping",
                   "Remove the tag; if the text starts with '!', put it in quotes.")


class _BadEscape(Exception):
    """An escape naming no character ("\\U00110000"), which PyYAML's scanner cannot read."""

    _ESCAPE = re.compile(r"\\U[0-9A-Fa-f]{8}")

    def __init__(self, text: str):
        found = next((m for m in self._ESCAPE.finditer(text) if int(m.group(0)[2:], 16) > 0x10FFFF), None)
        self.text = found.group(0) if found else "\\U"
        start = found.start() if found else 0
        self.where = (text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))
        super().__init__(self.text)


_ESCAPE_HINT = ("Write the character itself, or an escape of a character from \\u0020 to \\U0010FFFF "
                "(not a surrogate, D800 to DFFF).")


def _too_deep(file: str, text: str) -> Problem:
    """Where a file nested deeper than the composer can follow first passes MAX_DEPTH, and
    the key there, found by reading its events one by one (no recursion)."""
    # Per open list or mapping: [is a mapping, its current step (key or index), a key next].
    # A step is None inside a key that is itself a list or mapping (the walker refuses those).
    frames: list[list] = []
    loader = yaml.BaseLoader(text)  # PyYAML's own scanner: libyaml's stops at 1,000 levels
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                frames.pop()
                continue
            if not isinstance(event, (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)):
                continue
            is_key = False
            if frames:
                parent = frames[-1]
                if not parent[0]:
                    parent[1] += 1
                elif parent[2]:  # a key: the step to its value
                    parent[1] = event.value if isinstance(event, ScalarEvent) else None
                    is_key = True
                parent[2] = parent[0] and not parent[2]
            # Where the walker would say it: at a value (a key that is a list or mapping
            # counts too, so that brackets nested in keys are bounded as well).
            if len(frames) > MAX_DEPTH and not (is_key and isinstance(event, ScalarEvent)):
                steps = [frame[1] for frame in frames]
                path = tuple(steps[:steps.index(None)] if None in steps else steps)
                return Problem(file, *_position(event), format_path(path), f"nested more than {MAX_DEPTH} levels deep")
            if isinstance(event, MappingStartEvent):
                frames.append([True, None, True])
            elif isinstance(event, SequenceStartEvent):
                frames.append([False, -1, False])
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(file, error)
    finally:
        loader.dispose()
    return Problem(file, message=f"is nested too deeply (more than {MAX_DEPTH} levels)")  # pragma: no cover


# PyYAML's wording, translated into what an author should do about it.
_SYNTAX_HINTS = [
    ("'\\t'", "a tab is used for indentation",
     "YAML indents with spaces only: replace the tab with spaces."),
    ("mapping values are not allowed here", "a ': ' inside a value starts a new key here",
     "Put the whole text in quotes, or write `>-` and the text on the following lines."),
    ("could not find expected ':'", "a line is not a 'key: value' pair or is indented wrongly",
     "Check the indentation of this line against the lines above it."),
    ("did not find expected key", "the indentation does not line up with the lines above",
     "Line up keys of the same mapping, and list items (- ...) of the same list."),
    ("did not find expected '-' indicator", "the indentation does not line up with the lines above",
     "Line up list items (- ...) of the same list."),
    ("expected <block end>", "the indentation does not line up with the lines above",
     "Line up keys of the same mapping, and list items (- ...) of the same list."),
    ("found unexpected end of stream", "a quote or bracket is opened but never closed",
     "Close the quote or bracket, or remove it."),
    ("found undefined tag handle", "a value starts with '!', which YAML reads as a tag",
     "Put the text in quotes."),
    ("found character '@'", "a value starts with '@', which YAML reserves",
     "Put the text in quotes."),
    ("found character '`'", "a value starts with '`', which YAML reserves",
     "Put the text in quotes."),
    ("expected a single document", "a second document starts here ('---')",
     "A guide file is one document: remove the '---' line, or move what follows it into a file of its own."),
    ("invalid Unicode character escape", "an escape (\\u or \\U) names no character", _ESCAPE_HINT),
]


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark) if mark else (None, None)
    described = f"{error.context or ''} {error.problem or ''}".strip()
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in described:
            return Problem(file, line, column, message=f"YAML syntax error: {message}", hint=hint)
    problem = re.sub(r"\s+", " ", error.problem or "the file cannot be parsed")
    return Problem(file, line, column, message=f"YAML syntax error: {problem}")


_MAY_HOLD_CONTROLS = ("\\", "\r", "\x85", "\u2028", "\u2029")  # looked for with `in`: 30x a regex's speed


def _character_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not read (a control character pasted into the file), located."""
    before = text[:error.position]
    line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
    character = chr(error.character) if isinstance(error.character, int) else "\ufffd"
    key = format_path(_path_at(text, error.position))
    if CONTROL_CHARACTER.match(character):
        return Problem(file, line, column, key, control_character_message(character), HINT)
    return Problem(file, line, column, key, f"the character {describe_character(character)} "
                   "is not allowed in a guide file", "Remove it.")


def _path_at(text: str, position: int) -> KeyPath:
    """The key path of what is written at `position`, read from the text with every
    character YAML refuses replaced (nothing when the file cannot be read even so)."""
    loader = _TextLoader(yaml.reader.Reader.NON_PRINTABLE.sub("\ufffd", text))
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError, _AliasRefused):
        return ()
    finally:
        loader.dispose()
    path: KeyPath = ()
    while node is not None and not isinstance(node, ScalarNode):  # down the one branch holding it
        pairs = node.value if isinstance(node, MappingNode) else enumerate(node.value)
        inside = None
        for key, value in pairs:
            step = key.value if isinstance(key, ScalarNode) else key
            if isinstance(key, Node) and key.start_mark.index <= position < key.end_mark.index:
                return path + (step,)
            if value.start_mark.index <= position < max(value.end_mark.index, value.start_mark.index + 1):
                inside = (step, value)
        if inside is None:
            break
        path, node = path + (inside[0],), inside[1]
    return path


def _display_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
