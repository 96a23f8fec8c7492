"""What the ingestion tests feed in: short articles, zips, images, bad encodings."""

import io
import stat
import zipfile

# Three short articles, distinct enough not to be near-duplicates.
FIRST = "Shelling hit the old market in Aleppo on Monday, residents said."
SECOND = "Rebels cut the highway south of Idlib after a night of clashes."
THIRD = "Aid convoys reached the besieged suburb of Douma for the first time."

# The first bytes of a real PNG: what a renamed image looks like to a reader.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
CP1252 = b"caf\xe9 \x93quoted\x94"
CP1252_DECODED = "café “quoted”"


def zip_bytes(*entries: tuple[str | zipfile.ZipInfo, bytes], encrypted=()) -> bytes:
    """Return a zip holding `entries`; names in `encrypted` get the encrypted flag."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        for name in encrypted:
            # zipfile cannot encrypt; the reader only looks at the flag.
            archive.getinfo(name).flag_bits |= 0x1
    return buffer.getvalue()


def symlink(name: str) -> zipfile.ZipInfo:
    """Return a zip entry header marking `name` as a symbolic link."""
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info
