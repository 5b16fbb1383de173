# The second county (同心县): a complete project unlike the sample in every way a county's own
# data differs (docs/county2.md), generated at test time by ecozone-samplegen --profile county2
# into ${CMAKE_BINARY_DIR}/county2 (project file county2/county2.toml).  Tests that run ecozone
# on it declare FIXTURES_REQUIRED county2_data.
if(TARGET ecozone-samplegen)
  set(ECOZONE_COUNTY2_DIR ${CMAKE_BINARY_DIR}/county2)
  add_test(NAME samplegen.county2
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:ecozone-samplegen> -DOUT=${ECOZONE_COUNTY2_DIR}
      -P ${PROJECT_SOURCE_DIR}/cmake/run_county2_test.cmake)
  set_tests_properties(samplegen.county2 PROPERTIES FIXTURES_SETUP county2_data TIMEOUT 300)
  # The same seed gives byte-identical files (a second run into another directory).
  add_test(NAME samplegen.county2_deterministic
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:ecozone-samplegen> -DOUT=${CMAKE_BINARY_DIR}/county2_check
      -DAGAIN=${CMAKE_BINARY_DIR}/county2_again -P ${PROJECT_SOURCE_DIR}/cmake/run_county2_test.cmake)
  set_tests_properties(samplegen.county2_deterministic PROPERTIES TIMEOUT 300)
endif()

# ecozone on the second county, end to end: what `check` warns about, what `screen` cannot
# assess, the audit on its speckled rasters with the majority filter off, and PostGIS on its
# 300 random sites (overlaps, land, distances) and its indicators' class areas.
if(TARGET ecozone-samplegen)
  set(c2 ${ECOZONE_COUNTY2_DIR})
  set(c2_out ${CMAKE_BINARY_DIR}/cli_out/county2)
  # Exactly two warnings: no industrial parks (YQ-01..03 not assessed), no special-shrubland flag.
  ecozone_cli_test(county2.check 0 ARGS check ${c2}/county2.toml --lang en
    STDOUT "warning: the project has no \\[layers.industrial_parks\\] \\(industrial parks\\): rules YQ-01, YQ-02, YQ-03 will be marked \"not assessed\".*warning: DLTB.shp: the land use has no special-shrubland flag.*result: 0 problem\\(s\\), 2 warning\\(s\\)")
  ecozone_cli_test(county2.screen 0 ARGS screen ${c2}/county2.toml --out ${c2_out}/screen
    STDOUT "TX-2025-009 +韦州光伏发电二期项目 .*禁止（结论不完整） +HX-01"
    FILE ${c2_out}/screen/screening.json FILE_REGEX "\"id\": \"YQ-03\",[^}]*\"missing_role\": \"industrial_parks\"")
  ecozone_cli_test(county2.screen_random 0 ARGS screen ${c2}/county2.toml --sites ${c2}/random_sites.gpkg
    --out ${c2_out}/screen_random STDOUT "TX-2025-R300")
  ecozone_cli_test(county2.indicators 0 ARGS indicators ${c2}/county2.toml --out ${c2_out}/indicators
    STDOUT "全部灌木林地（0305）共 [0-9.]+ 公顷未计入森林"
    FILE ${c2_out}/indicators/indicators.json FILE_REGEX "\"comparable\": false,[^}]*\"reason\": \"栅格类别 20 林地（0301 0305 0307）")
  ecozone_cli_test(county2.audit_speckled 0 ARGS audit ${c2}/county2.toml --no-majority-filter --out ${c2_out}/audit
    FILE ${c2_out}/audit/audit.json FILE_REGEX "\"patches\": [0-9]+")
  set_tests_properties(cli.county2.check cli.county2.screen cli.county2.screen_random cli.county2.indicators
    cli.county2.audit_speckled PROPERTIES FIXTURES_REQUIRED county2_data)
  add_test(NAME postgis_differential.county2
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/postgis/run_differential.sh $<TARGET_FILE:ecozone> ${PROJECT_SOURCE_DIR}
            ${c2}/county2.toml ${c2}/random_sites.gpkg random_sites XMBH)
  set_tests_properties(postgis_differential.county2 PROPERTIES LABELS integration TIMEOUT 600
    RESOURCE_LOCK postgis_server FIXTURES_REQUIRED county2_data)
endif()
