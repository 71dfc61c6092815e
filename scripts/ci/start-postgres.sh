#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster (there is no systemd here) and makes the test role and database.
# Prints the URL the PostgreSQL suites use. Idempotent: safe to run when it is already up.
set -euo pipefail
ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$ver" ]; then
  echo "start-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'labelbridge') THEN
    CREATE ROLE labelbridge LOGIN PASSWORD 'labelbridge' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='labelbridge_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O labelbridge labelbridge_test"
echo "postgres://labelbridge:labelbridge@127.0.0.1:5432/labelbridge_test"
