#!/usr/bin/env python3
"""Differential test: ecozone's screening and indicator figures against PostGIS on the same data.

Every overlap area (red line, each reserve zone, water-source levels, farmland, parks, control
units, wetland layers, each river's buffer belt), every land-use class a site occupies, and every
distance (river centre line, river belt, red line, reserve, water source) that `ecozone screen`
reports for the given sites is recomputed in PostGIS (ST_Intersection / ST_Area / ST_Distance on
the same layers, loaded with ogr2ogr), and so are the indicators' class areas per township and
inside the red line (`ecozone indicators --area-mode planar`).  Figures agree when they differ by
at most 1e-6 relative or 0.01 m² / 0.01 m.  Planar areas: PostGIS has no CGCS2000 edge-formula
area, and the overlay — the part that can go wrong — is the same in both modes.

Run by tests/postgis/run_differential.sh, which starts the server.  Standard library only.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tomllib

ZONE_ROLES = ["redline", "reserve_zones", "water_sources", "farmland", "urban_boundary", "industrial_parks",
              "control_units", "wetland_parks", "important_wetlands"]
VALUE_FIELD = {"reserve_zones": "zone_field", "water_sources": "level_field", "control_units": "type_field"}
ABS_TOL = 0.01
REL_TOL = 1e-6


def fail(msg):
    print("differential: " + msg, file=sys.stderr)
    sys.exit(1)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        fail(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    return r


class Db:
    def __init__(self, conn, db):
        self.args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{conn} dbname={db}"]
        self.pg = f"PG:{conn} dbname={db}"

    def sql(self, text):
        return run(self.args + ["-A", "-t", "-c", text]).stdout

    def rows(self, text):
        out = run(self.args + ["--csv", "-c", text]).stdout
        return list(csv.DictReader(out.splitlines()))


def quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def quote_lit(text):
    return "'" + text.replace("'", "''") + "'"


def load_layer(db, table, spec, project_dir, epsg, kind):
    """Load one project layer as `table` (columns as in the file), in the working CRS, repaired as
    ecozone repairs it (GEOS make-valid, structure method), empty geometries dropped."""
    path = spec["path"]
    if not path.startswith("PG:") and not os.path.isabs(path):
        path = os.path.normpath(os.path.join(project_dir, path))
    cmd = ["ogr2ogr", "-f", "PostgreSQL", db.pg, path, "-nln", table, "-lco", "GEOMETRY_NAME=geom",
           "-lco", "LAUNDER=NO", "-t_srs", f"EPSG:{epsg}", "-overwrite"]
    if "layer" in spec:
        cmd.append(spec["layer"])
    if kind == "polygon":
        cmd += ["-nlt", "MULTIPOLYGON"]
    elif kind == "line":
        cmd += ["-nlt", "MULTILINESTRING"]
    if path.lower().endswith(".shp"):
        cpg = os.path.splitext(path)[0] + ".cpg"
        enc = spec.get("encoding") or ("" if os.path.exists(cpg) else "GB18030")
        if enc:
            cmd += ["-oo", f"ENCODING={enc}"]
    run(cmd)
    db.sql(f"DELETE FROM {table} WHERE geom IS NULL OR ST_IsEmpty(geom)")
    if kind == "polygon":
        db.sql(f"UPDATE {table} SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom, 'method=structure'), 3)) "
               f"WHERE NOT ST_IsValid(geom)")
    db.sql(f"CREATE INDEX ON {table} USING gist (geom)")


def value_expr(spec, field_key):
    """SQL for a feature's canonical value: the project's value map, unmapped values as they are."""
    field = spec.get(field_key)
    if not field:
        return "''"
    col = quote_ident(field) + "::text"
    values = spec.get("values") or {}
    if not values:
        return f"coalesce({col}, '')"
    cases = " ".join(f"WHEN {quote_lit(k)} THEN {quote_lit(v)}" for k, v in values.items())
    return f"CASE {col} {cases} ELSE coalesce({col}, '') END"


def canonical_code(raw):
    code = (raw or "").strip()
    if code[-1:] in ("K", "k") and len(code) == 5:
        code = code[:-1]
    return code


def close(a, b):
    return abs(a - b) <= max(ABS_TOL, REL_TOL * max(abs(a), abs(b)))


class Comparison:
    def __init__(self):
        self.count = 0
        self.mismatches = []
        self.worst = {}  # kind -> (abs diff, rel diff, what)

    def check(self, kind, what, ours, theirs):
        self.count += 1
        diff = abs(ours - theirs)
        rel = diff / max(abs(ours), abs(theirs), 1e-300)
        if kind not in self.worst or diff > self.worst[kind][0]:
            self.worst[kind] = (diff, rel, what)
        if not close(ours, theirs):
            self.mismatches.append(f"{kind} {what}: ecozone {ours!r} vs PostGIS {theirs!r} (diff {diff:.6g})")


def prepare_sites(args, work, epsg):
    """The sites as a WKT CSV in the working CRS: what ecozone screens and PostGIS loads."""
    src = args.sites
    if not src.lower().endswith(".csv"):
        tmp = os.path.join(work, "sites_export.csv")
        cmd = ["ogr2ogr", "-f", "CSV", tmp, src, "-t_srs", f"EPSG:{epsg}", "-lco", "GEOMETRY=AS_WKT",
               "-overwrite"]
        if args.sites_layer:
            cmd.append(args.sites_layer)
        run(cmd)
        src = tmp
    rows = []
    with open(src, encoding="utf-8-sig", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            wkt = r.get("WKT") or r.get("wkt")
            ident = r.get(args.id_field) or r.get("id") or f"s{i + 1}"
            rows.append({"id": ident, "WKT": wkt, "crs": f"EPSG:{epsg}"})
    out = os.path.join(work, "sites.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "WKT", "crs"])
        w.writeheader()
        w.writerows(rows)
    return out, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ecozone", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--sites", required=True, help="vector file or WKT CSV of sites")
    ap.add_argument("--sites-layer", default="")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--conn", required=True, help="libpq connection without dbname")
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    project_dir = os.path.dirname(os.path.abspath(args.project))
    with open(args.project, "rb") as f:
        project = tomllib.load(f)
    layers = {k: v for k, v in project.get("layers", {}).items() if "path" in v}
    db = Db(args.conn, args.db)

    # ---- ecozone: indicators first (they name the working CRS), then the sites ----------------
    ind_out = os.path.join(args.work, "indicators")
    run([args.ecozone, "indicators", args.project, "--area-mode", "planar", "--no-raster", "--out", ind_out])
    with open(os.path.join(ind_out, "indicators.json"), encoding="utf-8") as f:
        indicators = json.load(f)
    epsg = indicators["method"]["working_crs"]["epsg"]
    sites_csv, site_rows = prepare_sites(args, args.work, epsg)
    scr_out = os.path.join(args.work, "screening")
    r = subprocess.run([args.ecozone, "screen", args.project, "--sites", sites_csv, "--industry", "pv_wind",
                        "--area-mode", "planar", "--out", scr_out], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        fail(f"ecozone screen failed ({r.returncode}): {r.stderr}")
    with open(os.path.join(scr_out, "screening.json"), encoding="utf-8") as f:
        screening = json.load(f)
    screened = {s["id"]: s for s in screening["sites"] if s["screened"]}
    # Random sites may fall outside the district (an error by design); nothing else may fail.
    for s in screening["sites"]:
        if not s["screened"] and "outside the district" not in s.get("error", ""):
            fail(f"site {s['id']} could not be screened: {s.get('error')}")
    if len(screened) < 50:
        fail(f"only {len(screened)} of {len(site_rows)} sites were screened")

    # ---- PostGIS: the same layers and sites --------------------------------------------------
    kinds = {"rivers": "line", "receptors": "any", "sites": "any"}
    for role, spec in layers.items():
        if role in ("sites", "villages", "receptors", "wetland_sites", "special_shrubland"):
            continue
        load_layer(db, role, spec, project_dir, epsg, kinds.get(role, "polygon"))
    values = ",".join(f"({quote_lit(r['id'])}, ST_GeomFromText({quote_lit(r['WKT'])}, {epsg}))"
                      for r in site_rows if r["id"] in screened)
    db.sql("CREATE TABLE sites_raw (id text, g geometry)")
    db.sql(f"INSERT INTO sites_raw VALUES {values}")
    # The footprint as ecozone builds it: polygons as drawn (repaired), points and lines buffered by
    # 10 m with 16 segments per quarter circle.
    db.sql("""CREATE TABLE sites AS SELECT id, CASE
                WHEN GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') THEN
                    CASE WHEN ST_IsValid(g) THEN g
                         ELSE ST_CollectionExtract(ST_MakeValid(g, 'method=structure'), 3) END
                ELSE ST_Buffer(g, 10, 'quad_segs=16') END AS fp FROM sites_raw""")
    db.sql("CREATE INDEX ON sites USING gist (fp)")

    cmp = Comparison()

    # Zone overlaps, per role and canonical value (belts per river).
    theirs = {}
    for role in ZONE_ROLES:
        if role not in layers:
            continue
        v = value_expr(layers[role], VALUE_FIELD.get(role, ""))
        for row in db.rows(f"""SELECT s.id, z.v, ST_Area(ST_Intersection(s.fp, ST_Union(z.geom))) AS a
                               FROM sites s JOIN (SELECT {v} AS v, geom FROM {role}) z ON ST_Intersects(s.fp, z.geom)
                               GROUP BY s.id, s.fp, z.v"""):
            theirs[(row["id"], role, row["v"])] = float(row["a"])
    belts = None
    if "river_buffers" in layers:
        name = layers["river_buffers"].get("name_field")
        belts = f"SELECT {quote_ident(name) + '::text' if name else 'ogc_fid::text'} AS river, geom FROM river_buffers"
    elif "rivers" in layers and (layers["rivers"].get("buffer_m") or layers["rivers"].get("default_buffer_m")):
        spec = layers["rivers"]
        name = spec.get("name_field")
        name_sql = quote_ident(name) + "::text" if name else "ogc_fid::text"
        widths = " ".join(f"WHEN {quote_lit(k)} THEN {float(w)}" for k, w in (spec.get("buffer_m") or {}).items())
        default = float(spec.get("default_buffer_m", 0))
        width = f"(CASE {name_sql} {widths} ELSE {default} END)" if widths else str(default)
        belts = (f"SELECT river, ST_Buffer(geom, w, 'quad_segs=16') AS geom FROM "
                 f"(SELECT {name_sql} AS river, {width} AS w, geom FROM rivers) b WHERE w > 0")
    if belts:
        db.sql(f"CREATE TABLE belts AS {belts}")
        db.sql("CREATE INDEX ON belts USING gist (geom)")
        for row in db.rows("""SELECT s.id, b.river, ST_Area(ST_Intersection(s.fp, ST_Union(b.geom))) AS a
                              FROM sites s JOIN belts b ON ST_Intersects(s.fp, b.geom) GROUP BY s.id, s.fp, b.river"""):
            theirs[(row["id"], "river_belts", row["river"])] = float(row["a"])
    ours = {}
    for sid, s in screened.items():
        for z in s["zones"]:
            ours[(sid, z["role"], z["value"])] = z["area"]["planar_m2"]
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key, 0.0), theirs.get(key, 0.0)
        if max(a, b) <= ABS_TOL and key not in ours:
            continue  # touching along an edge: ecozone leaves such slivers out
        cmp.check("overlap m²", "/".join(key), a, b)

    # Land occupied, per 三调 code.
    if "landuse" in layers:
        code = quote_ident(layers["landuse"]["code_field"])
        theirs = {}
        for row in db.rows(f"""SELECT s.id, l.{code}::text AS code, SUM(ST_Area(ST_Intersection(s.fp, l.geom))) AS a
                               FROM sites s JOIN landuse l ON ST_Intersects(s.fp, l.geom) GROUP BY 1, 2"""):
            key = (row["id"], canonical_code(row["code"]))
            theirs[key] = theirs.get(key, 0.0) + float(row["a"])
        ours = {(sid, l["code"]): l["area"]["planar_m2"] for sid, s in screened.items() for l in s["land_occupied"]}
        for key in sorted(set(ours) | set(theirs)):
            a, b = ours.get(key, 0.0), theirs.get(key, 0.0)
            if max(a, b) <= ABS_TOL and key not in ours:
                continue
            cmp.check("land m²", "/".join(key), a, b)

    # Distances to the nearest feature.
    targets = {"river": "rivers", "redline": "redline", "reserve": "reserve_zones", "water_source": "water_sources"}
    tables = {w: t for w, t in targets.items() if t in layers}
    if belts:
        tables["river_belt"] = "belts"
    for what, table in tables.items():
        for row in db.rows(f"SELECT s.id, MIN(ST_Distance(s.fp, t.geom)) AS d FROM sites s, {table} t GROUP BY s.id"):
            mine = [d for d in screened[row["id"]]["distances"] if d["to"] == what]
            if not mine or mine[0]["metres"] is None:
                cmp.mismatches.append(f"distance {row['id']}/{what}: ecozone reports none, PostGIS {row['d']}")
                continue
            cmp.check("distance m", f"{row['id']}/{what}", mine[0]["metres"], float(row["d"]))
    # And no distance ecozone reports without its layer.
    for sid, s in screened.items():
        for d in s["distances"]:
            if d["to"] in ("river", "river_belt", "redline", "reserve", "water_source") and d["to"] not in tables:
                cmp.mismatches.append(f"distance {sid}/{d['to']}: reported without its layer")

    # Indicators: land-use class areas per zone (district, then each township) and inside the red line.
    if "landuse" in layers:
        code = quote_ident(layers["landuse"]["code_field"])
        db.sql("CREATE TABLE district_u AS SELECT ST_Union(geom) AS geom FROM district")
        zones = [("district", "SELECT geom FROM district_u")]
        if "townships" in layers:
            name = quote_ident(layers["townships"]["name_field"])
            for row in db.rows(f"SELECT DISTINCT {name}::text AS n FROM townships"):
                zones.append((row["n"], f"SELECT ST_Intersection(ST_Union(t.geom), d.geom) AS geom FROM townships t, "
                                        f"district_u d WHERE t.{name}::text = {quote_lit(row['n'])} GROUP BY d.geom"))
        red = "redline" in layers
        if red:
            db.sql("CREATE TABLE red_u AS SELECT ST_Union(geom) AS geom FROM redline")
        by_name = {}
        for z in indicators["zones"]:
            by_name["district" if z["level"] == "district" else z["name"]] = z
        for zname, zsql in zones:
            mine = by_name.get(zname)
            if mine is None:
                cmp.mismatches.append(f"indicators: no zone {zname} in ecozone's output")
                continue
            red_sql = ("ST_Area(ST_Intersection(p.geom, r.geom))" if red else "0")
            red_from = ", red_u r" if red else ""
            rows = db.rows(f"""WITH z AS ({zsql}),
                                    p AS (SELECT l.{code}::text AS code, ST_Intersection(l.geom, z.geom) AS geom
                                          FROM landuse l, z WHERE ST_Intersects(l.geom, z.geom))
                               SELECT p.code, SUM(ST_Area(p.geom)) AS a, SUM({red_sql}) AS red FROM p{red_from}
                               GROUP BY p.code""")
            theirs = {}
            for row in rows:
                c = canonical_code(row["code"])
                a, rr = theirs.get(c, (0.0, 0.0))
                theirs[c] = (a + float(row["a"]), rr + float(row["red"]))
            ours = {c["code"]: (c["area_m2"], c["in_redline_m2"]) for c in mine["classes"]}
            for c in sorted(set(ours) | set(theirs)):
                a, b = ours.get(c, (0.0, 0.0)), theirs.get(c, (0.0, 0.0))
                if max(a[0], b[0]) <= ABS_TOL and c not in ours:
                    continue
                cmp.check("class area m²", f"{zname}/{c}", a[0], b[0])
                if red:
                    cmp.check("class in red line m²", f"{zname}/{c}", a[1], b[1])

    print(f"differential: {len(screened)} sites screened, {cmp.count} figures compared with PostGIS")
    for kind, (diff, rel, what) in sorted(cmp.worst.items()):
        print(f"  worst {kind}: {diff:.3g} ({rel:.2g} relative) at {what}")
    if cmp.mismatches:
        print(f"differential: {len(cmp.mismatches)} figures disagree:")
        for m in cmp.mismatches[:40]:
            print("  " + m)
        sys.exit(1)
    print("differential: all figures agree")


if __name__ == "__main__":
    main()
