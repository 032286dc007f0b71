"""Every path the guide reads or writes stays inside the project, symbolic links included.

Data is untrusted input: an outside pull request can hold anything git can, such as a link
from data/activities to /home, or a named pipe. One rule for every path named inside the
project: each of its parts that is a symbolic link must lead inside the folder holding it.
So data/translations/es may link to data/translations/es-419, but data/activities may not
link to ../elsewhere, nor data/ to /srv. Part by part, a path therefore stays inside the
project and inside the folder it was looked for in.

A path named outside the project (an absolute --site-dir or GUIDE_CACHE, `mkdocs build -d`)
is chosen by the person running the build, not by the data: it is not checked here.

Files are read only when they are plain files of a bounded size, opened without waiting (a
named pipe would hang the build). Files are written by write_inside: never through a link,
under a temporary name in the same folder, then moved into place (os.replace replaces a
link; it never follows one).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from dataclasses import replace
from pathlib import Path

from .errors import GuideError, Problem

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

# What a file that is not a plain file is, for messages.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _absolute(path: Path) -> Path:
    # Lexical: ".." is taken away without following any link, as the path was named.
    return Path(os.path.abspath(path))


def _base(root: Path, path: Path) -> Path | None:
    """The form of the project folder `path` is named under (as given, or with its own links
    resolved: /tmp/project and /private/tmp/project), or None when it is named outside."""
    root, path = _absolute(root), _absolute(path)
    for base in (root, root.resolve()):
        if path.is_relative_to(base):
            return base
    return None


def named_inside(root: Path, path: Path) -> bool:
    """Whether `path` is named inside the project folder (whatever its links do)."""
    return _base(root, path) is not None


def shown(root: Path, path: Path) -> str:
    """`path` as messages show it: relative to the project when named inside it."""
    base = _base(root, path)
    return _absolute(path).relative_to(base).as_posix() if base is not None else str(path)


def link_problem(root: Path, path: Path) -> Problem | None:
    """None when `path` is named inside the project and every part of it that is a symbolic
    link leads inside the folder holding it; else a Problem located at the first that
    does not (or at the path itself when it is named outside the project)."""
    base = _base(root, path)
    if base is None:
        return Problem(str(path), message="is outside the project; it is neither read nor written",
                       hint="Keep the guide's files inside the project folder.")
    current = base
    for part in _absolute(path).relative_to(base).parts:
        holder, current = current, current / part
        if not current.is_symlink():
            if not os.path.lexists(current):
                return None  # nothing further exists to lead anywhere
            continue
        try:
            target, folder = current.resolve(), holder.resolve()
        except (OSError, RuntimeError):  # a loop of links
            return Problem(shown(root, current), message="is a link that leads back to itself",
                           hint="Replace the link with the file or folder itself.")
        if not target.is_relative_to(folder):
            return _link_out(base, current, holder, target)
    return None


def _link_out(base: Path, link: Path, holder: Path, target: Path) -> Problem:
    try:
        written = os.readlink(link)  # as the link says it, which the author recognizes
    except OSError:
        written = str(target)
    inside_project = target.is_relative_to(base.resolve())
    where = f"{holder.relative_to(base).as_posix()}/" if inside_project else "the project"
    if not target.exists():
        return Problem(link.relative_to(base).as_posix(), message=f"is a link to nothing, outside {where} ({written})",
                       hint="Remove the link, or replace it with the file or folder itself.")
    kind = "folder" if target.is_dir() else "file"
    return Problem(link.relative_to(base).as_posix(), message=f"is a link to a {kind} outside {where} ({written})",
                   hint=f"Replace the link with the {kind} itself.")


def output_problem(root: Path, folder: Path, hint: str | None = None) -> Problem | None:
    """For a folder the build writes into (the site, the PDF cache): None when it is named
    outside the project (the operator's choice) or stays inside it; else the Problem, with
    `hint` when one is given."""
    if not named_inside(root, folder):
        return None
    problem = writable_problem(root, folder, folder=True)
    return replace(problem, hint=hint) if problem is not None and hint else problem


def check_output(root: Path, folder: Path, hint: str | None = None) -> None:
    """output_problem, raised as a GuideError."""
    problem = output_problem(root, folder, hint)
    if problem is not None:
        raise GuideError([problem])


# --- reading ---------------------------------------------------------------------------

class NotReadAsPlain(Exception):
    """read_plain's refusal: the file is not a plain file (`mode` says what it is), or holds
    more than the limit (`size` says how much, in words). A folder is an OSError instead
    (IsADirectoryError), as reading one would be."""

    def __init__(self, mode: int | None = None, size: str | None = None):
        super().__init__(mode, size)
        self.mode, self.size = mode, size


def read_plain(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the plain file at `path`, at most `limit` of them: what is read is what
    was checked (opened first, then looked at), a named pipe never makes it wait, and no
    more than one byte past the limit is read, however large the file or however it grows.
    Raises NotReadAsPlain, or OSError where it cannot be opened or read. The callers say in
    their own words what was refused."""
    # O_NONBLOCK: opening a named pipe waits for a writer; this returns at once.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags if follow_links else flags | _NOFOLLOW)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotReadAsPlain(mode=status.st_mode)
        if status.st_size > limit:
            raise NotReadAsPlain(size=f"{status.st_size:,} bytes")
        chunks, size = [], 0
        while size <= limit:  # a file that grows while it is read still stops here
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise NotReadAsPlain(size=f"more than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_inside(root: Path, path: Path, limit: int) -> tuple[bytes | None, Problem | None]:
    """The bytes of a plain file of at most `limit` bytes whose path stays inside the project
    (link_problem), or (None, the Problem)."""
    problem = link_problem(root, path)
    if problem is not None:
        return None, problem
    file = shown(root, path)
    try:
        return read_plain(path, limit), None
    except NotReadAsPlain as refused:
        if refused.mode is not None:
            return None, _not_plain(file, refused.mode)
        return None, _too_big(file, refused.size, limit)
    except IsADirectoryError:
        return None, _not_plain(file, stat.S_IFDIR)
    except OSError as error:
        return None, Problem(file, message=f"cannot be read ({error.strerror or error})")


def _too_big(file: str, size: str, limit: int) -> Problem:
    return Problem(file, message=f"is {size}; guide files are limited to {limit:,}")


def _not_plain(file: str, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "not a plain file")
    return Problem(file, message=f"is {kind}, not a plain file; it is not read",
                   hint="Replace it with the file itself.")


def plain_file_problem(root: Path, path: Path) -> Problem | None:
    """For a file another module reads (a logo): None when it is missing or a plain file;
    else the Problem (a named pipe would hang the build). A link is link_problem's."""
    try:
        status = path.stat()
    except OSError:
        return None
    return None if stat.S_ISREG(status.st_mode) else _not_plain(shown(root, path), status.st_mode)


# --- writing ---------------------------------------------------------------------------

def writable_problem(root: Path, path: Path, *, folder: bool = False) -> Problem | None:
    """None when the file `path` (or the folder, to write files in) may be written: named
    inside the project, every link on the way leads inside its folder, and a file is not a
    link itself (a folder may be one, to a folder beside it)."""
    problem = link_problem(root, path)
    if problem is None and not folder and _absolute(path).is_symlink():
        problem = Problem(shown(root, path), message="is a link, never written through; nothing was written",
                          hint="Replace the link with the file itself, or remove it.")
    return _not_written(problem)


def _not_written(problem: Problem | None) -> Problem | None:
    if problem is None or problem.message.endswith("written"):
        return problem
    return replace(problem, message=problem.message.removesuffix("; it is not read") + "; nothing was written")


def make_folder_inside(root: Path, folder: Path) -> None:
    """Make `folder` and its missing parents, refusing any link on the way out of its folder."""
    problem = writable_problem(root, folder, folder=True)
    if problem is not None:
        raise GuideError([problem])
    base = _base(root, folder)
    current = base
    for part in _absolute(folder).relative_to(base).parts:
        current = current / part
        try:
            os.mkdir(current)  # never follows a link at `current`: an existing one was checked
        except FileExistsError:
            if not current.is_dir():
                raise GuideError([Problem(shown(root, current), message="is not a folder; nothing was written",
                                          hint="Move it away, or choose another name.")]) from None


def write_inside(root: Path, path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` inside the project: never through a link,
    under a temporary name in the same folder, then moved into place. Raises a GuideError
    when the path or a folder on its way leads out (nothing is written then)."""
    problem = writable_problem(root, path)
    if problem is not None:
        raise GuideError([problem])
    path = _absolute(path)
    make_folder_inside(root, path.parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    parent = path.parent.resolve()
    # Made and moved within the one folder opened here, by its descriptor (where the system
    # allows it): the new file and its final name are always in the same folder.
    by_descriptor = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
    folder = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW) if by_descriptor else None
    temporary = f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    source, target = (temporary, path.name) if by_descriptor else (str(parent / temporary), str(parent / path.name))
    try:
        # O_EXCL: always a new file, never one that a link names.
        output = os.open(source, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
        try:
            with os.fdopen(output, "wb") as stream:
                stream.write(data)
            os.replace(source, target, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(source, dir_fd=folder)
            except OSError:
                pass
            raise
    finally:
        if folder is not None:
            os.close(folder)
