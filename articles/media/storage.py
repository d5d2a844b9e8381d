"""Object storage for media: django-storages' S3 backend, with the headers
each kind of file is served with set on the object itself, since no
Python code stands between the bucket and the reader."""

from storages.backends.s3 import S3Storage

from .serving import headers_for


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        headers = headers_for(name)
        parameters["ContentType"] = headers["Content-Type"]
        parameters["CacheControl"] = headers["Cache-Control"]
        if "Content-Disposition" in headers:
            parameters["ContentDisposition"] = headers["Content-Disposition"]
        return parameters
