#!/usr/bin/python3
"""Latency of `ecozone serve` answering single drawn sites, and of PostGIS asked the same questions.

Not a test: run by bench/run_serve.sh.  Two phases per peer, on the same sites (lon/lat GeoJSON):
  single     one client, one site per request, N requests in a row: p50 / p95 / max
  concurrent C clients x N requests each, all at once: errors, p50 / p95 / p99
For ecozone the server's own time per request comes from its log (one line per request, "... ms"),
beside the client's round trip; for PostGIS the time is the round trip of the same questions over
its own connection (psycopg2, no HTTP): the red-line overlap, each reserve zone's, each river
belt's, the land use by class, and the nearest river.
"""
import argparse
import http.client
import json
import statistics
import sys
import threading
import time


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def summary(name, ms, errors=0):
    return (f"{name}: n={len(ms)} errors={errors} p50={pct(ms, 50):.1f} ms p95={pct(ms, 95):.1f} ms "
            f"p99={pct(ms, 99):.1f} ms max={max(ms) if ms else float('nan'):.1f} ms")


def ecozone_requests(host, port, sites, count, offset):
    """One keep-alive client: `count` POST /api/screen, one site each.  Returns (ms list, errors)."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    times, errors = [], 0
    for i in range(count):
        site = sites[(offset + i) % len(sites)]
        body = json.dumps(site).encode()
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/screen", body=body,
                         headers={"Content-Type": "application/json", "X-Requested-With": "ecozone"})
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and b'"verdict"' in data
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        times.append((time.perf_counter() - t0) * 1000.0)
        errors += 0 if ok else 1
    conn.close()
    return times, errors


def run_concurrent(worker, clients):
    results = [None] * clients
    threads = [threading.Thread(target=lambda k=k: results.__setitem__(k, worker(k))) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ms = [m for r in results for m in r[0]]
    return ms, sum(r[1] for r in results), wall


def server_ms(log_path, skip):
    """The server's own ms of the POST /api/screen lines after the first `skip` of them."""
    out = []
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            # ecozone serve: POST /api/screen 200 3.4 ms 1234 B
            if len(parts) >= 7 and parts[2] == "POST" and parts[3] == "/api/screen" and parts[6] == "ms":
                out.append(float(parts[5]))
    return out[skip:]


PG_QUESTIONS = [
    "SELECT SUM(ST_Area(ST_Intersection(s, r.geom))) FROM red r WHERE ST_Intersects(s, r.geom)",
    "SELECT z.gnfq, SUM(ST_Area(ST_Intersection(s, z.geom))) FROM zones z WHERE ST_Intersects(s, z.geom) GROUP BY 1",
    "SELECT b.hlmc, SUM(ST_Area(ST_Intersection(s, b.geom))) FROM belts b WHERE ST_Intersects(s, b.geom) GROUP BY 1",
    "SELECT l.dlbm, SUM(CASE WHEN ST_CoveredBy(l.geom, s) THEN ST_Area(l.geom) ELSE ST_Area(ST_Intersection(s, l.geom)) END) "
    "FROM landuse_dltb l WHERE ST_Intersects(s, l.geom) GROUP BY 1",
    "SELECT ST_Distance(s, r.geom) FROM rivers r ORDER BY s <-> r.geom LIMIT 1",
]


def postgis_requests(dsn, sites_wkt, count, offset):
    import psycopg2
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    cur = conn.cursor()
    times, errors = [], 0
    for i in range(count):
        wkt = sites_wkt[(offset + i) % len(sites_wkt)]
        t0 = time.perf_counter()
        try:
            for q in PG_QUESTIONS:
                cur.execute("WITH site AS (SELECT ST_GeomFromText(%s, %s) AS s) " + q.replace(" FROM ", " FROM site, ", 1),
                            (wkt[1], wkt[0]))
                cur.fetchall()
        except Exception:  # noqa: BLE001 - a failed question counts as an error, the run goes on
            errors += 1
        times.append((time.perf_counter() - t0) * 1000.0)
    conn.close()
    return times, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", required=True, help="GeoJSON FeatureCollection of sites in lon/lat")
    ap.add_argument("--sites-wkt", help="file of 'SRID;WKT' lines in the working CRS (PostGIS)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int)
    ap.add_argument("--log", help="the server's stderr log")
    ap.add_argument("--dsn", help="PostGIS connection (psycopg2)")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--json-out")
    a = ap.parse_args()
    out = {}
    if a.port:
        fc = json.load(open(a.sites, encoding="utf-8"))
        sites = [{"type": "Feature", "properties": {"category": "pv_wind"}, "geometry": f["geometry"]}
                 for f in fc["features"]]
        ecozone_requests(a.host, a.port, sites, 20, 0)  # warm-up (first touches of the indexes)
        ms, err = ecozone_requests(a.host, a.port, sites, a.requests, 20)
        srv = server_ms(a.log, 20) if a.log else []
        print(summary("ecozone single client, round trip", ms, err))
        if srv:
            print(summary("ecozone single client, server-side", srv))
        out["single"] = {"p50": pct(ms, 50), "p95": pct(ms, 95), "server_p95": pct(srv, 95), "errors": err}
        cms, cerr, wall = run_concurrent(lambda k: ecozone_requests(a.host, a.port, sites, a.requests, k * 37),
                                         a.clients)
        print(summary(f"ecozone {a.clients} clients x {a.requests}, round trip", cms, cerr) +
              f" ({len(cms) / wall:.0f} requests/s)")
        out["concurrent"] = {"p50": pct(cms, 50), "p95": pct(cms, 95), "p99": pct(cms, 99), "errors": cerr,
                             "rps": len(cms) / wall}
    if a.dsn:
        wkts = [tuple(line.rstrip("\n").split(";", 1)) for line in open(a.sites_wkt, encoding="utf-8") if line.strip()]
        wkts = [(int(s), w) for s, w in wkts]
        postgis_requests(a.dsn, wkts, 20, 0)
        ms, err = postgis_requests(a.dsn, wkts, a.requests, 20)
        print(summary("PostGIS single connection, the same questions", ms, err))
        out["pg_single"] = {"p50": pct(ms, 50), "p95": pct(ms, 95), "errors": err}
        cms, cerr, wall = run_concurrent(lambda k: postgis_requests(a.dsn, wkts, a.requests, k * 37), a.clients)
        print(summary(f"PostGIS {a.clients} connections x {a.requests}", cms, cerr) + f" ({len(cms) / wall:.0f} sites/s)")
        out["pg_concurrent"] = {"p50": pct(cms, 50), "p95": pct(cms, 95), "p99": pct(cms, 99), "errors": cerr,
                                "rps": len(cms) / wall}
    if a.json_out:
        json.dump(out, open(a.json_out, "w"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
