#!/usr/bin/python3
"""Precision and recall of an `ecozone audit` register (or of the GDAL peer's polygons) against the
patches ecozone-samplegen injected (issue 11).  Not a test: bench/run_audit_quality.sh runs it.

    /usr/bin/python3 bench/audit_quality.py TRUTH_GPKG AUDIT_OUT [--scope protected|district]
                                            [--label TEXT] [--project TOML] [--min-overlap-m2 A]

TRUTH_GPKG  injected_patches.gpkg of a generated set (layer injected_patches: polygons, fields id,
            zone, in_redline, pixels, area_m2, detectable; a missing `detectable` counts every
            patch as detectable).
AUDIT_OUT   an `ecozone audit --out` folder (its patches.gpkg, and rejected.gpkg when it exists), or
            one vector file (first layer) such as `peer_audit_gdal.py --out-gpkg`'s.

Prints one JSON line:
  entries, true_entries, precision   register entries in scope; an entry is true if it overlaps an
                                     injected patch (any, detectable or not) with an area of
                                     intersection > min_overlap_m2 (default 0.01 m²: more than
                                     floating-point slivers, far less than a pixel) — an entry that
                                     only touches a patch along an edge or at a corner is false
  detectable, found, recall          detectable injected patches in scope; found = overlapped by an
                                     entry
  area_ratio                         sum of the areas of the entries that overlap a found patch /
                                     sum of the truth areas of the found patches (1 = areas right)
  auc                                ROC AUC of the entries' `confidence` separating true from false
                                     candidates, over the register and rejected.gpkg (every
                                     candidate a filter stage removed); null without `confidence`
  grades                             per `grade` (高/中/低): entries, true_entries, precision
  rejected                           per stage of rejected.gpkg: candidates, true ones among them
Scope: `protected` counts the truth patches that overlap (area > 0) a reserve zone or the red line
of the set's project — the rule `ecozone audit --scope protected` registers by (docs/audit.md §4) —
and only the entries that do (`entries_out_of_scope` says how many entries were left out: 0 for an
ecozone register of that scope; the peer registers the whole district, so its protected register is
this filter's).  `truth_scope_disagreements` counts truth patches whose zone / in_redline fields say
otherwise than the geometry.  `district` counts every truth patch and every entry.
"""
import argparse
import glob
import json
import math
import os
import sys
import tomllib

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()

PROTECTED_VALUES = {"core", "buffer", "experimental", "core_protection", "general_control"}
CANONICAL = {"核心区": "core", "缓冲区": "buffer", "实验区": "experimental", "核心保护区": "core_protection",
             "一般控制区": "general_control"}
OUTSIDE = "非保护地"


class Polygons:
    """Polygons with their bounding boxes in numpy arrays, for a bbox prefilter."""

    def __init__(self, geoms, attrs=None):
        self.geoms = geoms
        self.attrs = attrs if attrs is not None else [{} for _ in geoms]
        box = np.array([g.GetEnvelope() for g in geoms], dtype=float).reshape(-1, 4)  # minx maxx miny maxy
        self.minx, self.maxx, self.miny, self.maxy = (box[:, i] for i in range(4))

    def __len__(self):
        return len(self.geoms)

    def candidates(self, g):
        """Indices whose boxes overlap g's with a positive area (touching boxes cannot overlap)."""
        minx, maxx, miny, maxy = g.GetEnvelope()
        hit = (self.minx < maxx) & (self.maxx > minx) & (self.miny < maxy) & (self.maxy > miny)
        return np.flatnonzero(hit)


def surface_area(g):
    """Area of the surfaces of g (an intersection of touching polygons is a line or a point)."""
    if g is None or g.IsEmpty():
        return 0.0
    if g.GetGeometryType() in (ogr.wkbGeometryCollection, ogr.wkbGeometryCollection25D):
        return sum(surface_area(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
    return g.GetArea() if g.GetDimension() == 2 else 0.0


def overlap_area(a, b):
    if not a.Intersects(b):
        return 0.0
    try:
        return surface_area(a.Intersection(b))
    except RuntimeError:  # an invalid polygon: repair both and try again
        return surface_area(a.Buffer(0).Intersection(b.Buffer(0)))


def read_layer(path, layer_name=None):
    try:
        ds = ogr.Open(path)
    except RuntimeError as e:
        sys.exit(f"audit_quality: cannot open {path}: {e}")
    if ds is None:
        sys.exit(f"audit_quality: cannot open {path}")
    layer = ds.GetLayerByName(layer_name) if layer_name and ds.GetLayerByName(layer_name) else ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    geoms, attrs = [], []
    for f in layer:
        g = f.GetGeometryRef()
        if g is None or g.IsEmpty():
            continue  # e.g. a restored previous patch: listed without a polygon
        geoms.append(g.Clone())
        attrs.append({n: f.GetField(n) for n in names})
    return Polygons(geoms, attrs), names


def split_polygon(g, limit=256, depth=0):
    """A big polygon cut into quadrants until each piece has at most `limit` points: an entry is
    then tested against a few small pieces instead of the whole zone."""
    if g.IsEmpty():
        return []
    if _points(g) <= limit or depth >= 14:
        return [g]
    minx, maxx, miny, maxy = g.GetEnvelope()
    mx, my = (minx + maxx) / 2, (miny + maxy) / 2
    out = []
    for x0, x1, y0, y1 in ((minx, mx, miny, my), (mx, maxx, miny, my), (minx, mx, my, maxy), (mx, maxx, my, maxy)):
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
            ring.AddPoint_2D(x, y)
        quad = ogr.Geometry(ogr.wkbPolygon)
        quad.AddGeometry(ring)
        part = g.Intersection(quad)
        if surface_area(part) > 0:
            out.extend(split_polygon(part, limit, depth + 1))
    return out


def _points(g):
    if g.GetGeometryCount():
        return sum(_points(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
    return g.GetPointCount()


def find_project(truth_path, given):
    if given:
        return given
    folder = os.path.dirname(os.path.abspath(truth_path))
    for path in sorted(glob.glob(os.path.join(folder, "*.toml"))):
        try:
            proj = tomllib.load(open(path, "rb"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if "layers" in proj and "project" in proj:
            return path
    return None


def protected_pieces(project_path):
    """The reserve's functional zones and the red line of the project, as small pieces."""
    proj = tomllib.load(open(project_path, "rb"))
    folder = os.path.dirname(os.path.abspath(project_path))
    layers = proj.get("layers", {})
    parts = []

    def open_layer(spec):
        path = spec["path"]
        if not (path.startswith("PG:") or path.startswith("/vsi") or os.path.isabs(path)):
            path = os.path.join(folder, path)
        ds = ogr.Open(path)
        return ds, (ds.GetLayerByName(spec["layer"]) if "layer" in spec else ds.GetLayer(0))

    rz = layers.get("reserve_zones")
    if rz and "path" in rz:
        ds, layer = open_layer(rz)
        values = rz.get("values", {})
        for f in layer:
            v = f.GetField(rz["zone_field"])
            v = values.get(v, CANONICAL.get(v, v))
            if v in PROTECTED_VALUES and f.GetGeometryRef() is not None:
                parts.append(f.GetGeometryRef().Clone())
    rl = layers.get("redline")
    if rl and "path" in rl:
        ds, layer = open_layer(rl)
        for f in layer:
            if f.GetGeometryRef() is not None:
                parts.append(f.GetGeometryRef().Clone())
    pieces = []
    for g in parts:
        if not g.IsValid():
            g = g.Buffer(0)
        pieces.extend(split_polygon(g))
    return Polygons(pieces) if pieces else None


def in_protected(g, pieces, min_overlap):
    for i in pieces.candidates(g):
        if overlap_area(g, pieces.geoms[i]) > min_overlap:
            return True
    return False


def roc_auc(scores, labels):
    """Mann–Whitney U / (n_pos n_neg), ties counted half."""
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(labels.sum()), int((~labels).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=float)
    s = scores[order]
    i = 0
    while i < len(s):  # average ranks of tied scores
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[labels].sum() - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


def ratio(a, b):
    return round(a / b, 4) if b else None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth")
    ap.add_argument("audit_out")
    ap.add_argument("--scope", choices=("protected", "district"), default="protected")
    ap.add_argument("--label", default="")
    ap.add_argument("--project", help="the set's project file (default: the *.toml with [layers] beside TRUTH)")
    ap.add_argument("--min-overlap-m2", type=float, default=0.01)
    a = ap.parse_args(argv)
    min_overlap = a.min_overlap_m2

    truth, truth_fields = read_layer(a.truth, "injected_patches")
    if os.path.isdir(a.audit_out):
        register_path = os.path.join(a.audit_out, "patches.gpkg")
        rejected_path = os.path.join(a.audit_out, "rejected.gpkg")
    else:
        register_path, rejected_path = a.audit_out, None
    entries, entry_fields = read_layer(register_path, "patches")
    rejected = None
    if rejected_path and os.path.exists(rejected_path):
        rejected, _ = read_layer(rejected_path, "rejected")

    notes = []
    # Which truth patches and entries are in scope.
    pieces = None
    entries_out_of_scope = 0
    truth_scope_disagreements = None
    truth_in_scope = np.ones(len(truth), dtype=bool)
    if a.scope == "protected":
        project = find_project(a.truth, a.project)
        pieces = protected_pieces(project) if project else None
        by_fields = np.array([(t.get("zone") not in (OUTSIDE, None, "")) or bool(t.get("in_redline"))
                              for t in truth.attrs], dtype=bool)
        if pieces is None:
            notes.append("no project with reserve zones or red line beside the truth: scope from the truth's "
                         "zone / in_redline fields, entries not filtered")
            truth_in_scope = by_fields
        else:
            truth_in_scope = np.array([in_protected(g, pieces, min_overlap) for g in truth.geoms], dtype=bool)
            truth_scope_disagreements = int((truth_in_scope != by_fields).sum()) if truth_fields else None

    def scope_filter(polys):
        if pieces is None:
            return list(range(len(polys)))
        return [i for i, g in enumerate(polys.geoms) if in_protected(g, pieces, min_overlap)]

    keep = scope_filter(entries)
    entries_out_of_scope = len(entries) - len(keep)

    def overlapped_truth(g):
        return [int(i) for i in truth.candidates(g) if overlap_area(g, truth.geoms[i]) > min_overlap]

    has_detectable = "detectable" in truth_fields
    if not has_detectable:
        notes.append("truth without a `detectable` field: every patch counts as detectable")
    detectable = np.array([bool(t.get("detectable", 1)) if has_detectable else True for t in truth.attrs], dtype=bool)
    target = detectable & truth_in_scope

    has_conf = "confidence" in entry_fields
    has_grade = "grade" in entry_fields
    found = np.zeros(len(truth), dtype=bool)
    entry_true = []
    entry_hits = []
    for i in keep:
        hits = overlapped_truth(entries.geoms[i])
        entry_hits.append(hits)
        entry_true.append(bool(hits))
        for h in hits:
            found[h] = True
    found_target = found & target
    # Area ratio over the found patches: the entries that overlap them, each counted once.
    entry_area = sum(entries.geoms[i].GetArea() for i, hits in zip(keep, entry_hits)
                     if any(found_target[h] for h in hits))
    truth_area = sum(float(truth.attrs[h].get("area_m2") or truth.geoms[h].GetArea())
                     for h in np.flatnonzero(found_target))

    grades = {}
    if has_grade:
        for i, ok in zip(keep, entry_true):
            g = entries.attrs[i].get("grade") or "?"
            d = grades.setdefault(g, {"entries": 0, "true_entries": 0})
            d["entries"] += 1
            d["true_entries"] += int(ok)
        for d in grades.values():
            d["precision"] = ratio(d["true_entries"], d["entries"])

    rejected_stats = None
    auc = None
    candidates = None
    if rejected is not None:
        rkeep = scope_filter(rejected)
        rejected_stats = {}
        r_scores, r_labels = [], []
        for i in rkeep:
            ok = bool(overlapped_truth(rejected.geoms[i]))
            stage = rejected.attrs[i].get("stage") or "?"
            d = rejected_stats.setdefault(stage, {"candidates": 0, "true": 0})
            d["candidates"] += 1
            d["true"] += int(ok)
            r_scores.append(rejected.attrs[i].get("confidence"))
            r_labels.append(ok)
    if has_conf:
        scores = [entries.attrs[i].get("confidence") for i in keep]
        labels = list(entry_true)
        if rejected is not None:
            scores += r_scores
            labels += r_labels
        else:
            notes.append("no rejected.gpkg: AUC over the register alone")
        pairs = [(s, l) for s, l in zip(scores, labels) if s is not None]
        if len(pairs) < len(scores):
            notes.append(f"{len(scores) - len(pairs)} candidates without a confidence left out of the AUC")
        candidates = len(pairs)
        if pairs:
            auc = roc_auc([p[0] for p in pairs], [p[1] for p in pairs])
            auc = None if auc is None else round(auc, 4)

    n_true = int(sum(entry_true))
    out = {
        "label": a.label,
        "scope": a.scope,
        "entries": len(keep),
        "true_entries": n_true,
        "precision": ratio(n_true, len(keep)),
        "truth": int(truth_in_scope.sum()),
        "detectable": int(target.sum()),
        "found": int(found_target.sum()),
        "recall": ratio(int(found_target.sum()), int(target.sum())),
        "area_ratio": ratio(entry_area, truth_area),
        "auc": auc,
        "auc_candidates": candidates,
        "grades": grades if has_grade else None,
        "rejected": rejected_stats,
        "entries_out_of_scope": entries_out_of_scope,
        "truth_scope_disagreements": truth_scope_disagreements,
        "missed": [truth.attrs[h].get("id", h) for h in np.flatnonzero(target & ~found)][:30],
        "min_overlap_m2": min_overlap,
        "notes": notes,
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
