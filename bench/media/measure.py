"""The figures of bench/media/run (run it through that script).

1. A 6000×4000 JPEG of about 20 MB (camera-like noise, GPS tags) stored
   through the model: the clean copy (decode, turn upright, re-encode).
2. Its renditions, width by width, as the worker makes them.
3. A series of images, processed one after another as one worker does:
   the process's peak memory after each, which must not grow with the count.
4. A story page's SQL queries with a lead image and 1, then 10, pictures.
"""

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from PIL import Image as Picture  # noqa: E402
from PIL import ImageChops  # noqa: E402

from articles.media import renditions  # noqa: E402
from articles.media.models import Image  # noqa: E402
from articles.models import Article  # noqa: E402


def camera_jpeg(width: int, height: int, seed: int) -> bytes:
    """Smooth light with sensor noise: compresses like a real photo at the
    quality cameras use, with EXIF and GPS tags."""
    gradient = Picture.linear_gradient("L").resize((width, height))
    channels = []
    for turn in range(3):
        noise = Picture.effect_noise((width, height), 22 + seed % 5 + turn)
        light = gradient.rotate(90 * turn, expand=False) if turn else gradient
        channels.append(ImageChops.add(light, noise, scale=1.0, offset=-128))
    noisy = Picture.merge("RGB", channels)
    exif = Picture.Exif()
    exif[0x010F] = "Canon"
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 57.0, 10.0)}
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=97, exif=exif)
    return buffer.getvalue()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(series: int) -> None:
    say("==> Making a 6000×4000 test photo (in a process of its own: its memory is not ours)")
    photo_path = Path(os.environ["MEDIA_ROOT"]).parent / "camera.jpg"
    subprocess.run([sys.executable, __file__, "--photo", str(photo_path)], check=True)
    data = photo_path.read_bytes()
    say(f"    {len(data) / 1e6:.1f} MB, with EXIF and GPS tags")

    started = time.perf_counter()
    image = Image(title="Big photo")
    image.file.save("big.jpg", ContentFile(data))
    stored_seconds = time.perf_counter() - started
    say(
        f"==> Stored the clean copy in {stored_seconds:.2f} s "
        f"({image.file_size / 1e6:.1f} MB, {image.width}×{image.height})"
    )

    say("==> Renditions, one at a time")
    rows, total = [], 0.0
    for shape in renditions.SHAPES:
        for format in (renditions.MODERN_FORMAT, renditions.fallback_format(image)):
            for rendition in renditions.renditions(image, shape, format):
                started = time.perf_counter()
                rendition.file.generate(force=True)
                seconds = time.perf_counter() - started
                total += seconds
                size = Path(rendition.file.path).stat().st_size
                rows.append((shape, format, rendition.width, rendition.height, seconds, size))
                say(
                    f"    {shape:6} {format:4} {rendition.width:5}×{rendition.height:<5} "
                    f"{seconds * 1000:7.0f} ms {size / 1024:8.0f} KB"
                )
    say(
        f"    all {len(rows)} renditions: {total:.1f} s; upload to renditions: "
        f"{stored_seconds + total:.1f} s"
    )

    say(f"==> A series of {series} 6000×4000 photos, stored and rendered one after another")
    peaks = []
    for number in range(series):
        photo = Image(title=f"Photo {number}")
        # The same photo's bytes under another name: made once, so that the
        # peak is the processing's, not the test photo's making.
        photo.file.save(f"photo-{number}.jpg", ContentFile(data))
        renditions.generate(photo)
        peaks.append(peak_mb())
        say(f"    image {number + 1}: peak memory {peaks[-1]:.0f} MB")
    say(f"    peak after the first: {peaks[0]:.0f} MB; after the last: {peaks[-1]:.0f} MB")

    say("==> A story page's queries with a lead image and its pictures")
    Image.objects.update(renditions_ready=True)
    pictures = list(Image.objects.all()[:10])
    counts = {}
    for count in (1, 10):
        article = Article.objects.published().first()
        article.lead_image = image
        article.save()
        article.story_images.all().delete()
        for number, picture in enumerate(pictures[:count]):
            article.story_images.create(image=picture, after_paragraph=number)
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url(), HTTP_HOST="testserver")
        assert response.status_code == 200, response.status_code
        counts[count] = sum(1 for q in queries.captured_queries if "SAVEPOINT" not in q["sql"])
        say(f"    {count:2} picture(s) in the body: {counts[count]} queries")

    say("")
    say("Summary")
    say(
        f"  20 MB 6000×4000 JPEG: stored clean in {stored_seconds:.2f} s, "
        f"{len(rows)} renditions in {total:.1f} s"
    )
    by_width = {}
    for _shape, _format, width, _height, seconds, _size in rows:
        by_width.setdefault(width, []).append(seconds)
    say(
        "  per rendition width (mean of its shapes and formats): "
        + ", ".join(
            f"{width} px {sum(s) / len(s) * 1000:.0f} ms" for width, s in sorted(by_width.items())
        )
    )
    say(
        f"  peak memory over {series} images: {peaks[0]:.0f} MB after the first, "
        f"{peaks[-1]:.0f} MB after the last"
    )
    say(f"  story page: {counts[1]} queries with 1 picture, {counts[10]} with 10")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--photo"]:
        Path(sys.argv[2]).write_bytes(camera_jpeg(6000, 4000, seed=1))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
