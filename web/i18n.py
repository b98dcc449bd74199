"""The UI in Indonesian (the default, and the language the templates are written in) or English.

Only the chrome is translated: labels, headings, buttons, and the names of stages, outcomes,
statuses and link types. Legal text, citations, names and evidence sentences are shown as written.
`?lang=en|id` chooses the language and a cookie keeps it. The JSON API answers in English
(its field names and the search API's messages are English), whatever the cookie says.

Templates call `_("Indonesian text", name=value)` and `term(value)`; both return plain strings,
so Jinja's autoescaping applies to them (and to the values put into them) as to anything else.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g, request

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600

# The templates' Indonesian text -> English.
ENGLISH = {
    "netralitas ASN dalam pemilihan": "civil-service neutrality in elections",
    "Cari": "Search",
    "Pertanyaan atau kutipan pasal": "Question or article citation",
    "Telusuri hubungan": "Trace links",
    "Bahasa": "Language",
    # search
    "Cari peraturan": "Search regulations",
    "Pertanyaan atau kutipan": "Question or citation",
    "mis. PNS ikut kampanye sebagai peserta, atau Pasal 9 ayat (2) UU ASN":
        "e.g. PNS ikut kampanye sebagai peserta, or Pasal 9 ayat (2) UU ASN",
    "Mode": "Mode",
    "Gabungan": "Hybrid",
    "Kata kunci": "Keyword",
    "Semantik": "Semantic",
    "Hukum per tanggal": "Law as of",
    "{n} hasil untuk “{query}”; {first}–{last} ditampilkan.": "{n} results for “{query}”; {first}–{last} shown.",
    "Tidak ada hasil untuk “{query}”.": "No results for “{query}”.",
    "Cari dalam": "Search in",
    "Ketentuan": "Provisions",
    "Ketentuan dan kasus": "Provisions and cases",
    "Saring hasil": "Narrow the results",
    "Saringan aktif": "Active filters",
    "Hapus saringan": "Remove filter",
    "hapus saringan": "remove filter",
    "Jenis peraturan": "Regulation type",
    "Tahun": "Year",
    "Tingkat sanksi": "Sanction level",
    "Halaman hasil": "Result pages",
    "Halaman {n}": "Page {n}",
    "Sebelumnya": "Previous",
    "Berikutnya": "Next",
    "type harus salah satu dari {kinds}, bukan “{value}”.": "type must be one of {kinds}, not “{value}”.",
    "Grafik: {nodes} simpul, {relationships} relasi.": "Graph: {nodes} nodes, {relationships} relationships.",
    "{n} kasus menerapkan ketentuan ini": "{n} cases apply this provision",
    # what described conduct likely breaks (web/conduct.py, templates/_conduct.html)
    "Ketentuan yang kemungkinan dilanggar": "Provisions the described conduct likely breaks",
    "Larangan": "Prohibition",
    "Hukuman disiplin": "Disciplinary sanction",
    "Pidana": "Criminal provision",
    "Saran, bukan putusan: periksa setiap ketentuan.": "Suggestions, not a finding: check each provision.",
    "Hukum pada {day}: tanggal yang disebut dalam pertanyaan.": "The law on {day}: the date named in the question.",
    "Hukum pada {day}: tanggal pencarian (pertanyaan tidak menyebut tanggal).":
        "The law on {day}: the search date (the question names no date).",
    "Hukum pada {day}: tanggal yang disebut dalam uraian.": "The law on {day}: the date named in the description.",
    "Hukum pada {day}: tanggal kejadian yang tercatat.": "The law on {day}: the recorded date of the event.",
    "Hukum pada {day} (hari ini): tanggal kejadian tidak diketahui.":
        "The law on {day} (today): the date of the event is not known.",
    "berlaku pada {day}": "in force on {day}",
    "berlaku pada {day}, dengan bunyi yang diubah": "in force on {day}, as amended",
    "sudah dicabut per {day}": "revoked as of {day}",
    "belum berlaku pada {day}": "not yet in force on {day}",
    "{status} pada {day}": "{status} on {day}",
    # ... and its reasons (search/conduct.py's, read back by web.conduct.reason_text)
    "dikutip dalam pertanyaan": "cited in the question",
    "cocok dengan kata-kata pertanyaan": "matches the words of the question",
    "maknanya dekat dengan pertanyaan": "close in meaning to the question",
    "diterapkan dalam kasus terdahulu yang faktanya serupa": "applied in past cases with similar facts",
    "terhubung melalui rujukan dengan jawaban lain": "linked by reference to another answer",
    "bagian lain pasal yang sama juga cocok": "more of the same article matches",
    "sanksi atas pelanggaran {citation}": "punishes the breach of {citation}",
    "tingkat hukuman disiplin: {level}": "disciplinary sanction level: {level}",
    # provisions and regulations
    "{status} per {day}": "{status} as of {day}",
    "Per tanggal": "As of",
    "Tampilkan": "Show",
    "Penjelasan": "Elucidation",
    "Riwayat": "History",
    "Berlaku dari": "Valid from",
    "Sampai": "Until",
    "Jenis": "Kind",
    "Sumber": "Source",
    "tentang {title}": "on {title}",
    "Ditetapkan": "Enacted",
    "Diundangkan": "Promulgated",
    "Hubungan": "Relations",
    "Daftar isi": "Contents",
    "Kasus yang menerapkan ketentuan ini": "Cases applying this provision",
    "{shown} dari {total} kasus ditampilkan.": "{shown} of {total} cases shown.",
    "Perubahan bunyi": "Changes to the wording",
    "Teks yang dihapus": "Text removed",
    "dicoret": "struck through",
    "Teks yang ditambahkan": "Text added",
    "digarisbawahi": "underlined",
    "{kind} oleh {source}, berlaku dari {day}": "{kind} by {source}, valid from {day}",
    "Dibandingkan dengan bunyi menurut {source}": "Compared with the wording of {source}",
    # accounts: the login page, web/auth.py and web/security.py
    "Masuk": "Log in",
    "Nama akun": "Account name",
    "Kata sandi": "Password",
    "Kasus dan orang hanya terlihat oleh akun peneliti dan penyelidik. Peraturan terbuka untuk semua.":
        "Cases and people are shown to researcher and investigator accounts only. Regulations are open to all.",
    "Nama atau kata sandi salah.": "Wrong name or password.",
    "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman dan coba lagi.":
        "The form has expired or is not valid. Reload the page and try again.",
    "Peran Anda ({role}) tidak boleh membuka halaman ini.": "Your role ({role}) may not open this page.",
    "Terlalu banyak permintaan. Coba lagi sebentar lagi.": "Too many requests. Try again in a moment.",
    # errors
    "Basis data tidak tersedia": "Database unavailable",
    "Basis data sedang tidak tersedia. Coba lagi beberapa menit lagi; bila berlanjut, operator "
    "dapat memeriksa servernya (`netra db start`, atau NEO4J_URI).":
        "The database is not available right now. Try again in a few minutes; if it lasts, the operator "
        "can check its server (`netra db start`, or NEO4J_URI).",
    "Pencarian jalur melebihi {seconds} detik dan dihentikan. Kurangi langkah, jalur, atau abaikan simpul pusat.":
        "The search for paths took longer than {seconds} s and was stopped. Ask for fewer hops or paths, or "
        "leave hubs out.",
    "Tidak ditemukan": "Not found",
    "Permintaan tidak dapat diproses": "The request cannot be processed",
    "Tidak ada ketentuan {id}.": "No provision {id}.",
    "Tidak ada peraturan {id}.": "No regulation {id}.",
    "Tidak ada kasus {id}.": "No case {id}.",
    "Tidak ada orang atau instansi “{text}”.": "No person or agency “{text}”.",
    "“{text}” cocok dengan {n} entitas: {listed}. Berikan id atau NIP.":
        "“{text}” names {n} entities: {listed}. Give an id or NIP.",
    "{a} dan {b} wajib diisi: dua orang atau instansi (id, NIP atau nama).":
        "{a} and {b} are required: two persons or agencies (id, NIP or name).",
    "{name} harus tanggal seperti 2024-10-01, bukan “{value}”.": "{name} must be a date like 2024-10-01, not “{value}”.",
    "Jenis hubungan tidak dikenal: {unknown}. Pilih dari {known}.": "Unknown link types: {unknown}. Choose from {known}.",
    "Berikan case (id atau nomor register kasus) atau q (uraian kasus), salah satu saja.":
        "Give either case (a case id or register number) or q (a description of a case), not both.",
    "{name} harus bilangan bulat dari 1 sampai {highest}, bukan “{value}”.":
        "{name} must be a whole number from 1 to {highest}, not “{value}”.",
    "exclude_not_proven harus 1 atau 0, bukan “{value}”.": "exclude_not_proven must be 1 or 0, not “{value}”.",
    # cases
    "Kasus {number}": "Case {number}",
    "Nomor": "Number",
    "Tahap": "Stage",
    "Hasil": "Outcome",
    "Asal": "Origin",
    "Wilayah": "Region",
    "Pemilihan": "Election",
    "Perbuatan": "Act",
    "Tahapan": "Stages",
    "Pihak yang terlibat": "People involved",
    "terlapor": "respondent",
    "Tidak ada orang yang tercatat dalam kasus ini.": "No person is recorded in this case.",
    "Sanksi": "Sanction",
    "oleh": "by",
    "Dasar hukum": "Legal basis",
    "Dokumen": "Documents",
    "Ketentuan yang dikutip": "Provisions cited",
    "belum ada dokumen": "no document yet",
    "Tidak ada sanksi yang tercatat.": "No sanction is recorded.",
    # similar cases (the reasons: search.precedent's, read back by web.cases.reason_text)
    "Kasus serupa": "Similar cases",
    "Kasus serupa belum dapat dicari: {reason}": "Similar cases cannot be searched yet: {reason}",
    "Alasan": "Reasons",
    "Semua kasus serupa (JSON)": "All similar cases (JSON)",
    "Tidak ada kasus serupa.": "No similar case.",
    "fakta serupa ({share} dari yang terdekat)": "similar facts ({share} of the closest)",
    "menerapkan ketentuan yang sama: {cited} dan {more} lainnya": "applies the same {cited} and {more} more",
    "menerapkan ketentuan yang sama: {cited}": "applies the same {cited}",
    "perbuatan yang sama: {act}": "same conduct: {act}",
    "tingkat sanksi yang sama: {levels}": "same sanction level: {levels}",
    # links and evidence
    "Dengan": "With",
    "Status": "Status",
    "Tanggal": "Date",
    "Keterangan": "Detail",
    "Bukti": "Evidence",
    "{document}, karakter {start}–{end}": "{document}, characters {start}–{end}",
    # entities
    "Nama yang tercatat": "Names seen",
    "Jabatan": "Positions",
    "Instansi": "Agencies",
    "Kasus": "Cases",
    "Jaringan": "Network",
    "Jaringan hubungan {name}": "Network of links of {name}",
    "Jaringan memerlukan JavaScript; semua hubungan ada di tabel di bawah.":
        "The network needs JavaScript; every link is in the table below.",
    "{shown} dari {total} hubungan ditampilkan; semuanya ada di {api}.":
        "{shown} of {total} links shown; all of them are in {api}.",
    "Tidak ada hubungan yang tercatat.": "No link is recorded.",
    "Jenis hubungan": "Link types",
    "Dari tanggal": "From date",
    "Sampai tanggal": "To date",
    "Saring jaringan": "Filter the network",
    # timelines (templates/_timeline.html, web/timeline.py)
    "Linimasa": "Timeline",
    "Tidak ada peristiwa yang tercatat.": "No event is recorded.",
    "{n} peristiwa, menurut tanggal; yang tanpa tanggal di akhir.": "{n} events, by date; those without a date last.",
    "{shown} pertama ditampilkan; semuanya ada di {api}.": "The first {shown} are shown; all of them are in {api}.",
    "Tanpa tanggal": "Without a date",
    "tanpa tanggal": "no date",
    "Dokumen dan kalimatnya tidak menyebut tanggal peristiwa ini.":
        "Neither the documents nor their sentences give a date for these events.",
    "tanggal dokumen": "the document's date",
    "tanggal menurut register": "the register's date",
    "tanggal dalam kalimat": "the date in the sentence",
    "Bukti sama dengan peristiwa di atas.": "Same evidence as the event above.",
    "Tidak ada orang, instansi atau pemilihan “{text}”.": "No person, agency or election “{text}”.",
    # trace
    "Dari": "From",
    "Ke": "To",
    "Nama, NIP atau id": "Name, NIP or id",
    "Jumlah jalur": "Number of paths",
    "Langkah paling banyak": "Most hops",
    "Abaikan hubungan yang tidak terbukti": "Leave out links that were not proven",
    "Telusuri": "Trace",
    "{n} jalur ditemukan.": "{n} paths found.",
    "Jalur {n}": "Path {n}",
    "{n} langkah": "{n} hops",
    "dinyatakan dalam {n} dokumen": "stated in {n} documents",
    "Tidak ada jalur dengan paling banyak {hops} langkah antara keduanya.":
        "No path of at most {hops} hops between them.",
    "Jangan lewat simpul pusat": "Leave out hubs",
    "Simpul pusat: lebih dari … hubungan": "A hub: more than … links",
    "Urutan: skor terendah dulu (langkah + log10 jumlah hubungan tiap simpul antara + status).":
        "Order: lowest score first (hops + log10 of the links of each node between the ends + status).",
    "Hanya hubungan bertanggal dalam rentang {start}–{end}; hubungan tanpa tanggal tetap dipakai dan ditandai.":
        "Only links dated {start}–{end}; links without a date are kept and marked.",
    "langkah {hops} + simpul pusat {hubs} + status {status}": "hops {hops} + hubs {hubs} + status {status}",
    "skor {score}": "score {score}",
    "Lewat simpul pusat: {ids}": "Through hubs: {ids}",
    "tanpa tanggal: tetap dipakai": "no date: kept",
    "hubs harus allow atau exclude, bukan “{value}”.": "hubs must be allow or exclude, not “{value}”.",
    "{since} ({start}) jatuh setelah {until} ({end}).": "{since} ({start}) is after {until} ({end}).",
    # accounts, reports, triage, statistics, audit
    "Keluar": "Log out",
    "Bagian": "Sections",
    "Masuk sebagai peneliti atau penyelidik untuk mencari kasus.": "Log in as a researcher or investigator to search cases.",
    "Nama orang dan NIP tidak dapat dicari dengan peran Anda; cari perbuatan, wilayah atau ketentuan.":
        "Names and NIPs cannot be searched with your role; search for acts, regions or provisions.",
    "Masuk untuk melihat kasusnya.": "Log in to see the cases.",
    "Statistik kasus": "Case statistics",
    "{n} kasus tercatat. Hanya jumlah yang ditampilkan di sini; kasus dan orang terlihat oleh akun peneliti dan penyelidik.":
        "{n} cases recorded. Only counts are shown here; cases and people are visible to researcher and investigator accounts.",
    "Laporkan pelanggaran": "Report a violation",
    "Laporkan dugaan pelanggaran": "Report a suspected violation",
    "Laporkan dugaan pelanggaran netralitas ASN": "Report a suspected breach of civil-service neutrality",
    "Laporan Anda diperiksa oleh penyelidik sebelum masuk ke data kasus. Data kontak Anda hanya terlihat oleh penyelidik.":
        "Your report is checked by an investigator before it enters the case data. Your contact details are visible to investigators only.",
    "Apa yang terjadi?": "What happened?",
    "Siapa (nama, jabatan, instansi)?": "Who (name, position, agency)?",
    "Di mana?": "Where?",
    "Kapan?": "When?",
    "Tautan bukti (satu per baris)": "Links to evidence (one per line)",
    "Berkas bukti (PDF, DOCX, PNG, JPG atau teks; paling banyak 5 berkas, masing-masing 5 MiB)":
        "Evidence files (PDF, DOCX, PNG, JPG or text; at most 5 files of 5 MiB each)",
    "Kontak Anda (tidak wajib)": "Your contact details (optional)",
    "Nama": "Name",
    "Surel atau telepon": "Email or phone",
    "Kirim laporan": "Send the report",
    "Laporan terkirim": "Report sent",
    "Terima kasih. Nomor laporan Anda: {id}. Simpan nomor ini bila Anda dihubungi penyelidik.":
        "Thank you. Your report number: {id}. Keep it in case an investigator contacts you.",
    "Ceritakan apa yang terjadi (paling sedikit 20 karakter).": "Tell what happened (at least 20 characters).",
    "Uraian paling panjang {n} karakter.": "The description is at most {n} characters.",
    "Isian {name} paling panjang {n} karakter.": "The field {name} is at most {n} characters.",
    "Tanggal kejadian ditulis seperti 2024-10-03.": "Write the date of the event like 2024-10-03.",
    "Tanggal kejadian tidak boleh di masa depan atau sebelum tahun 2000.":
        "The date of the event cannot be in the future or before 2000.",
    "Berkas “{name}” kosong.": "The file “{name}” is empty.",
    "Berkas “{name}” lebih dari {n} MiB.": "The file “{name}” is over {n} MiB.",
    "Berkas “{name}” bukan PDF, DOCX, PNG, JPG atau teks yang sesuai dengan namanya.":
        "The file “{name}” is not a PDF, DOCX, PNG, JPG or text file matching its name.",
    "Paling banyak {n} berkas.": "At most {n} files.",
    "Laporan masuk": "Incoming reports",
    "{n} laporan menunggu keputusan.": "{n} reports await a decision.",
    "Saring": "Filter",
    "Diterima": "Received",
    "Uraian": "Description",
    "Keputusan": "Decision",
    "Tidak ada laporan.": "No reports.",
    "Laporan {id}": "Report {id}",
    "Pelapor": "Reporter",
    "Uraian kejadian": "What happened",
    "Tautan bukti": "Links to evidence",
    "Berkas bukti": "Evidence files",
    "Saran dari ekstraksi": "Suggestions from extraction",
    "Orang": "People",
    "Calon": "Candidates",
    "Terima sebagai kasus baru": "Accept as a new case",
    "Gabungkan ke kasus": "Merge into case",
    "Gabungkan": "Merge",
    "Alasan penolakan": "Reason for rejecting",
    "Tolak": "Reject",
    "Laporan ini sudah diputuskan ({triage}).": "This report has already been decided ({triage}).",
    "Tuliskan alasan penolakan.": "Give the reason for rejecting.",
    "Pilih terima, gabungkan atau tolak.": "Choose accept, merge or reject.",
    "Tidak ada laporan {id}.": "No report {id}.",
    "Dokumen laporan tidak dapat dimuat: {error}": "The report's document could not be loaded: {error}",
    "Pemrosesan": "Processing",
    "tidak terbaca: {reason}": "not readable: {reason}",
    "terbaca": "read",
    "Laporan ini belum selesai diproses; saran muncul setelahnya.":
        "This report has not been processed yet; the suggestions appear afterwards.",
    "Log audit": "Audit log",
    "Rantai hash utuh.": "The hash chain is intact.",
    "Rantai hash rusak pada entri {n}: log telah diubah.": "The hash chain breaks at entry {n}: the log was altered.",
    "Akun": "Account",
    "Subjek": "Subject",
    "Waktu": "Time",
    "Peran": "Role",
    "Tindakan": "Action",
    "Lebih lama": "Older",
    "Klik orang atau instansi untuk menambahkan hubungannya; klik sekali lagi untuk membuka halamannya.":
        "Click a person or agency to add its links; click it again to open its page.",
}

# Values stored in the graph -> (Indonesian, English).
TERMS = {
    # provision status and versions
    "in force": ("berlaku", "in force"), "amended": ("diubah", "amended"), "revoked": ("dicabut", "revoked"),
    "not yet in force": ("belum berlaku", "not yet in force"), "original": ("asli", "original"),
    "amend": ("perubahan", "amendment"), "insert": ("sisipan", "insertion"), "revoke": ("pencabutan", "revocation"),
    # case stages and timeline
    "temuan_laporan": ("Temuan/laporan", "Finding/report"), "temuan": ("Temuan", "Finding"),
    "laporan": ("Laporan", "Report"), "kajian": ("Kajian", "Review"),
    "gakkumdu": ("Sentra Gakkumdu", "Sentra Gakkumdu"), "rekomendasi": ("Rekomendasi", "Recommendation"),
    "keputusan_ppk": ("Keputusan PPK", "PPK decision"), "sanksi": ("Sanksi", "Sanction"),
    "done": ("selesai", "done"), "current": ("tahap saat ini", "current stage"), "ahead": ("belum", "not yet"),
    # outcomes and link statuses
    "proven": ("terbukti", "proven"), "not_proven": ("tidak terbukti", "not proven"),
    "dismissed": ("dihentikan", "dismissed"), "mixed": ("sebagian terbukti", "partly proven"),
    "pending": ("dalam proses", "pending"), "alleged": ("diduga", "alleged"),
    # report triage and roles
    "accepted": ("diterima", "accepted"), "merged": ("digabungkan", "merged"), "rejected": ("ditolak", "rejected"),
    "all": ("semua", "all"), "submitted": ("diajukan publik", "submitted"),
    "queued": ("dalam antrean", "queued"), "processing": ("sedang diproses", "processing"),
    "processed": ("sudah diproses", "processed"), "failed": ("gagal", "failed"),
    "public": ("publik", "public"), "researcher": ("peneliti", "researcher"),
    "investigator": ("penyelidik", "investigator"), "admin": ("admin", "admin"),
    # sanctions
    "recommended": ("direkomendasikan", "recommended"), "imposed": ("dijatuhkan", "imposed"),
    "mentioned": ("disebut", "mentioned"),
    # kinds of people and nodes
    "ASN": ("ASN", "civil servant"), "Candidate": ("Calon", "Candidate"), "Official": ("Pejabat", "Official"),
    "Person": ("Orang", "Person"), "Agency": ("Instansi", "Agency"), "Case": ("Kasus", "Case"),
    "Position": ("Jabatan", "Position"), "Region": ("Wilayah", "Region"), "Election": ("Pemilihan", "Election"),
    "Sanction": ("Sanksi", "Sanction"), "Provision": ("Ketentuan", "Provision"),
    # link types
    "SUPPORTED": ("mendukung", "supported"), "FAMILY_OF": ("keluarga dari", "family of"),
    "APPOINTED_BY": ("diangkat oleh", "appointed by"), "RUNNING_MATE_OF": ("pasangan calon dari", "running mate of"),
    "HOLDS_POSITION": ("menjabat", "holds position"), "EMPLOYED_BY": ("bekerja pada", "employed by"),
    "RESPONDENT_IN": ("terlapor dalam", "respondent in"), "FOUND_BY": ("ditemukan oleh", "found by"),
    "HANDLED_BY": ("ditangani oleh", "handled by"), "RECOMMENDED_BY": ("direkomendasikan oleh", "recommended by"),
    "IN_REGION": ("di wilayah", "in region"), "IN_ELECTION": ("dalam pemilihan", "in election"),
    "RESULTED_IN": ("berujung pada", "resulted in"), "SANCTIONED_BY": ("dijatuhkan oleh", "imposed by"),
    "PART_OF": ("bagian dari", "part of"),
    # timeline events (graph/timeline.py EVENT_TYPES; the steps and link types are above)
    "conduct": ("Perbuatan", "Conduct"), "sanction": ("Sanksi", "Sanction"), "document": ("Dokumen", "Document"),
    "named_in_report": ("Disebut dalam laporan", "Named in a report"),
    # kinds of documents
    "CaseDocument": ("Dokumen kasus", "Case document"), "Register": ("Register kasus", "Case register"),
    "Report": ("Laporan pengawasan", "Supervision report"),
}


def translate(text: str, language: str, /, **values) -> str:
    """`text` (Indonesian) in `language`, with `{name}` placeholders filled in."""
    if language == "en":
        text = ENGLISH.get(text, text)
    return text.format(**values) if values else text


def term(value: str | None, language: str) -> str:
    """How a stored value (a status, stage, link type, ...) reads in `language`; unknown values as stored."""
    if value is None:
        return "—"
    names = TERMS.get(value)
    return names[LANGUAGES.index(language)] if names else value


def current_language() -> str:
    return g.get("lang", DEFAULT_LANGUAGE)


def _(text: str, /, **values) -> str:
    return translate(text, current_language(), **values)


def language_url(language: str) -> str:
    """This page in `language`: the same path and parameters, with lang replaced."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [language]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def init_app(app: Flask) -> None:
    @app.before_request
    def choose_language():
        if request.path.startswith("/api/"):
            g.lang = "en"
            return
        asked = request.args.get("lang")
        g.lang = next(code for code in (asked, request.cookies.get(COOKIE), DEFAULT_LANGUAGE) if code in LANGUAGES)

    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in LANGUAGES and asked != request.cookies.get(COOKIE):
            response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
        if not request.path.startswith("/api/"):
            response.vary.add("Cookie")  # the same URL is served in either language
        return response

    @app.context_processor
    def language_helpers():
        language = current_language()
        return {"lang": language, "_": _, "term": lambda value: term(value, language),
                "language_url": language_url, "languages": LANGUAGES}


def reason_in_language(reason: str, patterns) -> str:
    """An English reason sentence, as search gives it, in the page's language: the Indonesian
    text of the first of `patterns` ((compiled regex, text with {group} fields)) that matches it
    whole; one not recognised is shown as written."""
    for pattern, text in patterns:
        found = pattern.fullmatch(reason)
        if found:
            return _(text, **found.groupdict())
    return reason
