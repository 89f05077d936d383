"""SVG logos in Word and PowerPoint: drawn as pictures (the shipped mark among them), and an SVG
from a received file never reads a local file or the network."""

from __future__ import annotations

import io
import socket
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from mutuality_desktop.core.branding import BrandingProfile, Logo, default_branding
from mutuality_desktop.core.office.deck import write_pptx
from mutuality_desktop.core.office.logo import svg_to_png
from mutuality_desktop.core.office.word import write_docx
from mutuality_desktop.core.report import ReportData

NAVY = (0x1F, 0x3A, 0x5F)  # the shipped mark's first ring
TEAL = (0x2A, 0x8C, 0x82)  # its second ring


def opaque_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The colours of the fully opaque pixels (counted by numpy: a chart picture has a million)."""
    import numpy as np

    rgba = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
    opaque = rgba[rgba[:, :, 3] == 255][:, :3].astype(np.uint32)
    packed = np.unique(opaque[:, 0] << 16 | opaque[:, 1] << 8 | opaque[:, 2])
    return {(int(v) >> 16, int(v) >> 8 & 0xFF, int(v) & 0xFF) for v in packed}


def pixels(image: Image.Image) -> list[bytes]:
    raw = image.convert("RGBA").tobytes()
    return [raw[i:i + 4] for i in range(0, len(raw), 4)]


def media(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in z.namelist() if "/media/" in n and n.endswith(".png")]


def test_the_shipped_logo_is_drawn_in_word_and_powerpoint(demo_data: ReportData, tmp_path: Path) -> None:
    branding = default_branding()
    assert branding.logo is not None and branding.logo.kind == "svg"
    docx_out, pptx_out = tmp_path / "r.docx", tmp_path / "d.pptx"
    assert write_docx(demo_data, docx_out, branding) == []
    assert write_pptx(demo_data, pptx_out, branding) == []
    for out in (docx_out, pptx_out):
        logos = [m for m in media(out) if {NAVY, TEAL} <= opaque_colours(m)]
        assert logos, f"no picture of the shipped mark in {out.name}"
        image = Image.open(io.BytesIO(logos[0]))
        assert image.mode == "RGBA" and max(image.size) >= 600  # sharp, and transparent around
        assert image.getpixel((0, 0))[3] == 0


def test_gradients_clipping_text_and_embedded_pictures_are_drawn() -> None:
    encoded = io.BytesIO()
    picture = Image.new("RGB", (4, 4), "#00C000")
    picture.paste((0, 0, 0xC0), (0, 2, 4, 4))  # green above blue
    picture.save(encoded, "PNG")
    import base64

    embedded = base64.b64encode(encoded.getvalue()).decode()
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
      width="100" height="50" viewBox="0 0 100 50">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/>
        <stop offset="1" stop-color="#0000ff"/></linearGradient>
        <clipPath id="c"><circle cx="85" cy="10" r="8"/></clipPath></defs>
      <rect x="0" y="0" width="60" height="20" fill="url(#g)"/>
      <rect x="75" y="0" width="20" height="20" fill="#f0a000" clip-path="url(#c)"/>
      <text x="2" y="45" font-size="18" fill="#333333">Acme</text>
      <image x="80" y="30" width="20" height="20" xlink:href="data:image/png;base64,{embedded}"/>
    </svg>""".encode()
    png = svg_to_png(svg, longest=400)
    assert png is not None
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    assert image.size == (400, 200)
    left, right = image.getpixel((4, 40)), image.getpixel((230, 40))
    assert left[0] > 200 and left[2] < 40 and right[2] > 150 and right[0] < 100  # red to blue
    assert image.getpixel((340, 40)) == (0xF0, 0xA0, 0x00, 255)  # inside the clipping circle
    assert image.getpixel((302, 2))[3] == 0  # the clipped-off corner
    top, bottom = image.getpixel((360, 130)), image.getpixel((360, 190))
    assert top[1] > 180 and top[0] + top[2] < 20  # the embedded picture, green above blue
    assert bottom[2] > 180 and bottom[0] + bottom[1] < 20
    text = image.crop((0, 110, 200, 200))
    assert (0x33, 0x33, 0x33) in {tuple(p[:3]) for p in pixels(text) if p[3] == 255}


# Matplotlib's Agg renderer keeps the last clip path it drew by the address of its data; a logo
# whose clip paths were freed while it was drawn lost a clipped shape to a stale clip (one CI run).
# A fresh process draws it the same way every time, so the first drawing there is the one checked.
MANY_CLIPS = """
import io, sys
from PIL import Image
from mutuality_desktop.core.office.logo import svg_to_png
n = 24
defs = "".join(
    f'<linearGradient id="g{i}"><stop offset="0" stop-color="#ff0000"/>'
    f'<stop offset="1" stop-color="#0000ff"/></linearGradient>'
    f'<clipPath id="c{i}"><circle cx="{i * 40 + 30}" cy="30" r="8"/></clipPath>' for i in range(n))
body = "".join(
    f'<circle cx="{i * 40 + 10}" cy="10" r="8" fill="url(#g{i})"/>'
    f'<rect x="{i * 40 + 22}" y="22" width="16" height="16" fill="#f0a000" clip-path="url(#c{i})"/>'
    for i in range(n))
svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{n * 40}" height="40" '
       f'viewBox="0 0 {n * 40} 40"><defs>{defs}</defs>{body}</svg>').encode()
image = Image.open(io.BytesIO(svg_to_png(svg, longest=n * 40))).convert("RGBA")
print(sum(image.getpixel((i * 40 + 30, 30)) == (0xF0, 0xA0, 0x00, 255) for i in range(n)))
"""


def test_every_clipped_shape_of_a_logo_with_many_clip_paths_is_drawn() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", MANY_CLIPS], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["24"]  # all 24 orange shapes inside their own circles


def test_an_svg_from_a_received_file_reads_no_local_file_and_no_web_address(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "#FF0000").save(secret, "PNG")
    (tmp_path / "secret.txt").write_text("SECRET TEXT " * 20)
    attempts: list[object] = []

    def no_network(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.chdir(tmp_path)  # a relative reference would resolve here
    svg = f"""<?xml version="1.0"?>
    <!DOCTYPE svg [<!ENTITY leak SYSTEM "file://{tmp_path / 'secret.txt'}">]>
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
      width="40" height="20" viewBox="0 0 40 20">
      <rect x="0" y="0" width="10" height="10" fill="#1F3A5F"/>
      <image x="0" y="0" width="40" height="20" xlink:href="{secret}"/>
      <image x="0" y="0" width="40" height="20" xlink:href="file://{secret}"/>
      <image x="0" y="0" width="40" height="20" xlink:href="secret.png"/>
      <image x="0" y="0" width="40" height="20" href="http://127.0.0.1:9/logo.png"/>
      <use xlink:href="secret.svg#x"/>
      <text x="12" y="18" font-size="6" fill="#000000">&leak;</text>
    </svg>""".encode()
    png = svg_to_png(svg, longest=200)
    assert png is not None
    colours = opaque_colours(png)
    assert NAVY in colours
    assert not any(r > 200 and g < 60 and b < 60 for r, g, b in colours)  # no red from the file
    assert (0, 0, 0) not in colours  # the entity was not expanded into text
    assert attempts == []


def test_an_svg_that_draws_nothing_is_left_out_with_a_warning(demo_data: ReportData,
                                                               tmp_path: Path) -> None:
    empty = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    branding = replace(BrandingProfile(), logo=Logo("svg", empty, "blank.svg"))
    warnings = write_docx(demo_data, tmp_path / "blank.docx", branding)
    assert len(warnings) == 1 and "blank.svg" in warnings[0]
    assert not any(opaque_colours(m) <= {(255, 255, 255)} for m in media(tmp_path / "blank.docx"))
