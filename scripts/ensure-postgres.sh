#!/usr/bin/env bash
# Start the machine's PostgreSQL cluster if it is down, and wait until it accepts connections.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
if ! pg_isready -h "$host" -p "$port" -q; then
  echo "PostgreSQL is not running on $host:$port; starting it."
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h "$host" -p "$port" -q && exit 0
  sleep 1
done
echo "PostgreSQL did not come up on $host:$port." >&2
exit 1
