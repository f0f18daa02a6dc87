"""Bytes -> text: UTF-8 first, then charset detection; binary data is refused."""

from __future__ import annotations

from charset_normalizer import from_bytes

from kilde.ingest.errors import InputError


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and control / len(head) > 0.05


# Byte-order marks of UTF-16/32 text (Notepad's "Unicode"), whose NUL bytes would look binary.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                break
            if text and not looks_binary(text.encode("utf-8")):
                return text
            break
    if looks_binary(data):
        raise InputError("binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not valid UTF-8 and no text encoding could be detected")
    return str(best)
