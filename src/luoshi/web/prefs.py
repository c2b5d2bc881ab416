"""Reader preferences of the public portal (字体, 高对比度, 长者模式), kept in cookies set by plain links.

Plain links and cookies, not JavaScript, so that every mode works with scripts off and is remembered
across pages; `next` may only be a path of the portal itself, so the links cannot redirect elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

SIZES = {"normal": "标准", "large": "大", "larger": "特大"}
COOKIES = {"size": "ls_size", "contrast": "ls_contrast", "elder": "ls_elder"}
PORTAL = "/public/"
# A same-site path under the portal: no scheme, no host, no backslash, no second leading slash.
_SAFE_NEXT = re.compile(r"/public/[A-Za-z0-9_\-./#?=&%]*")
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Prefs:
    """How a reader wants the portal shown."""

    size: str = "normal"
    high_contrast: bool = False
    elder: bool = False

    @property
    def classes(self) -> str:
        """The classes the <html> element carries, which the stylesheet keys on."""
        names = [f"size-{self.size}"]
        if self.high_contrast:
            names.append("contrast-high")
        if self.elder:
            names.append("elder")
        return " ".join(names)


def read_prefs(request: Request) -> Prefs:
    """The reader's preferences from the cookies; anything unknown means the default."""
    size = request.cookies.get(COOKIES["size"], "normal")
    return Prefs(
        size=size if size in SIZES else "normal",
        high_contrast=request.cookies.get(COOKIES["contrast"]) == "high",
        elder=request.cookies.get(COOKIES["elder"]) == "1",
    )


def safe_next(value: str | None) -> str:
    """Where to go back to: a portal path as given, else the portal's front page."""
    if value and _SAFE_NEXT.fullmatch(value) and ".." not in value and "//" not in value:
        return value
    return PORTAL


def wanted(size: str | None, contrast: str | None, elder: str | None) -> dict[str, str]:
    """Cookie name → value for each preference the link sets; a value outside the choices is ignored."""
    found: dict[str, str] = {}
    if size in SIZES:
        found[COOKIES["size"]] = size
    if contrast in ("high", "normal"):
        found[COOKIES["contrast"]] = contrast
    if elder in ("1", "0"):
        found[COOKIES["elder"]] = elder
    return found


def prefs_link(here: str, **choice: str) -> str:
    """The link that sets one preference and comes back to this page."""
    return "/public/prefs?" + urlencode({**choice, "next": here})
