"""The branding profile: default, JSON with embedded logos, lenient reading, logo problems as warnings."""

from __future__ import annotations

import base64
import io
import json
import random
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from mutuality_desktop.core.branding import (
    MAX_LOGO_BYTES,
    BrandingError,
    BrandingProfile,
    Logo,
    default_branding,
    profile_from_engagement,
    read_logo,
    sniff_logo,
)
from mutuality_desktop.core.report.graphics import load_logos


def png_bytes(size: tuple[int, int] = (40, 20), noise: bool = False) -> bytes:
    image = Image.new("RGB", size, (31, 58, 95))
    if noise:
        image = Image.frombytes("RGB", size, random.Random(5).randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "acme.png"
    path.write_bytes(png_bytes())
    return path


def test_default_branding_is_neutral_and_complete() -> None:
    profile = default_branding()
    assert profile.primary_colour.startswith("#") and profile.accent_colour.startswith("#")
    assert profile.logo is not None and profile.logo.kind == "svg"
    assert profile.footer_text
    logos, warnings = load_logos(profile)
    assert warnings == [] and "logo" in logos


def test_json_round_trip_embeds_logos(png: Path) -> None:
    profile = BrandingProfile(consultancy_name="Acme Partners", logo_path=str(png), primary_colour="#112233",
                              accent_colour="#AA5500", footer_text="Confidential", client_logo_path=str(png))
    text = profile.to_json()
    raw = json.loads(text)
    assert base64.b64decode(raw["logos"]["logo"]["data"]) == png.read_bytes()
    png.unlink()  # the colleague's laptop has no such file
    copy = BrandingProfile.from_json(text)
    assert copy.consultancy_name == "Acme Partners" and copy.primary_colour == "#112233"
    assert copy.logo is not None and copy.logo.kind == "png" and copy.logo.name == "acme.png"
    logo, warnings = copy.resolved_logo("logo")
    assert logo == copy.logo and "copy saved earlier" in warnings[0]


def test_portable_copy_has_no_local_paths(png: Path) -> None:
    profile, warnings = BrandingProfile(logo_path=str(png)).portable()
    assert warnings == [] and profile.logo_path == "" and profile.logo is not None
    assert str(png) not in profile.to_json()


def test_from_json_is_lenient_field_by_field() -> None:
    warnings: list[str] = []
    text = json.dumps({"consultancy_name": 42, "primary_colour": "red", "accent_colour": "#12345G",
                       "footer_text": "ok\x00 text\n", "logos": {
                           "logo": {"type": "png", "data": "%%%not base64"},
                           "client_logo": {"type": "png", "data": base64.b64encode(b"plain text").decode()},
                           "provider_logo": {"data": "A" * (MAX_LOGO_BYTES * 2)}}})
    profile = BrandingProfile.from_json(text, warnings)
    assert profile.consultancy_name == "" and profile.footer_text == "ok text"
    assert profile.primary_colour == BrandingProfile().primary_colour
    assert profile.logo is None and profile.client_logo is None and profile.provider_logo is None
    assert len(warnings) == 6


@pytest.mark.parametrize("text", ["", "[1, 2]", "{nope", "null", "[" * 100_000])
def test_from_json_refuses_what_is_not_a_profile(text: str) -> None:
    with pytest.raises(BrandingError):
        BrandingProfile.from_json(text)


def test_profile_from_engagement() -> None:
    assert profile_from_engagement(None) == (default_branding(), [])
    profile, warnings = profile_from_engagement("{broken")
    assert profile == default_branding() and warnings
    profile, warnings = profile_from_engagement(BrandingProfile(consultancy_name="X").to_json())
    assert profile.consultancy_name == "X" and warnings == []


def test_sniffing_and_reading_logos(tmp_path: Path, png: Path) -> None:
    assert sniff_logo(png.read_bytes()) == "png"
    assert sniff_logo(b"\xff\xd8\xff\xe0rest") == "jpeg"
    assert sniff_logo(b"\xef\xbb\xbf  <?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>") == "svg"
    assert sniff_logo(b"GIF89a") is None
    assert read_logo(tmp_path / "none.png") == (None, "was not found")
    text = tmp_path / "logo.png"
    text.write_text("not an image")
    assert read_logo(text)[1] == "is not a PNG, JPEG or SVG image"
    logo, problem = read_logo(png)
    assert problem == "" and logo == Logo("png", png.read_bytes(), "acme.png")


def test_a_large_raster_logo_is_reduced(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(png_bytes((700, 700), noise=True))
    assert big.stat().st_size > MAX_LOGO_BYTES
    logo, problem = read_logo(big)
    assert problem == "" and logo is not None and len(logo.data) <= MAX_LOGO_BYTES


def test_unreadable_logos_become_warnings(tmp_path: Path) -> None:
    profile = BrandingProfile(
        logo=Logo("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "broken.png"),
        client_logo=Logo("svg", b"<svg <<< not xml", "bad.svg"),
        provider_logo_path=str(tmp_path / "missing.svg"),
    )
    logos, warnings = load_logos(profile)
    assert "logo" not in logos and "provider_logo" not in logos
    assert any("broken.png" in w for w in warnings)
    assert any("provider logo" in w and "was not found" in w for w in warnings)


def test_an_svg_logo_cannot_pull_in_local_files(tmp_path: Path) -> None:
    """An SVG naming a local picture draws nothing from it: svglib is only given bytes."""
    from mutuality_desktop.core.engagement import Engagement
    from mutuality_desktop.core.model import EngagementInfo
    from mutuality_desktop.core.report import build_report, collect_report_data

    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes((30, 30)))
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
           f"width='100' height='40'><rect width='100' height='40' fill='#123456'/>"
           f"<image x='0' y='0' width='30' height='30' xlink:href='{secret}'/>"
           f"<image x='0' y='0' width='30' height='30' href='file://{secret}'/>"
           f"<image x='0' y='0' width='30' height='30' href='secret.png'/></svg>").encode()
    path = tmp_path / "e.mutuality"
    with Engagement.create(path, EngagementInfo("T", "Client", "Provider")) as e:
        data = collect_report_data(e)
    out = tmp_path / "r.pdf"
    build_report(data, out, BrandingProfile(logo=Logo("svg", svg, "x.svg")))
    for page in pypdf.PdfReader(str(out)).pages:
        xobjects = (page["/Resources"].get("/XObject") or {}).values()
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects)
