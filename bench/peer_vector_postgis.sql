-- Peer of the vector route in PostGIS: township × land-use class areas (polygons wholly inside
-- a township counted directly, boundary ones clipped) and the same inside the red line.
-- The red line is unioned and subdivided (ST_Subdivide), the usual way to make it index-friendly.
\timing off
CREATE TEMP TABLE red AS
  SELECT ST_Subdivide(ST_Union(geom), 256) AS geom FROM redline;
CREATE INDEX ON red USING gist (geom);
ANALYZE red;

CREATE TEMP TABLE unit_class AS
SELECT t.xzqmc, l.dlbm,
       SUM(CASE WHEN ST_Within(l.geom, t.geom) THEN ST_Area(l.geom)
                ELSE ST_Area(ST_Intersection(l.geom, t.geom)) END) AS area_m2
FROM landuse_dltb l JOIN townships t ON ST_Intersects(l.geom, t.geom)
GROUP BY 1, 2;

CREATE TEMP TABLE red_class AS
SELECT t.xzqmc, l.dlbm,
       SUM(ST_Area(ST_Intersection(ST_Intersection(l.geom, r.geom), t.geom))) AS area_m2
FROM landuse_dltb l
JOIN red r ON ST_Intersects(l.geom, r.geom)
JOIN townships t ON ST_Intersects(l.geom, t.geom)
GROUP BY 1, 2;

SELECT json_build_object(
  'forest_tree_ha', (SELECT round((SUM(area_m2) / 1e4)::numeric, 4) FROM unit_class WHERE dlbm IN ('0301', '0302')),
  'redline_ha', (SELECT round((SUM(area_m2) / 1e4)::numeric, 4) FROM red_class));
