# Sourced by dev.sh and the bench scripts: a PostgreSQL of the tests' own, on
# its own port and directory, so it never touches a cluster the machine may
# already run; without fsync, as its data is thrown away. PostgreSQL refuses
# to run as root, hence the postgres user. Exports LINLI_TEST_POSTGRES_URL.

POSTGRES_PORT=${LINLI_TEST_POSTGRES_PORT:-55432}
POSTGRES_DATA=${LINLI_TEST_POSTGRES_DATA:-/tmp/linli-test-postgres}

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  local as_postgres=(runuser -u postgres --)
  [[ $(id -u) -eq 0 ]] || as_postgres=()
  if [[ ! -f $POSTGRES_DATA/PG_VERSION ]]; then
    printf '\n==> initdb %s\n' "$POSTGRES_DATA"
    mkdir -p "$POSTGRES_DATA"
    [[ -z ${as_postgres[*]} ]] || chown postgres:postgres "$POSTGRES_DATA"
    "${as_postgres[@]}" "$bin/initdb" -D "$POSTGRES_DATA" -A trust -U postgres -E UTF8 >/dev/null
  fi
  if ! "${as_postgres[@]}" "$bin/pg_ctl" -D "$POSTGRES_DATA" status >/dev/null 2>&1; then
    printf '\n==> starting PostgreSQL on 127.0.0.1:%s\n' "$POSTGRES_PORT"
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$POSTGRES_DATA" -w -l "$POSTGRES_DATA/server.log" \
      -o "-p $POSTGRES_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" \
      start >/dev/null
  fi
  export LINLI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$POSTGRES_PORT/postgres"
}

# Every server test makes a database of its own and leaves it (a failed test's
# data is worth reading); the next test run drops them, so a machine that runs
# the suite daily does not fill its disk at about 8 MB a database.
drop_test_databases() {
  local psql=(psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq)
  local drops
  drops=$("${psql[@]}" -c "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE);', datname) FROM pg_database
    WHERE datname LIKE 'linli\\_test\\_%' OR datname LIKE 'linli\\_bench\\_%'")
  [[ -n $drops ]] || return 0
  printf '\n==> dropping %s databases left by earlier test runs\n' "$(wc -l <<<"$drops")"
  # One session for all of them; each statement runs on its own, as DROP
  # DATABASE must.
  "${psql[@]}" <<<"$drops"
}
