#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1:${PGPORT:-54329} owned by the postgres user; prints its connection string.
# Usage: .ci/postgres.sh start DIR | .ci/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
port=${PGPORT:-54329}
bin=/usr/lib/postgresql/15/bin
if [[ ! -x $bin/initdb ]]; then
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi
case $action in
  start)
    mkdir -p "$dir"
    chown postgres "$dir"
    su postgres -s /bin/bash -c "$bin/initdb -D '$dir/data' -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -s /bin/bash -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300\" start" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50"
    ;;
  stop)
    su postgres -s /bin/bash -c "$bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    ;;
esac
