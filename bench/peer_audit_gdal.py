"""Peer of `ecozone audit`: the usual GDAL Python pipeline — numpy change mask of the two
classified rasters, gdal.Polygonize (8-connected) into an in-memory layer, minimum mapping unit,
then zone attribution with OGR intersections against the reserve zones.

    /usr/bin/python3 peer_audit_gdal.py PROJECT_DIR

Reads the project's [audit] settings from hongsibu.toml (natural classes, activity by class,
pairs, MMU) so that both tools apply the same transition table.  Prints one JSON line."""
import json
import sys
import time
import tomllib

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
t0 = time.perf_counter()
d = sys.argv[1]
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
kept = 0
for f in layer:
    g = f.GetGeometryRef()
    act = f"{f.GetField('act'):02d}"
    if g.GetArea() < float(mmu.get(act, mmu.get("*", 0))):
        continue
    kept += 1
    for z in zone_geoms:  # zone attribution: area in each functional zone
        if g.Intersects(z):
            g.Intersection(z).GetArea()
print(json.dumps({"peer": "GDAL Python (numpy + Polygonize + OGR)", "seconds": round(time.perf_counter() - t0, 3),
                  "pieces": pieces, "patches": kept}))
