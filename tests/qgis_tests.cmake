# QGIS opens the GeoPackages styled (tests/qgis/check_styles.py): ecozone runs indicators, screen
# and audit on the sample project into ${CMAKE_BINARY_DIR}/qgis_out (one fixture), then QGIS's
# Python bindings load every layer, check the default style it took from layer_styles, and render
# screening.gpkg to qgis_out/screening_map.png (look at it after a style change).
# Needs the system Python with python3-qgis (scripts/setup.sh installs it); without it the test
# is not registered, and configuring says so.
set(ECOZONE_QGIS_PYTHON /usr/bin/python3 CACHE FILEPATH "Python interpreter with QGIS's bindings (python3-qgis)")
set(qgis_ok 1)
if(EXISTS ${ECOZONE_QGIS_PYTHON})
  execute_process(COMMAND ${ECOZONE_QGIS_PYTHON} -c "import qgis.core" RESULT_VARIABLE qgis_ok
    OUTPUT_QUIET ERROR_QUIET)
endif()
if(NOT qgis_ok EQUAL 0 OR NOT EXISTS ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml)
  message(STATUS "QGIS Python bindings not found with ${ECOZONE_QGIS_PYTHON}: qgis.styles not registered")
  return()
endif()

set(qgis_out ${CMAKE_BINARY_DIR}/qgis_out)
set(qgis_project sample_shapefiles/hongsibu.toml)
foreach(cmd indicators screen audit)
  add_test(NAME qgis.run_${cmd}
    COMMAND $<TARGET_FILE:ecozone> ${cmd} ${qgis_project} --out ${qgis_out}/${cmd}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(qgis.run_${cmd} PROPERTIES FIXTURES_SETUP qgis_gpkgs TIMEOUT 600)
endforeach()
add_test(NAME qgis.styles
  COMMAND ${ECOZONE_QGIS_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/qgis/check_styles.py --png ${qgis_out}/screening_map.png
    ${qgis_out}/screen/screening.gpkg ${qgis_out}/indicators/indicators.gpkg ${qgis_out}/audit/patches.gpkg ${qgis_out}/audit/rejected.gpkg)
set_tests_properties(qgis.styles PROPERTIES FIXTURES_REQUIRED qgis_gpkgs TIMEOUT 300
  ENVIRONMENT QT_QPA_PLATFORM=offscreen)
