"""Pelican settings of the Sabzabad demo site, made like any council's site: the engine's settings,
and what this site changes (nothing yet). Its name and identity are in datasets/settings.toml."""

from shafaf.pelican_settings import *  # noqa: F403
