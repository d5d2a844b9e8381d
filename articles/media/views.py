"""Media files in development (DEBUG on), with the headers of serving.py.

In production the web server in front or the object storage serves them;
newsroom/urls.py routes here only while DEBUG is on.
"""

from django.conf import settings
from django.views.static import serve

from .serving import headers_for


def media_file(request, path: str):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    for name, value in headers_for(path).items():
        response[name] = value
    return response
