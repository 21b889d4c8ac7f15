"""The DCAT-AP catalogue for harvesting portals (dane.gov.pl) conforms to DCAT-AP 3.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import DCAT, DCTERMS, RDF

from generator.parts.opendata.dcat import DCAT_PATH, FREQUENCY, THEME

SHAPES = Path(__file__).parent / "data" / "dcat" / "dcat-ap-3.0.1-shacl.ttl"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def catalogue(demo_site: Path) -> rdflib.Graph:
    site = demo_site
    return rdflib.Graph().parse(site / DCAT_PATH, format="xml")


def test_the_catalogue_conforms_to_the_dcat_ap_shapes(catalogue: rdflib.Graph,
                                                      shapes: rdflib.Graph) -> None:
    conforms, _, text = validate(catalogue, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]


def test_the_shapes_catch_a_dataset_without_a_title(catalogue: rdflib.Graph,
                                                    shapes: rdflib.Graph) -> None:
    broken = rdflib.Graph()
    for triple in catalogue:
        broken.add(triple)
    dataset = next(broken.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.title, None))
    conforms, _, text = validate(broken, shacl_graph=shapes, inference="none")
    assert not conforms and "title" in text


def test_every_scope_is_a_daily_social_policy_dataset_with_its_files(
        catalogue: rdflib.Graph) -> None:
    datasets = set(catalogue.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 17  # the whole country and 16 voivodeships
    for dataset in datasets:
        assert (dataset, DCAT.theme, rdflib.URIRef(THEME)) in catalogue
        assert (dataset, DCTERMS.accrualPeriodicity, rdflib.URIRef(FREQUENCY)) in catalogue
        assert (dataset, DCTERMS.publisher, None) in catalogue
        urls = {str(catalogue.value(d, DCAT.downloadURL))
                for d in catalogue.objects(dataset, DCAT.distribution)}
        assert len(urls) == 5
        for d in catalogue.objects(dataset, DCAT.distribution):
            licence = catalogue.value(d, DCTERMS.license)
            assert str(licence) == "https://creativecommons.org/licenses/by/4.0/"
    national = next(d for d in datasets if str(d).endswith("#zbior-kraj"))
    files = {str(catalogue.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]
             for d in catalogue.objects(national, DCAT.distribution)}
    assert files == {"rejestr.json", "rejestr.csv", "rejestr-kis-datapackage.zip",
                     "certyfikaty.atom", "wygasanie-certyfikatow.ics"}
    pomorskie = next(d for d in datasets if str(d).endswith("#zbior-pomorskie"))
    assert "Pomorskiego" in str(catalogue.value(catalogue.value(pomorskie, DCTERMS.publisher),
                                                rdflib.URIRef("http://xmlns.com/foaf/0.1/name")))
