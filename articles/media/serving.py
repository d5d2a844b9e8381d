"""How media files are served: type, disposition and caching by name.

One rule for every server: Django's development view (views.py), the
object storage's object headers (storage.py) and the nginx configuration
(deploy/nginx/) say the same. Only types that the uploads can produce are
known; anything else goes out as a download of unknown type, and every
response says ``nosniff``, so no file is ever run or shown as HTML.
"""

import mimetypes
from pathlib import PurePosixPath

TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Shown by the browser itself; other known types are saved as downloads.
INLINE = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
# Renditions' names are hashes of their content's recipe: cached for good.
IMMUTABLE = "public, max-age=31536000, immutable"
# Originals and documents keep their name when replaced in place (rare).
SHORT = "public, max-age=86400"


def headers_for(name: str) -> dict[str, str]:
    path = PurePosixPath(name)
    content_type = TYPES.get(path.suffix.lower())
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": IMMUTABLE if "renditions" in path.parts else SHORT,
    }
    if content_type is None:
        headers["Content-Type"] = "application/octet-stream"
        headers["Content-Disposition"] = "attachment"
        return headers
    headers["Content-Type"] = content_type
    if content_type == "application/pdf":
        # Shown by the browser's PDF viewer, saved under its own name.
        headers["Content-Disposition"] = f'inline; filename="{path.name}"'
    elif content_type not in INLINE:
        headers["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return headers


def guess(name: str) -> str:
    return TYPES.get(PurePosixPath(name).suffix.lower()) or mimetypes.guess_type(name)[0] or ""
