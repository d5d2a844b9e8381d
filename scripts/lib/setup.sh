# shellcheck shell=bash
# Set-up steps shared by scripts/serve, scripts/test and .ci/run.
#
# Source this file; it only defines variables and functions. Every step is
# idempotent, so running a script twice is safe: existing things (.venv, .env,
# the database) are reused, and only what is missing is created.
#
#   setup_project REQUIREMENTS_FILE [--browser]   runs every step below, in order
#
# --browser is for the test set-up: it also installs Debian's chromium for the
# real-browser tests in tests/browser/ and, with `npm ci`, the page checkers
# in package.json (serving the site needs neither).
# Set PYTHON to choose the interpreter that creates .venv (default: python3).

NEWSROOM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$NEWSROOM_ROOT/.venv"
PY="$VENV/bin/python"
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*"; }
warn() { printf '==> warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

manage() { "$PY" "$NEWSROOM_ROOT/manage.py" "$@"; }

# Install Debian packages: as root directly, otherwise through sudo; stop with
# a message naming the packages when neither is possible.
apt_install() {
    local -a sudo=()
    if ! command -v apt-get >/dev/null; then
        die "apt-get not found. Please install these packages (or their equivalents): $*"
    fi
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null ||
            die "not running as root and sudo is not available. Please install: sudo apt-get install $*"
        sudo=(sudo)
    fi
    say "Installing system packages: $*${sudo:+ (with sudo)}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
        die "apt-get update failed. Please install: apt-get install $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" ||
        die "apt-get install failed. Please install: apt-get install $*"
}

# CI sets CI=true (.ci/run does too); tests/browser/conftest.py reads it the same way.
in_ci() {
    local ci=${CI:-}
    [[ ${ci,,} =~ ^(1|true|yes)$ ]]
}

python_is_new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

# A usable .venv runs Python 3.11+ and has pip (Debian leaves a pip-less
# .venv behind when python3-venv was missing).
venv_is_usable() { [[ -x "$PY" ]] && python_is_new_enough "$PY" && "$PY" -m pip --version >/dev/null 2>&1; }

ensure_system_packages() { # [--browser]
    local -a missing=()
    if ! command -v "$PYTHON" >/dev/null; then
        missing+=(python3-venv) # pulls in python3
    elif ! venv_is_usable && ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        missing+=(python3-venv)
    fi
    # compilemessages runs gettext's msgfmt.
    command -v msgfmt >/dev/null || missing+=(gettext)
    if ((${#missing[@]})); then
        apt_install "${missing[@]}"
    fi
    if [[ ${1:-} == --browser ]]; then
        ensure_browser
    fi
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; Newsroom needs Python 3.11 or newer."
    if ! venv_is_usable && ! python_is_new_enough "$PYTHON"; then
        die "Newsroom needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1). Set PYTHON=/path/to/python3.11 and try again."
    fi
}

# The browser tests drive Debian's chromium through Playwright (its own
# browser downloads cannot be used); their screenshots need a font with the
# Kazakh letters (ә ғ қ ң ө ұ ү һ і). Without chromium the browser tests are
# skipped, so outside CI a failed install only warns; under CI, where they
# must run, it stops the set-up.
ensure_browser() {
    local -a missing=()
    [[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] || missing+=(chromium)
    [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
    if ((${#missing[@]} == 0)); then
        return 0
    elif in_ci; then
        apt_install "${missing[@]}"
    elif ! (apt_install "${missing[@]}"); then
        warn "could not install ${missing[*]}: the browser tests (tests/browser/) will be skipped"
    fi
}

ensure_venv() {
    venv_is_usable && return 0
    if [[ -e "$VENV" ]]; then
        say "Recreating .venv (the one there has no working Python 3.11+ with pip)"
        rm -rf -- "$VENV"
    else
        say "Creating .venv with $("$PYTHON" -V 2>&1)"
    fi
    "$PYTHON" -m venv "$VENV" || die "could not create .venv (is python3-venv installed?)"
}

install_requirements() { # $1: requirements file, relative to the repository
    say "Installing Python packages from $1"
    "$PY" -m pip install --quiet --disable-pip-version-check --no-input -r "$NEWSROOM_ROOT/$1"
}

# .env is read by newsroom/settings.py. It is written once and never
# overwritten: the SECRET_KEY in it stays the same from run to run.
ensure_env_file() {
    local env_file="$NEWSROOM_ROOT/.env" key
    if [[ -e "$env_file" ]]; then
        say "Using the existing .env"
        return 0
    fi
    say "Writing .env for local runs (DEBUG=1, a new random SECRET_KEY)"
    key="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    (
        umask 077
        set -o noclobber
        cat >"$env_file" <<EOF
# Local settings for development runs; git-ignored, never deploy with it.
# See README.md, "Configuration", for every variable the settings read.
DEBUG=1
SECRET_KEY=$key
EOF
    )
}

describe_database() {
    if [[ -n "${DATABASE_URL:-}" ]]; then
        # Hide the password, if any, from the log.
        say "Database: $(sed -E 's#^([a-z0-9+]+://[^:/@]*):[^@]*@#\1:***@#' <<<"$DATABASE_URL")"
    else
        say "Database: DATABASE_URL from .env, or else SQLite (db.sqlite3)"
    fi
}

compile_messages() {
    say "Compiling translations (compilemessages)"
    (cd "$NEWSROOM_ROOT" && manage compilemessages --ignore=.venv --verbosity 0)
}

migrate() {
    say "Applying migrations"
    manage migrate --noinput --verbosity 0
}

load_seed() {
    say "Loading the seed data (loaddata seed)"
    manage loaddata seed
    # Give every seeded object a first entry in its admin history (objects
    # that already have one are left alone).
    manage createinitialrevisions articles --comment="Loaded from the seed fixture" --verbosity 0
}

# The page checkers of tests/browser/test_page_quality.py and
# bench/quality/run (the Nu HTML checker, axe-core, Lighthouse), pinned in
# package.json and package-lock.json, go to node_modules/ with `npm ci`, again
# only when the lock file is newer than the last install. Install scripts
# are not run: none is needed, and vnu-jar's would download a Java when
# none is found (default-jre-headless is the one to use). Without npm the
# checks are skipped, so outside CI a failed install only warns.
install_node_packages() {
    [[ -e "$NEWSROOM_ROOT/package.json" ]] || return 0
    local installed="$NEWSROOM_ROOT/node_modules/.package-lock.json"
    if [[ -e $installed && ! "$NEWSROOM_ROOT/package-lock.json" -nt $installed ]]; then
        say "Using the existing node_modules/"
        return 0
    fi
    if ! command -v npm >/dev/null; then
        if in_ci; then
            apt_install npm
        elif ! (apt_install npm); then
            warn "could not install npm: the page-quality tests will be skipped"
            return 0
        fi
    fi
    say "Installing the page checkers from package-lock.json (npm ci)"
    if ! (cd "$NEWSROOM_ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); then
        in_ci && die "npm ci failed"
        warn "npm ci failed: the page-quality tests will be skipped"
    fi
}

collect_static() {
    say "Collecting static files"
    manage collectstatic --noinput --verbosity 0
}

setup_project() { # $1: requirements file; $2: --browser for the test set-up
    cd "$NEWSROOM_ROOT" || die "cannot cd to $NEWSROOM_ROOT"
    ensure_system_packages "${2:-}"
    ensure_venv
    install_requirements "$1"
    if [[ ${2:-} == --browser ]]; then
        install_node_packages
    fi
    ensure_env_file
    describe_database
    compile_messages
    migrate
    load_seed
    collect_static
}
