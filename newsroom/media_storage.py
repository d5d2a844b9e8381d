"""Where uploaded media live: the local disk, or S3-compatible object storage.

Read from the environment by settings.py, in this one place:

* without ``S3_BUCKET``: ``MEDIA_ROOT`` on the local disk (the embedded
  default, for one machine);
* with ``S3_BUCKET``: that bucket through django-storages, for several app
  machines sharing one store. ``S3_ENDPOINT_URL`` names a server other than
  Amazon's (MinIO, Ceph, a cloud's S3 API), ``S3_ACCESS_KEY_ID`` and
  ``S3_SECRET_ACCESS_KEY`` the credentials (or leave them out to use the
  machine's role), ``S3_REGION`` the region, ``S3_CUSTOM_DOMAIN`` the host
  (a CDN or the bucket's public address) that readers load the files from,
  and ``S3_LOCATION`` a folder inside the bucket.

Media are public once a published page links them, so URLs are plain
(unsigned) and the objects carry their own type, disposition and caching
headers (articles/media/storage.py).
"""

from urllib.parse import urlsplit

import environ


def media_storage(env: environ.Env) -> dict:
    bucket = env.str("S3_BUCKET", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "custom_domain": env.str("S3_CUSTOM_DOMAIN", default="") or None,
        "location": env.str("S3_LOCATION", default=""),
        # Public files: plain URLs, no expiring signatures in cached pages.
        "querystring_auth": False,
        "default_acl": None,
        # Never overwrite a file another upload stored under the same name.
        "file_overwrite": False,
        "url_protocol": env.str("S3_URL_PROTOCOL", default="https:"),
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
    }
    return {
        "BACKEND": "articles.media.storage.MediaS3Storage",
        "OPTIONS": {name: value for name, value in options.items() if value is not None},
    }


def media_origin(env: environ.Env) -> str | None:
    """The origin readers load media from when it is not the site's own
    (object storage or its CDN), for the Content-Security-Policy's
    ``img-src``; None for local files. ``S3_MEDIA_ORIGIN`` overrides it."""
    bucket = env.str("S3_BUCKET", default="")
    if not bucket:
        return None
    if env.str("S3_MEDIA_ORIGIN", default=""):
        return env.str("S3_MEDIA_ORIGIN").rstrip("/")
    protocol = env.str("S3_URL_PROTOCOL", default="https:")
    if env.str("S3_CUSTOM_DOMAIN", default=""):
        return f"{protocol}//{env.str('S3_CUSTOM_DOMAIN')}"
    endpoint = env.str("S3_ENDPOINT_URL", default="")
    if endpoint:
        parts = urlsplit(endpoint)
        if env.str("S3_ADDRESSING_STYLE", default="") == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}"
        return f"{parts.scheme}://{parts.netloc}"
    region = env.str("S3_REGION", default="")
    host = f"{bucket}.s3.{region}.amazonaws.com" if region else f"{bucket}.s3.amazonaws.com"
    return f"https://{host}"
