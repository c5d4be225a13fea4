"""Catalogue metadata: schema.org Dataset, the DCAT catalogue and the sitemap, read back by
an RDF parser and an XML parser as harvesters would read them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF

from pipeline import catalogue, metadata

BASE = "https://sabzabad.example.org"
SDO = rdflib.Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def datasets(mini_source: Path) -> list[dict]:
    return catalogue.build(mini_source)


def test_dcat_catalogue_lists_every_dataset_and_file(datasets: list[dict]) -> None:
    document = metadata.dcat(datasets, BASE, {"en": "Shafaf", "ur": "شفاف"}, "Sabzabad")
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    found = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert found == {rdflib.URIRef(f"{BASE}/data/{d['name']}/") for d in datasets}
    for dataset in datasets:
        subject = rdflib.URIRef(f"{BASE}/data/{dataset['name']}/")
        titles = {(str(t), t.language) for t in graph.objects(subject, DCTERMS.title)}
        assert titles == {(dataset["title"], "en"), (dataset["title_ur"], "ur")}
        files = {
            str(graph.value(dist, DCAT.downloadURL))
            for dist in graph.objects(subject, DCAT.distribution)
        }
        assert files == {f"{BASE}/data/{dataset['name']}/{r['path']}" for r in dataset["resources"]}
        for dist in graph.objects(subject, DCAT.distribution):
            assert int(graph.value(dist, DCAT.byteSize)) > 0
            assert graph.value(dist, DCAT.mediaType) is not None
    catalog = graph.value(predicate=RDF.type, object=DCAT.Catalog)
    assert len(list(graph.objects(catalog, DCAT.dataset))) == len(datasets)


def test_schema_org_dataset_reads_as_a_dataset_with_downloads(datasets: list[dict]) -> None:
    for dataset in datasets:
        for lang in ("en", "ur"):
            document = metadata.schema_org(dataset, BASE, lang)
            assert document["@context"] == "https://schema.org"
            # schema.org's context maps terms onto its vocabulary: read it offline that way
            offline = {**document, "@context": {"@vocab": "https://schema.org/"}}
            graph = rdflib.Graph().parse(data=json.dumps(offline), format="json-ld")
            subject = rdflib.URIRef(f"{BASE}/data/{dataset['name']}/")
            assert (subject, RDF.type, SDO.Dataset) in graph
            assert (
                str(graph.value(subject, SDO.name))
                == dataset["title_ur" if lang == "ur" else "title"]
            )
            urls = {
                str(graph.value(d, SDO.contentUrl))
                for d in graph.objects(subject, SDO.distribution)
            }
            assert f"{BASE}/data/{dataset['name']}/datapackage.json" in urls
            assert len(urls) == len(dataset["resources"]) + 1
            assert str(graph.value(subject, SDO.license)).startswith("https://creativecommons.org/")


def test_sitemap_lists_pages_with_their_translations() -> None:
    text = metadata.sitemap(
        ["", "ur/", "data/", "ur/data/", "about/"], BASE, {"en": "", "ur": "ur/"}
    )
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(text.encode())
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    assert set(urls) == {
        f"{BASE}/",
        f"{BASE}/ur/",
        f"{BASE}/data/",
        f"{BASE}/ur/data/",
        f"{BASE}/about/",
    }
    links = {
        link.get("hreflang"): link.get("href")
        for link in urls[f"{BASE}/ur/data/"].findall("x:link", ns)
    }
    assert links == {"en": f"{BASE}/data/", "ur": f"{BASE}/ur/data/", "x-default": f"{BASE}/data/"}
    assert urls[f"{BASE}/about/"].findall("x:link", ns) == []  # no translation listed
