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
