"""concord: track, forecast and run the decisions of consensus and veto bodies."""

from concord.model import ConcordError, Dossier, Stance, Status, Verdict, evaluate

__all__ = ["ConcordError", "Dossier", "Stance", "Status", "Verdict", "evaluate"]
__version__ = "0.1.0"
