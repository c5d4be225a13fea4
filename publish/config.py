"""Where and how to publish: the project's settings overlaid with the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class ConfigError(ValueError):
    """Publishing is not configured well enough to run; the message says what to set."""


@dataclass(frozen=True)
class Config:
    url: str
    organization: str
    token: str | None
    prefix: str  # empty: derived from the district, then the organisation
    removed: str
    site_url: str
    retries: int
    timeout: float

    def __repr__(self) -> str:  # never show the token
        return f"Config(url={self.url!r}, organization={self.organization!r}, token=***)"


def from_settings(settings: Mapping[str, Any], env: Mapping[str, str]) -> Config:
    """CKAN_URL and CKAN_ORGANIZATION override the settings; the token is only CKAN_API_TOKEN."""
    url = (env.get("CKAN_URL") or settings["ckan_url"]).strip()
    organization = (env.get("CKAN_ORGANIZATION") or settings["ckan_organization"]).strip()
    if not url:
        raise ConfigError(
            'No CKAN portal is set: put ckan_url = "https://…" in datasets/settings.toml, '
            "or set the environment variable CKAN_URL."
        )
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"The CKAN address {url!r} must start with https:// (or http://).")
    if not organization:
        raise ConfigError(
            'No CKAN organisation is set: put ckan_organization = "…" (the organisation\'s '
            "name as in its portal address) in datasets/settings.toml, or set "
            "CKAN_ORGANIZATION."
        )
    return Config(
        url=url.rstrip("/"),
        organization=organization,
        token=env.get("CKAN_API_TOKEN", "").strip() or None,
        prefix=str(settings["ckan_dataset_prefix"]),
        removed=str(settings["ckan_removed_resources"]),
        site_url=str(settings["site_url"]),
        retries=int(settings["ckan_retries"]),
        timeout=float(settings["ckan_timeout_seconds"]),
    )
