"""The pure domain: actors, bodies, rules, dossiers and verdicts. No I/O."""

from concord.model import rules
from concord.model.body import Body, Membership, PopulationTable
from concord.model.dossier import Dossier, Location, Procedure, Proposal, Statement
from concord.model.errors import ConcordError, InvalidField
from concord.model.stance import Stance, Vote
from concord.model.verdict import Status, Verdict, evaluate

__all__ = [
    "Body",
    "ConcordError",
    "Dossier",
    "InvalidField",
    "Location",
    "Membership",
    "PopulationTable",
    "Procedure",
    "Proposal",
    "Stance",
    "Statement",
    "Status",
    "Verdict",
    "Vote",
    "evaluate",
    "rules",
]
