"""The one error type users see: problems in the guide's data, each located in a file.

Validation collects every problem it finds (like mkdocs' config validation) and raises a
single GuideError at the end, so an author fixes everything in one pass. Nothing here
prints a traceback: the adapter and the command line show str(error) and stop.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    file: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    message: str = ""
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        if self.hint:
            text += f"\n    {self.hint}"
        return text


class GuideError(Exception):
    """The guide's data is wrong. Shown to users without a traceback."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = "1 problem" if count == 1 else f"{count} problems"
        lines = [f"{heading} in the guide data:"]
        lines += [f"  {problem}".replace("\n", "\n  ") for problem in self.problems[:SHOWN]]
        if count > SHOWN:
            # A file of 20,000 mistakes would print megabytes of the same hints.
            lines.append(f"  ... and {count - SHOWN} more: fix these first, then check again")
        return "\n".join(lines)


SHOWN = 100  # problems a message shows; the rest are counted


def _reading_order(problem: Problem) -> tuple:
    # Sort by file, then position in the file, so messages read top to bottom.
    return (problem.file, problem.line or 0, problem.column or 0, problem.key, problem.message)


@dataclass
class Problems:
    """Collects problems while validation carries on; raises them all at once."""

    found: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.found.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.found.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_if_any(self) -> None:
        if self.found:
            raise GuideError(self.found)
