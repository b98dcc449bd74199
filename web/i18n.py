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
    "{n} hasil untuk “{query}”.": "{n} results for “{query}”.",
    "Grafik: {nodes} simpul, {relationships} relasi.": "Graph: {nodes} nodes, {relationships} relationships.",
    "{n} kasus menerapkan ketentuan ini": "{n} cases apply this provision",
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
    # errors
    "Basis data tidak tersedia": "Database unavailable",
    "Tidak ditemukan": "Not found",
    "Permintaan tidak dapat diproses": "The request cannot be processed",
    "Tidak ada ketentuan {id}.": "No provision {id}.",
    "Tidak ada peraturan {id}.": "No regulation {id}.",
    "Tidak ada kasus {id}.": "No case {id}.",
    "Tidak ada orang atau instansi “{text}”.": "No person or agency “{text}”.",
    "“{text}” cocok dengan {n} entitas: {listed}. Berikan id atau NIP.":
        "“{text}” names {n} entities: {listed}. Give an id or NIP.",
    "a dan b wajib diisi: dua orang atau instansi (id, NIP atau nama).":
        "a and b are required: two persons or agencies (id, NIP or name).",
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
    "Tahapan": "Timeline",
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
