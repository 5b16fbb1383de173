#!/usr/bin/python3
"""Self-test of bench/audit_quality.py on hand-made GeoPackages (not part of CTest):

    /usr/bin/python3 bench/test_audit_quality.py

Truth: two 10 m squares, T1 (核心区) and T2 (非保护地), both detectable.  Register: E1 overlaps T1
(12 m × 10 m), E2 touches T2 only along an edge, E3 lies far away.  Rejected candidates: R1 overlaps
T2, R2 lies far away.  A project beside the truth names a core zone around T1 and a red-line square
that touches E2 only along an edge."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

from osgeo import ogr, osr

ogr.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))


def square(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


def write(path, layer_name, fields, features):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4544)
    drv = ogr.GetDriverByName("GPKG" if path.endswith(".gpkg") else "ESRI Shapefile")
    ds = drv.CreateDataSource(path)
    layer = ds.CreateLayer(layer_name, srs, ogr.wkbPolygon)
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for geom, values in features:
        f = ogr.Feature(layer.GetLayerDefn())
        for k, v in values.items():
            f.SetField(k, v)
        f.SetGeometry(geom)
        layer.CreateFeature(f)
    ds = None


S, I, R = ogr.OFTString, ogr.OFTInteger, ogr.OFTReal
TRUTH_FIELDS = [("id", S), ("zone", S), ("in_redline", I), ("pixels", I), ("area_m2", R), ("detectable", I)]
REGISTER_FIELDS = [("tbbh", S), ("confidence", R), ("grade", S)]
REJECTED_FIELDS = [("stage", S), ("reason", S), ("activity", S), ("pixels", I), ("area_m2", R), ("confidence", R)]


class AuditQualityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        cls.truth = os.path.join(d, "set", "injected_patches.gpkg")
        os.makedirs(os.path.dirname(cls.truth))
        write(cls.truth, "injected_patches", TRUTH_FIELDS, [
            (square(0, 0, 10, 10), {"id": "T1", "zone": "核心区", "in_redline": 0, "pixels": 1, "area_m2": 100.0,
                                    "detectable": 1}),
            (square(100, 0, 110, 10), {"id": "T2", "zone": "非保护地", "in_redline": 0, "pixels": 1, "area_m2": 100.0,
                                       "detectable": 1}),
        ])
        cls.audit = os.path.join(d, "audit")
        os.makedirs(cls.audit)
        write(os.path.join(cls.audit, "patches.gpkg"), "patches", REGISTER_FIELDS, [
            (square(5, 0, 17, 10), {"tbbh": "E1", "confidence": 0.9, "grade": "高"}),      # overlaps T1
            (square(110, 0, 120, 10), {"tbbh": "E2", "confidence": 0.5, "grade": "中"}),   # touches T2
            (square(500, 500, 510, 510), {"tbbh": "E3", "confidence": 0.3, "grade": "低"}),  # far away
        ])
        write(os.path.join(cls.audit, "rejected.gpkg"), "rejected", REJECTED_FIELDS, [
            (square(102, 2, 104, 4), {"stage": "mmu", "confidence": 0.3}),       # overlaps T2
            (square(800, 800, 810, 810), {"stage": "confirm", "confidence": 0.1}),  # far away
        ])
        # The peer's kind of register: one file, no confidence.
        cls.peer = os.path.join(d, "peer.gpkg")
        write(cls.peer, "patches", [("act", S)], [
            (square(0, 0, 10, 10), {"act": "02"}), (square(100, 0, 110, 10), {"act": "02"}),
            (square(300, 300, 310, 310), {"act": "01"}),
        ])
        # The project beside the truth: a core zone around T1, a red line touching E2 along x = 120.
        sd = os.path.dirname(cls.truth)
        write(os.path.join(sd, "zones.gpkg"), "zones", [("GNFQ", S)],
              [(square(-50, -50, 60, 50), {"GNFQ": "核心区"}), (square(-50, 50, 60, 150), {"GNFQ": "其他"})])
        write(os.path.join(sd, "redline.gpkg"), "redline", [("HXMC", S)], [(square(120, 0, 130, 10), {"HXMC": "x"})])
        with open(os.path.join(sd, "test.toml"), "w", encoding="utf-8") as f:
            f.write('[project]\nname = "t"\n\n[layers.reserve_zones]\npath = "zones.gpkg"\nzone_field = "GNFQ"\n\n'
                    '[layers.reserve_zones.values]\n"核心区" = "core"\n\n[layers.redline]\npath = "redline.gpkg"\n')

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_tool(self, *args):
        out = subprocess.run([sys.executable, os.path.join(HERE, "audit_quality.py"), *args], check=True,
                             capture_output=True, text=True)
        lines = out.stdout.strip().splitlines()
        self.assertEqual(len(lines), 1, out.stdout)
        return json.loads(lines[0])

    def test_district(self):
        r = self.run_tool(self.truth, self.audit, "--scope", "district", "--label", "hand")
        self.assertEqual(r["label"], "hand")
        self.assertEqual((r["entries"], r["true_entries"]), (3, 1))  # E2 only touches T2: not true
        self.assertAlmostEqual(r["precision"], 0.3333)
        self.assertEqual((r["detectable"], r["found"]), (2, 1))
        self.assertAlmostEqual(r["recall"], 0.5)
        self.assertEqual(r["missed"], ["T2"])
        self.assertAlmostEqual(r["area_ratio"], 1.2)  # E1 is 120 m², T1 100 m²
        # Candidates E1 .9 +, E2 .5 -, E3 .3 -, R1 .3 +, R2 .1 -: positives beat 3 + (1 + 0.5 tie) of 6.
        self.assertAlmostEqual(r["auc"], 0.75)
        self.assertEqual(r["auc_candidates"], 5)
        self.assertEqual(r["grades"]["高"], {"entries": 1, "true_entries": 1, "precision": 1.0})
        self.assertEqual(r["grades"]["中"]["precision"], 0.0)
        self.assertEqual(r["grades"]["低"]["precision"], 0.0)
        self.assertEqual(r["rejected"], {"mmu": {"candidates": 1, "true": 1}, "confirm": {"candidates": 1, "true": 0}})

    def test_protected(self):
        r = self.run_tool(self.truth, self.audit, "--scope", "protected")
        # T1 lies in the core zone, T2 outside; E2 only touches the red line, E3 is far: out of scope.
        self.assertEqual((r["truth"], r["detectable"], r["found"]), (1, 1, 1))
        self.assertEqual((r["entries"], r["true_entries"], r["entries_out_of_scope"]), (1, 1, 2))
        self.assertEqual((r["precision"], r["recall"]), (1.0, 1.0))
        self.assertEqual(r["truth_scope_disagreements"], 0)
        self.assertIsNone(r["auc"])  # only E1 is left: no negative candidate
        self.assertEqual(r["rejected"], {})

    def test_peer_file_without_confidence(self):
        r = self.run_tool(self.truth, self.peer, "--scope", "district")
        self.assertEqual((r["entries"], r["true_entries"], r["found"]), (3, 2, 2))
        self.assertEqual(r["recall"], 1.0)
        self.assertEqual(r["area_ratio"], 1.0)
        self.assertIsNone(r["auc"])
        self.assertIsNone(r["grades"])

    def test_roc_auc(self):
        sys.path.insert(0, HERE)
        import audit_quality as q
        self.assertEqual(q.roc_auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1.0)
        self.assertEqual(q.roc_auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]), 0.0)
        self.assertEqual(q.roc_auc([0.5, 0.5], [1, 0]), 0.5)
        self.assertIsNone(q.roc_auc([0.5, 0.6], [1, 1]))


if __name__ == "__main__":
    unittest.main()
