"""The fictional case-corpus generator (casegen): determinism, realism, gold consistency."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from core.refs import ProvisionRef, RegulationRef
from casegen import COLUMN_NAMES, REGISTER_COLUMNS, generate_corpus, schema_table
from paths import REPO

# Real public figures (West Sumatra's governors and mayors, national leaders): never generated.
REAL_PUBLIC_FIGURES = {
    "Mahyeldi Ansharullah", "Audy Joinaldy", "Irwan Prayitno", "Nasrul Abit", "Gamawan Fauzi", "Andre Rosiade",
    "Fadly Amran", "Hendri Septa", "Erman Safar", "Epyardi Asda", "Joko Widodo", "Prabowo Subianto",
    "Anies Baswedan", "Ganjar Pranowo",
}
# The hand-made development set's people: not to be copied.
DEV_SET_NAMES = {"Afrizal Munaf", "Taufik Hidayat", "Sari Rahmadani", "Wulan Permatasari", "Benny Oktavianus",
                 "Hasnul Arifin", "Lisa Andriani", "Rudi Hartono"}
ACADEMIC_TITLES = re.compile(r"\b(?:Drs?\.|Dra\.|Ir\.|dr\.|H\.|Hj\.|S\.[A-Za-z.]+|M\.[A-Za-z.]+|A\.Md\.)")
UU_20_2023_IN_FORCE = date(2023, 10, 31)
PP_94_2021_IN_FORCE = date(2021, 8, 31)


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
        self.rows = [json.loads(line) for line in (root / "register.jsonl").read_text(encoding="utf-8").splitlines()]
        self.cases = {row["case_id"]: row for row in self.rows}
        self._texts: dict[str, str] = {}

    def text(self, doc: str) -> str:
        if doc not in self._texts:
            folder = f"{(int(doc[1:7]) - 1) // 1000:03d}"
            self._texts[doc] = (self.root / "docs" / folder / f"{doc}.txt").read_text(encoding="utf-8")
        return self._texts[doc]

    def share(self, key, rows=None) -> dict:
        rows = self.rows if rows is None else rows
        counts = Counter(key(row) for row in rows)
        return {value: count / len(rows) for value, count in counts.items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("casegen") / "corpus"
    generate_corpus(root, cases=2000, seed=7)
    return Corpus(root)


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


# -- determinism and the command line ------------------------------------------------------------

def test_same_seed_gives_identical_bytes_and_another_seed_does_not(tmp_path):
    generate_corpus(tmp_path / "a", cases=150, seed=11)
    generate_corpus(tmp_path / "b", cases=150, seed=11)
    generate_corpus(tmp_path / "c", cases=150, seed=12)
    first, second, other = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert first == second
    assert first["gold.json"] != other["gold.json"]
    assert not any(name.startswith(".gold-parts") for name in first)  # part files are cleaned up


def test_command_line_writes_a_corpus_and_refuses_a_non_empty_folder(tmp_path):
    out = tmp_path / "cli"
    command = [sys.executable, "-m", "casegen", "--cases", "30", "--seed", "3", "--out", str(out), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "30 cases" in done.stdout
    assert {"docs", "register.csv", "register.jsonl", "gold.json", "manifest.json"} <= {p.name for p in out.iterdir()}
    generate_corpus(tmp_path / "here", cases=30, seed=3)  # another process, another string-hash seed
    assert _files(out) == _files(tmp_path / "here")
    again = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert again.returncode != 0 and "not empty" in again.stderr
    overwritten = subprocess.run(command + ["--overwrite"], capture_output=True, text=True,
                                 cwd=REPO)
    assert overwritten.returncode == 0, overwritten.stderr


def test_progress_is_reported_once_per_case(tmp_path):
    calls = []
    summary = generate_corpus(tmp_path / "p", cases=40, seed=1, progress=calls.append)
    assert calls == [1] * 40 and summary.cases == 40


# -- people ---------------------------------------------------------------------------------------

def _valid_date(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def test_nips_are_valid_and_unique(corpus):
    numbers = {row["respondent_key"]: (row["respondent_nip"], row["employment"]) for row in corpus.rows}
    numbers.update({p["key"]: (p.get("nip") or p["ni_pppk"], p["employment"]) for p in corpus.gold["persons"]
                    if "nip" in p or "ni_pppk" in p})
    assert len(numbers) > 500
    for nip, employment in numbers.values():
        assert re.fullmatch(r"\d{18}", nip), nip
        birth = _valid_date(nip[:8])
        year, month = int(nip[8:12]), int(nip[12:14])
        assert nip[14] in "12"  # sex
        assert 1 <= int(nip[15:]) <= 999
        if employment == "PPPK":
            assert month == 21 and 2021 <= year <= 2024  # NI PPPK: the year of appointment, then "21"
        else:
            assert 1 <= month <= 12 and year < 2024
            assert (year, month) > (birth.year + 18, birth.month), nip  # appointed after the 18th birthday
    assert len({nip for nip, _ in numbers.values()}) == len(numbers)


def test_printed_nips_match_the_gold(corpus):
    for person in corpus.gold["persons"]:
        number = person.get("nip") or person.get("ni_pppk")
        if number:
            texts = [corpus.text(doc).replace(" ", "") for doc in person["docs"]]
            assert any(number in text for text in texts), person["key"]


def test_every_mention_variant_is_printed_in_the_persons_documents(corpus):
    for person in corpus.gold["persons"]:
        texts = [corpus.text(doc) for doc in person["docs"]]
        for mention in person["mentions"]:
            assert any(mention in text for text in texts), (person["key"], mention)


def test_recurring_people_appear_with_different_title_variants_and_without_nip(corpus):
    varied = [p for p in corpus.gold["persons"] if len(p["docs"]) > 1
              and len({bool(ACADEMIC_TITLES.search(m)) for m in p["mentions"]}) == 2]
    assert len(varied) > 200
    across_cases = [p for p in corpus.gold["persons"] if p["kind"] == "ASN" and len({d[:7] for d in p["docs"]}) > 1]
    assert len(across_cases) > 20
    without_number = [doc for p in varied if p.get("nip") for doc in p["docs"]
                      if p["nip"] not in corpus.text(doc).replace(" ", "")]
    assert without_number


def test_namesakes_exist_in_different_agencies(corpus):
    agencies = defaultdict(set)
    for person in corpus.gold["persons"]:
        if person["kind"] == "ASN":
            agencies[person["name"]].add((person["key"], person["agency"]))
    namesakes = [name for name, people in agencies.items() if len({agency for _, agency in people}) > 1]
    assert len(namesakes) >= 5


def test_no_real_public_figures_or_development_set_names(corpus):
    names = {person["name"] for person in corpus.gold["persons"]}
    assert not names & (REAL_PUBLIC_FIGURES | DEV_SET_NAMES)
    sample = "\n".join(corpus.text(doc) for doc in list(corpus.gold["citations"])[:3000])
    assert not [name for name in REAL_PUBLIC_FIGURES | DEV_SET_NAMES if name in sample]


def test_every_person_has_a_kind_and_candidates_a_race(corpus):
    kinds = Counter(person["kind"] for person in corpus.gold["persons"])
    assert set(kinds) == {"ASN", "Candidate", "Official"}
    for person in corpus.gold["persons"]:
        assert person["docs"] and person["mentions"]
        if person["kind"] == "Candidate":
            assert re.fullmatch(r"(Wakil )?(Gubernur|Bupati|Wali Kota|Anggota DPRD) .+ 20(20|24)", person["race"])


# -- links ------------------------------------------------------------------------------------------

def test_every_gold_link_sentence_occurs_in_its_document(corpus):
    assert corpus.gold["links"] and corpus.gold["not_links"]
    for link in corpus.gold["links"]:
        assert link["evidence"]
        for item in link["evidence"]:
            assert item["doc"] in link["docs"]
            assert item["sentence"] in corpus.text(item["doc"]), (link, item)
    for item in (s for link in corpus.gold["not_links"] for s in link["sentences"]):
        assert item["sentence"] in corpus.text(item["doc"])


def test_unproven_and_stopped_cases_never_yield_a_supported_link(corpus):
    for link in corpus.gold["links"]:
        if link["type"] == "SUPPORTED":
            assert corpus.cases[link["case"]]["outcome"] == "terbukti", link
    for item in corpus.gold["not_links"]:
        assert item["type"] == "SUPPORTED"
        assert corpus.cases[item["case"]]["outcome"] in ("tidak_terbukti", "dihentikan")
    unproven = {row["case_id"] for row in corpus.rows if row["outcome"] != "terbukti" and row["candidate_keys"]}
    assert unproven <= {item["case"] for item in corpus.gold["not_links"]}


def test_links_of_every_type_with_their_details(corpus):
    by_type = defaultdict(list)
    for link in corpus.gold["links"]:
        by_type[link["type"]].append(link)
    assert set(by_type) == {"SUPPORTED", "FAMILY", "APPOINTED_BY"}
    relations = {link["detail"] for link in by_type["FAMILY"]}
    assert {"ipar", "kakak kandung", "adik kandung"} <= relations
    assert relations <= {"kakak kandung", "adik kandung", "ipar", "istri", "suami", "anak", "keponakan", "menantu"}
    persons = {person["key"]: person for person in corpus.gold["persons"]}
    worded = 0
    for link in by_type["APPOINTED_BY"]:
        assert persons[link["from"]]["position"] == link["detail"]
        said = " ".join(item["sentence"] for item in link["evidence"])
        worded += any(word in said for word in ("dilantik", "mengangkat", "pelantikan"))
    assert worded >= 0.95 * len(by_type["APPOINTED_BY"])  # a typo may hit the very word
    assert {persons[link["to"]]["kind"] for link in by_type["SUPPORTED"]} == {"Candidate"}
    supporters = {persons[link["from"]]["kind"] for link in by_type["SUPPORTED"]}
    assert "ASN" in supporters and supporters <= {"ASN", "Official"}  # officials: village heads taking part


# -- distributions (domain notes, tolerant bounds) ---------------------------------------------------

def test_acts_are_distributed_as_in_practice(corpus):
    acts = corpus.share(lambda row: row["act"])
    assert 0.22 <= acts["social_media"] <= 0.30
    assert 0.12 <= acts["approaching_party"] <= 0.21
    assert 0.10 <= acts["banners"] <= 0.16
    assert 0.12 <= acts["partisan_activity"] <= 0.19
    assert 0.04 <= acts["declaration"] <= 0.11
    assert 0.06 <= acts["favouring_decision"] <= 0.12
    assert {"state_facilities", "mobilising_staff", "gifts", "support_letter", "party_membership"} <= set(acts)


def test_positions_are_distributed_as_in_practice(corpus):
    classes = corpus.share(lambda row: "territorial" if row["territorial_head"] else row["position_group"])
    assert 0.23 <= classes["JPT"] <= 0.36
    assert 0.17 <= classes["fungsional"] <= 0.26
    assert 0.11 <= classes["administrator"] <= 0.17
    assert 0.10 <= classes["pelaksana"] <= 0.15
    assert 0.07 <= classes["territorial"] <= 0.12


def test_outcomes_and_sanctions_are_distributed_as_in_practice(corpus):
    pilkada_2020 = [row for row in corpus.rows if row["election"] == "pilkada-2020"]
    assert 0.74 <= corpus.share(lambda row: row["outcome"], pilkada_2020)["terbukti"] <= 0.84
    outcomes = corpus.share(lambda row: row["outcome"])
    assert outcomes["tidak_terbukti"] > 0.08 and outcomes["dihentikan"] > 0.04
    sanctioned = [row for row in corpus.rows if row["sanction_level"]]
    levels = corpus.share(lambda row: row["sanction_level"], sanctioned)
    assert max(levels, key=levels.get) == "sedang" and levels["sedang"] > 0.5
    assert 0.8 <= corpus.share(lambda row: row["sanction_imposed"], sanctioned)[True] <= 0.92
    assert set(corpus.share(lambda row: row["election"])) == {"pilkada-2020", "pemilu-2024", "pilkada-2024"}
    assert len({row["region"] for row in corpus.rows}) == 19


def test_rules_in_force_on_the_dates_apply(corpus):
    for row in corpus.rows:
        if row["recommending_body"]:
            expected = "KASN" if date.fromisoformat(row["recommendation_date"]) < UU_20_2023_IN_FORCE else "BKN"
            assert row["recommending_body"] == expected
        act_date = date.fromisoformat(row["act_date"])
        regulations = {basis.split(" Pasal")[0] for basis in row["legal_basis"] + row["sanction_basis"]}
        if act_date < PP_94_2021_IN_FORCE:
            assert "PP 94/2021" not in regulations and "UU 20/2023" not in regulations
        else:
            assert "PP 53/2010" not in regulations
        stages = [row[key] for key in ("act_date", "reported_date", "review_date", "recommendation_date",
                                       "decision_date") if row[key]]
        assert stages == sorted(stages)
    assert [row["act_date"] for row in corpus.rows] == sorted(row["act_date"] for row in corpus.rows)


# -- citations ------------------------------------------------------------------------------------------

CITATION = re.compile(r"(?P<type>UU|PP) (?P<number>\d+)/(?P<year>\d{4})"
                      r"(?: Pasal (?P<pasal>\w+))?(?P<rest>(?: (?:ayat \(\w+\)|huruf \w|angka \w+))*)$")


def _as_ref(citation: str) -> ProvisionRef:
    match = CITATION.fullmatch(citation)
    assert match, citation
    levels = dict(re.findall(r"(ayat|huruf|angka) \(?(\w+)\)?", match["rest"]))
    order = tuple(re.findall(r"(ayat|huruf|angka)", match["rest"]))
    regulation = RegulationRef(match["type"], match["number"], int(match["year"]))
    return ProvisionRef(regulation, match["pasal"], **levels, order=order)


def test_gold_citations_are_provision_refs_and_every_document_has_an_entry(corpus):
    citations = corpus.gold["citations"]
    assert set(citations) == {doc for row in corpus.rows for doc in row["documents"]}
    seen = Counter()
    for doc, items in citations.items():
        for item in items:
            ref = _as_ref(item)
            path = ref.citation.removesuffix(ref.regulation.citation).strip()  # "Pasal 9 ayat (2)"
            assert " ".join(filter(None, [ref.regulation.citation, path])) == item
            seen[ref.regulation.citation] += 1
    assert {"UU 5/2014", "UU 20/2023", "PP 94/2021", "PP 53/2010", "PP 42/2004", "UU 10/2016", "UU 1/2015",
            "UU 7/2017"} <= set(seen)
    assert any("Pasal 5 huruf n angka" in item for items in citations.values() for item in items)
    every = {item for items in citations.values() for item in items}
    assert {"UU 5/2014 Pasal 87 ayat (4) huruf c", "UU 10/2016 Pasal 70 ayat (1) huruf b", "UU 10/2016 Pasal 71 ayat (1)",
            "UU 1/2015 Pasal 188", "UU 7/2017 Pasal 494", "UU 7/2017 Pasal 282", "UU 7/2017 Pasal 283 ayat (1)",
            "PP 42/2004 Pasal 11 huruf c", "PP 94/2021 Pasal 14 huruf i"} <= every
    assert any(item.startswith("PP 42/2004 Pasal 15 ayat (3)") for item in every)  # moral sanctions


def test_noise_is_recorded_and_rare(corpus):
    noise = corpus.gold["noise"]
    kinds = Counter(entry["kind"] for entries in noise.values() for entry in entries)
    assert {"ocr_citation", "name_typo", "superseded_law"} <= set(kinds)
    assert len(noise) < 0.2 * len(corpus.gold["citations"])
    for doc, entries in noise.items():
        for entry in entries:
            if entry["kind"] in ("ocr_citation", "name_typo"):
                assert entry["printed"] in corpus.text(doc)


# -- registers ------------------------------------------------------------------------------------------

def _check_type(kind: str, value) -> None:
    if value is None:
        return
    if kind == "date":
        date.fromisoformat(value)
    else:
        assert isinstance(value, {"str": str, "int": int, "bool": bool, "list": list}[kind]), (kind, value)


def test_registers_parse_and_match_the_documented_schema(corpus):
    with open(corpus.root / "register.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == COLUMN_NAMES
    assert len(table) == len(corpus.rows) == 2000
    types = {column.name: column.type for column in REGISTER_COLUMNS}
    for row, line in zip(corpus.rows, table):
        assert tuple(row) == COLUMN_NAMES
        for name, value in row.items():
            _check_type(types[name], value)
        assert line["case_id"] == row["case_id"]
        assert line["documents"] == "; ".join(row["documents"])
        assert line["sanction_imposed"] == ("true" if row["sanction_imposed"] else "false")
    assert all(column.meaning for column in REGISTER_COLUMNS)
    assert schema_table().count("\n| `") == len(REGISTER_COLUMNS)
    manifest = json.loads((corpus.root / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cases"] == 2000 and manifest["documents"] == len(corpus.gold["citations"])


def test_register_numbers_follow_the_bawaslu_format(corpus):
    pattern = re.compile(r"\d{3}/Reg/(TM|LP)/(PG|PB|PW|PL)/(Kab|Kota)/03\.\d{2}/[IVX]+/20\d{2}")
    for row in corpus.rows:
        assert pattern.fullmatch(row["case_number"]), row["case_number"]
        assert (row["source"] == "temuan") == ("/TM/" in row["case_number"])
