"""Proof that a public or researcher request cannot obtain a NIP or a full name: a generated case
corpus (its gold file names every person and NIP) is ingested and indexed, then every page and
API endpoint that shows case data is requested as each role, with the ids the responses lead to
and with names and NIPs typed as queries; no response may contain any of them."""

import io
import json
import re
import zipfile

import pytest

from conftest import log_in
from web import create_app

pytestmark = pytest.mark.neo4j

CASES = 25
SEED = 11


@pytest.fixture(scope="module")
def corpus(session_graph, server_settings, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases
    from casegen import generate_corpus
    from search.cases import case_documents
    from search.keyword import WhooshIndex

    wipe(session_graph)
    folder = tmp_path_factory.mktemp("privacy") / "cases"
    generate_corpus(folder, cases=CASES, seed=SEED)
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    WhooshIndex(server_settings.whoosh_dir.with_name("whoosh-cases"), "case").rebuild(case_documents(session_graph))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return {"nips": {p["nip"] for p in gold["persons"] if p.get("nip")},
            "names": {p["name"] for p in gold["persons"]},
            "cases": [row["id"] for row in session_graph.read("MATCH (c:Case) RETURN c.id AS id ORDER BY id")],
            "agencies": [row["id"] for row in session_graph.read("MATCH (a:Agency) RETURN a.id AS id ORDER BY id LIMIT 10")]}


@pytest.fixture(scope="module")
def app(server_settings, corpus):
    return create_app(server_settings, rate_limits=False)


def _body(response) -> str:
    data = response.get_data()
    if data.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        data = b"\n".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", "replace")


class Crawl:
    """Requests URLs and checks each answer for the gold NIPs and full names."""

    def __init__(self, client, corpus):
        self.client, self.corpus, self.requested = client, corpus, 0

    def get(self, url: str, allowed=(200, 302, 400, 401, 403, 404), echo: str = ""):
        """`echo`: what the request itself typed, which a page may show back ("no person X")."""
        response = self.client.get(url)
        assert response.status_code in allowed, (url, response.status_code)
        body = _body(response)
        if echo:
            body = re.sub(re.escape(echo), "", body, flags=re.IGNORECASE)
        folded = body.casefold()
        assert not [nip for nip in self.corpus["nips"] if nip in body], url
        leaked = [name for name in self.corpus["names"] if len(name.split()) > 1 and name.casefold() in folded]
        assert not leaked, (url, leaked)
        self.requested += 1
        return response


def _names_and_nips(corpus, count=8):
    return sorted(corpus["names"])[:count] + sorted(corpus["nips"])[:count // 2]


def test_a_researcher_never_receives_a_nip_or_a_full_name(app, corpus, server_settings):
    crawl = Crawl(log_in(app.test_client(), server_settings, "researcher"), corpus)
    pseudonyms = set()
    for case_id in corpus["cases"]:
        crawl.get(f"/cases/{case_id}")
        view = crawl.get(f"/api/v1/cases/{case_id}").get_json()
        pseudonyms |= {person["id"] for person in view["people"]}
        crawl.get(f"/api/v1/similar?case={case_id}")
    assert pseudonyms and all(p.startswith("person:anon-") for p in pseudonyms)
    for entity in sorted(pseudonyms) + corpus["agencies"]:
        crawl.get(f"/entities/{entity}", allowed=(200,))
        crawl.get(f"/api/v1/entities/{entity}", allowed=(200,))
        crawl.get(f"/api/v1/entities/{entity}/network", allowed=(200,))
    for typed in _names_and_nips(corpus):
        crawl.get(f"/?q={typed}&type=case&mode=keyword", echo=typed)
        crawl.get(f"/api/v1/search?q={typed}&type=all&mode=keyword", echo=typed)
        crawl.get(f"/api/v1/similar?q={typed}", echo=typed)
        crawl.get(f"/entities/{typed}", allowed=(404,), echo=typed)
        crawl.get(f"/api/v1/entities/{typed}", allowed=(404,), echo=typed)
    for fmt in ("jsonl", "ftm", "graphml", "csv"):
        crawl.get(f"/api/v1/export?format={fmt}", allowed=(200,))
    crawl.get("/api/v1/search?q=kampanye&type=case&mode=keyword", allowed=(200,))
    crawl.get("/statistics", allowed=(200,))
    assert crawl.requested > 100


def test_a_researchers_case_search_cannot_find_cases_by_a_name(app, corpus, server_settings):
    """Otherwise the cases found would tie a typed name to the pseudonyms in them."""
    client = log_in(app.test_client(), server_settings, "researcher")
    investigator = log_in(app.test_client(), server_settings, "investigator")
    name = sorted(n for n in corpus["names"] if len(n.split()) > 1)[0]
    url = f"/api/v1/search?q={name}&type=case&mode=keyword"
    assert investigator.get(url).get_json()["results"], "the investigator finds the person's cases"
    refused = client.get(url)
    assert refused.status_code == 400 and "NIP" in refused.get_json()["error"]["message"]
    mixed = client.get(f"/api/v1/search?q={name} kampanye&type=case&mode=keyword").get_json()
    assert mixed["query"].split() == ["kampanye"], "the name is dropped, the rest searched"


def test_the_public_gets_no_case_data_at_all(app, corpus):
    crawl = Crawl(app.test_client(), corpus)
    for case_id in corpus["cases"][:5]:
        assert crawl.get(f"/cases/{case_id}").status_code == 302
        assert crawl.get(f"/api/v1/cases/{case_id}").status_code == 401
        assert crawl.get(f"/api/v1/similar?case={case_id}").status_code == 401
    for typed in _names_and_nips(corpus):
        assert crawl.get(f"/api/v1/search?q={typed}&type=case&mode=keyword", echo=typed).status_code == 403
        assert crawl.get(f"/entities/{typed}", echo=typed).status_code == 302
        assert crawl.get(f"/api/v1/trace?a={typed}&b=x", echo=typed).status_code == 401
    assert crawl.get("/api/v1/export?format=jsonl").status_code == 401
    stats = crawl.get("/api/v1/statistics", allowed=(200,)).get_json()
    assert stats["total"] == len(corpus["cases"])
