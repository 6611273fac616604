#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:55432 (trust auth, as the postgres user) for CI machines that have none.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
dir=$(mktemp -d /tmp/ws-ci-pg-XXXXXX)
chown postgres "$dir"
su postgres -c "$bin/initdb -D '$dir/data' -A trust -U postgres >/dev/null"
su postgres -c "$bin/pg_ctl -D '$dir/data' -o '-p 55432 -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start >/dev/null"
echo "started PostgreSQL on 127.0.0.1:55432 ($dir)"
