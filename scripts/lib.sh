# Shared setup steps for scripts/demo and scripts/test. Sourced, not run.
#
# Everything here is idempotent: on a machine that already has a step done it checks and
# moves on; on a fresh Debian machine it installs what is missing (as root, or with sudo).

REFDESK_DB_USER=${REFDESK_DB_USER:-refdesk}
REFDESK_DB_PASSWORD=${REFDESK_DB_PASSWORD:-refdesk}
PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT_NUM=${PGPORT_NUM:-5432}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_rust() {
  if command -v cargo >/dev/null 2>&1; then return; fi
  if [ -x "$HOME/.cargo/bin/cargo" ]; then export PATH="$HOME/.cargo/bin:$PATH"; return; fi
  say "installing the Rust toolchain (rustup)"
  command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain 1.95
  export PATH="$HOME/.cargo/bin:$PATH"
}

# Runs psql as a Postgres superuser: over TCP if the server trusts us there, else as the
# postgres system user over the local socket (Debian's default peer authentication).
psql_admin() {
  if psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -w -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U postgres -d postgres -w -v ON_ERROR_STOP=1 -Atq "$@"
  else
    as_root runuser -u postgres -- psql -p "$PGPORT_NUM" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
  fi
}

# Makes sure a Postgres server answers on 127.0.0.1:5432 and that the refdesk role (which
# may create databases, for the tests) and database exist. Exports DATABASE_URL.
ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    say "installing PostgreSQL"
    apt_install postgresql postgresql-contrib
  fi
  if ! pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; then
    say "starting PostgreSQL"
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 50); do pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" && break; sleep 0.2; done
    pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" || { echo "PostgreSQL did not start" >&2; exit 1; }
  fi
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$REFDESK_DB_USER'")" != 1 ]; then
    say "creating the $REFDESK_DB_USER database role"
    psql_admin -c "create role $REFDESK_DB_USER login createdb password '$REFDESK_DB_PASSWORD'"
  fi
  if [ "$(psql_admin -c "select 1 from pg_database where datname = 'refdesk'")" != 1 ]; then
    psql_admin -c "create database refdesk owner $REFDESK_DB_USER"
  fi
  export DATABASE_URL=${DATABASE_URL:-postgres://$REFDESK_DB_USER:$REFDESK_DB_PASSWORD@$PGHOST_ADDR:$PGPORT_NUM/refdesk}
  export REFDESK_TEST_DATABASE_URL=${REFDESK_TEST_DATABASE_URL:-postgres://$REFDESK_DB_USER:$REFDESK_DB_PASSWORD@$PGHOST_ADDR:$PGPORT_NUM/postgres}
}

# Drops databases that earlier test runs left behind.
drop_test_databases() {
  local db
  for db in $(psql_admin -c "select datname from pg_database where datname like 'refdesk_test_%'"); do
    psql_admin -c "drop database if exists \"$db\" with (force)" >/dev/null
  done
}

ensure_node() {
  if command -v npm >/dev/null 2>&1 && [ "$(node -e 'console.log(process.versions.node.split(".")[0])')" -ge 18 ]; then return; fi
  say "installing Node.js and npm"
  apt_install nodejs npm
}
