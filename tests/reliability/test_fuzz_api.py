"""Schemathesis against the app's own /openapi.json: no input gives a 5xx.

Cases are generated from the published schema (bodies, path and query parameters,
headers) and sent in-process to the ASGI app with a valid token — in turn the
secretariat's, a delegation's and an observer's, so that generated input reaches the
handlers and the writer, not only the 401 check — and, for half of the cases, with the
id of a real proposal with an open procedure. The stream is left out: on a live
procedure it is meant to stay open (it has its own tests). Short: 40 cases per
operation; full (`make reliability`): 1,000.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from concord.api.app import create_app
from concord.data.catalog import Catalog
from concord.services import auth, live
from concord.services.auth import Role
from concord.services.clock import FakeClock
from concord.services.runtime import Service, build_service
from tests.reliability.conftest import Figures, scale
from tests.service_fixtures import T0

EXAMPLES = scale(40, 1000)


class Fuzzed:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

        def create(role: Role, actor: str | None = None) -> str:
            return auth.create_token(
                svc.writer, svc.catalog, body="NATO-NAC", role=role, actor=actor
            )[0]

        self.tokens = [
            create(Role.SECRETARIAT),
            create(Role.DELEGATION, "FRA"),
            create(Role.OBSERVER),
        ]
        sec = svc.auth.authenticate(create(Role.SECRETARIAT))
        self.pid = str(live.create_proposal(svc, sec, body="NATO-NAC", title="Fuzz", text="")["id"])
        live.start_silence(svc, sec, self.pid, svc.clock.now() + timedelta(days=30))
        self.calls = 0
        self.statuses: dict[int, int] = {}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[Fuzzed]:
    db = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'concord.db'}"
    svc = build_service(db, catalog=catalog, clock=FakeClock(T0), threaded=True, token_ttl=60)
    try:
        yield Fuzzed(svc)
    finally:
        svc.close()


def _fuzz(fuzzed: Fuzzed, operation: Any) -> None:
    @given(
        case=operation.as_strategy(),
        token=st.sampled_from(fuzzed.tokens),
        real_id=st.booleans(),
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, token: str, real_id: bool) -> None:
        if "proposal_id" in (case.path_parameters or {}) and real_id:
            case.path_parameters["proposal_id"] = fuzzed.pid
        headers = {"Authorization": f"Bearer {token}"}
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
        fuzzed.calls += 1
        fuzzed.statuses[response.status_code] = fuzzed.statuses.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.method, case.path, response.text)

    run()


def test_no_input_gives_a_server_error(fuzzed: Fuzzed, figures: Figures) -> None:
    """Every operation of /openapi.json but the stream, fuzzed in turn (pytest 9 and
    schemathesis's pytest plugin disagree, so hypothesis drives it directly)."""
    app = create_app(fuzzed.svc, scheduler=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    done = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.endswith("/stream"):
            continue
        _fuzz(fuzzed, operation)
        done.append(f"{operation.method.upper()} {operation.path}")
    assert len(done) >= 8, done
    assert fuzzed.calls >= len(done) * min(EXAMPLES, 10)
    figures["operations"] = len(done)
    figures["requests"] = fuzzed.calls
    figures["statuses"] = dict(sorted(fuzzed.statuses.items()))
    figures["server_errors"] = sum(n for s, n in fuzzed.statuses.items() if s >= 500)


def test_the_fuzzed_app_still_verifies(fuzzed: Fuzzed, tmp_path: Path) -> None:
    """After the fuzzing, whatever it wrote is a valid chain."""
    from concord.services import audit

    result = audit.verify_log(fuzzed.svc.db)
    assert result.ok, result


def test_found_by_fuzzing_a_deadline_with_no_utc_date_is_a_422(fuzzed: Fuzzed) -> None:
    """Schemathesis found this 500 (OverflowError): 0001-01-01 at +01:01 is before year 1 UTC."""
    from tests.integration.test_api import Api

    api = Api(fuzzed.svc)
    try:
        r = api(
            "POST",
            f"/api/proposals/{fuzzed.pid}/silence",
            fuzzed.tokens[0],
            json={"deadline": "0001-01-01T00:00:00+01:01"},
        )
    finally:
        api.close()
    assert r.status_code == 422, r.text
    assert r.json()["error"]["field"] == "deadline"


def test_found_by_fuzzing_an_after_beyond_64_bits_is_a_422(fuzzed: Fuzzed) -> None:
    """Schemathesis found this 500: ?after=2**63 overflowed the database integer."""
    from tests.integration.test_api import Api

    api = Api(fuzzed.svc)
    try:
        r = api("GET", f"/api/proposals/{fuzzed.pid}/events?after={2**63}", fuzzed.tokens[2])
        ok = api("GET", f"/api/proposals/{fuzzed.pid}/events?after={2**63 - 1}", fuzzed.tokens[2])
    finally:
        api.close()
    assert r.status_code == 422 and r.json()["error"]["field"] == "after", r.text
    assert ok.status_code == 200 and ok.json() == []
