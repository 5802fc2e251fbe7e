"""The generated world names: every state known, no form given to two states, none that the
curated file gives to another state, and every UN member state named."""

from __future__ import annotations

from collections import defaultdict

from concord.data.catalog import actor_index
from concord.data.yamlio import read_yaml
from concord.ingest.lexicon import DATA, lexicon
from concord.ingest.text import fold


def forms(doc: dict[str, dict[str, list[str]]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for code, spec in doc.items():
        for key in ("names", "demonyms", "capitals"):
            for form in spec.get(key) or []:
                out[fold(str(form))].add(code)
    return out


def test_world_names_are_unambiguous_and_do_not_contradict_the_curated_file() -> None:
    world = read_yaml(DATA / "world_names.yaml")
    curated = forms(read_yaml(DATA / "actor_names.yaml")["states"])
    generated = forms(world["states"])
    assert world["source"], "the generated file names its sources"
    for code in world["states"]:
        assert actor_index().exists(code), code
    for form, codes in generated.items():
        assert len(codes) == 1, (form, codes)
        assert form not in curated, (form, codes, curated.get(form))


def test_every_state_has_a_name() -> None:
    named = {n.actor for n in lexicon().names if n.kind == "name"}
    assert len(named) >= 190  # the UN has 193 member states
    for code in ("CHE", "LBN", "AGO", "VEN", "MYS", "ARG", "KAZ", "VNM", "SLE", "GUY", "VCT"):
        assert code in named, code
