"""Files for the media tests, made on the spot: photos with GPS tags,
images that are not what they say, PDFs with Kazakh and Russian text."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
    b'<rdf:Description photoshop:City="Almaty"/></rdf:RDF></x:xmpmeta>'
)


def photo(width: int = 1200, height: int = 800, *, color=(180, 40, 40)) -> Image.Image:
    """A picture with some detail (a gradient and a grid), so that JPEG and
    WebP have something to encode."""
    image = Image.new("RGB", (width, height), color)
    pixels = image.load()
    for x in range(0, width, max(1, width // 40)):
        for y in range(height):
            pixels[x, y] = (x * 255 // width, y * 255 // height, 90)
    return image


def iptc_segment() -> bytes:
    """An APP13 (Photoshop) segment with an IPTC record: the photographer's
    name and the city, as news agencies' photos carry them."""
    record = b"".join(
        b"\x1c\x02" + bytes([tag]) + len(value).to_bytes(2, "big") + value
        for tag, value in ((80, b"Secret Photographer"), (90, b"Almaty"))
    )
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def gps_jpeg(width: int = 1200, height: int = 800, *, orientation: int = 6) -> bytes:
    """A JPEG with camera, GPS, XMP, IPTC and comment metadata, taken
    "sideways" (EXIF orientation 6: the camera was turned a quarter clockwise)."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 5D"
    exif[0x013B] = "Secret Photographer"  # Artist
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 57.0, 10.0)}
    buffer = io.BytesIO()
    photo(width, height).save(
        buffer, "JPEG", exif=exif, xmp=XMP, comment=b"shot at the safe house", quality=85
    )
    data = buffer.getvalue()
    return data[:2] + iptc_segment() + data[2:]  # right after the start-of-image marker


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Secret Photographer")
    info.add_text("GPS", "43.25, 76.95")
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (43.0, 15.0, 30.0)}
    buffer = io.BytesIO()
    photo(400, 300).convert("RGBA").save(buffer, "PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def encoded(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def animated_gif() -> bytes:
    frames = [photo(60, 40, color=(i * 60, 0, 0)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def animated_webp() -> bytes:
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    frames = [Image.new("RGB", (60, 40), color) for color in colors]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def bomb_png(width: int = 8000, height: int = 6000) -> bytes:
    """48 megapixels of one colour: a few kilobytes on disk."""
    return encoded(Image.new("L", (width, height), 0), "PNG", optimize=True)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf(pages: list[str], *, author: str = "Иван Петров", creator: str = "Word") -> bytes:
    """A PDF of ``pages`` of text (any script: the font is embedded), with
    document metadata."""
    from fpdf import FPDF

    document = FPDF()
    document.set_author(author)
    document.set_creator(creator)
    document.set_title("Сот шешімі")
    document.set_keywords("secret keywords")
    document.add_font("DejaVu", fname=str(FONT))
    document.set_font("DejaVu", size=12)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 8, text)
    return bytes(document.output())


def image_of(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def metadata_of(image: Image.Image) -> dict:
    """Every kind of metadata Pillow can see in an opened image."""
    exif = image.getexif()
    found = {key: value for key, value in exif.items()}
    gps = exif.get_ifd(GPS_IFD)
    if gps:
        found["gps"] = gps
    for key in ("xmp", "XML:com.adobe.xmp", "comment", "exif", "Author", "GPS", "photoshop"):
        if image.info.get(key):
            found[key] = image.info[key]
    if hasattr(image, "text"):
        found.update(image.text)
    if image.format == "JPEG":
        found.update({f"app:{marker}": data for marker, data in image.applist if marker != "APP0"})
    return found


CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/">'
    "<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
    "<dc:title>Декларация</dc:title><dcterms:created>2024-03-01T09:00:00Z</dcterms:created>"
    "</cp:coreProperties>"
)
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>Microsoft Office Word</Application>'
    "<Company>Агенттік</Company></Properties>"
)


def _office(parts: dict[str, str], main_type: str) -> bytes:
    import zipfile

    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types"><Override PartName="/{next(iter(parts))}" '
        f'ContentType="{main_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx(paragraphs: list[str], *, author: str = "Иван Петров") -> bytes:
    """A Word document: its paragraphs, with core and application properties."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    parts = {
        "word/document.xml": document,
        "docProps/core.xml": CORE.format(author=author),
        "docProps/app.xml": APP,
    }
    return _office(
        parts, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    )


def xlsx(rows: list[list[str]], *, author: str = "Иван Петров") -> bytes:
    """An Excel workbook of one sheet: text cells through the shared strings."""
    strings = [value for row in rows for value in row]
    shared = "".join(f"<si><t>{value}</t></si>" for value in strings)
    cells, index = [], 0
    for number, row in enumerate(rows, 1):
        row_cells = []
        for _value in row:
            row_cells.append(f'<c t="s"><v>{index}</v></c>')
            index += 1
        cells.append(f'<row r="{number}">{"".join(row_cells)}</row>')
    namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{namespace}"/>',
        "xl/sharedStrings.xml": f'<sst xmlns="{namespace}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{namespace}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
        ),
        "docProps/core.xml": CORE.format(author=author),
        "docProps/app.xml": APP,
    }
    return _office(
        parts, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    )
