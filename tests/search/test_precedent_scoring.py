"""Precedent scoring without a server: how a description's conduct is read from the votes of its
closest cases, how closeness is spread, the score parts and the reasons in words, and the
precedent evaluation's set files and precision@k."""

import json
from dataclasses import dataclass

import pytest

from core.errors import NetraError
from search import precedent
from search.precedent import WEIGHTS, Conduct, _precedent, _Probe, _read_conduct, _spread
from search.precedent_eval import format_report, load_precedent_set, precision_at


@dataclass
class Hit:
    id: str
    score: float


def _summary(case_id: str, act: str | None, levels=(), number=None) -> dict:
    return {"id": case_id, "number": number, "act": act, "year": "2024", "regions": ["Kota Solok"],
            "outcome": "proven", "sanction_levels": list(levels)}


# -- closeness ----------------------------------------------------------------------------------

def test_closeness_spreads_from_the_cut_off_when_the_search_was_full():
    assert _spread([0.91, 0.905, 0.9], cut=True) == pytest.approx([1.0, 0.5, 0.0])
    assert _spread([10.0, 5.0], cut=False) == pytest.approx([1.0, 0.5])  # every match found: relative to the best
    assert _spread([0.7, 0.7], cut=True) == [1.0, 1.0] and _spread([], cut=True) == []


# -- reading a description's conduct -------------------------------------------------------------

@pytest.fixture
def graph_of(monkeypatch):
    """Stand-ins for the graph's act of each case and number of cases per act."""
    def install(acts: dict[str, str], counts: dict[str, int]):
        monkeypatch.setattr(precedent, "case_acts", lambda graph, ids: {i: acts[i] for i in ids if i in acts})
        monkeypatch.setattr(precedent, "act_case_counts", lambda graph: counts)
    return install


def test_the_closest_cases_vote_on_a_descriptions_act(graph_of):
    graph_of({"c1": "gifts", "c2": "gifts", "c3": "banners", "c4": None}, {"gifts": 10, "banners": 10})
    probe = _Probe("", "membagikan sembako", [])
    _read_conduct(None, probe, [Hit("c1", 9.0), Hit("c3", 8.0), Hit("c2", 6.0), Hit("c9", 5.0)])
    assert probe.act == "gifts" and list(probe.act_shares) == ["gifts", "banners"]
    assert sum(probe.act_shares.values()) == pytest.approx(1.0)
    # relative to the best (the search was not full): gifts 1 + 6/9, banners 8/9
    assert probe.act_shares["gifts"] == pytest.approx((1 + 6 / 9) / (1 + 6 / 9 + 8 / 9))


def test_an_act_with_many_cases_does_not_win_by_number_alone(graph_of):
    """Nine weak neighbours of a common act against three close ones of a rare act."""
    acts = {**{f"s{i}": "social_media" for i in range(9)}, **{f"g{i}": "gifts" for i in range(3)}}
    graph_of(acts, {"social_media": 500, "gifts": 50})
    hits = [Hit(f"g{i}", 10.0) for i in range(3)] + [Hit(f"s{i}", 4.0) for i in range(9)]
    probe = _Probe("", "words", [])
    _read_conduct(None, probe, hits)
    assert probe.act == "gifts"  # 3 / 50**0.5 = 0.42 against 9 * 0.4 / 500**0.5 = 0.16


def test_no_neighbour_with_an_act_leaves_the_conduct_unread(graph_of):
    graph_of({}, {})
    probe = _Probe("", "words", [])
    _read_conduct(None, probe, [Hit("c1", 1.0)])
    assert probe.act is None and probe.act_shares == {}
    _read_conduct(None, probe, [])
    assert probe.act is None


# -- score parts and reasons ---------------------------------------------------------------------

def test_a_description_scores_each_case_by_its_acts_share_and_says_what_is_shared():
    probe = _Probe("", "mengunggah foto", ["pp/2021/94/pasal-5/huruf-n/angka-1", "uu/2014/5/pasal-9/ayat-2"],
                   act="social_media", sanction_levels=["sedang"], act_shares={"social_media": 0.8, "banners": 0.2})
    citations = {"pp/2021/94/pasal-5/huruf-n/angka-1": "Pasal 5 huruf n angka 1 PP 94/2021"}
    same = _precedent(probe, _summary("case:c1", "social_media", ["Sedang"], "001/Reg"), 0.5,
                      ["pp/2021/94/pasal-5/huruf-n/angka-1"], citations)
    assert same.reasons == ["same conduct: kampanye melalui media sosial",
                            "applies the same Pasal 5 huruf n angka 1 PP 94/2021",
                            "same sanction level: sedang", "similar facts (0.50 of the closest)"]
    assert same.score_parts == pytest.approx({"act": WEIGHTS["act"] * 0.8, "facts": WEIGHTS["facts"] * 0.5,
                                              "provisions": WEIGHTS["provisions"] / 2, "sanction": WEIGHTS["sanction"]})
    assert same.score == pytest.approx(sum(same.score_parts.values())) and same.citation == "001/Reg"
    assert same.act == "social_media" and same.summary["act"] == "social media"
    other = _precedent(probe, _summary("case:c2", "banners"), 0.9, [], citations)
    assert other.score_parts == pytest.approx({"act": WEIGHTS["act"] * 0.2, "facts": WEIGHTS["facts"] * 0.9})
    assert other.reasons == ["similar facts (0.90 of the closest)"]  # no conduct reason: not the act read
    unread = _precedent(probe, _summary("case:c3", None), 0.0, [], citations)
    assert unread.score == 0 and unread.reasons == [] and unread.citation == "c3"


def test_a_case_shares_its_act_fully_or_not_at_all():
    probe = _Probe("case:c0", "facts", ["uu/2014/5/pasal-9/ayat-2"], act="partisan_activity")
    same = _precedent(probe, _summary("case:c1", "partisan_activity"), 0.0, ["uu/2014/5/pasal-9/ayat-2"], {})
    assert same.score_parts["act"] == WEIGHTS["act"]
    assert same.reasons == ["same conduct: ikut kegiatan kampanye atau yang mengarah pada keberpihakan",
                            "applies the same uu/2014/5/pasal-9/ayat-2"]  # no citation known: the id
    assert "act" not in _precedent(probe, _summary("case:c2", "gifts"), 0.3, [], {}).score_parts


def test_many_shared_provisions_are_named_up_to_three():
    ids = [f"p{i}" for i in range(5)]
    result = _precedent(_Probe("", "x", ids), _summary("case:c1", None), 0.0, ids, {})
    assert result.reasons == ["applies the same p0, p1, p2 and 2 more"]


def test_the_conduct_says_what_it_was_read_as():
    conduct = Conduct("gifts", True, 0.6, {"gifts": 0.6, "banners": 0.4}, "membagikan sembako")
    assert conduct.to_json() == {"act": "gifts", "label": "memberikan barang atau uang", "from_description": True,
                                 "share": 0.6, "votes": {"gifts": 0.6, "banners": 0.4}, "words": "membagikan sembako"}
    assert Conduct("some_new_act", False).label == "some new act"


# -- the evaluation ------------------------------------------------------------------------------

def _set(tmp_path, data: dict, documents: dict[str, str], folder: str = "cases-dev"):
    (tmp_path / folder).mkdir(exist_ok=True)
    for key, text in documents.items():
        (tmp_path / folder / f"{key}.txt").write_text(text)
    path = tmp_path / "dev-precedent.json"
    path.write_text(json.dumps(data))
    return path


def test_a_precedent_set_reads_its_documents_beside_it(tmp_path):
    path = _set(tmp_path, {"note": "n", "d1": ["gifts"], "d2": ["declaration", "partisan_activity"]},
                {"d1": "teks satu", "d2": "teks dua"})
    loaded = load_precedent_set(path)
    assert loaded.name == "dev-precedent" and [(d.id, d.text, d.acts) for d in loaded.documents] == [
        ("d1", "teks satu", ["gifts"]), ("d2", "teks dua", ["declaration", "partisan_activity"])]
    other = _set(tmp_path, {"documents": "held", "sources": {}, "h1": ["banners"]}, {"h1": "teks"}, folder="held")
    assert [d.id for d in load_precedent_set(other).documents] == ["h1"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "Cannot read"), ("[1, 2]", "not a precedent set"), ('{"note": "x"}', "no documents"),
    ('{"d1": []}', "must list act families"), ('{"d1": [3]}', "must list act families"),
    ('{"d9": ["gifts"]}', "cannot read the document of 'd9'")])
def test_a_bad_precedent_set_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "set.json"
    path.write_text(content)
    with pytest.raises(NetraError, match=message):
        load_precedent_set(path)
    with pytest.raises(NetraError, match="Cannot read"):
        load_precedent_set(tmp_path / "missing.json")


def test_precision_counts_the_acceptable_acts_among_the_first_k():
    assert precision_at(["gifts", "banners", "gifts", None, "gifts"], ["gifts"]) == 0.6
    assert precision_at(["gifts", "gifts"], ["gifts"]) == 0.4  # fewer than five results: the rest are misses
    assert precision_at(["a", "b", "a"], ["a", "b"], k=2) == 1.0
    report = {"set": "dev-precedent", "documents": 1, "k": 5, "precision@5": 0.6, "seconds": {"mean": 0.2, "max": 0.2},
              "by_document": [{"id": "d1", "precision@5": 0.6, "gold": ["gifts"], "found": ["gifts", None],
                               "read_as": {"act": "gifts", "share": 0.7}}]}
    assert format_report(report).splitlines() == [
        "dev-precedent (1 documents): precision@5 0.600, 0.20 s per document (max 0.20)",
        "  d1: 0.60  gold gifts; read as gifts (0.70); found gifts, -"]
