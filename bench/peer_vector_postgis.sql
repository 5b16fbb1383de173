-- Peer of the vector route in PostGIS: township × land-use class areas (polygons wholly inside
-- a township counted directly, boundary ones clipped) and the same inside the red line.
-- Done the careful way: the townships and the red line ∩ township pieces are subdivided
-- (ST_Subdivide, ≤ 256 vertices) and GiST-indexed, so each overlay touches small geometries.
CREATE TEMP TABLE twn AS
  SELECT xzqmc, ST_Subdivide(geom, 256) AS geom FROM townships;
CREATE INDEX ON twn USING gist (geom);
CREATE TEMP TABLE red_twn AS
  SELECT t.xzqmc, ST_Subdivide(ST_Intersection(t.geom, r.geom), 256) AS geom
  FROM townships t, (SELECT ST_Union(geom) AS geom FROM redline) r
  WHERE ST_Intersects(t.geom, r.geom);
CREATE INDEX ON red_twn USING gist (geom);
ANALYZE twn;
ANALYZE red_twn;

CREATE TEMP TABLE unit_class AS
SELECT t.xzqmc, l.dlbm,
       SUM(CASE WHEN ST_CoveredBy(l.geom, t.geom) THEN ST_Area(l.geom)
                ELSE ST_Area(ST_Intersection(l.geom, t.geom)) END) AS area_m2
FROM landuse_dltb l JOIN twn t ON ST_Intersects(l.geom, t.geom)
GROUP BY 1, 2;

CREATE TEMP TABLE red_class AS
SELECT r.xzqmc, l.dlbm,
       SUM(CASE WHEN ST_CoveredBy(l.geom, r.geom) THEN ST_Area(l.geom)
                ELSE ST_Area(ST_Intersection(l.geom, r.geom)) END) AS area_m2
FROM landuse_dltb l JOIN red_twn r ON ST_Intersects(l.geom, r.geom)
GROUP BY 1, 2;

SELECT json_build_object(
  'forest_tree_ha', (SELECT round((SUM(area_m2) / 1e4)::numeric, 4) FROM unit_class WHERE dlbm IN ('0301', '0302')),
  'redline_ha', (SELECT round((SUM(area_m2) / 1e4)::numeric, 4) FROM red_class));
