#!/usr/bin/env python3
"""Collect the seed corpus and dictionaries of the fuzz targets into a build directory.

    python3 fuzz/build_corpus.py OUT_DIR [--audit-dir DIR]

OUT_DIR/seeds/<target>/ gets the seeds of each target (fuzz/feed.h says how a target reads its
bytes), OUT_DIR/dict/<target>.dict its dictionary.  Seeds come from the sample project and the
test data (copied, never committed twice), the small hand-made seeds of fuzz/corpus/<target>/,
and for the previous-register target the patches.csv / patches.gpkg that `ecozone audit` wrote
on the sample (--audit-dir).  Multi-file inputs (a .dbf with its .cpg, a shapefile's parts) are
packed as feed.h's split_parts() reads them: a 4-byte little-endian length before every part
but the last.
"""
import argparse
import hashlib
import re
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SEED = 128 * 1024  # larger files slow every execution down and add little


def pack(*parts):
    out = b""
    for p in parts[:-1]:
        out += struct.pack("<I", len(p)) + p
    return out + parts[-1]


def sibling(path, ext):
    for e in (ext, ext.upper()):
        p = path.with_suffix(e)
        if p.exists():
            return p
    return None


def read(path):
    return path.read_bytes() if path else b""


class Seeds:
    def __init__(self, out):
        self.out = out
        self.count = {}

    def add(self, target, data, name):
        if len(data) > MAX_SEED:
            return
        d = self.out / "seeds" / target
        d.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(data).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        (d / f"{safe}-{digest}").write_bytes(data)
        self.count[target] = self.count.get(target, 0) + 1


def files(*globs):
    for g in globs:
        yield from sorted(ROOT.glob(g))


def toml_dictionary(paths, extra):
    """Every bare key, table header and short string value of the seed TOML files."""
    tokens = set(extra)
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="ignore")
        tokens.update(re.findall(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", text, re.M))
        tokens.update("[" + t + "]" for t in re.findall(r"^\s*\[\s*([^\[\]]+?)\s*\]", text, re.M))
        tokens.update("[[" + t + "]]" for t in re.findall(r"^\s*\[\[\s*([^\]]+?)\s*\]\]", text, re.M))
        tokens.update(k + " = " for k in re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=", text, re.M))
        tokens.update(v for v in re.findall(r'"([^"\\\n]{1,24})"', text))
    return tokens


def write_dict(out, target, tokens):
    d = out / "dict"
    d.mkdir(parents=True, exist_ok=True)
    lines = []
    for t in sorted(tokens):
        b = t.encode("utf-8")
        if not b or len(b) > 64:
            continue
        esc = "".join(chr(c) if 0x20 <= c < 0x7F and c not in (0x22, 0x5C) else f"\\x{c:02X}" for c in b)
        lines.append(f'"{esc}"')
    (d / f"{target}.dict").write_text("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--audit-dir", type=Path, help="where `ecozone audit` wrote the sample's register")
    args = ap.parse_args()
    out = args.out
    shutil.rmtree(out / "seeds", ignore_errors=True)
    shutil.rmtree(out / "dict", ignore_errors=True)
    seeds = Seeds(out)

    # Hand-made seeds (small, committed) and the committed dictionaries' tokens.
    for d in sorted((ROOT / "fuzz" / "corpus").glob("*")):
        if d.is_dir():
            for f in sorted(d.iterdir()):
                if f.is_file():
                    seeds.add(d.name, f.read_bytes(), "hand-" + f.name)

    # Project files and rules files.
    projects = list(files("sample_shapefiles/*.toml", "tests/data/mini/*.toml"))
    projects = [p for p in projects if p.name != "rules.toml" and p.name != "bad_rules.toml"]
    for p in projects:
        seeds.add("project", p.read_bytes(), p.name)
    rules = list(files("sample_shapefiles/rules.toml", "tests/data/rules/*.toml", "tests/data/mini/bad_rules.toml"))
    for p in rules:
        seeds.add("rules", p.read_bytes(), p.name)
    toml_syntax = ["[", "]", "[[", "]]", "=", "\"", "'", "\"\"\"", "'''", "{", "}", ",", "#", "true", "false",
                   "inf", "nan", "-inf", "+inf", "1e308", "-0", "0x7fffffffffffffff", "9223372036854775808",
                   "1979-05-27T07:32:00Z", "\\u0000", "\\U0010FFFF"]
    write_dict(out, "project", toml_dictionary(projects, toml_syntax))
    write_dict(out, "rules", toml_dictionary(rules, toml_syntax))

    # Sites: boundary-point files, WKT CSVs.
    for p in files("tests/data/sites/*.txt"):
        seeds.add("boundary_points", p.read_bytes(), p.name)
    for p in files("tests/data/sites/*.csv", "tests/data/differential/*.csv"):
        seeds.add("wkt_csv", p.read_bytes(), p.name)
    boundary_tokens = ["[属性描述]", "[地块坐标]", "格式版本号=", "数据产生单位=", "数据产生日期=", "坐标系=",
                       "2000国家大地坐标系", "CGCS2000", "北京54", "西安80", "几度分带=", "3", "6", "投影类型=",
                       "高斯克吕格", "计量单位=", "米", "度", "带号=", "35", "36", "中央经线=", "105", "108",
                       "精度=", "转换参数=", "界址点数", "地块面积", "面", "线", "点", "@", ",", "J1", "1", "2",
                       "4141700", "35615100", "615100", "-", "1e308", "nan", "inf", "\r\n", "，", "；", "＝",
                       "［", "］", "＠", "\xa0", "\u3000", "\ufeff"]
    write_dict(out, "boundary_points", boundary_tokens)
    wkt_tokens = ["id", "name", "WKT", "wkt", "geometry", "geom", "crs", "epsg", "srid", "编号", "名称", "项目名称",
                  "XMMC", "category", "行业类别", "HYLB", "EPSG:4490", "EPSG:4544", "EPSG:4523", "4326", "SRID=4490;",
                  "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                  "GEOMETRYCOLLECTION", "EMPTY", "Z", "M", "ZM", "((", "))", "(", ")", ",", " ", "\"", "\"\"", ";",
                  "\t", "\r\n", "106.21 37.32", "512000 4139000", "4139000 512000", "1e308", "-1e308", "nan",
                  "inf", "0", "\ufeff"]
    write_dict(out, "wkt_csv", wkt_tokens)

    # Coordinates typed on the command line: the hand seeds (fuzz/corpus/coordinates) only.
    write_dict(out, "coordinates", ["°", "′", "″", "'", "\"", "d", "m", "s", "度", "分", "秒", "N", "E", "S", "W",
                                    ",", ";", " ", "，", "；", "．", "１", "\u3000", ".", "-", "+", "e", "E308",
                                    "106", "37", "106.30,37.40", "37.40,106.30", "180", "90", "360", "1e308",
                                    "nan", "inf", "0x1p3"])

    # DBF encodings: every small .dbf with its .cpg (and without it).
    dbf_dirs = ["sample_shapefiles/*.dbf", "tests/data/encoding/*.dbf", "tests/data/bad/*.dbf",
                "tests/data/external/pyshp/*.dbf"]
    for p in files(*dbf_dirs):
        cpg = sibling(p, ".cpg")
        seeds.add("dbf_encoding", pack(read(cpg), p.read_bytes()), p.name + (".cpg" if cpg else ""))
        if cpg:
            seeds.add("dbf_encoding", pack(b"", p.read_bytes()), p.name)
    for cpg_text in [b"GBK", b"936", b"UTF-8", b"65001", b"1252", b"ISO-8859-1", b"CP936", b"GB18030", b"KOI8-R",
                     b"\xef\xbb\xbfUTF-8\r\n", b"88591", b"ANSI 936"]:
        p = ROOT / "tests/data/encoding/gbk_no_cpg.dbf"
        seeds.add("dbf_encoding", pack(cpg_text, p.read_bytes()), "gbk_cpg_" + cpg_text.decode("latin-1"))
    write_dict(out, "dbf_encoding", ["GBK", "936", "UTF-8", "UTF8", "65001", "1252", "CP1252", "ISO-8859-1",
                                     "88591", "GB18030", "GB2312", "BIG5", "950", "UTF-16", "\x00", "\x57", "\x4d",
                                     "\x7a", "\x0d", "\xef\xbb\xbf", "\xd6\xd0", "\xb9\xfa", "\x81\x30\x81\x30",
                                     "\xe4\xb8\xad", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\x80"])

    # Shapefiles: .shp/.shx/.dbf/.prj quadruples.
    shp_dirs = ["sample_shapefiles/*.shp", "tests/data/encoding/*.shp", "tests/data/bad/*.shp",
                "tests/data/external/pyshp/*.shp"]
    for p in files(*shp_dirs):
        parts = [p.read_bytes(), read(sibling(p, ".shx")), read(sibling(p, ".dbf")), read(sibling(p, ".prj"))]
        seeds.add("shapefile", pack(*parts), p.name)
        if parts[3]:
            seeds.add("shapefile", pack(*parts[:3], b""), p.name + "-noprj")

    # The previous register: the sample audit's patches.csv / patches.gpkg.
    if args.audit_dir:
        for name in ("patches.csv", "patches.gpkg"):
            p = args.audit_dir / name
            if p.exists():
                seeds.add("previous_register", p.read_bytes(), name)
            else:
                print(f"build_corpus: {p} is missing (no seed)", file=sys.stderr)
    write_dict(out, "previous_register", ["tbbh", "mj_hm2", "WKT", "POLYGON", "MULTIPOLYGON", "((", "))", ",",
                                          "\"", "SQLite format 3", "gpkg_contents", "gpkg_geometry_columns",
                                          "GP", "\x00\x00\x00\x00", "1e308", "nan"])

    for target in sorted(seeds.count):
        print(f"build_corpus: {target}: {seeds.count[target]} seeds")


if __name__ == "__main__":
    main()
