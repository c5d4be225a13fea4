"""Offline downloads: one zip per local government with its rows of every published data package,
a SQLite database of them and a README in English and Urdu, for people with poor connectivity.

Made from the published copies (build/bundle/downloads/), so a zip never holds anything the site
does not publish. The same data gives byte-identical zips: entries are sorted and carry the date
of the data (SOURCE_DATE_EPOCH when set), so a rebuild does not change the downloads.

:func:`write` makes them all (:mod:`.split` cuts each package down to one council, :mod:`.database`
and :mod:`.readme` describe the council's share, :mod:`.archive` zips it); :func:`data_date` is
the date they carry.
"""

from __future__ import annotations

from pipeline.offline.council import Council, councils
from pipeline.offline.database import yearly_views
from pipeline.offline.download import FOLDER, data_date, write
from pipeline.offline.errors import OfflineError
from pipeline.offline.split import geojson_for

__all__ = [
    "FOLDER",
    "Council",
    "OfflineError",
    "councils",
    "data_date",
    "geojson_for",
    "write",
    "yearly_views",
]
