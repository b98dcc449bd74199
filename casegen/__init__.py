"""A seeded generator of a realistic, fictional corpus of ASN-neutrality case documents.

    from casegen import generate_corpus
    generate_corpus("/tmp/cases", cases=2000, seed=0)

or `python -m casegen --cases 2000 --seed 0 --out /tmp/cases` (`--schema` prints the
register's columns as a Markdown table). The corpus covers West
Sumatra's 19 regions in Pilkada 2020, Pemilu 2024 and Pilkada 2024: Bawaslu findings and
reports, reviews, KASN/BKN recommendations, PPK decrees and Sentra Gakkumdu notes, with a case
register and a gold standard. All people are fictional. Output layout:

    docs/NNN/<case_id>-<kind>.txt   documents (kinds: temuan, laporan, kajian, gakkumdu,
                                    rekomendasi, keputusan), 1,000 cases per folder
    register.csv, register.jsonl    one row per case; columns in REGISTER_COLUMNS
    gold.json                       persons, links, not_links, citations, noise (see gold.py)
    manifest.json                   seed, counts, layout

The same seed always gives byte-identical output.
"""

from .corpus import CorpusSummary, generate_corpus
from .register import COLUMN_NAMES, REGISTER_COLUMNS, Column, schema_table

__all__ = ["generate_corpus", "CorpusSummary", "REGISTER_COLUMNS", "COLUMN_NAMES", "Column", "schema_table"]
