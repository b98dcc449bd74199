"""Places of West Sumatra, the province Netra's case records come from.

The province, its 19 regencies and cities and, for each, its districts (kecamatan) as commonly
written. The district lists are typed from public administrative lists and may miss recent
splits; a district not listed is still found through the generic pattern "Kecamatan X".
"""

from __future__ import annotations

from functools import lru_cache

PROVINCE = "Provinsi Sumatera Barat"
PROVINCE_NAMES = ("Provinsi Sumatera Barat", "Prov. Sumatera Barat", "Sumatera Barat", "Provinsi Sumbar",
                  "Prov. Sumbar", "Sumbar")

# Canonical region -> its districts.
REGIONS: dict[str, tuple[str, ...]] = {
    "Kota Padang": ("Bungus Teluk Kabung", "Koto Tangah", "Kuranji", "Lubuk Begalung", "Lubuk Kilangan",
                    "Nanggalo", "Padang Barat", "Padang Selatan", "Padang Timur", "Padang Utara", "Pauh"),
    "Kota Bukittinggi": ("Aur Birugo Tigo Baleh", "Guguk Panjang", "Mandiangin Koto Selayan"),
    "Kota Padang Panjang": ("Padang Panjang Barat", "Padang Panjang Timur"),
    "Kota Pariaman": ("Pariaman Selatan", "Pariaman Tengah", "Pariaman Timur", "Pariaman Utara"),
    "Kota Payakumbuh": ("Lamposi Tigo Nagori", "Payakumbuh Barat", "Payakumbuh Selatan", "Payakumbuh Timur",
                        "Payakumbuh Utara"),
    "Kota Sawahlunto": ("Barangin", "Lembah Segar", "Silungkang", "Talawi"),
    "Kota Solok": ("Lubuk Sikarah", "Tanjung Harapan"),
    "Kabupaten Agam": ("Ampek Angkek", "Ampek Koto", "Banuhampu", "Baso", "Candung", "IV Nagari", "Kamang Magek",
                       "Lubuk Basung", "Malalak", "Matur", "Palembayan", "Palupuh", "Sungai Pua", "Tanjung Mutiara",
                       "Tanjung Raya", "Tilatang Kamang"),
    "Kabupaten Dharmasraya": ("Asam Jujuhan", "Koto Baru", "Koto Besar", "Koto Salak", "Padang Laweh",
                              "Pulau Punjung", "Sembilan Koto", "Sitiung", "Sungai Rumbai", "Timpeh", "Tiumang"),
    "Kabupaten Kepulauan Mentawai": ("Pagai Selatan", "Pagai Utara", "Siberut Barat", "Siberut Barat Daya",
                                     "Siberut Selatan", "Siberut Tengah", "Siberut Utara", "Sikakap",
                                     "Sipora Selatan", "Sipora Utara"),
    "Kabupaten Lima Puluh Kota": ("Akabiluru", "Bukik Barisan", "Guguak", "Gunuang Omeh", "Harau", "Kapur IX",
                                  "Lareh Sago Halaban", "Luak", "Mungka", "Pangkalan Koto Baru",
                                  "Situjuah Limo Nagari", "Suliki"),
    "Kabupaten Padang Pariaman": ("Batang Anai", "Batang Gasan", "Enam Lingkung", "IV Koto Aur Malintang",
                                  "2x11 Enam Lingkung", "2x11 Kayu Tanam", "Lubuk Alung", "Nan Sabaris",
                                  "Padang Sago", "Patamuan", "Sintuk Toboh Gadang", "Sungai Geringging",
                                  "Sungai Limau", "Ulakan Tapakis", "V Koto Kampung Dalam", "V Koto Timur",
                                  "VII Koto Sungai Sariak"),
    "Kabupaten Pasaman": ("Bonjol", "Duo Koto", "Lubuk Sikaping", "Mapat Tunggul", "Mapat Tunggul Selatan",
                          "Padang Gelugur", "Panti", "Rao", "Rao Selatan", "Rao Utara", "Simpang Alahan Mati",
                          "Tigo Nagari"),
    "Kabupaten Pasaman Barat": ("Gunung Tuleh", "Kinali", "Koto Balingka", "Lembah Melintang", "Luhak Nan Duo",
                                "Ranah Batahan", "Sasak Ranah Pasisie", "Sungai Aur", "Sungai Beremas",
                                "Talamau"),
    "Kabupaten Pesisir Selatan": ("Airpura", "Basa Ampek Balai Tapan", "Batang Kapas", "Bayang", "Bayang Utara",
                                  "IV Jurai", "Koto XI Tarusan", "Lengayang", "Linggo Sari Baganti", "Lunang",
                                  "Pancung Soal", "Ranah Ampek Hulu Tapan", "Ranah Pesisir", "Silaut", "Sutera"),
    "Kabupaten Sijunjung": ("Kamang Baru", "Koto VII", "Kupitan", "Lubuk Tarok", "Sumpur Kudus",
                            "Tanjung Gadang"),
    "Kabupaten Solok": ("Bukit Sundi", "Danau Kembar", "Gunung Talang", "Hiliran Gumanti", "IX Koto Sungai Lasi",
                        "Junjung Sirih", "Kubung", "Lembah Gumanti", "Lembang Jaya", "Pantai Cermin",
                        "Payung Sekaki", "Tigo Lurah", "X Koto Diatas", "X Koto Singkarak"),
    "Kabupaten Solok Selatan": ("Koto Parik Gadang Diateh", "Pauh Duo", "Sangir", "Sangir Balai Janggo",
                                "Sangir Batang Hari", "Sangir Jujuan", "Sungai Pagu"),
    "Kabupaten Tanah Datar": ("Batipuh", "Batipuh Selatan", "Lima Kaum", "Lintau Buo", "Lintau Buo Utara",
                              "Padang Ganting", "Pariangan", "Rambatan", "Salimpaung", "Sepuluh Koto",
                              "Sungai Tarab", "Sungayang", "Tanjung Baru", "Tanjung Emas", "X Koto"),
}

# Other spellings of a region's own name ("Limapuluh Kota", "Mentawai").
REGION_VARIANTS = {
    "Kabupaten Lima Puluh Kota": ("Limapuluh Kota", "50 Kota"),
    "Kabupaten Kepulauan Mentawai": ("Mentawai",),
    "Kota Bukittinggi": ("Bukit Tinggi",),
}


def bare_name(region: str) -> str:
    """ "Kabupaten Agam" -> "Agam"."""
    return region.split(" ", 1)[1]


def regions_named(name: str) -> list[str]:
    """Regions whose bare name is `name` (case-insensitive): "Solok" is both a city and a regency."""
    wanted = name.casefold()
    return [region for region in REGIONS
            if bare_name(region).casefold() == wanted
            or wanted in (variant.casefold() for variant in REGION_VARIANTS.get(region, ()))]


@lru_cache(maxsize=1)
def district_regions() -> dict[str, list[str]]:
    """District name (case-folded) -> the regions that have a district of that name."""
    table: dict[str, list[str]] = {}
    for region, districts in REGIONS.items():
        for district in districts:
            table.setdefault(district.casefold(), []).append(region)
    return table

