#!/usr/bin/env bash
# Runs the demo: installs what is missing (scripts/bootstrap.sh), starts a
# local MLflow server and the Kong AI Gateway stand-in, runs every scenario of
# the tracing guide, prints each trace's MLflow UI link and a summary, and
# keeps the MLflow UI up until Ctrl-C.
#   ./scripts/demo.sh --once     run once and exit (CI=true implies it)
#   ./scripts/demo.sh --help     every option
# Set MLFLOW_TRACKING_URI / KONG_GATEWAY_URL to use your own servers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Fail fast, before any install, when the MLflow port is taken.
if [ -z "${MLFLOW_TRACKING_URI:-}" ] && command -v node >/dev/null 2>&1; then
  port=5000
  args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = "--port" ] && [ $((i + 1)) -lt ${#args[@]} ]; then port="${args[$((i + 1))]}"; fi
  done
  if [[ "$port" =~ ^[0-9]+$ ]] && ! node -e '
    const s = require("net").createServer();
    s.once("error", (e) => process.exit(e.code === "EADDRINUSE" ? 1 : 0));
    s.listen({ port: Number(process.argv[1]), host: "127.0.0.1", exclusive: true }, () => s.close());
  ' "$port"; then
    echo "demo failed: port $port is already taken, so the demo cannot start MLflow there. Stop what listens on it, run with --port <free port>, or set MLFLOW_TRACKING_URI to an MLflow server that is already running." >&2
    exit 1
  fi
fi

# With MLFLOW_TRACKING_URI set, the demo starts no MLflow: no Python needed.
[ -n "${MLFLOW_TRACKING_URI:-}" ] && export KONG_MLFLOW_SKIP_MLFLOW_SETUP=1
if ! bash scripts/bootstrap.sh; then
  echo "demo failed: the set-up above did not finish. Without Python 3.10+ the demo cannot start its own MLflow: install it (or set PYTHON=/path/to/python3.10 or newer), or point the demo at an MLflow server you run: MLFLOW_TRACKING_URI=http://host:5000 ./scripts/demo.sh" >&2
  exit 1
fi
exec node apps/demo/dist/main.js "$@"
