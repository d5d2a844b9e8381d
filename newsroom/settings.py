"""Newsroom settings: the one place where configuration is read.

Every deploy-specific value comes from the environment (see README.md,
"Configuration"). Defaults are safe for a local development run; with
DEBUG off, SECRET_KEY and ALLOWED_HOSTS have no default, so a production
deploy that forgets them stops at start-up instead of running insecurely.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from .media_storage import media_origin, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "imagekit",
    "django_tasks",
    "django_tasks_db",
    "articles",
    "articles.search",
    "articles.caching",
    "articles.media",
    "articles.richtext",
    "articles.taxonomy",
    "articles.authors",
    "django_prose_editor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, building the one policy once (newsroom/content_security.py).
    "newsroom.content_security.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses NUL bytes before anything looks a query, form or cookie up.
    "newsroom.bad_requests.RefuseNulBytesMiddleware",
    # Readers' pages from the cache: after the middleware whose headers every
    # response needs, before the session and all that a cached page skips.
    "articles.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session and must run before CommonMiddleware,
    # which may redirect to a language-prefixed URL.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns "the database is unreachable" into a friendly 503 page.
    "newsroom.outage.DatabaseUnavailableMiddleware",
    # Axes must come last: it turns a lockout signalled by its backend into
    # the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.taxonomy.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite is the embedded default so that one command runs the site on a fresh
# machine; production sets DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A C-locale database does not lower-case Cyrillic; test databases are
    # created from template0 with UTF-8 collation so tests see what
    # production sees.
    DATABASES["default"]["TEST"].setdefault("TEMPLATE", "template0")
    DATABASES["default"]["TEST"].setdefault("CHARSET", "UTF8")
    # JIT compilation costs more than it saves on the site's short queries.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # .iterator() (the form choices, for one) would otherwise declare a
    # cursor WITH HOLD, which PostgreSQL materializes at commit; it also
    # keeps the site usable behind a transaction-pooling PgBouncer.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Each process keeps its connection for a minute instead of opening one per
# request (several ms with PostgreSQL); the health check drops a broken one
# at the start of the next request, so the site still recovers by itself
# when the database comes back.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once. Every request runs in a transaction
    # (ATOMIC_REQUESTS); begun IMMEDIATE, it takes the write lock first, so a
    # second writer waits (up to the timeout, in seconds) and then sees the
    # first one's save, instead of failing with "database is locked" when it
    # upgrades a read lock that another writer shares. In WAL mode readers,
    # such as a running backup, neither wait for writers nor block them.
    for option, value in {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Staff sign in through the admin only (there is no public account page):
# a login whose "next" is missing or unsafe lands on the admin's index, in
# the language of the login page.
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# --- Languages -------------------------------------------------------------
# Kazakh is the newsroom's first language; Russian and English follow.
# Fallback is an editorial decision, so it is spelled out here instead of
# leaving it to modeltranslation (which would fall back to LANGUAGES[0] only).
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")

# The translated columns follow LANGUAGES (articles/languages.py reads it
# too); only each language's own fallback order is chosen by hand.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": MODELTRANSLATION_LANGUAGES,
    "kk": ("ru", "en"),
    "ru": ("kk", "en"),
    "en": ("ru", "kk"),
}

# Project catalogs come first so that they override Django's own (partly
# wrong) Kazakh admin catalog. articles/locale holds the strings of the app
# and of the top-level templates; newsroom/locale holds the corrected and
# completed translations of Django's admin and of the third-party apps.
LOCALE_PATHS = [
    BASE_DIR / "articles" / "locale",
    BASE_DIR / "newsroom" / "locale",
]
# Django ships no Kazakh date and number formats.
FORMAT_MODULE_PATH = ["newsroom.formats"]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
SERIALIZATION_MODULES = {
    # Django's JSON format, with a reason for the fixtures it cannot read.
    "json": "articles.json_fixtures",
    # manage.py backup's JSON, which keeps times to the microsecond.
    "json-exact": "articles.backups",
}

# --- Static files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": media_storage(env),
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# --- Media: images and documents (articles/media/) ---------------------------
# Uploaded files live in MEDIA_ROOT, served by Django while DEBUG is on and by
# the web server in front otherwise; with S3_BUCKET set they live in
# S3-compatible object storage instead (newsroom/media_storage.py).
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django serves MEDIA_ROOT itself only for development runs (and the tests'
# live server): never on the hot path of a production machine.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG) and MEDIA_URL.startswith("/")
# Refused above these sizes, in bytes, and above this many pixels (a
# decompression bomb: a small file that would take gigabytes to decode).
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=25 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=50 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o644
# django-imagekit writes the renditions under this folder of the storage.
IMAGEKIT_CACHEFILE_DIR = "renditions"
# Renditions are made by the background task (articles/media/tasks.py), never
# while a page is built: a page assumes they exist once the image says so.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_as_path"

# --- Background tasks (django-tasks, its database backend) ------------------
# Renditions, text extraction and re-indexing run in `manage.py run_worker`
# processes; the queue is a table of the site's own database, so SQLite and
# PostgreSQL both work and no other service is needed. TASKS_IMMEDIATE=1 runs
# each task at once in the process that queues it (for one-off scripts).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env.bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# A failed task is tried this many times in all, waiting longer each time.
TASK_ATTEMPTS = env.int("TASK_ATTEMPTS", default=3)
TASK_RETRY_SECONDS = env.int("TASK_RETRY_SECONDS", default=30)

# --- Cache and sessions ------------------------------------------------------
# With REDIS_URL, every process on every machine shares one Redis; otherwise
# each process keeps its own cache in memory. Pages never go stale either
# way: they are cached under the content version, which lives in the
# database (articles/caching/). PAGE_CACHE_SECONDS=0 turns the page cache off.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            # Django's RedisCache behind a circuit breaker (articles/caching/backends.py).
            "BACKEND": "articles.caching.backends.GuardedRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="newsroom"),
            # A Redis that stops answering must not hold up the readers: a
            # call gives up after these many seconds (Redis answers in well
            # under a millisecond on a LAN), and the process then leaves the
            # cache alone for CACHE_RETRY_SECONDS, building pages without it.
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.05),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=0.1),
            },
            "RETRY_SECONDS": env.float("CACHE_RETRY_SECONDS", default=5),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The last copy of each page is kept this long besides, for readers while
# the database is down (served marked stale; editors get the 503 page).
STALE_PAGE_SECONDS = env.int("STALE_PAGE_SECONDS", default=86_400)
# How long browsers (max-age), and proxies and CDNs (s-maxage), may keep a
# reader's page without asking again, and serve it while they ask
# (stale-while-revalidate). A change reaches every reader within
# s-maxage + stale-while-revalidate at the proxy, then max-age +
# stale-while-revalidate in the browser: 60 s in all by default.
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=10)
PAGE_SHARED_MAX_AGE = env.int("PAGE_SHARED_MAX_AGE", default=30)
PAGE_STALE_WHILE_REVALIDATE = env.int("PAGE_STALE_WHILE_REVALIDATE", default=10)
# After a change, one request rebuilds each page or cached value while the
# others get the previous copy or wait up to REBUILD_WAIT_SECONDS for it;
# a builder that dies holds the others up for REBUILD_LOCK_SECONDS at most.
REBUILD_WAIT_SECONDS = env.float("REBUILD_WAIT_SECONDS", default=2)
REBUILD_LOCK_SECONDS = env.int("REBUILD_LOCK_SECONDS", default=10)
# Sessions (editors only: readers get none) live in the database alone,
# which every process shares. Not cached_db: when Redis cannot be reached a
# logout deletes the row but not Redis's copy (the cache drops what it
# cannot do, articles/caching/backends.py), and that copy would sign the
# editor in again once Redis is back. A per-process memory cache must not
# hold them either: a logout in one process would not reach another's copy.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# bench/http/run only: /bench/minimal, the constant page every figure of the
# benchmark is compared with (newsroom/benchmark.py). Never in production.
BENCHMARK_VIEW = env.bool("NEWSROOM_BENCH", default=False)

# --- Logging: everything to stdout, so the process manager collects it. ----
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own default config gives "django" a console handler too; one is enough.
    "filters": {"one_line_warning": {"()": "newsroom.bad_requests.OneLineWarning"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Requests refused with a 400 because the client sent junk: one
        # WARNING line each, not an ERROR with a traceback (bad_requests.py).
        # Others (a tampered session, a bad redirect) stay errors.
        **{
            f"django.security.{name}": {"filters": ["one_line_warning"]}
            for name in (
                "DisallowedHost",
                "TooManyFieldsSent",
                "TooManyFilesSent",
                "RequestDataTooBig",
                "SuspiciousMultipartForm",
                "NulByteInRequest",
            )
        },
    },
}

# --- Admin history -----------------------------------------------------------
ADD_REVERSION_ADMIN = True
# The tabbed translation admin would load jQuery UI from a CDN; serve it ourselves.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Security ----------------------------------------------------------------
# Production serves HTTPS only, usually behind a proxy that terminates TLS.
# With DEBUG off everything below is on by default; `manage.py check --deploy`
# must stay free of warnings (tests/test_security.py runs it).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Only behind a proxy that sets this header itself (dropping the client's),
# e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto: otherwise anyone could claim
# to be on HTTPS.
if env.str("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + env.str("SECURE_PROXY_SSL_HEADER").upper().replace("-", "_"),
        "https",
    )
# A year of HSTS, for every subdomain, and eligible for the browsers' preload
# lists. Set SECURE_HSTS_SECONDS=0 before the first deploy to a new domain if
# unsure: browsers remember HSTS for the whole period.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Readers' visits are nobody else's business: links to sources send no referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): only our own files. No page, the
# admin included, needs inline script or style; JSON-LD blocks are data, which
# script-src does not govern. tests/test_security.py checks the rendered pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Pictures from the object storage or its CDN, when media live there.
if MEDIA_ORIGIN := media_origin(env):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)

# Login throttling (django-axes): five wrong passwords for one user name from
# one address lock that pair out for 15 minutes. Locking the pair, not the
# name alone, means nobody can lock an editor out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
# Behind a proxy REMOTE_ADDR is the proxy's address: name the header in which
# the proxy passes the reader's, e.g. CLIENT_IP_HEADER=X-Real-IP. The header
# counts only on requests that come from one of TRUSTED_PROXIES (addresses or
# networks); anyone else could write it.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
