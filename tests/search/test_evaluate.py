"""Scoring of `netra eval-search`: Pasal and exact level, and gold answers naming a whole document."""

from search.evaluate import first_relevant_rank, metrics


def test_pasal_level_accepts_any_part_of_the_gold_pasal():
    results = ["uu/2014/5/pasal-2/huruf-f", "pp/2021/94/pasal-5/huruf-n/angka-6"]
    assert first_relevant_rank(results, ["pp/2021/94/pasal-5/huruf-n/angka-4"], "pasal") == 2
    assert first_relevant_rank(results, ["pp/2021/94/pasal-5/huruf-n/angka-4"], "exact") is None
    assert first_relevant_rank(results, ["pp/2021/94/pasal-5/huruf-n/angka-6"], "exact") == 2


def test_a_gold_document_accepts_any_of_its_provisions_at_both_levels():
    results = ["uu/2014/5/pasal-2", "skb/2022/2/lampiran/angka-6", "skb/2022/20/lampiran/angka-1"]
    for level in ("pasal", "exact"):
        assert first_relevant_rank(results, ["skb/2022/2"], level) == 2
    assert first_relevant_rank(["skb/2022/20/lampiran/angka-1"], ["skb/2022/2"], "pasal") is None


def test_metrics_of_ranks():
    m = metrics([1, 3, None, 6])
    assert m["recall@1"] == 0.25 and m["recall@5"] == 0.5 and m["recall@10"] == 0.75
    assert abs(m["mrr"] - (1 + 1 / 3 + 1 / 6) / 4) < 1e-9
