"""Peer of the raster route: class areas per township with rasterio + numpy, the usual way —
centre-point sampling (rasterize the townships onto the raster grid) and a bincount.

    python3 peer_raster_rasterio.py RASTER TOWNSHIPS_SHP

Prints one JSON line: wall seconds and the district's classified area (ha)."""
import json
import sys
import time

import numpy as np
import rasterio
from rasterio import features
from osgeo import ogr

t0 = time.perf_counter()
raster_path, townships_path = sys.argv[1], sys.argv[2]
src = ogr.Open(townships_path)
shapes = [(json.loads(f.GetGeometryRef().ExportToJson()), i + 1) for i, f in enumerate(src.GetLayer(0))]
with rasterio.open(raster_path) as ds:
    classes = ds.read(1)
    zones = features.rasterize(shapes, out_shape=ds.shape, transform=ds.transform, fill=0, dtype="uint8")
    pixel_area = abs(ds.transform.a * ds.transform.e)
    nodata = ds.nodata
k = int(classes.max()) + 1
valid = classes != (nodata if nodata is not None else -1)
counts = np.bincount((zones[valid].astype(np.int64) * k + classes[valid]), minlength=(len(shapes) + 1) * k)
table = counts.reshape(len(shapes) + 1, k) * pixel_area
district_ha = table[1:].sum() / 1e4
print(json.dumps({"peer": "rasterio+numpy (centre sampling)", "seconds": round(time.perf_counter() - t0, 3),
                  "classified_ha_in_townships": round(float(district_ha), 4)}))
