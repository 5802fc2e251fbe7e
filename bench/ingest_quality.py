"""Ingestion quality on a labelled news corpus: micro P/R/F1, members and non-members apart.

Usage: python bench/ingest_quality.py [CORPUS_DIR] [--no-known] [--show] [--before REF]

Scores two tuple sets (corpus README, "Scoring"):
- (file, actor, stance): the lead's headline metric;
- (file, proposal id, actor, stance): the corpus metric. Proposal ids come from matching each
  statement against the corpus's proposals given as known dossiers (id, body, summary), the way
  an analyst's open dossiers would be given; --no-known turns that off.
A tuple's group (member / non-member) follows the gold member flag, else the system's own.
The baseline in the same run is a naive rule: every state named in a sentence with a stance
word gets that word's polarity. ``--before REF`` first scores the code of git REF (exported to a
temporary folder, first on PYTHONPATH, same venv, same corpus and script).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from concord.ingest.lexicon import lexicon
from concord.ingest.proposals import KnownProposal
from concord.ingest.text import fold
from concord.services.ingestion import ingest_file

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "news" / "dev"

Tuple4 = tuple[str, str, str, str]


def gold(labels: list[dict[str, Any]]) -> tuple[dict[Tuple4, dict[str, Any]], list[KnownProposal]]:
    rows: dict[Tuple4, dict[str, Any]] = {}
    known: dict[str, KnownProposal] = {}
    for e in labels:
        groups = [(e["proposal"], e["stances"])]
        groups += [(a["proposal"], a["stances"]) for a in e.get("additional_proposals") or []]
        for prop, stances in groups:
            known[prop["id"]] = KnownProposal(prop["id"], e["body"], prop["summary"])
            for s in stances:
                rows[(e["file"], prop["id"], s["actor"], s["stance"])] = {**s, "notes": e["notes"]}
    return rows, list(known.values())


def prf(tp: int, pred: int, gold_n: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold_n if gold_n else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    pred: dict[tuple[str, ...], bool | None], gold_t: dict[tuple[str, ...], bool]
) -> dict[str, tuple[int, int, int]]:
    """Counts (tp, predicted, gold) per group; the group follows gold membership if known."""
    member_of = {(k[0], k[-2]): v for k, v in gold_t.items()}
    out: dict[str, list[int]] = {g: [0, 0, 0] for g in ("members", "non-members", "all")}
    for key, own in pred.items():
        m = member_of.get((key[0], key[-2]), own)
        for g in ("members" if m else "non-members", "all"):
            out[g][1] += 1
            out[g][0] += key in gold_t
    for m in gold_t.values():
        for g in ("members" if m else "non-members", "all"):
            out[g][2] += 1
    return {g: (v[0], v[1], v[2]) for g, v in out.items()}


def phenomenon(row: dict[str, Any], file: str) -> str:
    ev = row["evidence"].lower()
    if file.endswith("-id.txt"):
        return "non-English text"
    if row["stance"] == "neutral":
        return "abstention / walk-out"
    if row["stance"] == "conditional":
        return "condition"
    if row["stance"] == "unclear":
        return "broker (unclear)"
    if re.search(r"\bby\b", ev):
        return "passive / agent after 'by'"
    if re.search(r"\b(not|no|never|could not|cannot)\b", ev):
        return "negation"
    if row.get("speaker") is None:
        return "narrator statement (no speaker)"
    if not row["actor"].isalpha() or row["actor"] in {"NATO", "EU", "EPP"}:
        return "organisation actor"
    return "attribution / cue not found"


@cache
def _names() -> re.Pattern[str]:
    """Every state name form, as one pattern (built from the lexicon's form table, which every
    version of the code has, so that ``--before`` runs the same baseline)."""
    forms = sorted(lexicon().by_form, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def baseline(text: str) -> set[tuple[str, str]]:
    lex = lexicon()
    out: set[tuple[str, str]] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        folded = fold(sentence)
        low = folded.lower()
        stance = (
            "oppose" if lex.cues["oppose"].search(low) else
            "support" if lex.cues["support"].search(low) else None
        )  # fmt: skip
        if stance:
            for m in _names().finditer(folded):
                e = lex.by_form[m.group(0)]
                if e.kind in {"name", "demonym", "metonym"}:
                    out.add((e.actor, stance))
    return out


def run_before(ref: str, argv: list[str]) -> None:
    """This bench on the code of git ``ref``, printed before this tree's figures."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from before import run_on_ref

    run_on_ref(ref, __file__, [*argv])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--no-known", action="store_true")
    ap.add_argument("--show", action="store_true", help="list every miss and false positive")
    ap.add_argument("--before", help="git ref whose code to score first")
    args = ap.parse_args()
    if args.before:
        run_before(args.before, [str(args.corpus), *(["--no-known"] if args.no_known else [])])
    labels = yaml.safe_load((args.corpus / "labels.yaml").read_text(encoding="utf-8"))
    gold_rows, known = gold(labels)
    if args.no_known:
        known = []
    pred4: dict[tuple[str, ...], bool | None] = {}
    pred3: dict[tuple[str, ...], bool | None] = {}
    base3: dict[tuple[str, ...], bool | None] = {}
    for e in labels:
        path = args.corpus / e["file"]
        result = ingest_file(str(path), known)
        if result.error:
            print(f"error: {result.error}", file=sys.stderr)
        for s in result.statements:
            pred4[(e["file"], s["proposal"] or "?", s["actor"], s["stance"])] = s["member"]
            pred3[(e["file"], s["actor"], s["stance"])] = s["member"]
        for actor, stance in baseline(path.read_text(encoding="utf-8")):
            base3[(e["file"], actor, stance)] = None
    gold4 = {k: bool(v["member"]) for k, v in gold_rows.items()}
    gold3 = {(k[0], k[2], k[3]): bool(v["member"]) for k, v in gold_rows.items()}
    print(f"corpus: {args.corpus.name} ({len(labels)} articles, {len(gold4)} gold stances)")
    print(f"known proposals given: {len(known)}")
    for title, p, g in (
        ("(file, actor, stance)", pred3, gold3),
        ("(file, proposal, actor, stance)", pred4, gold4),
        ("baseline: naive cue+name, (file, actor, stance)", base3, gold3),
    ):
        print(f"\n{title}")
        print(f"  {'group':<12} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
        for group, (tp, npred, ngold) in score(p, g).items():
            pr, rc, f1 = prf(tp, npred, ngold)
            print(f"  {group:<12} {pr:6.3f} {rc:6.3f} {f1:6.3f}   {tp}/{npred}/{ngold}")
    misses = [k for k in gold4 if k not in pred4]
    by_kind = Counter(phenomenon(gold_rows[k], k[0]) for k in misses)
    print("\nmisses (4-tuple) by phenomenon:")
    for kind, n in by_kind.most_common():
        print(f"  {n:3d}  {kind}")
    if args.show:
        for k in misses:
            print(f"  MISS {k}  [{phenomenon(gold_rows[k], k[0])}]")
        for k in pred4:
            if k not in gold4:
                print(f"  FP   {k}")
        for k in sorted(set(gold3) - set(pred3)):
            print(f"  MISS3 {k}")
        for k in sorted(set(pred3) - set(gold3)):
            print(f"  FP3  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
