"""Word lists for synthetic registers: towns of each voivodeship, names, streets, descriptions.

Towns are real; their coordinates are the town centres (checked against the boundaries when the
generator starts). Institution names built from these lists are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    locative: str  # "w Gdańsku": used in institution names
    slug: str  # ASCII, for ids and domains
    postal: tuple[str, int, int]  # "80", 200, 899 -> 80-200 … 80-899
    lat: float
    lon: float
    area: str  # telephone area code


ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ ", "acelnoszzACELNOSZZ-")


def slugify(name: str) -> str:
    """ASCII slug of a Polish name: "Kędzierzyn-Koźle" -> "kedzierzyn-kozle"."""
    return name.translate(ASCII).lower()


def _t(spec: str) -> Town:
    name, locative, postal, lat, lon, area = (p.strip() for p in spec.split("|"))
    prefix, lo, hi = postal.split(":")
    return Town(name, locative, slugify(name), (prefix, int(lo), int(hi)), float(lat),
                float(lon), area)


_TOWNS = {
    "02": """Wrocław|we Wrocławiu|50:100:450|51.1090|17.0330|71
        Wałbrzych|w Wałbrzychu|58:300:316|50.7710|16.2840|74
        Legnica|w Legnicy|59:220:220|51.2070|16.1620|76
        Jelenia Góra|w Jeleniej Górze|58:500:506|50.9040|15.7200|75
        Bielawa|w Bielawie|58:260:260|50.6910|16.6230|74""",
    "04": """Bydgoszcz|w Bydgoszczy|85:001:868|53.1230|18.0080|52
        Toruń|w Toruniu|87:100:100|53.0140|18.5980|56
        Włocławek|we Włocławku|87:800:800|52.6480|19.0680|54
        Grudziądz|w Grudziądzu|86:300:300|53.4840|18.7540|56
        Inowrocław|w Inowrocławiu|88:100:100|52.7930|18.2610|52""",
    "06": """Lublin|w Lublinie|20:001:952|51.2460|22.5680|81
        Zamość|w Zamościu|22:400:400|50.7230|23.2520|84
        Chełm|w Chełmie|22:100:100|51.1430|23.4720|82
        Puławy|w Puławach|24:100:100|51.4170|21.9690|81
        Biała Podlaska|w Białej Podlaskiej|21:500:500|52.0320|23.1160|83""",
    "08": """Zielona Góra|w Zielonej Górze|65:001:970|51.9360|15.5060|68
        Gorzów Wielkopolski|w Gorzowie Wielkopolskim|66:400:400|52.7330|15.2370|95
        Nowa Sól|w Nowej Soli|67:100:100|51.8030|15.7170|68
        Żary|w Żarach|68:200:200|51.6420|15.1370|68
        Świebodzin|w Świebodzinie|66:200:200|52.2470|15.5330|68""",
    "10": """Łódź|w Łodzi|90:001:999|51.7590|19.4560|42
        Piotrków Trybunalski|w Piotrkowie Trybunalskim|97:300:300|51.4050|19.7030|44
        Skierniewice|w Skierniewicach|96:100:100|51.9550|20.1580|46
        Kutno|w Kutnie|99:300:300|52.2310|19.3640|24
        Sieradz|w Sieradzu|98:200:200|51.5960|18.7300|43""",
    "12": """Kraków|w Krakowie|30:001:999|50.0620|19.9370|12
        Tarnów|w Tarnowie|33:100:100|50.0120|20.9860|14
        Nowy Sącz|w Nowym Sączu|33:300:300|49.6250|20.6910|18
        Oświęcim|w Oświęcimiu|32:600:600|50.0340|19.2100|33
        Nowy Targ|w Nowym Targu|34:400:400|49.4780|20.0320|18""",
    "14": """Warszawa|w Warszawie|00:001:999|52.2300|21.0120|22
        Radom|w Radomiu|26:600:600|51.4030|21.1470|48
        Płock|w Płocku|09:400:400|52.5470|19.7060|24
        Siedlce|w Siedlcach|08:110:110|52.1680|22.2900|25
        Ostrołęka|w Ostrołęce|07:410:410|53.0860|21.5750|29""",
    "16": """Opole|w Opolu|45:001:940|50.6750|17.9210|77
        Kędzierzyn-Koźle|w Kędzierzynie-Koźlu|47:220:220|50.3500|18.2100|77
        Nysa|w Nysie|48:300:300|50.4750|17.3340|77
        Brzeg|w Brzegu|49:300:300|50.8610|17.4670|77
        Krapkowice|w Krapkowicach|47:300:300|50.4750|17.9660|77""",
    "18": """Rzeszów|w Rzeszowie|35:001:959|50.0410|21.9990|17
        Przemyśl|w Przemyślu|37:700:700|49.7840|22.7680|16
        Krosno|w Krośnie|38:400:400|49.6890|21.7710|13
        Stalowa Wola|w Stalowej Woli|37:450:450|50.5830|22.0540|15
        Mielec|w Mielcu|39:300:300|50.2870|21.4240|17""",
    "20": """Białystok|w Białymstoku|15:001:950|53.1330|23.1690|85
        Suwałki|w Suwałkach|16:400:400|54.1120|22.9310|87
        Łomża|w Łomży|18:400:400|53.1780|22.0590|86
        Hajnówka|w Hajnówce|17:200:200|52.7430|23.5810|85
        Augustów|w Augustowie|16:300:300|53.8440|22.9800|87""",
    "22": """Gdańsk|w Gdańsku|80:001:958|54.3520|18.6460|58
        Gdynia|w Gdyni|81:001:597|54.5190|18.5310|58
        Słupsk|w Słupsku|76:200:200|54.4640|17.0290|59
        Starogard Gdański|w Starogardzie Gdańskim|83:200:200|53.9650|18.5300|58
        Chojnice|w Chojnicach|89:600:600|53.6960|17.5570|52""",
    "24": """Katowice|w Katowicach|40:001:999|50.2650|19.0240|32
        Bytom|w Bytomiu|41:900:940|50.3480|18.9160|32
        Częstochowa|w Częstochowie|42:200:226|50.8120|19.1200|34
        Bielsko-Biała|w Bielsku-Białej|43:300:382|49.8220|19.0580|33
        Gliwice|w Gliwicach|44:100:164|50.2950|18.6710|32""",
    "26": """Kielce|w Kielcach|25:001:900|50.8660|20.6290|41
        Ostrowiec Świętokrzyski|w Ostrowcu Świętokrzyskim|27:400:400|50.9290|21.3850|41
        Starachowice|w Starachowicach|27:200:200|51.0370|21.0710|41
        Skarżysko-Kamienna|w Skarżysku-Kamiennej|26:110:110|51.1130|20.8600|41
        Busko-Zdrój|w Busku-Zdroju|28:100:100|50.4700|20.7190|41""",
    "28": """Olsztyn|w Olsztynie|10:001:900|53.7780|20.4800|89
        Elbląg|w Elblągu|82:300:300|54.1560|19.4050|55
        Ełk|w Ełku|19:300:300|53.8280|22.3650|87
        Giżycko|w Giżycku|11:500:500|54.0380|21.7650|87
        Iława|w Iławie|14:200:200|53.5960|19.5690|89""",
    "30": """Poznań|w Poznaniu|60:001:999|52.4060|16.9250|61
        Kalisz|w Kaliszu|62:800:800|51.7610|18.0910|62
        Konin|w Koninie|62:500:510|52.2230|18.2510|63
        Piła|w Pile|64:920:920|53.1510|16.7380|67
        Gniezno|w Gnieźnie|62:200:200|52.5350|17.5830|61""",
    "32": """Szczecin|w Szczecinie|70:001:899|53.4290|14.5530|91
        Koszalin|w Koszalinie|75:001:900|54.1940|16.1720|94
        Stargard|w Stargardzie|73:110:110|53.3370|15.0500|91
        Szczecinek|w Szczecinku|78:400:400|53.7080|16.6990|94
        Wałcz|w Wałczu|78:600:600|53.2710|16.4700|67""",
}

TOWNS: dict[str, tuple[Town, ...]] = {
    teryt: tuple(_t(line) for line in block.splitlines()) for teryt, block in _TOWNS.items()
}

STREETS = (
    "ul. Kościuszki", "ul. Mickiewicza", "ul. Słowackiego", "ul. Sienkiewicza", "ul. Szkolna",
    "ul. Kolejowa", "ul. Ogrodowa", "ul. Lipowa", "ul. Wojska Polskiego", "ul. 3 Maja",
    "ul. Konopnickiej", "ul. Żeromskiego", "ul. Długa", "ul. Spółdzielcza", "ul. Armii Krajowej",
    "ul. Kopernika", "ul. Reymonta", "ul. Chopina", "ul. Parkowa", "ul. Kasztanowa",
    "pl. Wolności", "Rynek", "ul. Jana Pawła II", "ul. Piastowska", "ul. Młyńska",
)

CLUB_WORDS = (
    "Przystań", "Nowy Start", "Szansa", "Krok Dalej", "Razem", "Most", "Nadzieja", "Kotwica",
    "Latarnia", "Wspólny Dom", "Drugi Brzeg", "Horyzont", "Kompas", "Promyk", "Azymut",
    "Otwarte Drzwi", "Spinacz", "Warsztat", "Pomost", "Przełom",
)

NGO_FORMS = ("Stowarzyszenie", "Fundacja", "Stowarzyszenie na Rzecz Integracji Społecznej")

OPS_NAMES = (
    "Miejski Ośrodek Pomocy Społecznej",
    "Miejski Ośrodek Pomocy Rodzinie",
    "Ośrodek Pomocy Społecznej",
    "Centrum Usług Społecznych",
)

PATRONS = ("św. Józefa", "św. Wojciecha", "Najświętszej Maryi Panny", "św. Jadwigi",
           "Miłosierdzia Bożego", "św. Brata Alberta")

SERVICE_NOTES = (
    "raz w tygodniu", "dwa razy w tygodniu", "po wcześniejszym umówieniu",
    "we współpracy z PUP", "we współpracy z OPS", "w siedzibie klubu", "dyżur w każdy czwartek",
    "zajęcia w małych grupach", "na podstawie umowy ze specjalistą",
)
