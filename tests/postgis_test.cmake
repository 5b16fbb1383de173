# Integration test against a real PostGIS server: the script starts a throw-away
# PostgreSQL 15 + PostGIS cluster on 127.0.0.1 (as user "postgres" when run as root),
# loads tests/postgis/redline_sample.geojson, checks `ecozone info "PG:..."`, and always
# stops the server. Needs postgresql-15-postgis-3 and gdal-bin (scripts/setup.sh).
# Run only this one:  ctest -L integration   (or leave it out: ctest -LE integration)
add_test(NAME postgis_integration
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/postgis/run_postgis_test.sh
          $<TARGET_FILE:ecozone> ${PROJECT_SOURCE_DIR})
set_tests_properties(postgis_integration PROPERTIES
  LABELS integration
  TIMEOUT 120
  # Each run uses its own temp cluster and a port it checked is free, but keep
  # `ctest -j` from starting it alongside another server-starting test.
  RESOURCE_LOCK postgis_server)

# Differential tests against PostGIS: every overlap area, land-use class, distance and indicator
# class area ecozone reports, recomputed by PostGIS on the same layers (tests/postgis/differential.py).
add_test(NAME postgis_differential.sample
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/postgis/run_differential.sh $<TARGET_FILE:ecozone> ${PROJECT_SOURCE_DIR}
          ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml ${CMAKE_CURRENT_SOURCE_DIR}/data/differential/sample_sites.csv)
set_tests_properties(postgis_differential.sample PROPERTIES LABELS integration TIMEOUT 600 RESOURCE_LOCK postgis_server)
