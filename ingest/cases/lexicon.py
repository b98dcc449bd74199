"""Word lists for reading case documents: titles, honorifics, positions, agencies, offices and the
phrases that signal relations and outcomes. Matching is case-insensitive unless said otherwise."""

from __future__ import annotations

import re

from spacy.lang.id.stop_words import STOP_WORDS

# -- names ---------------------------------------------------------------------------------------

# Forms of address: dropped from the name, not kept as titles.
HONORIFICS = {"sdr.", "sdri.", "sdr", "sdri", "saudara", "saudari", "bapak", "bpk.", "ibu", "pak", "bu",
              "tn.", "ny.", "nyonya", "tuan"}

# Titles written before the name, with their kind. Case matters: "dr." is a physician, "Dr." a doctorate.
PREFIX_TITLES = {
    "Drs.": "academic", "Dra.": "academic", "Dr.": "academic", "dr.": "academic", "drg.": "academic",
    "drh.": "academic", "Ir.": "academic", "Prof.": "academic", "Ns.": "academic", "apt.": "academic",
    "Apt.": "academic", "H.": "religious", "Hj.": "religious", "KH.": "religious", "K.H.": "religious",
    "Ust.": "religious", "Ustaz": "religious", "Ustadz": "religious", "Ustazah": "religious", "Buya": "religious",
}

# Degrees written after the name: "S.Pd.", "M.Si.", "A.Md.Kep.", "Ph.D." (letters and dots), or these.
DEGREE_SHAPE = re.compile(r"[A-Z][A-Za-z]{0,3}\.(?:[A-Za-z]{1,5}\.)*[A-Za-z]{1,5}\.?")
SUFFIX_TITLES = {"SH", "SE", "ST", "MM", "MT", "MH", "MSi", "SPd", "SSos", "SKom", "SKM", "SIP", "MPA", "MBA",
                 "MAP", "Lc", "Lc.", "Ak", "Ak.", "CA", "MPd", "SAg", "MAg", "SHI", "SPdI", "AMd", "AMK", "Ners"}

# Minangkabau adat titles (gelar adat) begin with one of these words, after the personal name:
# "Marzuki Datuak Rajo Nan Gadang", "Syamsul St. Mangkuto".
ADAT_TITLE_WORDS = {"datuak", "datuk", "dt.", "dt", "sutan", "st.", "malin", "bagindo", "marah", "sidi",
                    "tuanku", "rangkayo"}
ADAT_SPELLINGS = {"datuk": "datuak", "dt.": "datuak", "dt": "datuak", "st.": "sutan"}

# Lower-case words allowed inside a name: "Ahmad bin Yusuf".
NAME_PARTICLES = {"bin", "binti"}

# Capitalised words that start sentences or name things but never people. Function words come
# from spaCy's Indonesian list; it is used here only to recognise names, never to drop words.
DOMAIN_WORDS = {
    "laporan", "temuan", "kajian", "klarifikasi", "rekomendasi", "keputusan", "catatan", "hasil", "perbuatan",
    "pasal", "ayat", "huruf", "angka", "nomor", "undang-undang", "peraturan", "pemerintah", "tentang",
    "terlapor", "pelapor", "saksi", "pihak", "bawaslu", "kasn", "bkn", "ppk", "asn", "pns", "pppk", "uu", "pp",
    "kota", "kabupaten", "provinsi", "kecamatan", "nagari", "desa", "kelurahan", "jorong", "dinas", "badan",
    "kantor", "sekretariat", "daerah", "negeri", "republik", "indonesia", "calon", "pasangan", "paslon",
    "bupati", "wakil", "wali", "gubernur", "pemilihan", "pilkada", "pemilu", "kampanye", "tim", "pemenangan",
    "jalan", "jl.", "gedung", "masjid", "hotel", "rumah", "lapangan", "pasar", "balai", "aula", "gor", "posko",
    "menimbang", "mengingat", "memperhatikan", "memutuskan", "menetapkan", "kesatu", "kedua", "ketiga",
    "bahwa", "dengan", "demikian", "selanjutnya", "berdasarkan", "menurut", "terhadap", "atas", "dalam",
    "perihal", "lampiran", "tembusan", "kepada", "yth.", "ditetapkan", "pada", "tanggal", "hari", "pukul",
    "ketua", "anggota", "koordinator", "divisi", "sentra", "gakkumdu", "mahkamah", "konstitusi", "komisi",
    "media", "sosial", "akun", "facebook", "instagram", "tiktok", "whatsapp", "twitter", "youtube", "status",
    "bersama", "sedangkan", "namun", "oleh", "karena", "sehingga", "untuk", "dari", "bagi", "sesuai",
    "kemudian", "adapun", "sebagaimana", "mengenai", "perkara", "register", "dugaan", "pelanggaran", "netralitas",
    "disiplin", "hukuman", "sanksi", "kode", "etik", "wib", "rt", "rw", "deklarasi", "kepolisian", "kejaksaan",
    "ttd", "ttd.", "deputi", "penjabat", "ketua", "tembusan", "bidang",
}
DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
MONTHS = {"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
          "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
          "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "agus": 8,
          "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12}
NON_NAME_WORDS = frozenset(STOP_WORDS | DOMAIN_WORDS | DAYS | set(MONTHS))

# Words that keep spaCy's stop flag off: negation decides outcomes ("tidak terbukti").
NEGATIONS = {"tidak", "tak", "bukan", "belum", "tanpa", "jangan"}

# -- positions, agencies, offices ---------------------------------------------------------------

# Abbreviated positions -> (position in full, the agency it implies or None).
POSITION_ABBREVIATIONS = {
    "sekda": ("Sekretaris Daerah", "Sekretariat Daerah"),
    "kadis": ("Kepala Dinas", None),
    "kadisdik": ("Kepala Dinas Pendidikan", "Dinas Pendidikan"),
    "kadinkes": ("Kepala Dinas Kesehatan", "Dinas Kesehatan"),
    "kadishub": ("Kepala Dinas Perhubungan", "Dinas Perhubungan"),
    "kadisdukcapil": ("Kepala Dinas Kependudukan dan Pencatatan Sipil",
                      "Dinas Kependudukan dan Pencatatan Sipil"),
    "kadiskominfo": ("Kepala Dinas Komunikasi dan Informatika", "Dinas Komunikasi dan Informatika"),
    "kaban": ("Kepala Badan", None),
    "kabag": ("Kepala Bagian", None),
    "kabid": ("Kepala Bidang", None),
    "kasi": ("Kepala Seksi", None),
    "kasie": ("Kepala Seksi", None),
    "kasubag": ("Kepala Subbagian", None),
    "kasubbag": ("Kepala Subbagian", None),
    "kasubid": ("Kepala Subbidang", None),
    "kapus": ("Kepala Puskesmas", "Puskesmas"),
    "sekcam": ("Sekretaris Kecamatan", None),
    "sekdes": ("Sekretaris Desa", None),
    "plt.": ("Pelaksana Tugas", None),
    "plh.": ("Pelaksana Harian", None),
}

# Words that begin a position, matched case-insensitively (the longest match wins).
POSITION_HEADS = [
    "kepala", "sekretaris", "camat", "lurah", "wali nagari", "walinagari", "kepala desa", "kepala jorong",
    "sekretaris daerah", "sekretaris nagari", "sekretaris desa", "asisten", "inspektur", "direktur",
    "guru", "dokter", "bidan", "perawat", "apoteker", "analis", "penyuluh", "pranata", "penata", "pengelola",
    "operator", "staf", "staff", "pelaksana", "bendahara", "auditor", "widyaiswara", "arsiparis", "pustakawan",
    "verifikator", "teknisi", "pengadministrasi", "juru", "dosen", "ajudan", "pengawas sekolah",
    "kepala sekolah", "wakil kepala sekolah", "tenaga honorer", "perangkat nagari", "perangkat desa",
    "ketua", "anggota", "deputi", "penjabat", "pj.", "komisioner", "asisten komisioner",
    *POSITION_ABBREVIATIONS,
]
# Positions held by officials bound by election rules who are not ASN.
OFFICIAL_POSITIONS = ("wali nagari", "walinagari", "kepala desa", "kepala jorong", "perangkat nagari",
                      "perangkat desa", "bupati", "wali kota", "walikota", "gubernur", "wakil bupati",
                      "wakil wali kota", "wakil gubernur", "penjabat", "pj.", "ketua", "anggota", "komisioner",
                      "asisten komisioner")
# "Kadispora", "Kadinsos", "Kadisnakertrans": heads of any dinas, abbreviated.
DINAS_HEAD_ABBREVIATION = r"^Kadi[sn][a-z]{2,}$"

# Agencies with a fixed name -> canonical name.
AGENCIES = {
    "bawaslu": "Bawaslu", "bawaslu ri": "Bawaslu RI", "badan pengawas pemilihan umum": "Bawaslu",
    "panwascam": "Panwascam", "panitia pengawas kecamatan": "Panwascam", "pengawas kecamatan": "Panwascam",
    "pengawas pemilu kecamatan": "Panwascam",
    "pkd": "Pengawas Kelurahan/Desa", "pengawas kelurahan/desa": "Pengawas Kelurahan/Desa",
    "pengawas kelurahan": "Pengawas Kelurahan/Desa", "pengawas desa": "Pengawas Kelurahan/Desa",
    "pengawas kelurahan dan desa": "Pengawas Kelurahan/Desa",
    "kasn": "KASN", "komisi aparatur sipil negara": "KASN",
    "bkn": "BKN", "badan kepegawaian negara": "BKN",
    "kemenpanrb": "KemenPANRB", "kemenpan-rb": "KemenPANRB", "kementerian panrb": "KemenPANRB",
    "kemendagri": "Kemendagri", "kementerian dalam negeri": "Kemendagri",
    "dkpp": "DKPP", "mahkamah konstitusi": "MK", "kpu": "KPU",
    "sentra gakkumdu": "Sentra Gakkumdu", "gakkumdu": "Sentra Gakkumdu",
    "pejabat pembina kepegawaian": "PPK", "ppk": "PPK",
    "inspektorat": "Inspektorat", "bkpsdm": "BKPSDM", "bkd": "BKD", "satpol pp": "Satpol PP",
    "sekretariat daerah": "Sekretariat Daerah", "setda": "Sekretariat Daerah", "dprd": "DPRD",
    "kepolisian resor": "Polres", "polres": "Polres", "kepolisian daerah": "Polda", "polda": "Polda",
    "kejaksaan negeri": "Kejaksaan Negeri", "kejari": "Kejaksaan Negeri", "panwaslu kecamatan": "Panwascam",
    "pemerintah provinsi": "Pemerintah Provinsi", "pemerintah kabupaten": "Pemerintah Kabupaten",
    "pemerintah kota": "Pemerintah Kota",
    "sekretariat dprd": "Sekretariat DPRD",
}
# Agency heads that take a name after them: "Dinas Pendidikan", "Puskesmas Koto Baru", "SD Negeri 12".
OPEN_AGENCY_HEADS = ["dinas", "badan", "puskesmas", "rsud", "rumah sakit umum daerah", "rumah sakit", "kantor",
                     "sd negeri", "sdn", "smp negeri", "smpn", "sma negeri", "sman", "smk negeri", "smkn",
                     "mts negeri", "mtsn", "man", "sekolah dasar negeri", "bagian", "bidang", "seksi", "subbagian"]
# Of those, the ones that only name a unit inside an agency ("Bagian Umum" of a Sekretariat Daerah).
UNIT_HEADS = {"bagian", "bidang", "seksi", "subbagian"}

# Words followed by a place name, and the kind of place: "Kecamatan Lubuk Basung", "Nagari Koto
# Baru", "Camat Lubuk Basung", "Panwascam Pariaman Tengah".
PLACE_WORDS = {"kecamatan": "Kecamatan", "kec.": "Kecamatan", "camat": "Kecamatan", "panwascam": "Kecamatan",
               "sekcam": "Kecamatan",
               "nagari": "Nagari", "kelurahan": "Kelurahan", "kel.": "Kelurahan", "lurah": "Kelurahan",
               "desa": "Desa", "jorong": "Jorong"}

# -- candidates and elections ------------------------------------------------------------------

# Words that introduce a candidate: (kind of reference, is a pair). Matched as written.
CANDIDATE_WORDS = {
    "calon": ("candidate", False), "bakal calon": ("pre-candidate", False), "balon": ("pre-candidate", False),
    "caIon": ("candidate", False), "bakal caIon": ("pre-candidate", False),  # OCR reads l as I
    "pasangan calon": ("candidate", True), "paslon": ("candidate", True), "bakal pasangan calon": ("pre-candidate", True),
    "pasangan caIon": ("candidate", True), "bakal pasangan caIon": ("pre-candidate", True),
    "petahana": ("incumbent", False), "kandidat": ("candidate", False),
    "cabup": ("candidate", False), "cawabup": ("candidate", False), "cawako": ("candidate", False),
    "cawawako": ("candidate", False), "cagub": ("candidate", False), "cawagub": ("candidate", False),
}
CANDIDATE_ABBREVIATION_OFFICES = {"cabup": "Bupati", "cawabup": "Wakil Bupati", "cawako": "Wali Kota",
                                  "cawawako": "Wakil Wali Kota", "cagub": "Gubernur", "cawagub": "Wakil Gubernur"}

# -- relation and outcome cues ------------------------------------------------------------------

KIN_TERMS = ["kakak kandung", "adik kandung", "saudara kandung", "kakak", "adik", "abang", "kakak ipar",
             "adik ipar", "ipar", "suami", "istri", "isteri", "anak kandung", "anak", "keponakan", "kemenakan",
             "menantu", "paman", "mamak", "tante", "bibi", "mertua", "ayah", "ibu kandung", "ayah kandung",
             "sepupu", "cucu", "besan", "orang tua",
             "etek", "uda", "uni", "amai", "inyiak", "sumando"]  # Minangkabau kin terms

APPOINTMENT_ACTIVE = ["mengangkat", "melantik", "menunjuk", "menetapkan"]
APPOINTMENT_PASSIVE = ["dilantik oleh", "diangkat oleh", "ditunjuk oleh", "pelantikan oleh", "pengangkatan oleh",
                       "dilantik", "diangkat", "ditunjuk"]

# Support acts (PP 94/2021 Pasal 5 huruf n, SKB 2022) -> category.
SUPPORT_ACTS = {
    "social_media": ["unggahan", "mengunggah", "memposting", "posting", "postingan", "membagikan ulang",
                     "menyukai", "like", "me-like", "komentar", "mengomentari", "berkomentar", "share",
                     "membagikan tautan", "status whatsapp", "story", "siaran langsung", "live", "ajakan memilih",
                     "mengajak memilih", "mengajak masyarakat memilih", "foto bersama", "berfoto", "berpose",
                     "simbol jari", "mengikuti akun", "follow", "berswafoto", "swafoto", "selfie",
                     "berselfie"],
    "declaration": ["deklarasi", "pendeklarasian"],
    "campaign": ["kampanye", "berkampanye", "mengkampanyekan", "ikut kampanye", "tim pemenangan", "tim sukses",
                 "timses", "rapat pemenangan", "pertemuan tim", "menghadiri pertemuan", "konsolidasi", "relawan"],
    "speech": ["sambutan dukungan", "memberikan sambutan", "menyampaikan sambutan", "pidato dukungan",
               "menyatakan dukungan", "dukungan"],
    "attributes": ["atribut", "alat peraga", "spanduk", "baliho", "kaos bergambar", "stiker", "bendera",
                   "umbul-umbul", "poster", "bergambar", "menempelkan", "memasang"],
    "mobilising": ["mengerahkan", "memobilisasi", "mengarahkan", "mengumpulkan pegawai", "mengajak pegawai",
                   "mengajak bawahan", "mengajak warga", "mengajak masyarakat", "menginstruksikan",
                   "memenangkan", "untuk memilih"],
    "state_facilities": ["fasilitas negara", "kendaraan dinas", "mobil dinas", "fasilitas jabatan",
                         "gedung pemerintah", "fasilitas kantor"],
    "favouring_decision": ["keputusan yang menguntungkan", "kebijakan yang menguntungkan", "menguntungkan",
                           "surat edaran", "mewajibkan", "menerbitkan"],
    "gifts": ["membagikan", "sembako", "bantuan", "hadiah", "uang", "bingkisan", "paket"],
    "support_letter": ["surat dukungan", "fotokopi ktp", "foto kopi ktp", "fotokopi kartu tanda penduduk",
                       "salinan ktp", "kartu tanda penduduk"],
    "party_approach": ["mendaftar sebagai bakal calon", "mendaftarkan diri", "pendekatan ke partai",
                       "mendatangi partai"],
}

# Outcome phrases. Negated forms are listed so that "tidak terbukti" is one cue, not "terbukti".
OUTCOME_CUES = {
    "not_proven": ["tidak terbukti", "tidak cukup bukti", "belum terbukti", "tidak memenuhi unsur",
                   "tidak ditemukan", "bukan merupakan pelanggaran", "tidak dapat ditindaklanjuti",
                   "tidak terdapat pelanggaran", "tidak melanggar", "dihentikan", "tidak ditindaklanjuti",
                   "dinyatakan gugur", "tidak terlibat"],
    "proven": ["terbukti", "terbukti melanggar", "dinyatakan melanggar", "telah melanggar", "memenuhi unsur",
               "menjatuhkan hukuman", "menjatuhkan sanksi", "dijatuhi hukuman", "dijatuhi sanksi",
               "merekomendasikan penjatuhan"],
}
# Words that make an outcome hypothetical: "apabila terbukti", "dapat dijatuhi hukuman".
CONDITIONALS = {"apabila", "jika", "bila", "jikalau", "kalau", "seandainya", "bilamana", "manakala", "dapat",
                "diancam"}

# Pronouns and phrases that point back at the person the text is about.
PERSON_ANAPHORS = ["yang bersangkutan", "ybs", "ia", "beliau", "terlapor", "asn tersebut", "pns tersebut",
                   "pegawai tersebut", "saudara tersebut", "yang bersangkutan tersebut"]
# Lower-case words that, written before a name, mark someone who is not the subject of the case.
BYSTANDER_WORDS = {"pelapor", "saksi", "pengadu"}
