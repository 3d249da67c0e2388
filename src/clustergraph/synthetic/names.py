"""Plausible organisation names in several languages, drawn from a seeded random source.

Each function returns the English label and, where the country has another language, a label
in that language (Japanese in katakana, Chinese in hanzi, European languages in their own words).

>>> import random
>>> en, local = company_name(random.Random(1), "JP")
>>> local[1]
'ja'
>>> en, local = company_name(random.Random(1), "US")
>>> local is None
True
"""

from __future__ import annotations

import random

#: The language of labels for a country's organisations (English otherwise).
LANGUAGE = {
    "DE": "de", "AT": "de", "CH": "de", "IT": "it", "FR": "fr", "BE": "fr", "ES": "es",
    "MX": "es", "AR": "es", "JP": "ja", "CN": "zh", "TW": "zh", "SI": "sl", "NL": "nl",
    "PT": "pt", "BR": "pt", "SE": "sv", "PL": "pl",
}

_STEMS = ("nova", "gen", "bio", "thera", "medi", "cyto", "vita", "neuro", "onco", "immu",
          "pharma", "axo", "lumi", "sana", "cura", "helix", "orga", "vax", "derm", "card")
_ENDS = ("gen", "tec", "cure", "med", "lab", "vance", "sys", "nix", "bio", "gene", "cell", "x")
_SUFFIX = {"de": "GmbH", "it": "S.r.l.", "fr": "SAS", "es": "S.L.", "nl": "B.V.", "sv": "AB",
           "pt": "Lda.", "pl": "sp. z o.o.", "sl": "d.o.o."}
_KIND_EN = ("Biotech", "Therapeutics", "Pharma", "Diagnostics", "Medical", "Bioscience", "Health")
_KANA = {"ka": "カ", "ki": "キ", "ko": "コ", "sa": "サ", "shi": "シ", "ta": "タ", "to": "ト",
         "na": "ナ", "no": "ノ", "ma": "マ", "mi": "ミ", "ra": "ラ", "ri": "リ", "ro": "ロ",
         "ya": "ヤ", "yo": "ヨ", "se": "セ", "ne": "ネ"}
_HANZI = {"hua": "华", "xin": "新", "kang": "康", "tai": "泰", "sheng": "生", "yuan": "元",
          "bo": "博", "ming": "明", "heng": "恒", "rui": "瑞", "da": "达", "an": "安",
          "jia": "嘉", "tian": "天", "hai": "海", "long": "隆"}
_KANA_KEYS = tuple(_KANA)
_HANZI_KEYS = tuple(_HANZI)
_CLUSTER = {
    "en": "{name} Life Sciences Cluster ({region})",
    "de": "{name} Life-Science-Cluster {region}",
    "it": "Cluster Scienze della Vita {name} ({region})",
    "fr": "Pôle Santé {name} ({region})",
    "es": "Clúster de Ciencias de la Vida {name} ({region})",
    "ja": "{name}ライフサイエンスクラスター（{region}）",
    "zh": "{name}生命科学产业集群（{region}）",
}
_UNIVERSITY = {
    "en": "{region} University of {name} Health Sciences",
    "de": "Universität {name} {region}",
    "it": "Università {name} di {region}",
    "fr": "Université {name} {region}",
    "es": "Universidad {name} de {region}",
    "ja": "{name}大学（{region}）",
    "zh": "{name}大学（{region}）",
}


def _latin(rng: random.Random) -> str:
    return (rng.choice(_STEMS) + rng.choice(_ENDS)).capitalize()


def _stem(rng: random.Random, language: str | None) -> tuple[str, str]:
    """A name stem in Latin letters and its local spelling."""
    if language == "ja":
        keys = [rng.choice(_KANA_KEYS) for _ in range(rng.randint(2, 3))]
        return "".join(keys).capitalize(), "".join(_KANA[k] for k in keys)
    if language == "zh":
        keys = [rng.choice(_HANZI_KEYS) for _ in range(2)]
        return "".join(keys).capitalize(), "".join(_HANZI[k] for k in keys)
    name = _latin(rng)
    return name, name


def company_name(rng: random.Random, country: str) -> tuple[str, tuple[str, str] | None]:
    """An English company name and, for a non-English country, ``(local name, language)``."""
    language = LANGUAGE.get(country)
    latin, local = _stem(rng, language)
    kind = rng.choice(_KIND_EN)
    if language == "ja":
        return f"{latin} {kind} K.K.", (f"{local}バイオ株式会社", "ja")
    if language == "zh":
        return f"{latin} {kind} Co., Ltd.", (f"{local}生物科技有限公司", "zh")
    if language is None:
        return f"{latin} {kind} {rng.choice(('Inc.', 'Ltd.', 'LLC'))}", None
    name = f"{local} {kind} {_SUFFIX.get(language, '')}".strip()
    return name, (name, language)


def _templated(
    table: dict[str, str], rng: random.Random, country: str, region: str
) -> tuple[str, tuple[str, str] | None]:
    language = LANGUAGE.get(country)
    latin, local = _stem(rng, language)
    english = table["en"].format(name=latin, region=region)
    if language is None or language not in table:
        return english, None
    return english, (table[language].format(name=local, region=region), language)


def cluster_name(
    rng: random.Random, country: str, region: str
) -> tuple[str, tuple[str, str] | None]:
    """The name of a cluster organisation in ``region``, in English and the local language."""
    return _templated(_CLUSTER, rng, country, region)


def university_name(
    rng: random.Random, country: str, region: str
) -> tuple[str, tuple[str, str] | None]:
    """The name of a university in ``region``, in English and the local language."""
    return _templated(_UNIVERSITY, rng, country, region)
