"""Synthetic personal data (names, phones, e-mails, addresses, handles), vectorised with Arrow string kernels."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SURNAMES = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
    "Zheng",
    "Liang",
    "Xie",
    "Song",
    "Tang",
    "Han",
    "Feng",
    "Deng",
)
GIVEN = (
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Li",
    "Qiang",
    "Lei",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiu",
    "Xia",
    "Ping",
    "Gang",
    "Hui",
    "Ying",
    "Hua",
    "Bo",
    "Ning",
    "Yu",
    "Hao",
    "Xin",
    "Lan",
)
CITIES = ("上海市", "北京市", "广州市", "深圳市", "成都市", "杭州市", "武汉市", "南京市", "西安市", "重庆市")
DISTRICTS = ("东城区", "西城区", "南山区", "浦东新区", "武侯区", "西湖区", "江汉区", "鼓楼区", "雁塔区", "渝中区")
ROADS = ("人民路", "解放路", "中山路", "建设路", "和平路", "长江路", "黄河路", "胜利路", "新华路", "文化路")


def _choose(rng: np.random.Generator, vocab: tuple[str, ...], n: int) -> pa.Array:
    return pa.array(vocab, type=pa.string()).take(pa.array(rng.integers(0, len(vocab), size=n)))


def _digits(rng: np.random.Generator, n: int, width: int) -> pa.Array:
    numbers = rng.integers(0, 10**width, size=n, dtype=np.int64)
    return pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")


def names(rng: np.random.Generator, n: int) -> pa.Array:
    return pc.binary_join_element_wise(_choose(rng, GIVEN, n), _choose(rng, SURNAMES, n), " ")


def phones(rng: np.random.Generator, n: int) -> pa.Array:
    """Chinese mobile numbers: 1, a second digit 3-9, nine more digits."""
    second = pc.cast(pa.array(rng.integers(3, 10, size=n)), pa.string())
    return pc.binary_join_element_wise("1", second, _digits(rng, n, 9), "")


def emails(full_names: pa.Array, ids: pa.Array, domain: str) -> pa.Array:
    local = pc.utf8_lower(pc.replace_substring(full_names, " ", "."))
    return pc.binary_join_element_wise(local, ".", pc.utf8_lower(ids), "@", domain, "")


def addresses(rng: np.random.Generator, n: int) -> pa.Array:
    number = pc.cast(pa.array(rng.integers(1, 999, size=n)), pa.string())
    return pc.binary_join_element_wise(
        _choose(rng, CITIES, n), _choose(rng, DISTRICTS, n), _choose(rng, ROADS, n), number, "号", ""
    )


def handles(rng: np.random.Generator, n: int) -> pa.Array:
    return pc.binary_join_element_wise("@", pc.utf8_lower(_choose(rng, GIVEN, n)), _digits(rng, n, 6), "")


def blank_where(values: pa.Array, mask: np.ndarray) -> pa.Array:
    """Null out entries where mask is true (incomplete records)."""
    return pc.if_else(pa.array(mask), pa.scalar(None, pa.string()), values)
