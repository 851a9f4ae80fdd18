"""Comparing two statements of who holds which post ("defence minister Rustem Umerov" / "Umerov, Ukraine's defence
minister"): one person's posts, and one post's holders.

A person holds one post of a kind in one organisation at a time, and a one-holder post (a country's foreign
minister, an organisation's chief executive) has one holder; a title before a name is how one refers to someone at
the time of what is told, so a former post a source still gives decides nothing.
"""

from __future__ import annotations

from factcheck.claims import wordnet
from factcheck.claims.bodies import same_body
from factcheck.claims.judgement import AGREE, CONFLICT, UNVERIFIED, Judgement, said_by
from factcheck.claims.lexicon import PAST_TENURE, TEMPORARY_TENURE, TENURE_WORDS
from factcheck.claims.model import RoleClaim
from factcheck.claims.names import party_key, same_person
from factcheck.claims.people import SINGLE_HOLDER_POSTS


def compare_roles(claim: RoleClaim, evidence: RoleClaim) -> Judgement | None:
    """A post the claim gives someone against one a source gives: the same person in the same post agrees; another
    post of the same kind, another organisation, or a post left conflicts; another holder of a one-holder post
    conflicts."""
    parties_differ = (
        claim.party is not None
        and evidence.party is not None
        and claim.party != evidence.party
        # one organisation named with its place and without ("the Maine Senate" / "the Senate")
        and not (claim.body and evidence.body and same_body(claim.body, evidence.body))
    )
    said = f"claim says {claim.person.display} is {claim.role}; source says {evidence.role} {evidence.person.display}"
    claim_tenure, evidence_tenure = _tenure(claim.role), _tenure(evidence.role)
    if claim_tenure != evidence_tenure:
        bare_claim, bare_evidence = _without_tenure(claim.role), _without_tenure(evidence.role)
        if not same_person(claim.person, evidence.person) or parties_differ:
            return None
        if not _same_role(bare_claim, bare_evidence):
            if not _another_of_its_kind(bare_claim, bare_evidence):
                return None
            # "X is the director" / "X, then the deputy director": another post held at another time neither
            # confirms nor rules out the claim's (the verifier reads "deputy director" as stating "director")
            return Judgement(UNVERIFIED, f"{said}{said_by(evidence)}, another post at another time", claim, evidence)
        # "X is prime minister" / "former prime minister X"; a title before the name is how one refers to someone
        # at the time of what is told ("served as ambassador under President Obama"), not a claim of office today
        if claim_tenure == "" and evidence_tenure == "past" and not claim.titled:
            return Judgement(CONFLICT, said + said_by(evidence), claim, evidence)
        return None  # an acting post, or a former post the source still gives: not decisive either way
    if same_person(claim.person, evidence.person):
        if claim_tenure == "" and _other_body(claim, evidence):
            said = (
                f"claim says {claim.person.display} is {_without_body(claim)} of {claim.body}; source says "
                f"{evidence.person.display} is {_without_body(evidence)} of {evidence.body}{said_by(evidence)}"
            )
            return Judgement(CONFLICT, said, claim, evidence)
        if parties_differ or _titled_for_another(claim, evidence):
            return None
        if _same_role(claim.role, evidence.role):
            return Judgement(AGREE, said + said_by(evidence), claim, evidence)
        if _another_of_its_kind(claim.role, evidence.role) or _two_posts_of_one_side(claim, evidence):
            return Judgement(CONFLICT, said + said_by(evidence), claim, evidence)
        return None
    post, owner = _post_and_owner(claim, evidence)
    one_owner = owner is not None and (post, owner) == _post_and_owner(evidence, claim)
    if one_owner or _one_post_of_one_body(claim, evidence):
        if not _single_holder(post) or claim_tenure == "past":
            return None  # a client has several lawyers, a president several advisers, a country former presidents
        title = f"{post} of {claim.body or evidence.body}" if claim.body or evidence.body else post
        said = (
            f"claim says the {title} is {claim.person.display}; source says the {title} is "
            f"{evidence.person.display}{said_by(evidence)}"
        )
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _another_of_its_kind(a: str, b: str) -> bool:
    """Two posts of one head that are different posts ("deputy director" / "director", "foreign minister" /
    "defence minister")."""
    return _role_head(a) == _role_head(b) is not None and _other_post(a, b)


def _two_posts_of_one_side(claim: RoleClaim, evidence: RoleClaim) -> bool:
    """Two posts told by the same words before different heads, one of them a post one person holds ("House
    Majority Leader" / "House Majority Whip"): the words that are not the organisation's ("majority") name one side
    of it, whose posts one person does not hold at once. Words that are only the organisation's or a party's
    ("Senate Republican leader" / "senator") say nothing of a side."""
    a, b = _without_tenure(claim.role).split(), _without_tenure(evidence.role).split()
    if len(a) < 2 or a[:-1] != b[:-1] or a[-1] == b[-1] or not {a[-1], b[-1]} & SINGLE_HOLDER_POSTS:
        return False
    owners = {word for c in (claim, evidence) for word in (_owner_key(c) or "").split()}
    owners |= {word.lower() for c in (claim, evidence) if c.body for word in c.body.split()}
    side = [word for word in a[:-1] if word not in owners and party_key(word.title()) not in owners]
    return bool(side) and not any(word in _POST_WORDS for word in side)


def _post_and_owner(claim: RoleClaim, other: RoleClaim) -> tuple[str, str | None]:
    """A post without its organisation's words, and the key of the country or organisation that owns it: "AARP
    CEO" is the "chief executive officer" of "aarp" as "chief executive officer of AARP" is (a title before the
    name holds its organisation's words, named by the recogniser or as the other post's owner). A post of no
    named owner has none ("foreign minister" of which country?)."""
    if claim.body is not None:
        return _without_body(claim), _owner_key(claim)
    if claim.party is not None:
        return claim.role, claim.party
    owner = _owner_key(other)
    if claim.titled and owner and claim.role.startswith(owner + " "):
        return claim.role.removeprefix(owner + " "), owner
    return claim.role, None


def _owner_key(claim: RoleClaim) -> str | None:
    """The key of who owns a post: the country or party read with it, or its organisation's name."""
    return claim.party or (party_key(claim.body) if claim.body else None)


def _one_post_of_one_body(claim: RoleClaim, evidence: RoleClaim) -> bool:
    """One post of two names of one organisation ("C.I.A. director" / "director of the Central Intelligence
    Agency")."""
    if claim.body is None or evidence.body is None or not same_body(claim.body, evidence.body):
        return False
    return _without_body(claim) == _without_body(evidence)


def _single_holder(post: str) -> bool:
    """Posts one person holds at a time: a head in ``SINGLE_HOLDER_POSTS``, or a "chief ... officer" of an
    organisation (chief executive, financial, operating officer)."""
    words = _without_tenure(post).split()
    return bool(words) and (words[-1] in SINGLE_HOLDER_POSTS or (words[0] == "chief" and len(words) > 1))


def _titled_for_another(claim: RoleClaim, evidence: RoleClaim) -> bool:
    """A title before the name whose words name an owner none of whose words is the claim's ("Human Rights Campaign
    President Chad Griffin" for "president of the National Organization for Marriage", where the recogniser found
    no organisation in the title): not the claimed post, though the same word."""
    owner = _owner_key(claim)
    if owner is None or not evidence.titled or evidence.party is not None or evidence.body is not None:
        return False
    extra = set(evidence.role.split()) - set(claim.role.split()) - TENURE_WORDS - _POST_WORDS
    owners = set(owner.split()) | {owner}
    # an owner's word in another form ("Veskian" / "Veskia") is the same owner
    return bool(extra) and not (extra | {party_key(word.title()) for word in extra}) & owners


def _other_body(claim: RoleClaim, evidence: RoleClaim) -> bool:
    """One post of one kind in two different organisations ("president of the Human Rights Campaign" / "National
    Organization for Marriage President"): one person holds it in one at a time."""
    if claim.body is None or evidence.body is None or same_body(claim.body, evidence.body):
        return False
    return _same_role(_without_body(claim), _without_body(evidence))


def _without_body(claim: RoleClaim) -> str:
    """The post without the words of its organisation: "abc news correspondent" -> "correspondent"."""
    body_words = set(claim.body.lower().split()) if claim.body else set()
    return " ".join(w for w in claim.role.split() if w not in body_words) or claim.role


def _tenure(role: str) -> str:
    words = set(role.split())
    return "past" if words & PAST_TENURE else "temporary" if words & TEMPORARY_TENURE else ""


def _without_tenure(role: str) -> str:
    return " ".join(w for w in role.split() if w not in TENURE_WORDS)


def _same_role(a: str, b: str) -> bool:
    a, b = _without_tenure(a), _without_tenure(b)  # "former 2000 ... nominee": the tenure is compared apart
    if (
        a == b
        or (a.endswith(" " + b) and not a.startswith("deputy"))
        or (b.endswith(" " + a) and not b.startswith("deputy"))
    ):
        return True
    # The same post under another name ("lawyer" / "attorney", "prosecuting attorney" / "prosecutor": WordNet
    # synonyms, a compound as WordNet writes it), the words before it as above.
    words_a, words_b = a.split(), b.split()
    for i in range(1, min(len(words_a), 3) + 1):
        for j in range(1, min(len(words_b), 3) + 1):
            head_a, head_b = "_".join(words_a[-i:]), "_".join(words_b[-j:])
            if head_a != head_b and _one_post(head_a, head_b, compound=i > 1 or j > 1):
                rest_a, rest_b = words_a[:-i], words_b[:-j]
                shorter, longer = sorted((rest_a, rest_b), key=len)
                extra = longer[: len(longer) - len(shorter)]
                return longer[len(longer) - len(shorter) :] == shorter and "deputy" not in extra
    return False


def _one_post(a: str, b: str, *, compound: bool) -> bool:
    """Two names of one post: WordNet synonyms; a compound only in its commonest sense as the other word's
    ("prosecuting attorney" / "prosecutor"; not "chief executive", first the US president, / "president")."""
    if not compound:
        return wordnet.synonyms(a, b, "n")
    first_a, first_b = wordnet.senses(a, "n")[:1], wordnet.senses(b, "n")[:1]
    return bool(first_a) and first_a == first_b


# Words that tell one post from another of the same kind: the portfolio of a minister, the rank of a deputy.
# Other words in a title are style or abbreviation ("RNC chairman", "Republican National Committee chairman";
# "outgoing senior economic adviser", "outgoing White House economic adviser") and never make a conflict.
_POST_WORDS = frozenset(
    "foreign defence defense interior finance justice health education economy economic trade energy agriculture "
    "culture transport labour labor environment home treasury intelligence security prime deputy vice assistant "
    "first second chief general state".split()
)


def _other_post(a: str, b: str) -> bool:
    """Whether two titles with the same head name different posts ("deputy foreign minister" and "foreign
    minister", "defence minister" and "interior minister"), not the same post in other words."""
    words_a, words_b = set(a.split()) & _POST_WORDS, set(b.split()) & _POST_WORDS
    if {"deputy", "vice", "assistant"} & (words_a ^ words_b):
        return True  # one is the other's deputy
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    if any(wordnet.antonyms(x, y) for x in only_a for y in only_b):
        return True  # "majority leader" / "minority leader", "senior" / "junior" partner: opposite posts
    # Different portfolios; a title that only leaves one out ("minister", "foreign minister") is not decisive.
    return not (words_a <= words_b or words_b <= words_a)


def _role_head(role: str) -> str | None:
    words = role.split()
    return words[-1] if words else None
