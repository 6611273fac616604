#!/usr/bin/env bash
# Sourced by .ci/run on machines without a PostgreSQL server: starts a throwaway one on 127.0.0.1:55432
# (trust auth, as the postgres user) and stops it when CI exits.
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
ci_pg_dir=$(mktemp -d /tmp/ws-ci-pg-XXXXXX)
chown postgres "$ci_pg_dir"
su postgres -c "$bin/initdb -D '$ci_pg_dir/data' -A trust -U postgres >/dev/null"
su postgres -c "$bin/pg_ctl -D '$ci_pg_dir/data' -o '-p 55432 -k $ci_pg_dir -c listen_addresses=127.0.0.1' -l '$ci_pg_dir/log' -w start >/dev/null"
trap "su postgres -c \"$bin/pg_ctl -D '$ci_pg_dir/data' -m fast stop\" >/dev/null 2>&1; rm -rf '$ci_pg_dir'" EXIT
echo "started PostgreSQL on 127.0.0.1:55432 ($ci_pg_dir)"
