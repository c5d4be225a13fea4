"""Catalogue metadata other machines read: schema.org Dataset, a DCAT catalogue and a sitemap.

Built from the dataset catalogue (pipeline/catalogue.py) and the site's public address. Every
URL is absolute: search engines and portals read these files away from the site.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}
#: The JSON-LD context of the DCAT catalogue, inline so that no reader has to fetch it.
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


def _url(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")


def dataset_url(base: str, name: str, lang: str = "en") -> str:
    """The dataset's page on the site."""
    return _url(base, ("ur/" if lang == "ur" else "") + f"data/{name}/")


def download_url(base: str, dataset: str, path: str) -> str:
    """Where the site serves a file of the dataset (an exact copy of the committed file)."""
    return _url(base, f"data/{dataset}/{path}")


def _media_type(resource: dict[str, Any]) -> str:
    return MEDIA_TYPES.get(resource["format"], "application/octet-stream")


def schema_org(dataset: dict[str, Any], base: str, lang: str = "en") -> dict:
    """A schema.org ``Dataset`` (JSON-LD) for the dataset's page in ``lang``."""
    suffix = "_ur" if lang == "ur" else ""
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": dataset_url(base, dataset["name"]),
        "name": dataset["title" + suffix],
        "description": dataset["description" + suffix],
        "url": dataset_url(base, dataset["name"], lang),
        "identifier": dataset["name"],
        "inLanguage": lang,
        "keywords": dataset["keywords"],
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": resource["title" + suffix],
                "encodingFormat": _media_type(resource),
                "contentUrl": download_url(base, dataset["name"], resource["path"]),
                "contentSize": f"{resource['bytes']} B",
                "sha256": resource["sha256"],
            }
            for resource in dataset["resources"]
        ],
    }
    out["distribution"].append(
        {
            "@type": "DataDownload",
            "name": "datapackage.json",
            "encodingFormat": "application/json",
            "contentUrl": download_url(base, dataset["name"], "datapackage.json"),
        }
    )
    if dataset.get("publisher"):
        out["publisher"] = out["creator"] = {"@type": "Organization", "name": dataset["publisher"]}
    if dataset["licence"]["url"]:
        out["license"] = dataset["licence"]["url"]
    if dataset["last_changed"]:
        out["dateModified"] = dataset["last_changed"]
    return out


def offline_dataset(download: dict[str, Any], base: str, publisher: str) -> dict[str, Any]:
    """A council's offline download (a record of the bundle's "offline", pipeline/offline/)
    as a DCAT dataset of one zip file; its landing page is its entry on the open data page."""
    slug = download["code"].lower()
    url = _url(base, "data/" + download["path"])
    zipped = {"@id": "https://www.iana.org/assignments/media-types/application/zip"}
    return {
        "@id": _url(base, f"data/#offline-{slug}"),
        "@type": "dcat:Dataset",
        "dct:identifier": f"offline-{slug}",
        "dct:title": [
            {"@value": f"{download['name_en']}: all published data, for offline use",
             "@language": "en"},
            {"@value": f"{download['name_ur']}: تمام شائع شدہ ڈیٹا، انٹرنیٹ کے بغیر استعمال کے لیے",
             "@language": "ur"},
        ],
        "dct:description": [
            {"@value": f"Every published dataset restricted to the rows of {download['name_en']}: "
             "data packages (CSV files with their datapackage.json), the same tables in one "
             "SQLite database, and a guide in English and Urdu, in one zip file.",
             "@language": "en"},
            {"@value": f"ہر شائع شدہ ڈیٹا سیٹ، صرف {download['name_ur']} کی سطروں کے ساتھ: ڈیٹا "
             "پیکجز (CSV فائلیں اور ان کی datapackage.json)، یہی جدولیں ایک SQLite ڈیٹا بیس میں، "
             "اور انگریزی اور اردو میں رہنمائی، ایک زپ فائل میں۔",
             "@language": "ur"},
        ],
        "dcat:landingPage": {"@id": _url(base, f"data/#offline-{slug}")},
        "dct:publisher": {"@id": publisher},
        "dcat:distribution": [{
            "@id": url,
            "@type": "dcat:Distribution",
            "dcat:downloadURL": {"@id": url},
            "dcat:accessURL": {"@id": _url(base, "data/")},
            "dcat:mediaType": zipped,
            "dcat:packageFormat": zipped,
            "dcat:byteSize": {"@value": str(download["bytes"]), "@type": "xsd:nonNegativeInteger"},
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
                "spdx:checksumValue": download["sha256"],
            },
        }],
    }  # fmt: skip


def dcat(
    datasets: Iterable[dict[str, Any]],
    base: str,
    title: dict[str, str],
    publisher: str,
    offline: Iterable[dict[str, Any]] = (),
) -> dict:
    """A DCAT 3 catalogue (JSON-LD, inline context) of every dataset and its distributions, and
    of each council's ``offline`` download (pipeline/offline/)."""

    def text(en: str, ur: str) -> list[dict[str, str]]:
        return [{"@value": en, "@language": "en"}, {"@value": ur, "@language": "ur"}]

    agent = {"@id": _url(base, "#publisher"), "@type": "foaf:Agent", "foaf:name": publisher}
    entries = []
    for dataset in datasets:
        entry: dict[str, Any] = {
            "@id": dataset_url(base, dataset["name"]),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset["name"],
            "dct:title": text(dataset["title"], dataset["title_ur"]),
            "dct:description": text(dataset["description"], dataset["description_ur"]),
            "dcat:keyword": dataset["keywords"],
            "dcat:landingPage": {"@id": dataset_url(base, dataset["name"])},
            "dct:publisher": {"@id": agent["@id"]},
            "dct:language": [
                {"@id": "http://id.loc.gov/vocabulary/iso639-1/en"},
                {"@id": "http://id.loc.gov/vocabulary/iso639-1/ur"},
            ],
            "dcat:distribution": [
                {
                    "@id": download_url(base, dataset["name"], resource["path"]),
                    "@type": "dcat:Distribution",
                    "dct:title": text(resource["title"], resource["title_ur"]),
                    "dcat:downloadURL": {
                        "@id": download_url(base, dataset["name"], resource["path"])
                    },
                    "dcat:accessURL": {"@id": dataset_url(base, dataset["name"])},
                    "dcat:mediaType": {
                        "@id": "https://www.iana.org/assignments/media-types/"
                        + _media_type(resource)
                    },
                    "dcat:byteSize": {
                        "@value": str(resource["bytes"]),
                        "@type": "xsd:nonNegativeInteger",
                    },
                    "spdx:checksum": {
                        "@type": "spdx:Checksum",
                        "spdx:algorithm": {
                            "@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
                        },
                        "spdx:checksumValue": resource["sha256"],
                    },
                    **(
                        {"dct:license": {"@id": dataset["licence"]["url"]}}
                        if dataset["licence"]["url"]
                        else {}
                    ),
                }
                for resource in dataset["resources"]
            ],
        }
        if dataset["licence"]["url"]:
            entry["dct:license"] = {"@id": dataset["licence"]["url"]}
        if dataset["last_changed"]:
            entry["dct:modified"] = {"@value": dataset["last_changed"], "@type": "xsd:date"}
        entries.append(entry)
    entries += [offline_dataset(download, base, agent["@id"]) for download in offline]
    return {
        "@context": DCAT_CONTEXT,
        "@id": _url(base, "catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": text(title["en"], title["ur"]),
        "foaf:homepage": {"@id": _url(base, "")},
        "dct:publisher": agent,
        "dcat:dataset": entries,
    }


def sitemap(paths: Iterable[str], base: str, prefixes: dict[str, str]) -> str:
    """A sitemap (sitemaps.org 0.9) of the pages at ``paths`` (folder URLs such as 'data/').

    ``prefixes`` is the URL prefix of each language ({"en": "", "ur": "ur/"}): a page whose
    translation is also listed names it with xhtml:link hreflang, so search engines can show
    readers the page in their language.
    """
    listed = set(paths)
    default = next(lang for lang, prefix in prefixes.items() if not prefix)

    def original(path: str) -> str:
        for prefix in prefixes.values():
            if prefix and path.startswith(prefix):
                return path[len(prefix) :]
        return path

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in sorted(listed):
        lines.append(f"<url><loc>{escape(_url(base, path))}</loc>")
        versions = {lang: prefix + original(path) for lang, prefix in prefixes.items()}
        if sum(target in listed for target in versions.values()) > 1:
            for lang, target in versions.items():
                if target in listed:
                    lines.append(
                        f'<xhtml:link rel="alternate" hreflang="{lang}" '
                        f'href="{escape(_url(base, target))}"/>'
                    )
            lines.append(
                '<xhtml:link rel="alternate" hreflang="x-default" '
                f'href="{escape(_url(base, versions[default]))}"/>'
            )
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
