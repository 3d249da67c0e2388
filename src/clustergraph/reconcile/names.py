"""Organisation names made comparable across languages, scripts, capitals and legal forms.

"BIOINDUSTRY PARK SILVANO FUMERO SPA", "Bioindustry Park Silvano Fumero S.p.A." and
"bioindustry park silvano fumero" are one name; so are "Universität Wien" and "University of
Vienna" in their organisation word (not their city: place names are not translated). Folding
removes accents, case and punctuation; legal forms (GmbH, S.p.A., Ltd, SL, ...) are dropped;
the common organisation words of European languages are mapped to one English word; small
words (of, de, der, ...) are dropped. The word lists are the project's own: no library covers
legal forms and organisation words of all EU languages together (``cleanco`` knows legal forms
of company names only, in a few languages).

>>> normalise("BIOINDUSTRY PARK SILVANO FUMERO SPA")
'bioindustry park silvano fumero'
>>> normalise("Bioindustry Park Silvano Fumero S.p.A.")
'bioindustry park silvano fumero'
>>> normalise("Universität Potsdam"), normalise("UNIVERSITAET POTSDAM")
('university potsdam', 'university potsdam')
>>> normalise("Max-Planck-Gesellschaft zur Förderung der Wissenschaften e.V.")
'max planck society forderung wissenschaften'
>>> is_organisation_word("stichting"), is_organisation_word("jean")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Legal forms, folded, as single tokens or token runs (after dots are removed: "s.p.a." -> "spa").
LEGAL_FORMS = _words(
    """
    gmbh ggmbh mbh ag kg kgaa ohg ev eg se ug
    sa sas sasu sarl sca scop sem eurl snc gie
    spa srl srls sapa scarl scrl scpa onlus ets aps
    sl slu sll sau sal sc scoop coop
    bv nv vof cv ua
    vzw asbl aisbl sprl bvba cvba
    ltd limited plc llp llc lp inc incorporated corp corporation co cic
    ab hb kb aps as asa ans ba
    oy oyj ry
    kft zrt nyrt bt kht nonprofit
    sro spol zs vos os
    sp zoo spzoo
    lda sgps crl
    ou mtu uab ab vsi
    ad ood eood et
    doo dd zavod
    amke ike ae oe ee
    ehf hf
    srl sa sca
    pty bhd sdn kk gk
    """
)

# Organisation words of European languages, folded, mapped to one English word.
_CANONICAL = {
    "university": """university universitat universitaet universite universita universidad universidade
        universiteit universitet universitetet uniwersytet univerzita univerzitet univerza yliopisto
        egyetem universitatea universiti panepistimio""",
    "foundation": """foundation fundacion fundacao fondazione fondation stiftung stichting fundacja fundatia
        nadace fond fonds""",
    "institute": """institute institut instituto istituto instytut intezet institutt instituut""",
    "centre": "centre center centro centrum zentrum centar kozpont",
    "association": """association associazione asociacion associacao verein vereniging forening stowarzyszenie
        sdruzeni egyesulet""",
    "society": "society gesellschaft societe societa sociedad sociedade selskab",
    "hospital": "hospital ospedale hopital krankenhaus ziekenhuis szpital nemocnice",
    "agency": "agency agence agenzia agencia agentur agentschap agencja",
    "school": "school ecole scuola escuela escola schule",
    "academy": "academy akademie academie accademia academia akademia",
    "laboratory": "laboratory laboratoire laboratorio labor laboratorium",
    "council": "council consejo consiglio conseil rat raad",
    "chamber": "chamber camara camera chambre kammer kamer",
    "ministry": "ministry ministerio ministere ministero ministerium",
    "national": "national nacional nazionale nationale",
    "research": "research recherche ricerca investigacion forschung onderzoek",
    "technology": "technology technologie tecnologia technologia technologies tecnologias",
    "polytechnic": "polytechnic politecnico polytechnique politecnica politechnika",
}
CANONICAL: dict[str, str] = {word: english for english, words in _CANONICAL.items() for word in words.split()}

# Words that show a name is an organisation's (beyond the lists above), folded.
_MORE_ORGANISATION_WORDS = """
    cluster klaster klastr pole park parc parco parque network alliance federation federacion union
    office services service solutions systems science sciences innovation innovations consulting
    industries industry industrial international european global city municipality comune ayuntamiento
    gemeinde region regional college museum library bank fund trust partners holding enterprise
    enterprises ventures energy engineering group groupe gruppo company compagnie consortium
    consorzio consorcio hub incubator accelerator platform initiative programme program project
    faculty fakulteta department unit team lab labs clinic klinikum medical health care pharma
    biotech bio tech digital green media design studio capital investment impact education
    community communities council organisation organization organizacion gesellschaft vereinigung
    federatie liit liitto asociace zwiazek kozpont agrupacion agrupaciones
"""
ORGANISATION_WORDS = frozenset(LEGAL_FORMS | set(CANONICAL) | _words(_MORE_ORGANISATION_WORDS))

STOPWORDS = _words(
    """
    of the and for in at on to a an
    de del della dei degli delle di da do dos das du des la le les el los las il lo y e et
    der die das des den dem und fur zur zum von vom im am
    van het en voor op
    och for av
    """
)


def fold(text: str) -> str:
    """Accents, case and punctuation removed; dots dropped inside abbreviations.

    >>> fold("S.p.A."), fold("Ca' Foscari  Venezia")
    ('spa', 'ca foscari venezia')
    """
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"(?<=\w)\.(?=\w)", "", plain).replace(".", " ")
    return _NON_WORD.sub(" ", plain).strip()


def _umlauts(word: str) -> str:
    # German names written without umlauts ("UNIVERSITAET") fold like those written with them
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u") if word.endswith(("aet", "uet")) else word


def tokens(name: str) -> list[str]:
    """The name's words after folding, with legal forms and small words removed, organisation
    words in English.

    >>> tokens("EIT DIGITAL HUNGARY NON PROFIT KFT")
    ['eit', 'digital', 'hungary', 'non', 'profit']
    """
    words = [_umlauts(w) for w in fold(name).split()]
    # multi-token legal forms written with spaces ("sp z o o", "s r o", "e v")
    joined = " ".join(words)
    for form in ("sp z o o", "s r o", "e v", "s a", "s l", "b v", "n v", "a s", "s p a", "s r l"):
        if joined.endswith(" " + form):
            joined = joined[: -len(form) - 1]
    words = joined.split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    out = [CANONICAL.get(w, w) for w in words if w not in STOPWORDS]
    return [w for w in out if w] or words


def normalise(name: str) -> str:
    """The comparable form of an organisation name (see the module docs)."""
    return " ".join(tokens(name))


def is_organisation_word(word: str) -> bool:
    """Whether a (folded) word marks a name as an organisation's."""
    return word in ORGANISATION_WORDS
