"""Role claims, who holds which post ("defence minister Rustem Umerov"), and the named people of a sentence; the
groups they head or belong to are read by :mod:`factcheck.claims.groups`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from factcheck.claims import wordnet
from factcheck.claims.bodies import post_body
from factcheck.claims.gazetteer import country_key, is_country
from factcheck.claims.groups import group_claims
from factcheck.claims.lexicon import HOLDING_VERBS, POST_NOUNS, ROLE_HEADS, SERVING_VERBS, TENURE_WORDS
from factcheck.claims.model import Attribution, GroupClaim, RoleClaim
from factcheck.claims.names import HONORIFICS, PersonName, party_key, person_name
from factcheck.claims.party_marks import mark_tokens
from factcheck.claims.political import organisation_side, party_of
from factcheck.claims.syntax import parties_in

#: Posts one person holds at a time (of one country or body): a source naming another holder conflicts with the
#: claim's. Others are held by many at once ("a Trump adviser", "a Kremlin spokesman", every post found only
#: through WordNet: lawyer, senator, physician), so another holder is no conflict.
SINGLE_HOLDER_POSTS = ROLE_HEADS - frozenset(
    "spokesman spokeswoman spokesperson aide adviser advisor envoy negotiator representative deputy official "
    "general commander ambassador".split()
)
# Kinds of person that are a post or an occupation (WordNet's first noun sense of a word is one of them, or a
# kind of one): "lawyer", "physician", "senator", "nominee", "judge", "officer"; not what someone is to another
# or by circumstance ("friend", "wife", "victim", "resident", "voter"), which no outlet reports as a title.
_POST_KINDS = ("professional", "leader", "worker", "official", "advocate", "communicator", "authority")
_ROLE_SPELLINGS = [
    (re.compile(p, re.I), r)
    for p, r in [
        (r"\bdefense\b", "defence"),
        (r"\bgov\.?(?=\s|$)", "governor"),
        (r"\badvisor\b", "adviser"),
        (r"\bspokes(?:wo)?man\b|\bspokesperson\b", "spokesperson"),
        (r"\bsec\.\s", "secretary "),
    ]
]
_ROLE_STOP = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "by", "with", "and", ",", "said"})


def normalize_role(text: str) -> str:
    role = text.lower().strip(" ,.")
    for pattern, replacement in _ROLE_SPELLINGS:
        role = pattern.sub(replacement, role)
    return re.sub(r"\s+", " ", role).strip()


def people_claims(
    sentence: Span, attribution: Attribution | None, previous_group: str | None
) -> tuple[list[RoleClaim], list[GroupClaim], str | None]:
    """Role and group claims of a sentence, and the group it speaks of (for 'It also includes' next)."""
    roles: list[RoleClaim] = []
    # A political party is no owner of a post (the Republican majority leader's post is the House's): a person's
    # party is read apart, by factcheck.claims.affiliations.
    sentence_parties = parties_in(sentence, political=False)
    holders: dict[int, tuple[PersonName, str, int]] = {}  # root token index -> (name, holder text, start)
    for entity in person_spans(sentence):
        name = person_name(entity.text)
        if name is None:
            continue
        role_tokens, party = _role_before(entity)
        titled = bool(role_tokens)
        if not role_tokens:
            role_tokens, party = _role_in_apposition(entity)
        past = served = False
        if not role_tokens:
            role_tokens, party = _role_by_copula(entity)
            # "Johnson was prime minister": a post held before, like "former prime minister Johnson"
            verb = copula(entity)
            if not role_tokens:
                role_tokens, party, verb = _role_served(entity)
                served = bool(role_tokens)
            past = bool(role_tokens) and verb is not None and verb.tag_ == "VBD"
            if past and verb is not None and _dated(verb):
                # "Roal was president from 2006 to 2010": the dates are the news, and a role has none
                role_tokens, party = [], None
        if not role_tokens and (held := _post_by_verb(entity)) is not None:
            roles.append(_verbal_role(sentence, entity, name, attribution, *held))
            continue
        start = min([entity.start_char, *[t.idx for t in role_tokens]]) - sentence.start_char
        end = max([entity.end_char, *[t.idx + len(t) for t in role_tokens]]) - sentence.start_char
        holder_text = sentence.text[start:end]
        holders[entity.root.i] = (name, holder_text, start)
        if not role_tokens:
            continue
        role_words = [
            spelled_out(t.text) or t.text
            for t in role_tokens
            if (
                party is None
                or t.ent_type_ == ""
                or party not in (party_key(t.text), owner_key([t]), organisation_side(t.text))
            )
            # "a 21-year veteran": how long is a figure of its own, not part of the post's name
            and not (t.like_num or t.text == "-" or any(c.like_num for c in t.children))
            # "GOP Gov.", "Democratic state Rep.": the party is no part of the post; but "the top Democrat on the
            # Intelligence Committee" holds a post in that body
            and (party_of(t.text) is None or any(c.dep_ == "prep" and c.lower_ in {"on", "in"} for c in t.children))
        ]
        role = normalize_role(" ".join(w for w in role_words if w.lower() not in _ROLE_STOP))
        if not role or not any(is_post(word, any_sense=(served and " " in role) or titled) for word in role.split()):
            continue
        if past and not set(role.split()) & TENURE_WORDS:
            role = "former " + role
        body = post_body(sentence, role_tokens, party, titled)
        if party is None and len(sentence_parties) == 1:
            party = sentence_parties[0]  # the only party the sentence names: "the Ukrainian side ... minister X"
        roles.append(
            RoleClaim(
                start=start,
                end=end,
                text=sentence.text[start:end],
                attribution=attribution,
                person=name,
                role=role,
                party=party,
                body=body,
                titled=titled,
            )
        )
    groups, group = group_claims(sentence, attribution, holders, previous_group)
    for index, role_claim in enumerate(roles):
        if role_claim.party is None:  # a delegation's head or member serves that delegation's side
            side = next((g.group.rsplit(" ", 1)[0] for g in groups if g.person == role_claim.person), None)
            if side is not None:
                roles[index] = replace(role_claim, party=side)
    return roles, groups, group


_ORGANISATION_WORDS = frozenset(
    "ministry office cross crescent nations union council agency service army forces government committee "
    "party bank court police university company corporation group news times post".split()
)


def person_spans(sentence: Span) -> list[Span]:
    """PERSON entities, plus capitalised name chains the small NER model mislabels or misses ('Lidia Marek'
    tagged ORG, 'Ivo Sarkan' untagged) when they stand where a person stands (subject, object, apposition).

    Several readings of a sentence ask for its people; the answer is kept with the Doc (as token offsets, which
    pickle with it) so that it is worked out once."""
    key = f"factcheck.person_spans:{sentence.start}:{sentence.end}"
    bounds = sentence.doc.user_data.get(key)
    if bounds is None:
        bounds = tuple((span.start, span.end) for span in _person_spans(sentence))
        sentence.doc.user_data[key] = bounds
    return [sentence.doc[start:end] for start, end in bounds]


def _person_spans(sentence: Span) -> list[Span]:
    spans = [e for e in sentence.ents if e.label_ == "PERSON" and not is_country(e.text)]
    # The small NER model often calls unfamiliar names ORG, PRODUCT or WORK_OF_ART; only entity types that are
    # clearly not people (places, nationalities, dates, numbers) keep a chain from being read as a name.
    not_people = {"GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"}
    taken = {t.i for e in sentence.ents if e.label_ in not_people for t in e}
    taken |= {t.i for e in spans for t in e} | mark_tokens(sentence)  # "(R-Tenn.)": a party and a state
    # A capitalised word the entity recogniser marks as a name is one, whatever the tagger says: "Weiner" opening
    # "Weiner is 48 years old" is tagged a common noun (a sausage) and recognised as an organisation.
    named = {t.i for e in sentence.ents for t in e if t.text[:1].isupper()}
    doc = sentence.doc
    index = sentence.start
    while index < sentence.end:
        if not _name_word(doc[index], named) or index in taken:
            index += 1
            continue
        end = index
        while end + 1 < sentence.end and _name_word(doc[end + 1], named) and end + 1 not in taken:
            end += 1
        chain = doc[index : end + 1]
        words = [t.lower_.rstrip(".") for t in chain]
        root = chain.root
        # "the White House", "the Kremlin": a name written with the article is a place or a body, not a person
        after_article = index > sentence.start and doc[index - 1].lower_ == "the"
        if (
            not after_article
            and root.dep_ in {"nsubj", "nsubjpass", "attr", "pobj", "appos", "dobj", "conj"}
            and not _ORGANISATION_WORDS & set(words)
            and not _a_body(chain)
            and not is_country(chain.text)
            and len(chain) <= 4
            and any(t.text[:1].isupper() and t.lower_.rstrip(".") not in HONORIFICS for t in chain)
        ):
            spans.append(chain)
        index = end + 1
    return sorted(spans, key=lambda s: s.start)


def _a_body(chain: Span) -> bool:
    """A one-word name the recogniser reads as an organisation and WordNet first knows as a body of people
    ("Congress", "Parliament"): an institution, not a person's surname."""
    if len(chain) != 1 or chain[0].ent_type_ != "ORG":
        return False
    found = wordnet.synsets(chain[0].lower_, "n")
    return bool(found) and found[0].lexname == "noun.group"


def _name_word(token: Token, named: set[int]) -> bool:
    return token.pos_ == "PROPN" or token.i in named


def _names_post(token: Token) -> bool:
    return token.lower_.rstrip(".") == "gov" or (
        token.ent_type_ != "PERSON"
        and (is_post(token.lower_, any_sense=_title_word(token)) or bool(spelled_out(token.text)))
    )


def _title_word(token: Token) -> bool:
    """A capitalised noun ending a title of several capitalised words before a name ("House Majority Whip Kevin
    McCarthy"): a post in any of its senses. Not a lone word before the name ("Father Ciro Benedettini": an
    honorific, or a kinship) nor the sentence's first word."""
    if not (token.is_title and token.pos_ in {"NOUN", "PROPN"}) or token.i <= token.sent.start:
        return False
    before = token.doc[token.i - 1]
    return before.is_title and before.pos_ in {"NOUN", "PROPN", "ADJ"}


def _role_before(entity: Span) -> tuple[list[Token], str | None]:
    """'Kremlin spokesman Dmitry Peskov', 'US secretary of state Marco Rubio', 'Regional Gov. Tomas Orlen'."""
    tokens: list[Token] = []
    index = entity.start - 1
    doc = entity.doc
    if (index >= entity.sent.start and doc[index].lower_ == "of") or (
        entity.root.dep_ == "pobj" and entity.root.head.lower_ == "of"
    ):
        # "team leader of Keller Williams", "the lawyer of Mara Quist": the name is what the post belongs to
        return [], None
    while index >= entity.sent.start:
        token = doc[index]
        if token.lower_ in _ROLE_STOP or (token.is_punct and token.text not in {"."}) or token.pos_ in {"VERB", "AUX"}:
            break
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "ADP"} and token.text != ".":
            break
        if token.pos_ == "ADP" and token.lower_ != "of":
            break
        if (
            token.lower_.rstrip(".") in HONORIFICS
            and token.lower_.rstrip(".") not in ROLE_HEADS | {"gov"}
            and not _ends_compound_post(token)
        ):
            index -= 1  # "Dr." before the name is a title, not a role
            continue
        tokens.insert(0, token)
        index -= 1
    while tokens and tokens[0].pos_ == "ADP":
        tokens.pop(0)
    # "a largely unwinnable war of President Obama's choosing": the words before "of" are another noun's unless they
    # name a post themselves ("secretary of state Marco Rubio")
    of = next((k for k, t in enumerate(tokens) if t.lower_ == "of"), None)
    if of is not None and not any(_names_post(t) for t in tokens[:of]):
        tokens = tokens[of + 1 :]
    if not any(_names_post(t) for t in tokens):
        return [], None
    # a nation, as a name, adjective or demonym ("US", which the recogniser may call a body), or a body that
    # stands for one ("Kremlin spokesman") or is a side of its own ("UN envoy")
    party = next(
        (
            (organisation_side(t.text) if t.ent_type_ == "ORG" else None) or party_key(t.text)
            for t in tokens
            if (t.ent_type_ in {"NORP", "GPE"} and party_of(t.text) is None)
            or country_key(t.text) is not None
            or (t.ent_type_ == "ORG" and organisation_side(t.text) is not None)
        ),
        None,
    )
    if party is None:  # "Heller attorney Mara Quist": the person whose lawyer this is
        party = next((owner_key([t]) for t in tokens if t.ent_type_ == "PERSON"), None)
    if party is None and index >= entity.sent.start and doc[index].dep_ == "case" and index > 0:
        party = party_key(doc[index - 1].text)  # "Osterland's foreign minister"
    return tokens, party


def _ends_compound_post(honorific: Token) -> bool:
    """An honorific that ends a post WordNet names with the word before it ("Chief Justice Roberts": the chief
    justice, not a chief called Justice Roberts)."""
    if honorific.i <= honorific.sent.start:
        return False
    before = honorific.doc[honorific.i - 1]
    return before.is_alpha and is_post(f"{before.lower_}_{honorific.lower_.rstrip('.')}")


def _role_in_apposition(entity: Span) -> tuple[list[Token], str | None]:
    """'Dr Karin Holmqvist, Osterland's foreign minister,' and 'Sofia Lenn, a spokeswoman for the Red Cross'."""
    root = entity.root
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
        # "The lawyer for Mrs. Heller, Mara Quist,": the parser hangs the name on the nearest noun, the owner; a
        # name stands in apposition to the post, not to another name or a body ("a spokeswoman for the Red Cross")
        owner = root.head
        if owner.dep_ == "pobj" and owner.head.lower_ in {"for", "of"} and owner.head.dep_ == "prep":
            candidates.append(owner.head.head)
    # "Ryan, a Catholic and chairman of the House Budget Committee": the post may be the second of two nouns
    candidates += [c for noun in list(candidates) for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    for noun in candidates:
        if not is_post(noun.lower_.rstrip(".")) or _listed_apart(entity, noun):
            continue
        return _role_phrase(noun, entity)
    return [], None


def _listed_apart(entity: Span, noun: Token) -> bool:
    """'Tom Brady, George Clooney, James Bond, the president have nothing on him': other names listed between a
    name and a post make them items of a list, whatever the parser hangs the post on; so does a semicolon, which
    separates items ("with Mr. Clapper; the F.B.I. director, Robert S. Mueller III; and ..."). No post of the name."""
    low, high = (entity.end, noun.i) if noun.i >= entity.end else (noun.i + 1, entity.start)
    return any(
        t.text == ";"
        # a name with its "'s" owns the post ("Ivo Marek, Sarkan's chief of staff"), however it was parsed
        or (
            t.pos_ == "PROPN"
            and t.dep_ in {"conj", "appos"}
            and t.ent_type_ != "NORP"  # "Ryan, a Catholic and chairman of ...": a faith or a nation names no one
            and not any(c.dep_ == "case" for c in t.children)
        )
        for t in entity.doc[low:high]
    )


def _role_by_copula(entity: Span) -> tuple[list[Token], str | None]:
    """'Rustem Umerov is Ukraine's defence minister', 'The defence minister of Ukraine is Rustem Umerov' and
    'Oren Falk, who was the party's nominee in 2000, ...'."""
    verb = copula(entity)
    if verb is None:
        return [], None
    root = entity.root
    other = next((c for c in verb.children if c.dep_ in {"nsubj", "attr"} and c.i != root.i and c.tag_ != "WP"), None)
    if other is None or not is_post(other.lower_):
        return [], None
    return _role_phrase(other, entity)


def _role_served(entity: Span) -> tuple[list[Token], str | None, Token | None]:
    """'Lieberman served as Connecticut's attorney general', 'Vasko works as a lawyer': the post held, as after
    'is', with the verb that tells whether it is held still."""
    verb = _linking_verb(entity, SERVING_VERBS | HOLDING_VERBS)
    if verb is None:
        return [], None, None
    if verb.lemma_ in HOLDING_VERBS:
        # "holds the post of House majority whip": the post is what the post noun is "of"
        held = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in POST_NOUNS), None)
        as_ = next((c for c in held.children if c.dep_ == "prep" and c.lower_ == "of"), None) if held else None
    else:
        as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    post = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    # a post in any of its senses where its words name one kind of it ("House majority whip"), not alone ("a whip")
    if post is None or not is_post(post.lower_, any_sense=any(c.dep_ in {"compound", "amod"} for c in post.children)):
        return [], None, None
    tokens, party = _role_phrase(post, entity)
    return tokens, party, verb


def _post_by_verb(entity: Span) -> tuple[str, Span] | None:
    """The post a person holds told by a verb WordNet derives a post from, and the organisation its object names:
    "Reince Priebus chairs the Wisconsin Republican Party" (chair -> chairman), "Vasko heads the Velmar Tenants
    Union". Only the verb's commonest sense, and only an object the recogniser names as an organisation."""
    verb = entity.root.head
    if entity.root.dep_ != "nsubj" or verb.pos_ != "VERB":
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None:
        return None
    organisation = next((e for e in entity.doc.ents if e.root.i == thing.i), None)
    if organisation is None or organisation.label_ != "ORG":
        return None
    post = post_of_verb(verb.lemma_.lower())
    if post is None:
        return None
    return ("former " + post if verb.tag_ == "VBD" else post), organisation  # "chaired": held before, as "was"


@lru_cache(maxsize=4096)
def post_of_verb(lemma: str) -> str | None:
    """The post a verb's commonest sense is the act of (WordNet's derived person noun that names a post), written
    as the verb is where WordNet offers such a word ("chair": chairman, not president)."""
    senses = wordnet.senses(lemma, "v")
    if not senses:
        return None
    words = [
        w.replace("_", " ")
        for noun in wordnet.related(senses[0], "+", "n")
        if noun.lexname == "noun.person"
        for w in noun.words
        if is_post(w.replace("_", " "))
    ]
    return next((w for w in words if w.startswith(lemma)), words[0] if words else None)


def _verbal_role(
    sentence: Span, entity: Span, name: PersonName, attribution: Attribution | None, post: str, organisation: Span
) -> RoleClaim:
    words = [t for t in organisation if t.lower_ != "the"]
    start = entity.start_char - sentence.start_char
    end = organisation.end_char - sentence.start_char
    return RoleClaim(
        start=start,
        end=end,
        text=sentence.text[start:end],
        attribution=attribution,
        person=name,
        role=normalize_role(post),
        party=owner_key(words),
        body=" ".join(t.text for t in words),
    )


def _dated(verb: Token) -> bool:
    """Whether a clause says when (a date in it outside the role phrase: 'was president from 2006 to 2010')."""
    return any(t.ent_type_ == "DATE" for c in verb.children if c.dep_ in {"prep", "npadvmod"} for t in c.subtree)


def copula(entity: Span) -> Token | None:
    """The 'be' that links a name to what it is: its own verb, or that of a relative clause on it ('X, who was')."""
    return _linking_verb(entity, frozenset({"be"}))


def _linking_verb(entity: Span, lemmas: frozenset[str]) -> Token | None:
    """A verb of ``lemmas`` said of a name: its own verb, or that of a relative clause on it ('X, who served')."""
    root = entity.root
    if root.dep_ in {"nsubj", "attr"} and root.head.lemma_ in lemmas:
        return root.head
    return next(
        (
            c
            for c in root.children
            if c.dep_ == "relcl"
            and c.lemma_ in lemmas
            and any(w.dep_ == "nsubj" and w.tag_ == "WP" for w in c.children)
        ),
        None,
    )


def _role_phrase(noun: Token, entity: Span) -> tuple[list[Token], str | None]:
    """The words of a role noun phrase, and the party that owns it (possessive, nationality, 'of/for X')."""
    owner_tokens: list[Token] = []
    for child in noun.children:
        owns = child.ent_type_ in {"NORP", "GPE"} and child.i < noun.i and party_of(child.text) is None
        if (child.dep_ == "poss" and child.pos_ != "PRON") or owns:
            # "his policy director": whose, the sentence alone does not say
            owner_tokens = [t for t in child.subtree if t.dep_ != "case"]
        elif child.dep_ == "prep" and child.lower_ in {"of", "for"} and not owner_tokens:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ or pobj.pos_ == "PROPN"):
                # without the holder's own name where the parser hung it on the owner ("for Mrs. Heller, Mara Quist")
                marked = mark_tokens(noun.sent)  # "for Rep. Stephen Fincher (R-Tenn.)" is Fincher's
                owner_tokens = [
                    t
                    for t in (child, *pobj.subtree)
                    if not (entity.start <= t.i < entity.end) and not t.is_punct and t.i not in marked
                ]
    if not owner_tokens:
        # "Bob Haueter, Farenthold's chief of staff": the parser may hang the owner on the name beside the post,
        # keeping its "'s" as the word just before the post's phrase.
        first = min((t.i for t in noun.subtree), default=noun.i)
        case = noun.doc[first - 1] if first > 0 else None
        if case is not None and case.tag_ == "POS" and case.head.i == case.i - 1 and case.head.i != noun.i:
            owner_tokens = [case.head]
    owned = {t.i for t in owner_tokens}
    # "a lawyer and chairman of the union": the second post, with its "of", is another post of the person
    owned |= {t.i for c in noun.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    words = [
        t
        for t in noun.subtree
        if t.i not in owned and t.dep_ not in {"det", "punct", "case"} and not (entity.start <= t.i < entity.end)
    ]
    # "secretary of state": what follows the noun, up to the phrase's first punctuation ("then the director of the
    # C.I.A., and his deputy, ..., over how much to disclose in the talking points" is the director of the C.I.A.)
    stop = next((t.i for t in noun.doc[noun.i + 1 : noun.sent.end] if t.is_punct), noun.sent.end)
    words = [t for t in words if t.i <= noun.i or (t.dep_ in {"prep", "pobj"} and t.i < stop)]
    # a word of tenure just before the phrase, which the parser may hang on the name ("Petraeus, then the director")
    first = min((t.i for t in noun.subtree), default=noun.i)
    before = noun.doc[first - 1] if first > noun.sent.start else None
    if before is not None and before.lower_ in TENURE_WORDS and all(t.i != before.i for t in words):
        words = [before, *words]
    owner = [t for t in owner_tokens if t.lower_ not in {"of", "for", "the"}]
    if not any(t.pos_ == "PROPN" or t.ent_type_ for t in owner):
        # "the group's executive director", "the governor's deputy chief of staff": whose, only the story says
        return words, None
    return words, owner_key(owner)


def owner_key(tokens: list[Token]) -> str:
    """The key of whoever a post belongs to: a country or organisation (``party_key``), or a person by surname
    ("Tomas Heller's lawyer", "Heller attorney" and "the lawyer for Mr. Heller" are one client's)."""
    text = " ".join(t.text for t in tokens)
    if any(t.ent_type_ == "PERSON" for t in tokens) and (name := person_name(text)) is not None:
        # Keyed by the surname as written, so an owner the NER model left untagged ("Heller's") is the same key.
        return party_key(name.display.split()[-1])
    return party_key(text)


@lru_cache(maxsize=8192)
def is_post(word: str, *, any_sense: bool = False) -> bool:
    """Whether a noun names a post or occupation someone holds: one of ROLE_HEADS, or by WordNet (_POST_KINDS), in
    its commonest sense; or, with ``any_sense``, in any sense, where the words around it say a post is named (a
    title before a name, "serves as ..."): "House Majority Whip Kevin McCarthy", whose "whip" is first a lash."""
    if word in ROLE_HEADS or word in {"spokesperson", "adviser"}:
        return True
    kinds = _post_synsets()
    for lemma in wordnet.lemmas(word, "n"):
        found = wordnet.senses(lemma, "n")
        for sense in found if any_sense else found[:1]:
            # A named person ("clinton": an instance of a president) is not a post.
            if sense.lexname == wordnet.PERSON and not any(p.symbol == "@i" for p in sense.pointers):
                key = (sense.pos, sense.offset)
                if key in kinds or wordnet.ancestors(*key) & kinds:
                    return True
    return False


@lru_cache(maxsize=4096)
def spelled_out(abbreviation: str) -> str | None:
    """The post an abbreviation written in capitals names, in full ("PM" -> "prime minister", "CEO" -> "chief
    executive officer"): a WordNet sense of it that is a post, read by its longest word. Its commonest sense need not
    be a post ("PM" is first a post-mortem): written as a title before a name, the post is what it says."""
    if not (2 <= len(abbreviation) <= 4 and abbreviation.isalpha() and abbreviation.isupper()):
        return None
    kinds = _post_synsets()
    for lemma in wordnet.lemmas(abbreviation.lower(), "n"):
        for sense in wordnet.senses(lemma, "n"):
            key = (sense.pos, sense.offset)
            if sense.lexname == wordnet.PERSON and (key in kinds or wordnet.ancestors(*key) & kinds):
                return max(sense.words, key=len).replace("_", " ")
    return None


@cache
def _post_synsets() -> frozenset[tuple[str, int]]:
    keys = set()
    for word in _POST_KINDS:
        sense = next((s for s in wordnet.senses(word, "n") if s.lexname == wordnet.PERSON), None)
        if sense is not None:
            keys.add((sense.pos, sense.offset))
    return frozenset(keys)
