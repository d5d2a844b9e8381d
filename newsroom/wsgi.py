"""
WSGI config for newsroom project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

if settings.BENCHMARK_VIEW:
    from newsroom.benchmark import with_bare_page

    application = with_bare_page(application)
