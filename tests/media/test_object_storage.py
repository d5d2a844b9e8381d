"""Media in S3-compatible object storage (django-storages), as production
with several app machines keeps them."""

import io

import pytest
from django.core.files.storage import default_storage

from articles.media import renditions
from articles.media.pictures import picture
from tests.factories import make_document, make_image
from tests.media.files import gps_jpeg, image_of, metadata_of
from tests.media.object_storage import bucket_storage, client, s3_endpoint
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def endpoint():
    with s3_endpoint() as url:
        yield url


@pytest.fixture
def bucket(endpoint):
    with bucket_storage(endpoint) as name:
        yield name


def stored(endpoint: str, bucket: str, key: str) -> tuple[bytes, dict]:
    answer = client(endpoint).get_object(Bucket=bucket, Key=key)
    return answer["Body"].read(), answer


def test_the_settings_choose_the_object_storage(bucket):
    from django.core.files.storage import storages

    from articles.media.storage import MediaS3Storage

    assert isinstance(storages["default"], MediaS3Storage)
    assert storages["default"].bucket_name == bucket


def test_the_pictures_origin_is_allowed_by_the_content_security_policy(endpoint, bucket):
    from urllib.parse import urlsplit

    import environ

    from newsroom.media_storage import media_origin
    from tests.media.object_storage import KEYS

    image = make_image()
    env = environ.Env()
    env.ENVIRON = {**KEYS, "S3_BUCKET": bucket, "S3_ENDPOINT_URL": endpoint}

    url = urlsplit(image.file.url)
    assert media_origin(env) == f"{url.scheme}://{url.netloc}"
    env.ENVIRON["S3_CUSTOM_DOMAIN"] = "media.example.kz"
    assert media_origin(env) == "https://media.example.kz"
    del env.ENVIRON["S3_BUCKET"]
    assert media_origin(env) is None


def test_an_upload_lands_in_the_bucket_without_its_metadata(endpoint, bucket):
    image = make_image(data=gps_jpeg(1600, 1000, orientation=6), name="photo.jpg")

    data, answer = stored(endpoint, bucket, image.file.name)

    assert metadata_of(image_of(data)) == {}
    assert image_of(data).size == (1000, 1600)
    assert answer["ContentType"] == "image/jpeg"
    assert answer["CacheControl"] == "public, max-age=86400"
    assert image.file.url.startswith(f"{endpoint}/{bucket}/images/")


def test_the_worker_writes_the_renditions_to_the_bucket(endpoint, bucket):
    image = make_image(data=gps_jpeg(1600, 1000, orientation=1))

    run_tasks()

    image.refresh_from_db()
    keys = {
        entry["Key"]
        for entry in client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]
        if entry["Key"].startswith("renditions/")
    }
    made = renditions.all_renditions(image)
    assert keys == {rendition.file.name for rendition in made}
    webp = next(r for r in made if r.format == "WEBP")
    data, answer = stored(endpoint, bucket, webp.file.name)
    assert answer["ContentType"] == "image/webp"
    assert "immutable" in answer["CacheControl"]
    assert image_of(data).size == (webp.width, webp.height)
    assert metadata_of(image_of(data)) == {}
    assert picture(image).srcset.startswith(f"{endpoint}/{bucket}/renditions/")


def test_a_document_is_stored_with_its_type_and_disposition(endpoint, bucket):
    document = make_document(name="ruling.pdf")
    run_tasks()

    data, answer = stored(endpoint, bucket, document.file.name)

    assert data.startswith(b"%PDF-")
    assert answer["ContentType"] == "application/pdf"
    stored_name = document.file.name.rsplit("/")[-1]
    assert answer["ContentDisposition"] == f'inline; filename="{stored_name}"'
    assert stored_name.startswith("ruling-")
    document.refresh_from_db()
    assert document.text_status == "extracted"


def test_a_backup_copies_the_bucket_files_and_restores_them(endpoint, bucket, tmp_path):
    from django.db import transaction

    from articles.media.backups import copy_media, media_directory, restore_media

    image = make_image()
    original = default_storage.open(image.file.name).read()
    directory = media_directory(tmp_path / "backup.json")

    copy_media([image.file.name], directory)
    client(endpoint).delete_object(Bucket=bucket, Key=image.file.name)
    with transaction.atomic():
        restore_media(directory)

    assert stored(endpoint, bucket, image.file.name)[0] == original
    assert io.BytesIO(original).getvalue()[:2] == b"\xff\xd8"
