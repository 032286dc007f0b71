"""The theme's files are listed without going into hidden folders (Material's 14,000 icons),
and a build copies exactly the theme assets it copied before."""

from __future__ import annotations

import fnmatch

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from wbl_guide.adapters.theme_listing import visible_templates


def theme_files(config, list_templates=None) -> list[tuple[str, str]]:
    env = config.theme.get_env()
    if list_templates is not None:
        env.loader.list_templates = list_templates(env.loader)
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def test_the_theme_assets_are_the_ones_mkdocs_finds_itself():
    config = load_config(str(ROOT / "mkdocs.yml"))
    ours = theme_files(config, lambda loader: lambda: visible_templates(list(loader.searchpath), loader.followlinks))
    assert ours == theme_files(config)
    assert any(uri.startswith("assets/javascripts/bundle.") for uri, _ in ours)  # Material's own
    assert any(uri.startswith("assets/") and "overrides" in path for uri, path in ours)  # ours, in overrides/


def test_hidden_folders_are_not_walked(tmp_path):
    (tmp_path / ".icons" / "deep").mkdir(parents=True)
    (tmp_path / ".icons" / "deep" / "a.svg").write_text("<svg/>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text("")
    (tmp_path / "main.html").write_text("")
    (tmp_path / ".hidden-file").write_text("")
    listed = visible_templates([str(tmp_path)])
    assert listed == [".hidden-file", "assets/x.css", "main.html"]
    assert not fnmatch.filter(listed, ".icons*")


def test_the_plugin_lists_the_theme_without_its_icons():
    from wbl_guide.adapters.theme import list_theme_without_hidden_folders

    config = load_config(str(ROOT / "mkdocs.yml"))
    before = theme_files(config)
    list_theme_without_hidden_folders(config, visible_templates)
    listed = config.theme.get_env().loader.list_templates()
    assert listed and not [name for name in listed if name.startswith(".icons/")]
    assert theme_files(config) == before
