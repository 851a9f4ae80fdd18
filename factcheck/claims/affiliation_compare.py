"""Comparing two statements of a person's political party ("GOP Gov. Rick Scott" against "Florida's Democratic
governor, Rick Scott").

The same party agrees and another conflicts when both speak of the same time: both of now, or both of one
event ("won the mayoralty as a Republican in 2001"). A party left ("a former Republican", "ex-Republican") conflicts
with the same party held now. The party of a post held before ("Former Democratic Sen. Joe Lieberman") or of a
past event says nothing of today's: people change parties, so those never conflict with a party of now.
"""

from __future__ import annotations

from factcheck.claims.judgement import AGREE, CONFLICT, Judgement
from factcheck.claims.model import INDEPENDENT, AffiliationClaim
from factcheck.claims.names import same_person


def compare_affiliations(claim: AffiliationClaim, evidence: AffiliationClaim) -> Judgement | None:
    if claim.negated or evidence.negated or not same_person(claim.person, evidence.person):
        return None
    said = f"claim says {_told(claim)}; source says {_told(evidence)}"
    same_time = (claim.tenure, claim.event) == (evidence.tenure, evidence.event) and claim.tenure != "past"
    if same_time:
        if claim.party != evidence.party:
            return Judgement(CONFLICT, said, claim, evidence)
        if claim.region and evidence.region and claim.region != evidence.region:
            return Judgement(CONFLICT, said, claim, evidence)  # "Democrat of Maryland" / "from Virginia"
        return Judgement(AGREE, said, claim, evidence)
    if claim.tenure == evidence.tenure == "past" and claim.party == evidence.party:
        return Judgement(AGREE, said, claim, evidence)  # both of a post held before: of one time or not, it agrees
    left = {claim.tenure, evidence.tenure} == {"", "former"} and None is claim.event is evidence.event
    if left and claim.party == evidence.party:  # "X is a Republican" / "X, a former Republican"
        return Judgement(CONFLICT, said, claim, evidence)
    return None


def _told(claim: AffiliationClaim) -> str:
    """'Rick Scott is of the Republican Party ("GOP")', in the source's own word for the party."""
    party = "no party" if claim.party == INDEPENDENT else f"the {claim.party_name}"
    region = f" for {claim.region_text}" if claim.region_text else ""
    if claim.event:
        said = f"{claim.person.display} did it ({claim.event}) as one of {party}"
    elif claim.tenure == "former":
        said = f"{claim.person.display} has left {party}"
    elif claim.tenure == "past":
        said = f"{claim.person.display} was of {party}"
    else:
        said = f"{claim.person.display} is of {party}"
    return f'{said}{region} ("{claim.party_text}")'
