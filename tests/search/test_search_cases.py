"""Case search and filters against the real Neo4j: a small register of fictional cases (and a
few stub provisions), both keyword backends, the semantic index with a bag-of-words embedder
(the neural model has its own tests), the CLI and the API."""

import json
from datetime import date

import pytest

from conftest import log_in, netra_env, run_netra
from core.errors import NetraError
from search.cases import case_documents
from search.engine import SearchEngine
from search.keyword import Neo4jFulltextIndex
from search.provisions import provision_documents
from search.semantic import SemanticIndex
from embedders import BagOfWordsEmbedder
from web import create_app
from search.factory import keyword_index

pytestmark = pytest.mark.neo4j

# Stub statutes: enough for the cases' citations to resolve, and to filter provisions by.
PROVISIONS = [
    ("uu/2014/5", "uu", 2014, "2014-01-15", [
        ("uu/2014/5/pasal-9", "pasal", "Pasal 9 UU 5/2014", "Pegawai ASN harus bebas dari pengaruh partai politik."),
        ("uu/2014/5/pasal-9/ayat-2", "ayat", "Pasal 9 ayat (2) UU 5/2014",
         "Pegawai ASN dilarang menjadi anggota partai politik dan harus netral."),
    ]),
    ("pp/2021/94", "pp", 2021, "2021-08-31", [
        ("pp/2021/94/pasal-5", "pasal", "Pasal 5 PP 94/2021", "PNS dilarang memberikan dukungan kepada calon."),
        ("pp/2021/94/pasal-5/huruf-n", "huruf", "Pasal 5 huruf n PP 94/2021",
         "PNS dilarang memberikan dukungan kepada calon Presiden dan calon kepala daerah."),
        ("pp/2021/94/pasal-5/huruf-n/angka-6", "angka", "Pasal 5 huruf n angka 6 PP 94/2021",
         "mengunggah, menanggapi atau menyebarluaskan gambar atau foto calon di media sosial."),
        ("pp/2021/94/pasal-8", "pasal", "Pasal 8 PP 94/2021", "Hukuman disiplin sedang."),
        ("pp/2021/94/pasal-8/ayat-3", "ayat", "Pasal 8 ayat (3) PP 94/2021", "Jenis hukuman disiplin sedang."),
        ("pp/2021/94/pasal-8/ayat-3/huruf-a", "huruf", "Pasal 8 ayat (3) huruf a PP 94/2021",
         "pemotongan tunjangan kinerja sebesar 25% selama 6 bulan."),
    ]),
]

BASE = {"source": "temuan", "employment": "PNS", "recommending_body": "BKN", "ppk": "Wali Kota Padang"}
CASES = [
    {**BASE, "case_id": "p1", "case_number": "001/Reg/TM/PW/Kota/03.71/X/2024", "region": "Kota Padang",
     "election": "pilkada-2024", "act_date": "2024-10-01", "respondent_name": "Rina Fiktifwati",
     "position": "guru", "agency": "SMP Negeri 9 Kota Padang", "candidate_names": ["Hendra Khayalan"],
     "act": "social_media_post", "act_label": "mengunggah foto bersama pasangan calon di Instagram dengan ajakan memilih",
     "outcome": "terbukti", "sanction_level": "sedang", "sanction_type": "pemotongan tunjangan kinerja",
     "sanction_imposed": True, "legal_basis": ["PP 94/2021 Pasal 5 huruf n angka 6"],
     "sanction_basis": ["PP 94/2021 Pasal 8 ayat (3) huruf a"]},
    {**BASE, "case_id": "p2", "case_number": "004/Reg/TM/PW/Kota/03.72/IX/2024", "region": "Kota Solok",
     "election": "pilkada-2024", "act_date": "2024-09-10", "respondent_name": "Budi Rekaan", "position": "staf",
     "agency": "Dinas Pertanian Kota Solok", "candidate_names": ["Bambang Contoh"], "ppk": "Wali Kota Solok",
     "act": "social_media_post", "act_label": "membagikan unggahan kampanye calon di Facebook dengan ajakan memilih",
     "outcome": "terbukti", "sanction_level": "sedang", "sanction_type": "pemotongan tunjangan kinerja",
     "sanction_imposed": True, "legal_basis": ["PP 94/2021 Pasal 5 huruf n angka 6"],
     "sanction_basis": ["PP 94/2021 Pasal 8 ayat (3) huruf a"]},
    {**BASE, "case_id": "p3", "case_number": "002/Reg/LP/PL/Kab/03.06/III/2019", "source": "laporan",
     "region": "Kabupaten Agam", "election": "pemilu-2019", "act_date": "2019-03-05",
     "respondent_name": "Dedi Samaran", "position": "camat", "agency": "Kantor Camat Tilatang Kamang",
     "candidate_names": ["Yusuf Khayali"], "act": "declaration_attendance",
     "act_label": "menghadiri deklarasi pasangan calon dan memakai atribut partai", "outcome": "tidak_terbukti",
     "legal_basis": ["UU 5/2014 Pasal 9 ayat (2)"]},
    {**BASE, "case_id": "p4", "case_number": "007/Reg/TM/PB/Kota/03.71/XI/2020", "region": "Kota Padang",
     "election": "pilkada-2020", "act_date": "2020-11-01", "respondent_name": "Eko Percontohan",
     "position": "lurah", "agency": "Kelurahan Air Tawar", "candidate_names": ["Hendra Khayalan"],
     "act": "mobilising_voters", "act_label": "memobilisasi warga kelurahan untuk memilih calon tertentu",
     "outcome": "terbukti", "sanction_level": "berat", "sanction_type": "pembebasan dari jabatan",
     "sanction_imposed": True, "legal_basis": ["UU 5/2014 Pasal 9 ayat (2)"]},
]

EVERY_CASE = "calon"  # a word in every case's act


def load_cases(graph, folder):
    """The stub statutes and the register above, ingested through the real case pipeline."""
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(graph)
    for regulation_id, reg_type, year, valid_from, provisions in PROVISIONS:
        graph.write("CREATE (:Regulation {id: $id, type: $type, year: $year, stub: false})", id=regulation_id,
                    type=reg_type, year=year)
        graph.write("UNWIND $rows AS row CREATE (:Provision {id: row[0], kind: row[1], citation: row[2], text: row[3], "
                    "regulation_id: $reg, valid_from: $valid_from, parent_id: null})",
                    rows=[list(p) for p in provisions], reg=regulation_id, valid_from=valid_from)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "register.jsonl").write_text("".join(json.dumps(row) + "\n" for row in CASES), encoding="utf-8")
    summary = ingest_cases([str(folder / "register.jsonl")], graph, show_progress=False)
    assert summary.count("loaded") == 1, summary.to_json()


@pytest.fixture(scope="module")
def engines(session_graph, server_settings, tmp_path_factory):
    """name -> SearchEngine over the cases (and stub provisions): whoosh, neo4j, with semantic."""
    load_cases(session_graph, tmp_path_factory.mktemp("register"))
    cases, provisions = case_documents(session_graph), list(provision_documents(session_graph))
    assert len(cases) == len(CASES)
    embedder = BagOfWordsEmbedder()
    indexes = {}
    for kind, documents in (("provision", provisions), ("case", cases)):
        whoosh, neo4j = keyword_index(server_settings, session_graph, "whoosh", kind), Neo4jFulltextIndex(session_graph, kind)
        semantic = SemanticIndex(session_graph, embedder, tmp_path_factory.mktemp("cache") / "e.sqlite", kind=kind)
        assert whoosh.rebuild(documents) == neo4j.rebuild(documents) == len(documents)
        semantic.rebuild(documents, show_progress=False)
        indexes[kind] = {"whoosh": whoosh, "neo4j": neo4j, "semantic": semantic}
    return {backend: SearchEngine(session_graph, indexes["provision"][backend], indexes["provision"]["semantic"],
                                  indexes["case"][backend], indexes["case"]["semantic"])
            for backend in ("whoosh", "neo4j")}


def ids(results):
    return {r.id.removeprefix("case:") for r in results}


def test_a_case_document_holds_its_facts_place_outcome_sanction_and_provisions(engines, session_graph):
    doc = next(d for d in case_documents(session_graph, ["case:p1"]))
    assert "mengunggah foto bersama pasangan calon di Instagram" in doc.text
    assert "Kota Padang" in doc.context and "terbukti" in doc.context and "sedang" in doc.context
    assert doc.ref["provisions"] == ["pp/2021/94/pasal-5/huruf-n/angka-6", "pp/2021/94/pasal-8/ayat-3/huruf-a"]
    assert doc.facets == {"region": ["kota padang"], "election": ["pilkada 2024 kota padang", "pilkada 2024"],
                          "year": ["2024"], "act": ["social_media_post"], "sanction": ["sedang"],
                          "outcome": ["proven"]}


@pytest.mark.parametrize("backend", ["whoosh", "neo4j"])
@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_a_case_is_found_by_its_facts(engines, backend, mode):
    results = engines[backend].search("guru mengunggah foto di Instagram dengan ajakan memilih", mode=mode, kind="case", k=3)
    first = results[0].to_json()
    assert first["id"] == "case:p1" and first["kind"] == "case"
    assert first["citation"] == "001/Reg/TM/PW/Kota/03.71/X/2024"
    assert first["snippet"] and first["score"] > 0 and set(first["score_parts"]) <= {"keyword", "semantic"}
    assert first["regions"] == ["Kota Padang"] and first["outcome"] == "proven" and first["year"] == "2024"


@pytest.mark.parametrize("backend, mode", [("whoosh", "keyword"), ("neo4j", "keyword"), ("whoosh", "semantic"),
                                           ("neo4j", "hybrid")])
@pytest.mark.parametrize("filters, expected", [
    ({"region": "kota  PADANG"}, {"p1", "p4"}),
    ({"election": "Pilkada 2024"}, {"p1", "p2"}),
    ({"election": "Pilkada 2024 Kota Solok"}, {"p2"}),
    ({"year": "2019"}, {"p3"}),
    ({"act": "social_media_post"}, {"p1", "p2"}),
    ({"sanction": "sedang"}, {"p1", "p2"}),
    ({"outcome": "not_proven"}, {"p3"}),
    ({"region": "Kota Padang", "sanction": "berat"}, {"p4"}),
    ({"region": "Kota Solok", "year": "2019"}, set()),
])
def test_every_case_filter_narrows(engines, backend, mode, filters, expected):
    assert ids(engines[backend].search(EVERY_CASE, mode=mode, kind="case", k=10)) == {"p1", "p2", "p3", "p4"}
    assert ids(engines[backend].search(EVERY_CASE, mode=mode, kind="case", k=10, filters=filters)) == expected


def test_filters_typed_in_the_query_work_too(engines):
    assert ids(engines["whoosh"].search(f"{EVERY_CASE} year:2020", mode="keyword", kind="case")) == {"p4"}
    assert ids(engines["neo4j"].search(f"{EVERY_CASE} outcome:proven", mode="keyword", kind="case")) == {"p1", "p2", "p4"}


@pytest.mark.parametrize("backend, mode", [("whoosh", "keyword"), ("neo4j", "keyword"), ("whoosh", "semantic"),
                                           ("neo4j", "hybrid")])
@pytest.mark.parametrize("filters, prefixes", [
    ({"type": "uu"}, {"uu/2014/5/"}),
    ({"year": "2021"}, {"pp/2021/94/"}),
    ({"level": "huruf"}, {"pp/2021/94/pasal-5/huruf-n", "pp/2021/94/pasal-8/ayat-3/huruf-a"}),
])
def test_provision_filters_narrow_in_every_mode(engines, backend, mode, filters, prefixes):
    results = engines[backend].search("PNS dilarang dukungan calon partai politik", mode=mode, k=10, filters=filters)
    assert results and all(any(r.id.startswith(p) for p in prefixes) for r in results), [r.id for r in results]


def test_provision_status_filter_uses_the_as_of_date(engines):
    query, before_pp = "PNS dilarang dukungan calon partai politik", date(2015, 1, 1)
    not_yet = engines["whoosh"].search(query, mode="keyword", as_of=before_pp, filters={"status": "not-yet"})
    in_force = engines["whoosh"].search(query, mode="keyword", as_of=before_pp, filters={"status": "In force"})
    assert not_yet and all(r.id.startswith("pp/2021/94") and r.status == "not yet in force" for r in not_yet)
    assert in_force and all(r.id.startswith("uu/2014/5") for r in in_force)


@pytest.mark.parametrize("backend", ["whoosh", "neo4j"])
@pytest.mark.parametrize("query", ["kampanye " * 1250, 'AND OR NOT ( ) [ ] { } ^ ~ * ? : \\ / "',
                                   'region:"Kota Padang" "unclosed', "calon~2 AND foto^3 OR instagram*",
                                   "MATCH (c:Case) DETACH DELETE c"])
def test_odd_case_queries_answer(engines, backend, query):
    assert isinstance(engines[backend].search(query, mode="hybrid", kind="case", k=5), list)


def test_bad_requests_are_clear_errors(engines):
    engine = engines["whoosh"]
    with pytest.raises(NetraError, match="Type a question"):
        engine.search("  ", kind="case")
    with pytest.raises(NetraError, match="Unknown filter 'province'.*region, election, year, act, sanction, outcome"):
        engine.search("calon", kind="case", filters={"province": "Sumatera Barat"})
    with pytest.raises(NetraError, match="Unknown filter 'region' for provisions"):
        engine.search("calon", filters={"region": "Kota Padang"})
    with pytest.raises(NetraError, match="Unknown status"):
        engine.search("calon", filters={"status": "valid"})
    with pytest.raises(NetraError, match="Unknown kind"):
        engine.search("calon", kind="person")


def test_cli_and_api_search_cases_with_filters(engines, server_settings):
    env = netra_env(server_settings.home)
    result = run_netra("search", EVERY_CASE, "--type", "case", "--mode", "keyword", "-f", "region=Kota Padang",
                       "--filter", "sanction=berat", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == ["case:p4"]
    shown = run_netra("search", "instagram", "--type", "case", "--mode", "keyword", env=env)
    assert "001/Reg/TM/PW/Kota/03.71/X/2024 (case:p1): social media post; Kota Padang; 2024; proven" in shown.stdout
    bad = run_netra("search", "calon", "--type", "case", "-f", "region", env=env)
    assert bad.returncode != 0 and "NAME=VALUE" in bad.stderr and "Traceback" not in bad.stderr

    client = log_in(create_app(server_settings).test_client(), server_settings, "investigator")
    body = client.get("/api/v1/search", query_string={"q": EVERY_CASE, "type": "case", "mode": "keyword",
                                                       "election": "Pilkada 2024", "outcome": "proven"}).get_json()
    assert {r["id"] for r in body["results"]} == {"case:p1", "case:p2"} and body["results"][0]["kind"] == "case"
    provisions = client.get("/api/v1/search", query_string={"q": "dilarang calon", "mode": "keyword",
                                                            "regulation_type": "uu"}).get_json()
    assert provisions["results"] and all(r["id"].startswith("uu/") for r in provisions["results"])
    wrong = client.get("/api/v1/search", query_string={"q": "calon", "type": "case", "sanction": "x", "k": "5",
                                                       "mode": "fuzzy"})
    assert wrong.status_code == 400 and "Unknown search mode" in wrong.get_data(as_text=True)
