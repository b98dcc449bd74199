"""Small hand-written case documents about obviously fictional people, for the case-graph tests.

Case t001: Kurniawan Fiktifsyah (Kepala Dinas Pendidikan Kota Solok) supported the pair Bambang
Contoh / Desi Rekaan; a finding, then a BKN recommendation that found it proven.
Case t002: Andi Samaran (Kantor Kecamatan Tanjung Harapan, Kota Solok) was reported for the same
candidate; the report was not proven and dismissed.
Case t003: another Andi Samaran, a teacher in Kota Padang: a namesake, not the same person.
"""

from pathlib import Path

NIP = "197806202005011003"

DOCUMENTS = {
    "t001-temuan.txt": """TEMUAN BAWASLU KOTA SOLOK
Nomor: 001/Reg/TM/PW/Kota/03.72/X/2024

Pada Kamis, 10 Oktober 2024, Bawaslu Kota Solok menemukan bahwa Drs. Kurniawan Fiktifsyah, M.Si. (NIP 197806202005011003), Kepala Dinas Pendidikan Kota Solok, menyampaikan sambutan dukungan dalam deklarasi pasangan calon Wali Kota dan Wakil Wali Kota Solok nomor urut 2, Bambang Contoh dan Desi Rekaan.

Bawaslu Kota Solok menilai perbuatan tersebut melanggar Pasal 9 ayat (2) UU Nomor 5 Tahun 2014 dan Pasal 5 huruf n angka 6 PP Nomor 94 Tahun 2021, dan meneruskannya kepada BKN.
""",
    "t001-rekomendasi.txt": """BADAN KEPEGAWAIAN NEGARA
Nomor: B-2001/BKN/11/2024
Hal: Rekomendasi atas Pelanggaran Netralitas Pegawai ASN

Yth. Wali Kota Solok selaku Pejabat Pembina Kepegawaian

BKN telah menerima penerusan dari Bawaslu Kota Solok mengenai Kadisdik Kota Solok H. Kurniawan Fiktifsyah. Berdasarkan hasil pemeriksaan, yang bersangkutan terbukti menyampaikan sambutan dukungan kepada calon Wali Kota Solok, Bambang Contoh. Perbuatan tersebut melanggar Pasal 5 huruf n angka 6 PP Nomor 94 Tahun 2021.

Sehubungan dengan hal tersebut, BKN merekomendasikan kepada Wali Kota Solok selaku Pejabat Pembina Kepegawaian untuk menjatuhkan hukuman disiplin sedang berupa pemotongan tunjangan kinerja sebesar 25% selama 6 (enam) bulan sebagaimana dimaksud dalam Pasal 8 ayat (3) huruf a PP Nomor 94 Tahun 2021.

Jakarta, 20 November 2024
""",
    "t002-kajian.txt": """CATATAN KLARIFIKASI
Bawaslu Kota Solok, 2 November 2024

Bawaslu Kota Solok memeriksa laporan bahwa Andi Samaran, S.H. (NIP 197912012006041002), Kepala Seksi pada Kantor Kecamatan Tanjung Harapan, menghadiri pertemuan tim pemenangan calon Wali Kota Solok, Bambang Contoh. Hasil klarifikasi menunjukkan yang bersangkutan hadir dalam rapat RT di lokasi yang sama dan tidak terlibat dalam kegiatan tim pemenangan. Laporan dinyatakan tidak terbukti dan dihentikan.
""",
    "t003-temuan.txt": """TEMUAN BAWASLU KOTA PADANG
Nomor: 002/Reg/TM/PW/Kota/03.71/X/2024

Pada Senin, 14 Oktober 2024, Bawaslu Kota Padang menemukan bahwa Andi Samaran, guru pada SMP Negeri 9 Kota Padang, mengunggah ajakan memilih calon Wali Kota Padang nomor urut 1, Hendra Khayalan, di akun Facebook miliknya.
""",
}


def write_documents(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        if names is None or name in names:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_pp94(graph, provision_ids: list[str]) -> None:
    """Just enough of PP 94/2021 (these provisions) for citations and sanctions to resolve."""
    graph.write("CREATE (:Regulation {id: 'pp/2021/94', type: 'pp', number: '94', year: 2021, stub: false}) "
                "WITH 1 AS one UNWIND $ids AS id CREATE (:Provision {id: id, regulation_id: 'pp/2021/94'})",
                ids=provision_ids)
