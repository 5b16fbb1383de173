# Golden HTML of the three reports on the sample project, in Chinese and in English, and of a
# screening paged for a large batch (screening.html linking to screening-sites-NN.html): the text,
# the CSS classes and the order of every page, so that a change of how a page is built (string
# concatenation, templates) cannot change what a reader sees unnoticed.  tests/run_html_golden.cmake
# says what is normalised before comparing.  Refresh after an intended change with
#   cmake -DECOZONE_UPDATE_GOLDEN=ON build && ctest -R golden.html && cmake -DECOZONE_UPDATE_GOLDEN=OFF build
if(NOT EXISTS ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml)
  return()
endif()
if(NOT DEFINED ECOZONE_GOLDEN_DIR)
  set(ECOZONE_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden)
endif()
option(ECOZONE_UPDATE_GOLDEN "Rewrite golden files instead of comparing" OFF)

# ecozone_html_golden(NAME CODE ARGS args... PAGES page=golden...): runs `ecozone args --out <dir>`,
# expects exit code CODE and compares each page written in <dir> with its golden file in tests/golden.
function(ecozone_html_golden name code)
  cmake_parse_arguments(T "" "" "ARGS;PAGES" ${ARGN})
  list(JOIN T_ARGS "|" args)
  set(pages "")
  foreach(pair ${T_PAGES})
    string(REGEX REPLACE "=(.*)" "=${ECOZONE_GOLDEN_DIR}/\\1" pair "${pair}")
    list(APPEND pages "${pair}")
  endforeach()
  list(JOIN pages "|" pages)
  add_test(NAME cli.golden.html_${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:ecozone> "-DARGS=${args}" -DEXPECT_CODE=${code}
      -DWORKDIR=${PROJECT_SOURCE_DIR} -DOUT=${CMAKE_BINARY_DIR}/cli_out/html_${name} "-DPAGES=${pages}" -DSRC=${PROJECT_SOURCE_DIR}
      -DUPDATE=${ECOZONE_UPDATE_GOLDEN} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_html_golden.cmake)
  # The report's language is --lang's; the locale only sets the terminal's (cli/help_lang.h).
  set_tests_properties(cli.golden.html_${name} PROPERTIES ENVIRONMENT "LC_ALL=C.UTF-8")
endfunction()

set(sample sample_shapefiles/hongsibu.toml)
foreach(lang zh en)
  set(suffix "")
  if(lang STREQUAL "en")
    set(suffix "_en")
  endif()
  ecozone_html_golden(indicators_sample${suffix} 0 ARGS indicators ${sample} --lang ${lang}
    PAGES indicators.html=html_indicators_sample${suffix}.html)
  ecozone_html_golden(screening_sample${suffix} 0 ARGS screen ${sample} --lang ${lang}
    PAGES screening.html=html_screening_sample${suffix}.html)
  ecozone_html_golden(audit_sample${suffix} 0 ARGS audit ${sample} --lang ${lang}
    PAGES audit.html=html_audit_sample${suffix}.html)
endforeach()
# 101 sites (tests/data/sites/sample_grid_101.csv: a grid of points, in and out of the district,
# then one polygon) are one more than a page holds: screening.html keeps the summary, linking to
# screening-sites-01.html (sites 1–100) and screening-sites-02.html (site 101).  The summary and
# the second page are compared (the first page's sections are built as the second's).  Exit code
# 1: the points outside the district cannot be screened.
ecozone_html_golden(screening_paged 1 ARGS screen ${sample} --sites tests/data/sites/sample_grid_101.csv
  PAGES screening.html=html_screening_paged.html screening-sites-02.html=html_screening_paged_sites-02.html)
