"""Peer of `ecozone audit`: the usual GDAL Python pipeline — numpy change mask of the two
classified rasters, gdal.Polygonize (8-connected) into an in-memory layer, minimum mapping unit,
then zone attribution with OGR intersections against the reserve zones.

    /usr/bin/python3 peer_audit_gdal.py PROJECT_DIR [--out-gpkg PATH]

Reads the project's [audit] settings from hongsibu.toml (natural classes, activity by class,
pairs, MMU) so that both tools apply the same transition table.  Prints one JSON line.

--out-gpkg PATH writes its register too: the polygons it counts as patches (layer `patches`, no
noise suppression beyond the MMU, the whole district) with fields `act` (activity code), `zone`
(the most protective reserve zone touched, else 非保护地), `in_redline` (1/0, a positive overlap
with the red line) and `area_m2`, for bench/audit_quality.py to score.  The red-line overlay is
done only then (timings without the option are those of bench/run_audit.sh)."""
import argparse
import json
import os
import time
import tomllib

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
t0 = time.perf_counter()
ap = argparse.ArgumentParser()
ap.add_argument("project_dir")
ap.add_argument("--out-gpkg", help="write the register's polygons to this GeoPackage (layer patches)")
args = ap.parse_args()
d = args.project_dir
proj = tomllib.load(open(f"{d}/hongsibu.toml", "rb"))
audit = proj["audit"]
b = gdal.Open(f"{d}/{proj['rasters']['landuse']['path']}")
a = gdal.Open(f"{d}/{proj['rasters']['landuse_after']['path']}")
before = b.GetRasterBand(1).ReadAsArray()
after = a.GetRasterBand(1).ReadAsArray()
# Activity code per pixel (0 = no activity): natural -> class X by the table, then explicit pairs.
code = np.zeros(before.shape, dtype=np.uint8)
natural = np.isin(before, audit["natural"])
for cls, act in audit.get("activity", {}).items():
    code[natural & (after == int(cls))] = int(act)
for pair, act in audit.get("pairs", {}).items():
    f, t = (int(x) for x in pair.split("->"))
    code[(before == f) & (after == t)] = int(act) if act else 0
del before, after, natural
drv = gdal.GetDriverByName("MEM")
mem = drv.Create("", code.shape[1], code.shape[0], 1, gdal.GDT_Byte)
mem.SetGeoTransform(b.GetGeoTransform())
mem.SetProjection(b.GetProjection())
mem.GetRasterBand(1).WriteArray(code)
mem.GetRasterBand(1).SetNoDataValue(0)
srs = osr.SpatialReference()
srs.ImportFromWkt(b.GetProjection())
ods = ogr.GetDriverByName("Memory").CreateDataSource("patches")
layer = ods.CreateLayer("patches", srs, ogr.wkbPolygon)
layer.CreateField(ogr.FieldDefn("act", ogr.OFTInteger))
gdal.Polygonize(mem.GetRasterBand(1), mem.GetRasterBand(1), layer, 0, ["8CONNECTED=8"])
pieces = layer.GetFeatureCount()
mmu = audit.get("min_area_m2", {"*": 400})
zones = ogr.Open(f"{d}/{proj['layers']['reserve_zones']['path']}")
zl = zones.GetLayer(0)
zone_geoms = [f.GetGeometryRef().Clone() for f in zl]
out_layer = None
if args.out_gpkg:
    # The register: each kept polygon with its activity, most protective zone and red-line flag.
    rz = proj["layers"]["reserve_zones"]
    zl.ResetReading()
    rank_of = {"core": 3, "core_protection": 3, "buffer": 2, "experimental": 1, "general_control": 1}
    zone_names = [f.GetField(rz["zone_field"]) for f in zl]
    zone_ranks = [rank_of.get(rz.get("values", {}).get(v, v), 0) for v in zone_names]
    redline_geoms = []
    if "redline" in proj["layers"] and "path" in proj["layers"]["redline"]:
        rl = ogr.Open(f"{d}/{proj['layers']['redline']['path']}")
        redline_geoms = [f.GetGeometryRef().Clone() for f in rl.GetLayer(0)]
    if os.path.exists(args.out_gpkg):
        ogr.GetDriverByName("GPKG").DeleteDataSource(args.out_gpkg)
    out_ds = ogr.GetDriverByName("GPKG").CreateDataSource(args.out_gpkg)
    out_layer = out_ds.CreateLayer("patches", srs, ogr.wkbPolygon)
    for name, kind in (("act", ogr.OFTString), ("zone", ogr.OFTString), ("in_redline", ogr.OFTInteger),
                       ("area_m2", ogr.OFTReal)):
        out_layer.CreateField(ogr.FieldDefn(name, kind))
    out_layer.StartTransaction()
kept = 0
for f in layer:
    g = f.GetGeometryRef()
    act = f"{f.GetField('act'):02d}"
    if g.GetArea() < float(mmu.get(act, mmu.get("*", 0))):
        continue
    kept += 1
    best, zone = 0, "非保护地"
    for z, zg in enumerate(zone_geoms):  # zone attribution: area in each functional zone
        if g.Intersects(zg):
            a = g.Intersection(zg).GetArea()
            if out_layer is not None and a > 0 and zone_ranks[z] > best:
                best, zone = zone_ranks[z], zone_names[z]
    if out_layer is not None:
        in_redline = any(g.Intersects(r) and g.Intersection(r).GetArea() > 0 for r in redline_geoms)
        o = ogr.Feature(out_layer.GetLayerDefn())
        o.SetField("act", act)
        o.SetField("zone", zone)
        o.SetField("in_redline", int(in_redline))
        o.SetField("area_m2", g.GetArea())
        o.SetGeometry(g)
        out_layer.CreateFeature(o)
if out_layer is not None:
    out_layer.CommitTransaction()
    out_ds = out_layer = None
print(json.dumps({"peer": "GDAL Python (numpy + Polygonize + OGR)", "seconds": round(time.perf_counter() - t0, 3),
                  "pieces": pieces, "patches": kept}))
