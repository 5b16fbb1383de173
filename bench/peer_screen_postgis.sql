-- Peer of `ecozone screen` in PostGIS: for every site, the overlap with the red line, each
-- reserve zone, the river buffer belts and each land-use class, and the distance to the
-- nearest river — with GiST indexes and subdivided large polygons, as a careful analyst would.
CREATE TEMP TABLE red AS SELECT ST_Subdivide(ST_Union(geom), 256) AS geom FROM redline;
CREATE INDEX ON red USING gist (geom);
CREATE TEMP TABLE zones AS SELECT gnfq, ST_Subdivide(geom, 256) AS geom FROM luoshan_zones;
CREATE INDEX ON zones USING gist (geom);
CREATE TEMP TABLE belts AS
  SELECT hlmc, ST_Subdivide(ST_Buffer(geom, CASE hlmc WHEN '红柳沟' THEN 50 ELSE 100 END), 256) AS geom FROM rivers;
CREATE INDEX ON belts USING gist (geom);
ANALYZE red; ANALYZE zones; ANALYZE belts; ANALYZE sites;

\o /dev/null
SELECT s.id, SUM(ST_Area(ST_Intersection(s.geom, r.geom))) FROM sites s JOIN red r ON ST_Intersects(s.geom, r.geom) GROUP BY s.id;
SELECT s.id, z.gnfq, SUM(ST_Area(ST_Intersection(s.geom, z.geom))) FROM sites s JOIN zones z ON ST_Intersects(s.geom, z.geom) GROUP BY 1, 2;
SELECT s.id, b.hlmc, SUM(ST_Area(ST_Intersection(s.geom, b.geom))) FROM sites s JOIN belts b ON ST_Intersects(s.geom, b.geom) GROUP BY 1, 2;
SELECT s.id, l.dlbm, SUM(CASE WHEN ST_CoveredBy(l.geom, s.geom) THEN ST_Area(l.geom) ELSE ST_Area(ST_Intersection(s.geom, l.geom)) END)
  FROM sites s JOIN landuse_dltb l ON ST_Intersects(s.geom, l.geom) GROUP BY 1, 2;
SELECT s.id, (SELECT ST_Distance(s.geom, r.geom) FROM rivers r ORDER BY s.geom <-> r.geom LIMIT 1) FROM sites s;
\o
SELECT 'done';
