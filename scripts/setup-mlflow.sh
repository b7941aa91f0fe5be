#!/usr/bin/env bash
# Creates (or refreshes) the project-local MLflow virtualenv used by the tests and the demo.
#
#   scripts/setup-mlflow.sh            # idempotent: a no-op when nothing changed
#   scripts/setup-mlflow.sh --force    # delete the venv and build it again
#
# Installs `-r tools/mlflow/requirements.txt -c tools/mlflow/constraints.txt` into
# <repo root>/.tools/mlflow-venv (override with KONG_MLFLOW_VENV). A stamp file in the venv
# holds a hash of both files and of the venv's Python version; when it matches, the script
# exits at once. Works from any cwd.
# Python >= 3.10: the PYTHON env var (e.g. PYTHON=python3.10), else python3. constraints.txt
# pins one frozen set per Python line (environment markers), so 3.10 and 3.11+ both install
# exactly what was tested. An existing venv made with another Python than PYTHON is rebuilt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KONG_MLFLOW_VENV:-$ROOT/.tools/mlflow-venv}"
REQ="$ROOT/tools/mlflow/requirements.txt"
CON="$ROOT/tools/mlflow/constraints.txt"
STAMP="$VENV/.kong-mlflow-stamp"
PY="${PYTHON:-python3}"
# mlflow 3.17 needs Python >= 3.10; constraints.txt has a frozen set for 3.10 and one for 3.11+.
MIN_MAJOR=3
MIN_MINOR=10

log() { echo "[setup-mlflow] $*"; }
die() { echo "[setup-mlflow] ERROR: $*" >&2; exit 1; }

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
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

py_line() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }

# Fast path: an intact venv whose stamp matches (and, when PYTHON is set, made with that
# Python's major.minor). Without PYTHON there is no need to look at the system python.
if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ -x "$VENV/bin/mlflow" ] && [ -x "$VENV/bin/python" ]; then
  if want="$(hash_inputs "$VENV/bin/python" 2>/dev/null)" && [ "$(cat "$STAMP")" = "$want" ] \
    && { [ -z "${PYTHON:-}" ] || [ "$(py_line "$VENV/bin/python")" = "$(py_line "$PY")" ]; }; then
    log "up to date: $VENV ($(head -c 12 "$STAMP"), Python $(py_line "$VENV/bin/python"))"
    exit 0
  fi
fi

command -v "$PY" >/dev/null 2>&1 \
  || die "'$PY' not found on PATH. Install Python >= $MIN_MAJOR.$MIN_MINOR (or set PYTHON=/path/to/python3)."
if ! "$PY" -c "import sys; sys.exit(0 if sys.version_info[:2] >= ($MIN_MAJOR, $MIN_MINOR) else 1)"; then
  die "$("$PY" --version 2>&1) at $(command -v "$PY") is too old: mlflow 3.17 needs Python >= $MIN_MAJOR.$MIN_MINOR. Install one and set PYTHON=/path/to/python3.10 (or newer)."
fi

if [ "$FORCE" = 1 ] && [ -d "$VENV" ]; then
  log "--force: removing $VENV"
  rm -rf "$VENV"
fi

# A venv made with another Python line than the one asked for (PYTHON) is rebuilt with it.
if [ -n "${PYTHON:-}" ] && [ -x "$VENV/bin/python" ] && [ "$(py_line "$VENV/bin/python")" != "$(py_line "$PY")" ]; then
  log "existing venv at $VENV has Python $(py_line "$VENV/bin/python"), PYTHON is $(py_line "$PY"); rebuilding it"
  rm -rf "$VENV"
fi

# A venv whose interpreter no longer runs (python moved or upgraded), or is older than
# $MIN_MAJOR.$MIN_MINOR, is rebuilt from scratch.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -c "import sys; sys.exit(0 if sys.version_info[:2] >= ($MIN_MAJOR, $MIN_MINOR) else 1)" >/dev/null 2>&1; then
  log "existing venv at $VENV is broken or older than Python $MIN_MAJOR.$MIN_MINOR; removing it"
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
