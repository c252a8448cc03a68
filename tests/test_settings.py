"""The one settings object: defaults, the words for each wrong value, the config file read
without MkDocs, and the plugin's config derived from it. No site is built here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from mkdocs_ladder import wiring
from mkdocs_ladder.adapters.mkdocs.config import LadderConfig
from mkdocs_ladder.config_file import read_site_config
from mkdocs_ladder.health import RULES
from mkdocs_ladder.settings import Settings, SettingsError, options_table, parse_settings

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("options", "problems"),
    [
        ({"nav_titel": "x"}, [("nav_titel", "no such option (did you mean 'nav_title'?)")]),
        ({"zzz": 1}, [("zzz", "no such option")]),
        ({"enabled": "yes"}, [("enabled", "must be true or false, not text ('yes') (write true)")]),
        ({"nav_initiatives": 1}, [("nav_initiatives", "must be true or false, not a number (1)")]),
        ({"max_open_steps": "many"}, [("max_open_steps", "must be a whole number, not text ('many')")]),
        ({"max_open_steps": True}, [("max_open_steps", "must be a whole number, not true/false (true)")]),
        ({"max_open_steps": 2.5}, [("max_open_steps", "must be a whole number, not a number (2.5)")]),
        ({"max_open_steps": -1}, [("max_open_steps", "must be at least 0, not a number (-1)")]),
        ({"overview_max_nodes": 0}, [("overview_max_nodes", "must be at least 1, not a number (0)")]),
        ({"dot_timeout": 0}, [("dot_timeout", "must be more than 0, not a number (0)")]),
        ({"dot_timeout": "1s"}, [("dot_timeout", "must be a number, not text ('1s')")]),
        ({"cache_margin": 11}, [("cache_margin", "must be at most 10, not a number (11)")]),
        ({"nav_title": "  "}, [("nav_title", "must not be empty")]),
        ({"nav_title": ["a"]}, [("nav_title", "must be text, not a list")]),
        ({"path": "../out"}, [("path", "must be a folder of the site such as 'strategy', not '../out'")]),
        ({"path": "/"}, [("path", "must be a folder of the site such as 'strategy', not '/'")]),
        ({"health": ["missing-owner"]}, [("health", "must be a mapping, not a list")]),
        ({"health": {"missing-ownr": "off"}}, [("health", "no health rule 'missing-ownr' (did you mean 'missing-owner'?)")]),
        (
            {"health": {"missing-owner": "loud"}},
            [("health", "'missing-owner': must be one of off, note, warning, error, not text ('loud')")],
        ),
        (
            {"health": {"missing-owner": True}},
            [("health", "'missing-owner': must be one of off, note, warning, error, not true/false (true)")],
        ),
    ],
)
def test_each_wrong_value_is_named_with_its_option(options, problems):
    with pytest.raises(SettingsError) as raised:
        parse_settings(options)
    assert raised.value.problems == problems
    assert str(raised.value) == "; ".join(f"option '{o}': {t}" for o, t in problems)


def test_every_wrong_option_is_reported_at_once_in_the_order_of_the_options():
    with pytest.raises(SettingsError) as raised:
        parse_settings({"cache": "no", "path": "..", "nav_titel": "x", "health": {"a": "off", "missing-owner": "x"}})
    assert [option for option, _ in raised.value.problems] == ["path", "health", "health", "cache", "nav_titel"]


def test_values_are_converted_and_none_means_the_default():
    settings = parse_settings({"dot_timeout": 5, "path": "/plan/", "health": {"missing-owner": False}, "nav_title": None})
    assert settings.dot_timeout == 5.0 and isinstance(settings.dot_timeout, float)
    assert settings.path == "plan"
    assert settings.health == {"missing-owner": "off"}  # false for a rule's level is off
    assert settings.nav_title == Settings().nav_title


def test_settings_are_frozen_and_give_the_core_its_parts(tmp_path):
    settings = Settings(max_open_steps=3, health={"missing-owner": "error"}, nav_title="Plan", path="plan", cache_margin=0.25)
    with pytest.raises(ValidationError):
        settings.max_open_steps = 4  # type: ignore[misc]  # the very thing this checks
    health = wiring.health_settings(settings)
    assert (health.levels, health.limits.max_open_steps) == ({"missing-owner": "error"}, 3)
    options = wiring.page_options(settings, directory_urls=False)
    assert (options.folder, options.directory_urls, options.overview_title) == ("plan", False, "Plan")
    cache = wiring.disk_cache(settings, tmp_path)
    assert cache is not None and cache.folder == tmp_path / ".cache/plugin/ladder" and cache.margin == 0.25
    assert wiring.disk_cache(Settings(cache=False), tmp_path) is None


def test_a_renderer_is_kept_only_while_the_settings_match(tmp_path):
    first = wiring.renderer(Settings(), tmp_path)
    assert wiring.renderer(Settings(), tmp_path, first) is first
    assert wiring.renderer(Settings(dot_timeout=5), tmp_path, first) is not first
    assert wiring.renderer(Settings(cache_dir="elsewhere"), tmp_path, first) is not first
    assert wiring.renderer(Settings(), tmp_path / "other", first) is not first


# --- the config file --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - search\n  - ladder:\n      path: plan\n",
        "plugins:\n  search: {}\n  ladder:\n    path: plan\n",
    ],
)
def test_the_plugin_entry_is_found_as_a_list_or_a_mapping(tmp_path, plugins):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + plugins)
    site = read_site_config(tmp_path / "mkdocs.yml")
    assert site.lists_plugin and site.settings.path == "plan"


def test_a_config_file_without_the_plugin_or_without_a_file_gives_the_defaults(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nuse_directory_urls: false\nplugins: [search]\n")
    site = read_site_config(tmp_path / "mkdocs.yml")
    assert (site.settings, site.directory_urls, site.lists_plugin) == (Settings(), False, False)
    missing = read_site_config(tmp_path / "nothing" / "mkdocs.yml")
    assert (missing.settings, missing.directory_urls, missing.lists_plugin) == (Settings(), True, False)
    assert missing.strategy_dir == tmp_path / "nothing" / "strategy"


def test_tags_in_the_config_file_are_never_run(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [NAME, x]\nhooks: !!python/name:os.system\nplugins:\n  - ladder:\n      strategy_dir: plan\n"
    )
    assert read_site_config(tmp_path / "mkdocs.yml").strategy_dir == tmp_path / "plan"


def test_a_wrong_option_in_the_file_is_a_settings_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ladder:\n      cache: maybe\n")
    with pytest.raises(SettingsError, match=r"option 'cache': must be true or false, not text \('maybe'\)"):
        read_site_config(tmp_path / "mkdocs.yml")


# --- the plugin's config, derived from the model -------------------------------------------------------


def test_the_plugin_config_has_every_option_with_the_models_default():
    config = LadderConfig()
    assert dict(config) == Settings().model_dump()


def mkdocs_errors(options: dict[str, object]) -> list[tuple[str, str]]:
    config = LadderConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    assert warnings == []
    return [(key, str(error)) for key, error in failed]


def test_the_plugin_config_says_what_parse_settings_says():
    wrong = {"cache": "maybe", "nav_titel": "x", "health": {"missing-ownr": "off"}}
    with pytest.raises(SettingsError) as raised:
        parse_settings(wrong)
    assert mkdocs_errors(wrong) == raised.value.problems


def test_the_plugin_config_yields_the_settings():
    config = LadderConfig()
    config.load_dict({"path": "/plan/", "health": {"missing-owner": False}})
    assert config.validate() == ([], [])
    assert config.settings() == Settings(path="plan", health={"missing-owner": "off"})


# --- the docs -----------------------------------------------------------------------------------------


def test_the_docs_list_every_option_with_its_default_and_meaning():
    text = (REPO / "docs" / "plugin.md").read_text()
    for name, default, meaning in options_table():
        assert f"| `{name}` | `{default}` | {meaning} |" in text, name
    listed = re.findall(r"^\| `([a-z_]+)` \| `", text, re.M)
    assert listed == list(Settings.model_fields)


def test_every_health_rule_can_be_set():
    assert wiring.health_settings(Settings(health=dict.fromkeys(RULES, "error"))).levels == dict.fromkeys(RULES, "error")
