"""Settings, keys and the rate limiter: every refusal says what to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.feedback import config as config_module
from publish.feedback.config import ConfigError, load
from publish.feedback.ratelimit import SlidingWindow, retry_after

from .server import ROOT


def test_defaults_need_no_file() -> None:
    config = load(None, env={})
    assert (config.host, config.port, config.database) == ("127.0.0.1", 8311, "feedback.sqlite3")
    assert config.api_keys == () and config.personal_data == "reject"


def test_every_setting_is_a_config_field_and_documented() -> None:
    text = (ROOT / "docs" / "feedback.md").read_text(encoding="utf-8")
    fields = set(config_module.Config.__dataclass_fields__)
    for setting in config_module.SETTINGS:
        assert setting.name in fields
        assert f"`{setting.name}`" in text, setting.name


def test_a_file_overrides_and_its_paths_are_read_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "keys.txt").write_text("# staff\nclerk abcdefghijklmnopqrst\n", encoding="utf-8")
    path = tmp_path / "feedback.toml"
    path.write_text(
        'database = "data/complaints.sqlite3"\napi_keys_file = "keys.txt"\n'
        'jurisdictions = ["SBZ-MC"]\nport = 9000\n',
        encoding="utf-8",
    )
    config = load(path, env={"SHAFAF_FEEDBACK_API_KEYS": "desk:0123456789abcdefXYZ"})
    assert config.database == str(tmp_path / "data/complaints.sqlite3")
    assert config.jurisdictions == ("SBZ-MC",) and config.port == 9000
    assert config.api_keys == (("desk", "0123456789abcdefXYZ"), ("clerk", "abcdefghijklmnopqrst"))
    assert "abcdefghijklmnopqrst" not in repr(config)


def test_the_environment_names_the_database(tmp_path: Path) -> None:
    url = "postgresql://feedback:secret@db.internal/feedback"
    assert load(None, env={"SHAFAF_FEEDBACK_DATABASE": url}).database == url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prot = 1", "unknown setting 'prot'. Did you mean 'port'?"),
        ('port = "80"', "setting 'port' must be a whole number"),
        ("access_log = 1", "setting 'access_log' must be true or false"),
        ("jurisdictions = 'SBZ-MC'", "setting 'jurisdictions' must be a list"),
        ('personal_data = "hide"', "personal_data must be 'reject' or 'redact'"),
        ("port = 70000", "port must be between 1 and 65535"),
        ("rate_limit_submissions = 0", "rate_limit_submissions must be 1 or more"),
        ("location_bounds = [40, 60, 30, 70]", "south < north"),
        ('track_url = "https://x.example/track"', "track_url must contain {id}"),
        ("port = ", "not valid TOML"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "feedback.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=expected.replace("(", r"\(").replace("{", r"\{")):
        load(path, env={})


def test_keys_must_be_long_and_bare_keys_get_names() -> None:
    with pytest.raises(ConfigError, match="shorter than 16 characters"):
        load(None, env={"SHAFAF_FEEDBACK_API_KEYS": "desk:short"})
    config = load(None, env={"SHAFAF_FEEDBACK_API_KEYS": "abcdefghijklmnopq, x:rstuvwxyz0123456"})
    assert [name for name, _ in config.api_keys] == ["key-1", "x"]


def test_the_window_slides() -> None:
    now = [0.0]
    window = SlidingWindow(2, 10, lambda: now[0])
    assert [window.check("a"), window.check("a")] == [0, 0]
    now[0] = 4
    assert window.check("a") == pytest.approx(6)  # the first hit leaves the window at t=10
    assert window.check("b") == 0  # clients are counted apart
    now[0] = 10
    assert window.check("a") == 0
    assert retry_after(0.2) == "1" and retry_after(5.5) == "6"


@settings(max_examples=50, derandomize=True, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=5, allow_nan=False), max_size=60))
def test_no_window_ever_holds_more_than_the_limit(gaps: list[float]) -> None:
    now = [0.0]
    window = SlidingWindow(3, 10, lambda: now[0])
    allowed: list[float] = []
    for gap in gaps:
        now[0] += gap
        if window.check("client") == 0:
            allowed.append(now[0])
    for at in allowed:
        assert sum(1 for t in allowed if at - 10 < t <= at) <= 3


def test_idle_clients_are_forgotten() -> None:
    now = [0.0]
    window = SlidingWindow(5, 1, lambda: now[0])
    for n in range(999):
        window.check(f"client-{n}")
    now[0] = 5
    window.check("late")  # the 1000th call sweeps
    assert len(window) == 1
