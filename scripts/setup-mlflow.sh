#!/usr/bin/env bash
# Creates (or refreshes) the project-local MLflow virtualenv used by the tests and the demo.
#
#   scripts/setup-mlflow.sh            # idempotent: a no-op when nothing changed
#   scripts/setup-mlflow.sh --force    # delete the venv and build it again
#
# Installs `-r tools/mlflow/requirements.txt -c tools/mlflow/constraints.txt` into
# <repo root>/.tools/mlflow-venv (override with KONG_MLFLOW_VENV). A stamp file in the venv
# holds a hash of both files and of the venv's Python version; when it matches, the script
# exits at once. Works from any cwd. Python: PYTHON env var, else python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KONG_MLFLOW_VENV:-$ROOT/.tools/mlflow-venv}"
REQ="$ROOT/tools/mlflow/requirements.txt"
CON="$ROOT/tools/mlflow/constraints.txt"
STAMP="$VENV/.kong-mlflow-stamp"
PY="${PYTHON:-python3}"
# constraints.txt was frozen on Python 3.11: numpy 2.4, pandas 3 and scipy 1.17 need >= 3.11.
MIN_MAJOR=3
MIN_MINOR=11

log() { echo "[setup-mlflow] $*"; }
die() { echo "[setup-mlflow] ERROR: $*" >&2; exit 1; }

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

[ -f "$REQ" ] || die "missing $REQ"
[ -f "$CON" ] || die "missing $CON"

hash_inputs() {
  # $1 = python executable whose version goes into the hash
  { cat "$REQ" "$CON"; "$1" -c 'import sys, platform; print(sys.version, platform.machine())'; } \
    | sha256sum | cut -d' ' -f1
}

# Fast path: an intact venv whose stamp matches. No need to look at the system python.
if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ -x "$VENV/bin/mlflow" ] && [ -x "$VENV/bin/python" ]; then
  if want="$(hash_inputs "$VENV/bin/python" 2>/dev/null)" && [ "$(cat "$STAMP")" = "$want" ]; then
    log "up to date: $VENV ($(head -c 12 "$STAMP"))"
    exit 0
  fi
fi

command -v "$PY" >/dev/null 2>&1 \
  || die "'$PY' not found on PATH. Install Python >= $MIN_MAJOR.$MIN_MINOR (or set PYTHON=/path/to/python3)."
if ! "$PY" -c "import sys; sys.exit(0 if sys.version_info[:2] >= ($MIN_MAJOR, $MIN_MINOR) else 1)"; then
  die "$("$PY" --version 2>&1) at $(command -v "$PY") is too old: need Python >= $MIN_MAJOR.$MIN_MINOR (tools/mlflow/constraints.txt was frozen on 3.11). Set PYTHON=/path/to/python3.11+."
fi

if [ "$FORCE" = 1 ] && [ -d "$VENV" ]; then
  log "--force: removing $VENV"
  rm -rf "$VENV"
fi

# A venv whose interpreter no longer runs (python moved or upgraded) is rebuilt from scratch.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  log "existing venv at $VENV is broken; removing it"
  rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv with $("$PY" --version 2>&1) ($(command -v "$PY")) at $VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PY" -m venv "$VENV" \
    || die "'$PY -m venv' failed. On Debian/Ubuntu install the venv module: apt-get install python3-venv"
fi

start=$(date +%s)
log "installing -r ${REQ#"$ROOT"/} -c ${CON#"$ROOT"/} (this takes a minute or two on a fresh venv)"
rm -f "$STAMP"
"$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off -q \
  -r "$REQ" -c "$CON" \
  || die "pip install failed (see the output above)"

version="$(MLFLOW_DISABLE_TELEMETRY=true "$VENV/bin/mlflow" --version 2>/dev/null)" \
  || die "$VENV/bin/mlflow does not run after install"
hash_inputs "$VENV/bin/python" > "$STAMP"
log "done in $(( $(date +%s) - start ))s: $version in $VENV"
