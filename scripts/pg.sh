#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster: `scripts/pg.sh CMD ARGS...`.
# Installs Debian's postgresql package when no server binaries are found, starts a
# cluster as the unprivileged `postgres` user in a temporary folder on a free local
# port, exports CONCORD_TEST_PG_URL for CMD, and always stops the cluster afterwards.
# When CONCORD_TEST_PG_URL is already set, CMD runs against that server instead.
set -euo pipefail

if [[ -n "${CONCORD_TEST_PG_URL:-}" ]]; then
  exec "$@"
fi

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

PGBIN="$(find_bin || true)"
if [[ -z "$PGBIN" ]]; then
  if [[ "$(id -u)" != "0" ]]; then
    echo "pg.sh: PostgreSQL is not installed and we are not root to install it" >&2
    exit 1
  fi
  echo "pg.sh: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(find_bin)"
fi

RUN_AS=()
if [[ "$(id -u)" == "0" ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUN_AS=(runuser -u postgres --)
fi

PGTMP="$(mktemp -d -t concord-pg.XXXXXX)"
chmod 755 "$PGTMP"
[[ ${#RUN_AS[@]} -gt 0 ]] && chown postgres "$PGTMP"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

cleanup() {
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U concord -A trust -E UTF8 --no-locale >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; exit 1; }
# Throwaway cluster for tests: durability off for speed (the service tests its own
# durability on SQLite; PostgreSQL's is PostgreSQL's).
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-p $PORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGTMP/server.log" >&2; exit 1; }

export CONCORD_TEST_PG_URL="postgresql://concord@127.0.0.1:$PORT/postgres"
echo "pg.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
set +e
"$@"
status=$?
set -e
exit $status
