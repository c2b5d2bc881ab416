"""Named projects, parks and facilities a task mentions (银岭园区D区, 区人民医院新院一期项目)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class ProjectRules:
    """Suffixes that end a name, words that open a phrase but not a name, generic names."""

    pattern: re.Pattern[str]
    suffix_end: re.Pattern[str]
    cut_after: re.Pattern[str]
    leading: tuple[str, ...]
    generic: frozenset[str]
    generic_prefixes: re.Pattern[str]
    min_chars: int


@cache
def project_rules() -> ProjectRules:
    """The project rules, loaded once."""
    path = resources.files("luoshi.extraction").joinpath("rules", "projects.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    suffixes = "|".join(sorted(map(re.escape, data["suffixes"]), key=len, reverse=True))
    # A name: Chinese, Latin letters, digits and brackets, ending with a suffix and maybe a
    # letter-named part such as D区 or (二期).
    name = r"[\u4e00-\u9fffA-Za-z0-9()]{2,30}"
    phase = r"(?:[A-Z]区|\(?[一二三四五六七八九十]期\)?)?"
    # Not a suffix that goes on as another word (郑州国家中心城市, 普通高中学位, 项目库).
    pattern = re.compile(rf"{name}(?:{suffixes}){phase}(?!城市|城区|师|库|群|位|生)")
    return ProjectRules(
        pattern=pattern,
        suffix_end=re.compile(rf"(?:{suffixes}){phase}$"),
        cut_after=re.compile(".*(?:" + "|".join(map(re.escape, data["cut_after"])) + ")"),
        leading=tuple(sorted(data["leading_words"], key=len, reverse=True)),
        generic=frozenset(data["generic"]),
        generic_prefixes=re.compile("(?:" + "|".join(map(re.escape, data["generic_prefixes"])) + ")+"),
        min_chars=int(data["min_chars"]),
    )


# A count before or inside a name (2000个省级重点项目, 济宁4大机器人产业基地, 30项市级疏堵工程).
_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十两百千]+)(?:个|项|条|家|所|宗|座|批|类|处|片|大|张|部|名)")


def _trim(name: str, leading: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for w in leading:
            if name.startswith(w) and len(name) > len(w):
                name, changed = name[len(w) :], True
                break
    return name


def find_projects(text: str) -> tuple[str, ...]:
    """Distinct names of projects and facilities in the text, in order of first mention."""
    r = project_rules()
    found: list[str] = []
    # 等 closes a list of names (县人民医院综合楼、城东污水处理厂二期等项目): split there too.
    for chunk in re.split(r"[,;。、:“”!?\n]|和|及|与|等", text):
        for m in r.pattern.finditer(chunk):
            name = r.cut_after.sub("", m.group(0))
            name = _trim(name, r.leading)
            if "一批" in name or _COUNT.search(name):
                continue  # 一批…项目, 2000个省级重点项目, 五大工程: kinds or counts, not names
            if name.count("(") != name.count(")") or r.suffix_end.match(name) or name[0].isdigit():
                continue  # cut inside brackets or a 4+4 formula, or opening with a suffix (中心暨…)
            if _generic(name, r) or len(name) < r.min_chars or name in found:
                continue
            found.append(name)
    return tuple(found)


def _generic(name: str, r: ProjectRules) -> bool:
    """A name made only of generic qualifiers and a suffix (省重点项目, 国家医学中心) names no place."""
    if name in r.generic:
        return True
    base = r.suffix_end.sub("", name)
    return not base or r.generic_prefixes.fullmatch(base) is not None
