#!/usr/bin/env bash
# tests/pg/with-postgres.sh COMMAND... — run COMMAND against a throwaway PostgreSQL server.
#
# Starts a private cluster (initdb in a temporary directory, 127.0.0.1, a free port, trust auth,
# fsync off), runs COMMAND with DATABASE_URL pointing at it, then stops the server and deletes the
# directory, whatever COMMAND returned (trap). Exits with COMMAND's status.
#
# Without PostgreSQL's server binaries: as root, installs Debian's `postgresql` package; otherwise
# prints a note and exits 0 without running COMMAND (the SQLite run has already happened).
# The server refuses to run as root, so as root the cluster belongs to the `postgres` system user.
set -euo pipefail

PG_USER_NAME=hamandishi
PG_DB_NAME=hamandishi

find_bindir() {
	local dir
	if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(readlink -f "$(command -v pg_ctl)")"
		return 0
	fi
	# Debian keeps the server binaries off PATH, one directory per major version; take the newest.
	for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
			echo "$dir"
			return 0
		fi
	done
	return 1
}

if ! BINDIR=$(find_bindir); then
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing Debian's postgresql for the PostgreSQL test run"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
		BINDIR=$(find_bindir) || { echo "postgresql installed but pg_ctl/initdb not found" >&2; exit 1; }
	else
		echo "note: PostgreSQL server binaries (initdb, pg_ctl) are missing and we are not root:"
		echo "      skipping the PostgreSQL run (sudo apt-get install postgresql enables it)."
		exit 0
	fi
fi

# As root, every server command runs as an unprivileged user that owns the cluster directory.
as_owner=()
if [ "$(id -u)" = "0" ]; then
	owner=postgres
	id -u "$owner" >/dev/null 2>&1 || owner=nobody
	as_owner=(setpriv --reuid="$owner" --regid="$(id -g "$owner")" --clear-groups --)
fi

WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/hamandishi-pg.XXXXXX")
started=""
cleanup() {
	if [ -n "$started" ]; then
		as_owner_in_workdir "$BINDIR/pg_ctl" -D "$WORKDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$WORKDIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" = "0" ]; then
	chown "$owner" "$WORKDIR"
fi
chmod 700 "$WORKDIR"

# From inside the cluster directory: the owner may not be allowed into the caller's directory.
as_owner_in_workdir() {
	(cd "$WORKDIR" && "${as_owner[@]}" "$@")
}

as_owner_in_workdir "$BINDIR/initdb" -D "$WORKDIR/data" -U "$PG_USER_NAME" -A trust -E UTF8 --locale=C.UTF-8 \
	--no-sync --no-instructions >"$WORKDIR/initdb.log" 2>&1 ||
	{ cat "$WORKDIR/initdb.log" >&2; exit 1; }

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A free port can be taken between choosing and binding it: try a few.
for attempt in 1 2 3; do
	PORT=$(free_port)
	# fsync and friends off: the cluster is thrown away, durability buys nothing here.
	if as_owner_in_workdir "$BINDIR/pg_ctl" -D "$WORKDIR/data" -l "$WORKDIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >/dev/null; then
		started=1
		break
	fi
	[ "$attempt" = 3 ] && { cat "$WORKDIR/server.log" >&2; exit 1; }
done

"$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$PG_USER_NAME" "$PG_DB_NAME"

export DATABASE_URL="postgres://$PG_USER_NAME@127.0.0.1:$PORT/$PG_DB_NAME"
# Where the server lives, for commands that stop and restart it (dev/bench/load.py --outage, tests/ops).
export HAMANDISHI_PG_DATA="$WORKDIR/data" HAMANDISHI_PG_BINDIR="$BINDIR" HAMANDISHI_PG_OWNER="${owner:-}"
echo "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway cluster in $WORKDIR)"
status=0
"$@" || status=$?
exit "$status"
