"""The service's settings, each declared once with default and help; secrets from the environment.

A TOML file (``--config FILE``) overrides the defaults; unknown keys are refused with a
did-you-mean. Relative paths in the file are read from the file's folder. The database URL may
come from ``SHAFAF_FEEDBACK_DATABASE`` (a PostgreSQL password belongs there, not in a file), the
staff API keys only from ``SHAFAF_FEEDBACK_API_KEYS`` or the file ``api_keys_file`` names.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipeline.settings import Setting  # one way to declare a setting: name, default, help

ENV_DATABASE = "SHAFAF_FEEDBACK_DATABASE"
ENV_API_KEYS = "SHAFAF_FEEDBACK_API_KEYS"
MIN_KEY_LENGTH = 16
PERSONAL_DATA_POLICIES = ("reject", "redact")


class ConfigError(ValueError):
    """The service cannot start with these settings; the message says what to change."""


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Address to listen on (0.0.0.0 for every interface)."),
    Setting("port", 8311, "Port to listen on."),
    Setting(
        "database",
        "feedback.sqlite3",
        "Where complaints are stored: a SQLite file path, or a postgresql://… URL. The "
        f"environment variable {ENV_DATABASE} overrides it (put passwords there).",
    ),
    Setting(
        "datasets",
        "datasets",
        "The datasets folder: categories, wards, local governments and departments are read "
        "from it when the service starts.",
    ),
    Setting(
        "jurisdictions",
        [],
        "Codes of the local governments (jurisdiction_id) this service takes complaints for; "
        "empty: every one in local-governments.csv.",
    ),
    Setting(
        "first_number",
        9000001,
        "Number of the first complaint of each local government (ids are LG-C1234567). Start "
        "above the numbers the council's own register uses, so ids never clash.",
    ),
    Setting("target_days", 20, "Days within which a complaint should be resolved (due date)."),
    Setting(
        "default_channel",
        "portal",
        "Channel recorded when a submission names none (app, phone, walk_in, portal, sms, "
        "whatsapp, social_media).",
    ),
    Setting("description_max_chars", 2000, "Longest description accepted, in characters."),
    Setting("max_body_bytes", 32768, "Largest request body accepted, in bytes (413 above)."),
    Setting(
        "personal_data",
        "reject",
        "What to do with a CNIC, phone number or e-mail address in a description: 'reject' "
        "(400, asking for the contact fields) or 'redact' (replace it with [removed] and keep "
        "the detail privately with the contact details).",
    ),
    Setting(
        "honeypot_field",
        "website",
        "Name of the hidden form field only bots fill in; a submission with it filled is "
        "answered as if accepted and stored nowhere.",
    ),
    Setting("rate_limit_window_seconds", 60, "Length of the sliding rate-limit window, seconds."),
    Setting("rate_limit_submissions", 10, "Submissions one client (IP) may make per window."),
    Setting(
        "rate_limit_requests", 300, "Requests of any kind one client (IP) may make per window."
    ),
    Setting(
        "forwarded_allow_ips",
        "",
        "Addresses of the reverse proxies whose X-Forwarded-For is trusted to name the client "
        "(e.g. 127.0.0.1); empty: the connecting address is the client.",
    ),
    Setting(
        "cors_origins",
        [],
        "Origins (https://site.example.org) whose pages may call the API from JavaScript.",
    ),
    Setting(
        "site_url",
        "",
        "Address of the public site; the page a browser's plain form submission gets back "
        "links to it.",
    ),
    Setting(
        "track_url",
        "",
        "Address of the 'track a complaint' page, with {id} where the complaint id goes and "
        "optionally {lg} for the council's code in lower case (e.g. "
        "https://site.example.org/{lg}/track/?id={id}); empty: the site's own track pages "
        "under site_url, or no link without it.",
    ),
    Setting(
        "location_bounds",
        [23.5, 60.5, 37.5, 78.0],
        "South, west, north and east edges (degrees) a reported lat/long must lie within "
        "(default: Pakistan).",
    ),
    Setting(
        "api_keys_file",
        "",
        "A file of staff API keys, one 'name key' per line (# comments); adds to "
        f"{ENV_API_KEYS} ('name:key,name:key').",
    ),
    Setting("pool_size", 10, "Most connections kept open to PostgreSQL."),
    Setting("access_log", False, "Log every request (with the client's IP address)."),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """The settings in force, with the API keys (never shown by repr)."""

    host: str = "127.0.0.1"
    port: int = 8311
    database: str = "feedback.sqlite3"
    datasets: Path = Path("datasets")
    jurisdictions: tuple[str, ...] = ()
    first_number: int = 9000001
    target_days: int = 20
    default_channel: str = "portal"
    description_max_chars: int = 2000
    max_body_bytes: int = 32768
    personal_data: str = "reject"
    honeypot_field: str = "website"
    rate_limit_window_seconds: int = 60
    rate_limit_submissions: int = 10
    rate_limit_requests: int = 300
    forwarded_allow_ips: str = ""
    cors_origins: tuple[str, ...] = ()
    site_url: str = ""
    track_url: str = ""
    location_bounds: tuple[float, float, float, float] = (23.5, 60.5, 37.5, 78.0)
    api_keys_file: str = ""
    pool_size: int = 10
    access_log: bool = False
    api_keys: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def with_overrides(self, **values: Any) -> Config:
        """A copy with the given values (command-line options) replacing the settings."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_KINDS = {str: "text in quotes", int: "a whole number", bool: "true or false", list: "a list [..]"}


def _check_type(source: str, key: str, value: Any) -> None:
    expected = type(DEFAULTS[key])
    fits = isinstance(value, expected) and isinstance(value, bool) == (expected is bool)
    if not fits:
        raise ConfigError(f"{source}: setting '{key}' must be {_KINDS[expected]}, not {value!r}.")


def read_file(path: Path) -> dict[str, Any]:
    """The settings in a TOML file, checked name by name; paths made relative to its folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"The config file {path} does not exist.") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    for key, value in data.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, 1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConfigError(f"{path}: unknown setting '{key}'.{hint}")
        _check_type(str(path), key, value)
    base = path.parent
    for key in ("datasets", "api_keys_file"):
        if data.get(key):
            data[key] = str(base / data[key])
    database = data.get("database")
    if isinstance(database, str) and database and "://" not in database:
        data["database"] = str(base / database)
    return data


def parse_keys(text: str, source: str) -> list[tuple[str, str]]:
    """Named keys from 'name:key,name:key' (or lines of 'name key'); a bare key is named key-N."""
    keys: list[tuple[str, str]] = []
    for number, item in enumerate(text.replace("\n", ",").split(","), start=1):
        item = item.split("#", 1)[0].strip()
        if not item:
            continue
        name, sep, key = item.replace(" ", ":", 1).partition(":")
        if not sep:
            name, key = f"key-{number}", name
        key = key.strip()
        if len(key) < MIN_KEY_LENGTH:
            raise ConfigError(
                f"{source}: the API key named '{name.strip()}' is shorter than {MIN_KEY_LENGTH} "
                "characters; make one with: python -m publish.feedback new-key"
            )
        keys.append((name.strip(), key))
    return keys


def load(path: Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Defaults, overlaid with the file at ``path`` (if given), then the environment."""
    env = os.environ if env is None else env
    values = dict(DEFAULTS)
    if path is not None:
        values.update(read_file(path))
    if env.get(ENV_DATABASE, "").strip():
        values["database"] = env[ENV_DATABASE].strip()
    keys = parse_keys(env.get(ENV_API_KEYS, ""), ENV_API_KEYS)
    if values["api_keys_file"]:
        key_file = Path(values["api_keys_file"])
        try:
            keys += parse_keys(key_file.read_text(encoding="utf-8"), str(key_file))
        except OSError as error:
            raise ConfigError(f"Cannot read the API keys file {key_file}: {error}") from error
    known = {f.name for f in fields(Config)}
    config = Config(
        **{k: v for k, v in values.items() if k in known and k not in _CONVERTED},
        datasets=Path(values["datasets"]),
        jurisdictions=tuple(str(v) for v in values["jurisdictions"]),
        cors_origins=tuple(str(v) for v in values["cors_origins"]),
        location_bounds=_bounds(values["location_bounds"]),
        api_keys=tuple(keys),
    )
    check(config)
    return config


_CONVERTED = {"datasets", "jurisdictions", "cors_origins", "location_bounds", "api_keys"}


def _bounds(value: Any) -> tuple[float, float, float, float]:
    try:
        south, west, north, east = (float(v) for v in value)
    except (TypeError, ValueError) as error:
        raise ConfigError(
            "location_bounds must be four numbers: south, west, north, east."
        ) from error
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ConfigError("location_bounds must be [south, west, north, east] with south < north.")
    return south, west, north, east


def check(config: Config) -> None:
    """Refuse values no service could run with, saying which and why."""
    if config.personal_data not in PERSONAL_DATA_POLICIES:
        raise ConfigError("personal_data must be 'reject' or 'redact'.")
    if not 1 <= config.port <= 65535:
        raise ConfigError(f"port must be between 1 and 65535, not {config.port}.")
    if not 1 <= config.first_number <= 9_999_999:
        raise ConfigError("first_number must be between 1 and 9999999 (ids have seven digits).")
    for name in (
        "target_days",
        "description_max_chars",
        "max_body_bytes",
        "rate_limit_window_seconds",
        "rate_limit_submissions",
        "rate_limit_requests",
        "pool_size",
    ):
        if getattr(config, name) < 1:
            raise ConfigError(f"{name} must be 1 or more.")
    if not config.honeypot_field.strip():
        raise ConfigError("honeypot_field must name a form field.")
    if config.track_url and "{id}" not in config.track_url:
        raise ConfigError("track_url must contain {id}, where the complaint id goes.")
