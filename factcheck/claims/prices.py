"""Sums of money and what they price: the verb of price a sum is the object of ("would cost $8 billion"), the noun of
price it is said to be ("the cost of the package would be $500 million"), or what it went to ("spent $750,000 on
personal items")."""

from __future__ import annotations

from spacy.tokens import Token

from factcheck.claims.durations import amount_head
from factcheck.claims.lexicon import PRICE_VERBS
from factcheck.claims.wordnet import derived_from


def price_verb(tokens: list[Token]) -> str | None:
    """The verb of price a sum is the object of ("would cost about $8 billion"), or whose noun it is said to be
    ("the cost of the package would be $500 million"), if any."""
    head = amount_head(tokens)
    verb = head.head
    if verb.pos_ == "VERB" and verb.lemma_.lower() in PRICE_VERBS:
        return verb.lemma_.lower()
    price = price_subject(head)
    if price is None:
        return None
    noun = price.lemma_.lower()
    return noun if noun in PRICE_VERBS else next(v for v in sorted(PRICE_VERBS) if derived_from(noun, v))


def price_subject(head: Token) -> Token | None:
    """The subject of "be" a sum is said of, when WordNet derives that noun from a verb of price ("the cost", "the
    price"): what it is the price of is named by its "of"."""
    verb = head.head
    if head.dep_ != "attr" or verb.lemma_.lower() != "be":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if subject is None or not any(derived_from(subject.lemma_.lower(), v) for v in PRICE_VERBS):
        return None
    return subject


def money_purpose(verb: Token, money: Token) -> Token | None:
    """The noun of an "on", "for" or else "in" phrase on the money, a clause of its own or its verb ("paid $5m in
    taxes" -> taxes; "spent $750,000 in campaign cash on personal items" -> items: "in" may only name the money's
    form). A phrase set off by a comma is an aside, not what the money went to ("paid $12,410,300 in regional
    taxes, for a rate well above their neighbours'")."""
    for words in ({"on", "for"}, {"in"}):
        for owner in (money, *sought_in(money), verb):
            for prep in owner.children:
                aside = prep.i > 0 and prep.nbor(-1).text == ","
                if prep.dep_ == "prep" and prep.lower_ in words and not aside:
                    noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
                    if noun is not None:
                        return noun
    return None


def sought_in(money: Token) -> list[Token]:
    """The verbs of clauses the sum itself has ("the $5 million she has been seeking for a bridge"): what they
    say the money is for is its purpose, wherever the sum stands in its sentence ("in exchange for")."""
    return [c for c in money.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"]
