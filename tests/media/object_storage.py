"""An S3-compatible server for the object-storage tests.

Under CI, `.ci/run` starts moto's standalone server and passes it in
S3_ENDPOINT_URL (with S3_BUCKET and keys), so that the settings choose the
object storage exactly as production's do. Elsewhere the tests start
moto's server in a thread of their own on a free port and build the same
settings from the same variables (newsroom/media_storage.py).
"""

import os
import socket
import uuid
from contextlib import contextmanager

import boto3
import environ
from django.conf import settings
from django.test.utils import override_settings

from newsroom.media_storage import media_storage

KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing", "S3_REGION": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def s3_endpoint():
    """The endpoint URL of a running S3-compatible server."""
    if os.environ.get("S3_ENDPOINT_URL"):
        yield os.environ["S3_ENDPOINT_URL"]
        return
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY_ID", KEYS["S3_ACCESS_KEY_ID"]),
        aws_secret_access_key=os.environ.get("S3_SECRET_ACCESS_KEY", KEYS["S3_SECRET_ACCESS_KEY"]),
        region_name=os.environ.get("S3_REGION", KEYS["S3_REGION"]),
    )


@contextmanager
def bucket_storage(endpoint: str):
    """Settings whose media storage is a new, empty bucket on ``endpoint``,
    read from the variables production sets. Yields the bucket's name."""
    bucket = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    client(endpoint).create_bucket(Bucket=bucket)
    variables = {**KEYS, **{k: v for k, v in os.environ.items() if k.startswith("S3_")}}
    variables.update(S3_BUCKET=bucket, S3_ENDPOINT_URL=endpoint, S3_URL_PROTOCOL="http:")
    env = environ.Env()
    env.ENVIRON = variables
    storages = {**settings.STORAGES, "default": media_storage(env)}
    with override_settings(STORAGES=storages):
        yield bucket
