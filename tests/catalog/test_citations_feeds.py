"""Citations in GB/T 7714, BibTeX and RIS; Atom feeds of published, upcoming and abolished standards."""

from datetime import date
from xml.etree import ElementTree

import pytest
import time_machine

from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def standards():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        make_standard("GB/T 19001-2016", issued_by=["国家质量监督检验检疫总局", "国家标准化管理委员会"],
                      title_en="Quality management systems—Requirements")
        make_standard("GB/T 30000-2026", published_on="2026-10-01", implemented_on="2027-05-01", ccs="A01")
        make_standard("GB 4000-2000", published_on="2000-01-01", implemented_on="2000-06-01", abolished_on="2020-01-01")
        make_standard("Q/ABC 001-2026", published_on="2026-11-01", implemented_on="2026-11-01")


def test_gb7714_citation(client, standards):
    text = client.get("/std/GB/T 19001-2016/cite.txt").content.decode()
    assert text == "国家质量监督检验检疫总局, 国家标准化管理委员会. 质量管理体系 要求: GB/T 19001—2016[S]. 北京: 中国标准出版社, 2016."


def test_bibtex_and_ris(client, standards):
    bib = client.get("/std/GB/T 19001-2016/cite.bib").content.decode()
    assert bib.startswith("@techreport{GBT190012016,")
    assert "number = {GB/T 19001-2016}" in bib
    ris = client.get("/std/GB/T 19001-2016/cite.ris").content.decode()
    assert ris.startswith("TY  - STAND\r\n") and "CN  - GB/T 19001-2016\r\n" in ris and ris.endswith("ER  - \r\n")


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feeds(client, standards):
    published = _entries(client, "/feeds/published.atom")
    assert published[0].startswith("GB/T 30000-2026")
    assert not any(title.startswith("Q/ABC") for title in published)  # enterprise standards only on request
    assert _entries(client, "/feeds/published.atom?tier=enterprise")[0].startswith("Q/ABC 001-2026")
    assert [t.split()[0] + " " + t.split()[1] for t in _entries(client, "/feeds/upcoming.atom")] == ["GB/T 30000-2026"]
    assert _entries(client, "/feeds/abolished.atom")[0].startswith("GB 4000-2000")


def test_class_feeds(client, standards):
    assert [t.split(" ")[1] for t in _entries(client, "/feeds/ccs/A01/published.atom")] == ["30000-2026"]
    assert len(_entries(client, "/feeds/ccs/A/published.atom")) == 4
    assert _entries(client, "/feeds/ics/03.120/published.atom")
    assert client.get("/feeds/ccs/ZZZ/published.atom").status_code == 404
    assert client.get("/feeds/xyz/A/published.atom").status_code == 404
