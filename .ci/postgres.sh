#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1:${PGPORT:-25432} owned by the postgres user; prints its connection string.
# The default lies below the kernel's range of outgoing ports, so a client socket cannot be holding it; a port that is
# taken anyway moves the server to the next of ten.
# Usage: .ci/postgres.sh start DIR | .ci/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
port=${PGPORT:-25432}
bin=/usr/lib/postgresql/15/bin
if [[ ! -x $bin/initdb ]]; then
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi
case $action in
  start)
    mkdir -p "$dir"
    chown postgres "$dir"
    su postgres -s /bin/bash -c "$bin/initdb -D '$dir/data' -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    for try in $(seq 0 9); do
      if su postgres -s /bin/bash -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $((port + try)) -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300\" start" >/dev/null; then
        echo "Host=127.0.0.1;Port=$((port + try));Username=postgres;Database=postgres;Maximum Pool Size=50"
        exit 0
      fi
    done
    exit 1
    ;;
  stop)
    su postgres -s /bin/bash -c "$bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    ;;
esac
