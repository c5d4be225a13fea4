"""Pelican settings of [[ council.name_en ]]'s site: the engine's, and what this site changes.

The site's name, address and council come from datasets/settings.toml and the data itself.
"""

from shafaf.pelican_settings import *  # noqa: F403
