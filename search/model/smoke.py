"""A retrieval smoke check: three questions a citizen might ask, and short passages written
for this check (not taken from the corpus), each question with exactly one right answer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.model import embed_passages, embed_queries

PASSAGES = [
    "Pegawai ASN harus bersikap netral: dilarang menjadi anggota atau pengurus partai politik "
    "dan dilarang memihak kepada pasangan calon tertentu selama masa kampanye.",
    "Hukuman disiplin berat terdiri atas penurunan jabatan setingkat lebih rendah selama dua belas "
    "bulan, pembebasan dari jabatan, dan pemberhentian dengan hormat tidak atas permintaan sendiri.",
    "Batas usia pensiun ditetapkan 58 tahun bagi pejabat administrasi dan 60 tahun bagi pejabat "
    "pimpinan tinggi.",
    "Pegawai negeri sipil berhak atas cuti tahunan dua belas hari kerja setelah bekerja sekurang-"
    "kurangnya satu tahun tanpa terputus.",
    "Penghitungan suara di tempat pemungutan suara dilakukan secara terbuka di hadapan saksi "
    "pasangan calon dan pengawas pemilihan.",
    "Gaji dibayarkan setiap bulan dengan memperhatikan beban kerja, tanggung jawab jabatan, dan "
    "risiko pekerjaan.",
]

# question -> index of the passage that answers it
QUESTIONS = {
    "Bolehkah seorang PNS ikut mengkampanyekan calon kepala daerah?": 0,
    "Sanksi apa yang paling berat bagi pegawai yang melanggar disiplin?": 1,
    "Umur berapa pejabat pimpinan tinggi harus berhenti bekerja?": 2,
}


@dataclass
class Ranking:
    question: str
    expected: int
    ranked_first: int
    scores: list[float]

    @property
    def correct(self) -> bool:
        return self.ranked_first == self.expected


def rank_passages(model) -> list[Ranking]:
    questions = list(QUESTIONS)
    scores = embed_queries(questions, model=model) @ embed_passages(PASSAGES, model=model).T
    return [
        Ranking(question, QUESTIONS[question], int(np.argmax(row)), [round(float(score), 3) for score in row])
        for question, row in zip(questions, scores)
    ]
