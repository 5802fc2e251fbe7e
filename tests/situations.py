"""Named canonical situations reused across tests (STYLE.md §5).

Bodies here are synthetic: small, with round numbers, so that expected verdicts
can be worked out by hand. They are test fixtures, not facts about real bodies.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["date", "datetime"]

from concord.model.body import Body, Membership, PopulationTable
from concord.model.dossier import Dossier, Procedure, ProcedureKind, Proposal, Statement
from concord.model.stance import Stance

DAY = date(2024, 6, 1)
FOUNDED = date(2000, 1, 1)


def body(codes: list[str], rule: str, **extra: object) -> Body:
    permanent = set(extra.pop("permanent", ()))  # type: ignore[call-overload]
    weights: dict[str, int] = extra.pop("weights", {})  # type: ignore[assignment]
    population: dict[str, int] = extra.pop("population", {})  # type: ignore[assignment]
    quota = extra.pop("quota", None)
    return Body(
        id="TEST",
        name="Test body",
        default_rule=rule,
        rules=(rule,),
        memberships=tuple(
            Membership(code=c, joined=FOUNDED, permanent=c in permanent, weight=weights.get(c))
            for c in codes
        ),
        quota=quota,  # type: ignore[arg-type]
        populations=(PopulationTable(valid_from=FOUNDED, figures=population),)
        if population
        else (),
    )


def dossier(
    positions: dict[str, str], *, on: date = DAY, deadline: datetime | None = None
) -> Dossier:
    return Dossier(
        proposal=Proposal(id="p", body="TEST", title="A test proposal", as_of=on),
        statements=tuple(
            Statement(actor=a, stance=Stance(s), date=date(2024, 5, 1))
            for a, s in positions.items()
        ),
        procedure=None if deadline is None else Procedure(ProcedureKind.SILENCE, deadline),
    )


# Five allies: round names, so tables read easily.
ALLIES = ["AUT", "BEL", "CAN", "DNK", "EST"]

# Fifteen Security Council seats: five permanent, ten elected.
P5 = ["CHN", "FRA", "GBR", "RUS", "USA"]
ELECTED = ["ALB", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "ARE"]

# An EU-like council of 27 with synthetic populations: three large states of 200 and
# twenty-four small ones of 15 (total 960): the three large hold 62.5 %, yet are fewer
# than four.
EU_LARGE = ["DEU", "FRA", "ITA"]
EU_SMALL = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "GRC", "HUN", "IRL",
    "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
]  # fmt: skip
EU_POPULATION = {**dict.fromkeys(EU_LARGE, 200), **dict.fromkeys(EU_SMALL, 15)}
