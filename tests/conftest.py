"""Shared fixtures: real `mkdocs build --strict` runs of the project, read back as HTML."""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from ledger import KINDS, LEDGER_VARIABLE, MachineCost, Timer, by_file, counts, pdfs_rendered, record
from scheduling import arrange
from tools import check_tools

ROOT = Path(__file__).resolve().parent.parent
# Every build of this test session shares one PDF cache (macros/pdf/pdf_cache.py): a PDF is the
# same bytes whichever build renders it, so later builds reuse it. It starts empty. The
# ledger counts the session's builds (tests/ledger.py). Both are set by the process that
# starts the session, before any worker: workers inherit them.
os.environ.setdefault("GUIDE_CACHE", tempfile.mkdtemp(prefix="wbl-guide-test-pdfs-"))
os.environ.setdefault(LEDGER_VARIABLE, str(Path(tempfile.mkdtemp(prefix="wbl-guide-test-ledger-")) / "ledger"))
# In-process calls of the front door name the shared cache themselves (publish(cache=...)):
# the core reads no environment; mkdocs.yml hands GUIDE_CACHE to the plugin.
SHARED_CACHE = os.environ["GUIDE_CACHE"]
EDITION = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")  # a language's folder: es, es-mx
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    """The outcome of one `mkdocs build`: exit code, output and the site directory."""

    returncode: int
    output: str
    site: Path

    def html(self, page: str) -> str:
        """The HTML of a page given by its URL path, e.g. 'informational-interview/checklist/'."""
        return (self.site / page / "index.html").read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        """This edition's pages (another language's, at <site>/<code>/, are left out)."""
        return self.files("*.html")

    def files(self, pattern: str) -> list[Path]:
        """This edition's files matching `pattern` (e.g. '*.pdf'), other languages' left out."""
        others = [folder for folder in self.site.iterdir() if folder.is_dir() and EDITION.match(folder.name)
                  and (folder / "index.html").is_file()] if self.site.is_dir() else []
        return sorted(path for path in self.site.rglob(pattern)
                      if not any(path.is_relative_to(folder) for folder in others))

    def edition(self, language: str) -> "Build":
        """The same build's edition in another language, e.g. build.edition('es')."""
        return Build(self.returncode, self.output, self.site / language)

    def article_text(self, page: str) -> str:
        return text_of(article(self.html(page)))

    def all_text(self) -> str:
        """The readable text of every page's main content, for sentence checks."""
        return " ".join(text_of(article(p.read_text(encoding="utf-8"))) for p in self.pages())

    def search_index(self) -> dict:
        return json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def article(page_html: str) -> str:
    match = re.search(r"<article\b.*?</article>", page_html, re.S)
    return match.group(0) if match else ""


def text_of(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    fragment = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', " ", fragment, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return normalize(text)


def normalize(text: str) -> str:
    """Ignore typography: quotes, dashes, 'on-line', spacing before punctuation, whitespace."""
    text = text.replace("\u00a0", " ")
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                         ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(curly, plain)
    text = re.sub(r"\bon-line\b", "online", text, flags=re.I)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([.,;:?!)])", r"\1", text).strip()


def pdf_progress(output: str, district: str, edition: str, line_start: str = "") -> list[tuple[int, ...]]:
    """(rendered, reused, remaining) of every line a build logged about one edition's PDFs
    (publish.PROGRESS), each starting with `line_start` (a pattern)."""
    return [tuple(map(int, found)) for found in re.findall(
        rf"{line_start}PDFs of {re.escape(district)} \({edition}\): (\d+) rendered, (\d+) reused from the cache, "
        r"(\d+) remaining$", output, re.M)]


def run_build(site_dir: Path, district: str | None = None, *, project: Path = ROOT,
              extra_env: dict | None = None, process: bool = False) -> Build:
    """`mkdocs build --strict` of `project` into `site_dir` (no PDFs unless GUIDE_PDF=1 in
    `extra_env`, whose GUIDE_* variables become the plugin's settings). In this process, as
    `mkdocs serve` builds, unless `process`: the end-to-end checks of the command itself, and
    builds of a copy whose own core must run (own_core)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_PDF="0")
    env.pop("GUIDE_DISTRICT", None)
    if district is not None:
        env["GUIDE_DISTRICT"] = district
    env.update(extra_env or {})
    if not process:
        record("build-in-process", f"{district or 'default'} {project}")
        return build_in_process(Path(project), Path(site_dir), env)
    env.update(own_core(project))
    record("build", f"{district or 'default'} {project}")
    result = subprocess.run(MKDOCS + ["build", "--strict", "-d", str(site_dir)], cwd=project,
                            env=env, capture_output=True, text=True, timeout=600)
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


# The plugin holds one build's state, and MkDocs' logging is the process's: builds in one
# process run one at a time (some tests start builds from threads).
_BUILDING = threading.Lock()
SETTINGS = {"district": "GUIDE_DISTRICT", "language": "GUIDE_LANGUAGE", "pdf": "GUIDE_PDF", "cache": "GUIDE_CACHE"}


class _Lines(logging.Handler):
    """MkDocs' log as its command line prints it ("WARNING -  ...")."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def build_in_process(project: Path, site_dir: Path, env: dict) -> Build:
    """What `mkdocs build --strict -d site_dir` does in `project` with `env`'s GUIDE_*
    variables, in this process: mkdocs.yml is loaded as MkDocs loads it, its plugin
    settings taken from `env` instead of the process's environment."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader
    import yaml

    config_file = project / "mkdocs.yml"
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=get_yaml_loader())
    plugins = [{"wbl-guide": {**entry["wbl-guide"], **{key: env.get(name) for key, name in SETTINGS.items()}}}
               if isinstance(entry, dict) and "wbl-guide" in entry else entry for entry in raw["plugins"]]
    lines = _Lines()
    logger = logging.getLogger("mkdocs")
    with _BUILDING:
        level = logger.level
        logger.addHandler(lines)
        logger.setLevel(logging.INFO)
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True, plugins=plugins)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            code = 0
        except (Abort, ConfigurationError) as error:
            lines.lines.append(str(error))
            code = 1
        finally:
            logger.removeHandler(lines)
            logger.setLevel(level)
    return Build(code, "\n".join(lines.lines), site_dir)


def shared_folder(tmp_path_factory) -> Path:
    """A folder every process of this test session sees: pytest-xdist gives each worker its
    own temporary folder, all below one."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], Build]) -> Build:
    """The build `name` of this session, made once by whichever process asks first (`make`
    builds into the folder it is given) and read back by every other: the workers of one
    session share their sites instead of building each again."""
    folder = shared_folder(tmp_path_factory) / name
    folder.mkdir(parents=True, exist_ok=True)
    outcome = folder / "build.json"
    with FileLock(str(folder) + ".lock"):
        if outcome.is_file():
            found = json.loads(outcome.read_text(encoding="utf-8"))
            return Build(found["returncode"], found["output"], folder / "site")
        build = make(folder / "site")
        outcome.write_text(json.dumps({"returncode": build.returncode, "output": build.output}), encoding="utf-8")
        return build


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Each bundled district built once per test session, shared by every worker:
    built('nyc')."""
    def get(district: str) -> Build:
        build = shared_build(tmp_path_factory, f"site-{district}", lambda site: run_build(site, district))
        assert build.returncode == 0, build.output
        return build

    return get


@pytest.fixture(scope="session")
def built_with_pdfs(tmp_path_factory):
    """Each bundled district built once per test session, PDFs included (every edition):
    built_with_pdfs('nyc'). Shared by the PDF tests (test_pdfs.py, test_fillable_pdfs.py)."""
    def get(district: str) -> Build:
        build = shared_build(tmp_path_factory, f"site-pdf-{district}",
                             lambda site: run_build(site, district, extra_env={"GUIDE_PDF": "1"}))
        assert build.returncode == 0, build.output
        return build

    return get


def own_core(project: Path) -> dict[str, str]:
    """The environment that makes a process run `project`'s own copy of the core: the
    installed package (wbl_guide, an editable install of this checkout's macros/) would run
    this checkout's instead. Found first on PYTHONPATH, through a link named wbl_guide."""
    if Path(project).resolve() == ROOT or not (Path(project) / "macros").is_dir():
        return {}
    shim = Path(project) / ".core"
    shim.mkdir(exist_ok=True)
    if not (shim / "wbl_guide").exists():
        os.symlink(Path(project).resolve() / "macros", shim / "wbl_guide")
    return {"PYTHONPATH": str(shim)}


def copy_project(target: Path) -> Path:
    """A copy of the project (data, docs, macros, overrides, schema, mkdocs.yml) at `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("data", "docs", "macros", "overrides", "schema"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the project to break or extend."""
    return copy_project(tmp_path / "project")


# --- the session's cost, and the tools tests need ----------------------------------------

_TIMER = Timer()
_MACHINE = MachineCost()  # from when the session's first process loads this file


# The fast tier (`pytest -m "not browser and not pdf and not slow"`, README) leaves out what
# builds sites, renders PDFs or opens a browser. Marks come from what a test uses, so a new
# test is sorted without anyone remembering to mark it.
BUILD_FIXTURES = {"built", "built_with_pdfs", "served"}
PDF_FIXTURES = {"built_with_pdfs"}
# A module that starts builds itself (mkdocs, wbl-guide, the front door with its PDFs).
BUILD_CALLS = ("run_build(", "MKDOCS", "wbl_guide(", "wbl_guide_quick(", "wbl_guide.cli", "build_districts(", "publish(",
               "publish_editions(", "shared_build(", "check_tree(")
PDF_CALLS = ("GUIDE_PDF\": \"1", "render_pdfs(", "render_pdf(", "PdfReader", "pdf_findings(")


def _module_source(item) -> str:
    path = Path(str(item.fspath))
    if path not in _SOURCES:
        _SOURCES[path] = path.read_text(encoding="utf-8")
    return _SOURCES[path]


_SOURCES: dict[Path, str] = {}


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: unknown where it is switched off
def pytest_xdist_make_scheduler(config, log):
    from scheduling import Scheduler  # tests/scheduling.py; it builds on pytest-xdist's own
    return Scheduler(config, log)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        fixtures = set(getattr(item, "fixturenames", ()))
        source = _module_source(item)
        if "browser" in path.parts or path.name == "test_print_stylesheet.py":
            item.add_marker(pytest.mark.browser)
        if fixtures & PDF_FIXTURES or any(call in source for call in PDF_CALLS):
            item.add_marker(pytest.mark.pdf)
        if fixtures & BUILD_FIXTURES or any(call in source for call in BUILD_CALLS):
            item.add_marker(pytest.mark.slow)
    arrange(items, ROOT / "tests")


def pytest_runtest_setup(item):
    check_tools(item)  # a missing browser skips locally, fails where CI=true (tests/tools.py)


def pytest_runtest_logreport(report):
    _TIMER.add(report.nodeid, report.duration)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the session that started it reports
    found = counts(Path(os.environ[LEDGER_VARIABLE]))
    write = terminalreporter.write_line
    terminalreporter.section("what this run built")
    for kind, label in KINDS.items():
        write(f"  {found.get(kind, 0):4d}  {label}")
    write(f"  {pdfs_rendered(Path(os.environ['GUIDE_CACHE'])):4d}  PDFs rendered into the session's shared cache")
    write("mkdocs build processes by file of tests:")
    for name, count in by_file(Path(os.environ[LEDGER_VARIABLE]), "build").most_common():
        write(f"  {count:4d}  {name}")
    write("time by file of tests (setup, run and teardown):")
    for line in _TIMER.lines():
        write(line)
    machine = _MACHINE.line()
    if machine is not None:
        write("the machine's processors (every process, from collection to this summary):")
        write(machine)
