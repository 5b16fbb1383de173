# Golden-file and bad-input tests of the ecozone executable, run by CTest.  Every test fails
# on unexpected stderr.  Refresh goldens after an intended change with
#   cmake -DECOZONE_UPDATE_GOLDEN=ON build && ctest -R golden && cmake -DECOZONE_UPDATE_GOLDEN=OFF build
option(ECOZONE_UPDATE_GOLDEN "Rewrite golden files instead of comparing" OFF)
set(ECOZONE_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden)

# ecozone_cli_test(NAME CODE ARGS... [GOLDEN file] [STDOUT regex] [STDERR regex]
#                  [FILE written-file [FILE_REGEX regex] [FILE_GOLDEN file]]
#                  [XLSX written-workbook [XLSX_GOLDEN file] [XLSX_REGEX regex]])
# (cmake/run_cli_test.cmake says what each compares.)
find_program(ECOZONE_OGRINFO ogrinfo REQUIRED)
function(ecozone_cli_test name code)
  cmake_parse_arguments(T "" "GOLDEN;STDOUT;STDERR;FILE;FILE_REGEX;FILE_GOLDEN;XLSX;XLSX_GOLDEN;XLSX_REGEX" "ARGS"
    ${ARGN})
  list(JOIN T_ARGS "|" joined)
  foreach(g GOLDEN FILE_GOLDEN XLSX_GOLDEN)
    string(TOLOWER ${g} var)
    set(${var} "")
    if(T_${g})
      set(${var} ${ECOZONE_GOLDEN_DIR}/${T_${g}})
    endif()
  endforeach()
  add_test(NAME cli.${name}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:ecozone> "-DARGS=${joined}"
      -DWORKDIR=${PROJECT_SOURCE_DIR} -DEXPECT_CODE=${code} -DGOLDEN=${golden}
      "-DSTDOUT_REGEX=${T_STDOUT}" "-DSTDERR_REGEX=${T_STDERR}" -DSRC=${PROJECT_SOURCE_DIR}
      "-DFILE=${T_FILE}" "-DFILE_REGEX=${T_FILE_REGEX}" -DFILE_GOLDEN=${file_golden}
      "-DXLSX=${T_XLSX}" -DXLSX_GOLDEN=${xlsx_golden} "-DXLSX_REGEX=${T_XLSX_REGEX}" -DOGRINFO=${ECOZONE_OGRINFO}
      -DUPDATE=${ECOZONE_UPDATE_GOLDEN}
      -P ${PROJECT_SOURCE_DIR}/cmake/run_cli_test.cmake)
  # The terminal speaks the locale's language without --lang (cli/help_lang.h): run every test
  # in the tool's default, Chinese, whatever the developer's locale.  lang_tests.cmake sets an
  # English locale on the tests that need one.
  set_tests_properties(cli.${name} PROPERTIES ENVIRONMENT "LC_ALL=C.UTF-8")
endfunction()

set(mini tests/data/mini)
set(bad tests/data/bad)
set(pyshp tests/data/external/pyshp)

# --help on every subcommand teaches, in Chinese by default (English in lang_tests.cmake).
foreach(cmd info check indicators screen audit)
  ecozone_cli_test(help.${cmd} 0 ARGS ${cmd} --help STDOUT "示例")
endforeach()
ecozone_cli_test(help 0 ARGS --help STDOUT "退出码")
ecozone_cli_test(usage.no_command 2 ARGS STDERR "提示")

# Golden outputs on the mini project and on the sample project.
ecozone_cli_test(golden.check_mini 0 ARGS check ${mini}/mini.toml --lang en GOLDEN check_mini_en.txt)
ecozone_cli_test(golden.check_mini_json 0 ARGS check ${mini}/mini.toml --json GOLDEN check_mini.json)
ecozone_cli_test(golden.info_mini_landuse 0 ARGS info ${mini}/landuse.geojson GOLDEN info_mini_landuse.txt)
ecozone_cli_test(golden.info_gbk 0 ARGS info tests/data/encoding/gbk_no_cpg.shp --json GOLDEN info_gbk.json)
# Findings in the language asked for; JSON carries both ("message" Chinese, "message_en" English).
ecozone_cli_test(golden.check_gbk_sites_en 1 ARGS check ${mini}/gbk_sites.toml --lang en GOLDEN check_gbk_sites_en.txt)
ecozone_cli_test(golden.check_gbk_sites_json 1 ARGS check ${mini}/gbk_sites.toml --json GOLDEN check_gbk_sites.json)
if(EXISTS ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml)
  ecozone_cli_test(golden.check_sample 0 ARGS check sample_shapefiles/hongsibu.toml GOLDEN check_sample.txt)
  ecozone_cli_test(golden.check_sample_default 0 ARGS check STDOUT "hongsibu.toml")
  ecozone_cli_test(golden.info_sample_landuse 0 ARGS info sample_shapefiles/landuse_dltb.shp GOLDEN info_sample_landuse.txt)
  ecozone_cli_test(golden.info_sample_raster 0 ARGS info sample_shapefiles/landuse_2020_30m.tif --stats --lang en GOLDEN info_sample_raster.txt)
endif()

# Bad input: exit code and a one-line message naming the file and the fix.
ecozone_cli_test(bad.missing_prj 1 ARGS check ${mini}/no_prj.toml --lang en STDOUT "no_prj.shp: no coordinate reference system .the .prj file is missing.; add it")
ecozone_cli_test(bad.unknown_epsg 1 ARGS check ${mini}/unknown_epsg.toml --lang en STDOUT "working_epsg = 99999 is not a known EPSG code")
ecozone_cli_test(bad.required_field 1 ARGS check ${mini}/missing_field.toml --lang en STDOUT "field 'XZQMC_TYPO' .the project's name_field. does not exist; fields are: XZQDM, XZQMC; fix name_field")
ecozone_cli_test(bad.truncated_shp 1 ARGS check ${mini}/truncated.toml --lang en STDOUT "truncated.shp: truncated — 300 bytes, but its header declares 644")
ecozone_cli_test(bad.empty_layer 1 ARGS check ${mini}/empty_layer.toml --lang en STDOUT "empty.geojson: the layer has no features")
ecozone_cli_test(bad.far_layer 1 ARGS check ${mini}/far_layer.toml --lang en STDOUT "far_redline.geojson: every feature lies outside the district .nearest 90.0 km away.")
ecozone_cli_test(bad.typo_role 1 ARGS check ${mini}/typo_role.toml --lang en STDERR "typo_role.toml:18: unknown layer role 'redlines'; did you mean 'redline'")
ecozone_cli_test(bad.no_project 2 ARGS check no/such/project.toml STDERR "project.toml")
ecozone_cli_test(bad.pyshp_corrupt 1 ARGS info ${pyshp}/corrupt_too_long.shp --lang en STDERR "corrupt_too_long.shp: corrupt .* re-export")
ecozone_cli_test(bad.pyshp_no_shx 1 ARGS info ${pyshp}/latin1.shp --lang en STDERR "latin1.shp: cannot open .*shx")
ecozone_cli_test(bad.pyshp_empty_zip 1 ARGS info ${pyshp}/empty_zipfile.zip --lang en STDERR "empty_zipfile.zip: cannot open")
ecozone_cli_test(bad.pyshp_no_prj 1 ARGS info ${pyshp}/blockgroups.shp --lang en STDOUT "CRS: none .the .prj file is missing; add one")
ecozone_cli_test(bad.missing_file 1 ARGS info no_such_file.shp --lang en STDERR "no_such_file.shp: cannot open")

# The committed sample is reproducible from its seed (and the generator deterministic).
add_test(NAME samplegen.reproduces_committed_sample
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:ecozone-samplegen> -DOUT=${CMAKE_BINARY_DIR}/samplegen_check
    -DSAMPLE=${PROJECT_SOURCE_DIR}/sample_shapefiles -P ${PROJECT_SOURCE_DIR}/cmake/run_samplegen_test.cmake)

# Screening: the sample project's sites, coordinates on the command line, bad categories.
ecozone_cli_test(screen.sample 0 ARGS screen --out ${CMAKE_BINARY_DIR}/cli_out/screen_sample
  STDOUT "罗山建筑石料采石场项目 +新庄集乡 川心村 +禁止 +BH-03")
ecozone_cli_test(screen.coords 0 ARGS screen sample_shapefiles/hongsibu.toml --coords "106.30,37.40 106.31,37.40 106.31,37.41 106.30,37.41"
  --industry pv_wind --name 测试光伏 --out ${CMAKE_BINARY_DIR}/cli_out/screen_coords --lang en
  STDOUT "测试光伏.*zones touched:.*ecological protection red line: [0-9.]+ hm², 100.0 % of the site.*\\[decides\\] HX-01 — .*basis: 自然资发")
# One site on the terminal: the zones it touches with shares, each rule's text and citation, the notes.
ecozone_cli_test(screen.coords_details 0 ARGS screen sample_shapefiles/hongsibu.toml --coords "106.30,37.40 106.31,37.40 106.31,37.41"
  --industry mining --out ${CMAKE_BINARY_DIR}/cli_out/screen_coords_details
  STDOUT "选址筛查 — 命令行输入的坐标.*涉及管控区：.*生态保护红线：49.1317 公顷，占 100.0%.*\\[决定结论\\] HX-01 — .*依据：自然资发〔2022〕142号.*\\[另有限制\\] YQ-02.*注：边界未闭合")
ecozone_cli_test(bad.screen_unknown_industry 2 ARGS screen --industry nuclear_plant --out ${CMAKE_BINARY_DIR}/cli_out/screen_bad
  --lang en STDERR "--industry 'nuclear_plant' names no project category .* polluting_industry \\(重污染工业\\)")
# Categories as people write them: a part of the Chinese name.
ecozone_cli_test(screen.industry_chinese 0 ARGS screen sample_shapefiles/hongsibu.toml --coords "106.30,37.40 106.31,37.40 106.31,37.41 106.30,37.41"
  --industry 光伏 --out ${CMAKE_BINARY_DIR}/cli_out/screen_industry_zh FILE ${CMAKE_BINARY_DIR}/cli_out/screen_industry_zh/screening.json FILE_REGEX "\"category\": \"pv_wind\"")
ecozone_cli_test(bad.screen_empty_file 1 ARGS screen --sites tests/data/sites/bad_empty.txt --industry pv_wind
  --out ${CMAKE_BINARY_DIR}/cli_out/screen_empty STDERR "bad_empty.txt")
# The notes on how a boundary-point file was read (zone from the Y prefix, an unclosed ring) are
# in the report's language: Chinese by default, English with --lang en.  ("." stands for ";",
# which would split the CMake argument, and for the CSV's quote and parentheses.)
ecozone_cli_test(screen.boundary_notes_zh 0 ARGS screen sample_shapefiles/hongsibu.toml
  --sites tests/data/sites/hongsibu_pv.txt --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/screen_notes_zh
  FILE ${CMAKE_BINARY_DIR}/cli_out/screen_notes_zh/screening.csv
  FILE_REGEX ",说明,.*,未注明带号，按 Y 坐标的带号前缀取第 35 带. Y 坐标带有带号前缀 35，按 EPSG:4523（中央经线 105°E）读取. 第 1 圈未闭合（末点 J4 与首点 J1 不同），已补上 J1 使其闭合. 申报的地块面积 99 以公顷为单位")
ecozone_cli_test(screen.boundary_notes_en 0 ARGS screen sample_shapefiles/hongsibu.toml
  --sites tests/data/sites/hongsibu_pv.txt --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/screen_notes_en --lang en
  FILE ${CMAKE_BINARY_DIR}/cli_out/screen_notes_en/screening.csv
  FILE_REGEX ",notes,.*,.带号 is not stated. zone 35 taken from the prefix of the Y values. Y values carry the zone prefix 35. read as EPSG:4523 .CM 105°E.. ring 1 was not closed")

# Audits: the sample's two dated rasters; rasters on different grids are refused.
ecozone_cli_test(audit.sample 0 ARGS audit --confirm-neighbourhood --out ${CMAKE_BINARY_DIR}/cli_out/audit_sample
  STDOUT "640303-2025-1-0001.*核心区")
# The sample's truth (injected_patches.gpkg) puts 17 patches in the reserve or the red line: the
# default scope registers 15 of them and one speckle patch (two 2-px patches of a kind the
# classifier confuses go as noise; scored by bench/audit_quality.py); --scope district registers
# 28 of the 30 injected patches and 6 speckle patches.  Only the patches with an interior are 高.
ecozone_cli_test(audit.sample_scope 0 ARGS audit --out ${CMAKE_BINARY_DIR}/cli_out/audit_scope
  STDOUT "人类活动监测：16 个图斑.*保护地以外 18.*置信等级：高 4，中 12，低 0")
ecozone_cli_test(audit.sample_district 0 ARGS audit --scope district --out ${CMAKE_BINARY_DIR}/cli_out/audit_district
  STDOUT "人类活动监测：34 个图斑.*保护地以外 18")
# The register names the land-use classes before and after (code and name), never a bare raster value.
ecozone_cli_test(audit.class_names 0 ARGS audit --out ${CMAKE_BINARY_DIR}/cli_out/audit_class_names
  FILE ${CMAKE_BINARY_DIR}/cli_out/audit_class_names/patches.csv
  FILE_REGEX "置信等级,前时相地类,后时相地类.*640303-2025-1-0001,[^\n]*,(高|中|低),[0-9][0-9][0-9][0-9] [^,0-9]+,[0-9][0-9][0-9][0-9] [^,0-9]+")
ecozone_cli_test(audit.min_confidence 0 ARGS audit --min-confidence 高 --out ${CMAKE_BINARY_DIR}/cli_out/audit_high
  STDOUT "人类活动监测：4 个图斑.*置信等级：高 4，中 0，低 0；剔除的候选图斑 68 个见 rejected.gpkg.*rejected.gpkg")
ecozone_cli_test(bad.audit_min_confidence 2 ARGS audit --min-confidence 2 --out ${CMAKE_BINARY_DIR}/cli_out/audit_bad_conf
  --lang en STDERR "--min-confidence: '2' is neither a number from 0 to 1 nor a grade 高/中/低")
ecozone_cli_test(bad.audit_min_confidence_zh 2 ARGS audit --min-confidence 2 --out ${CMAKE_BINARY_DIR}/cli_out/audit_bad_conf_zh
  STDERR "ecozone audit: 错误：--min-confidence：“2”既不是 0 到 1 之间的数，也不是等级 高/中/低")
ecozone_cli_test(audit.misaligned_grids 0 ARGS audit --before sample_shapefiles/landuse_2020_30m.tif
  --after tests/data/mini/landuse_100m.tif --out ${CMAKE_BINARY_DIR}/cli_out/audit_aligned
  STDERR "ecozone audit: 注意：两期影像的栅格不一致：.*landuse_100m.tif.*已将 .* 按最邻近法重采样到较细的栅格上"
  FILE ${CMAKE_BINARY_DIR}/cli_out/audit_aligned/audit.html
  FILE_REGEX "<li>注意：两期影像的栅格不一致：.*landuse_100m.tif（120×120 像元，像元大小 100 米")
# audit.json carries the note in both languages whatever --lang says.
ecozone_cli_test(audit.misaligned_grids_json 0 ARGS audit --before sample_shapefiles/landuse_2020_30m.tif
  --after tests/data/mini/landuse_100m.tif --out ${CMAKE_BINARY_DIR}/cli_out/audit_aligned_en --lang en
  STDERR "warning: the two dates are on different grids"
  FILE ${CMAKE_BINARY_DIR}/cli_out/audit_aligned_en/audit.json
  FILE_REGEX "\"notes\": .[^]]*\"注意：两期影像的栅格不一致：[^]]*\\],[^\"]*\"notes_en\": .[^]]*\"warning: the two dates are on different grids: ")
ecozone_cli_test(audit.external_patches 0 ARGS audit tests/data/mini/mini_audit.toml --patches tests/data/mini/external_patches.geojson
  --out ${CMAKE_BINARY_DIR}/cli_out/audit_ext --lang en STDOUT "640399-2025-2-0001 +04 quarry +core +4.0000 hm²|640399-2025-2-0001 +04 quarry +core")
ecozone_cli_test(bad.audit_external_activity 1 ARGS audit tests/data/mini/mini_audit.toml --patches tests/data/mini/bad_patches.geojson
  --out ${CMAKE_BINARY_DIR}/cli_out/audit_bad_ext --lang en STDERR "bad_patches.geojson: feature 0 has activity '99'")
# Pixel-count options refuse negative values in one readable line.
ecozone_cli_test(bad.audit_negative_shift 2 ARGS audit --max-shift-pixels -1 --out ${CMAKE_BINARY_DIR}/cli_out/audit_neg
  STDERR "选项 --max-shift-pixels 的值不可用：-1 不在 0 到 1000000 的范围内")
ecozone_cli_test(bad.audit_negative_shift_en 2 ARGS audit --max-shift-pixels -1 --out ${CMAKE_BINARY_DIR}/cli_out/audit_neg_en
  --lang en STDERR "--max-shift-pixels: Value -1 not in range 0 to 1000000")

# Sites the county's way: an id field and its own industry words mapped to the rules' categories.
ecozone_cli_test(screen.county_sites 0 ARGS screen tests/data/mini/county_sites.toml --out ${CMAKE_BINARY_DIR}/cli_out/county_sites
  STDOUT "TX-2025-001 +核心区砂石场 +东镇 +禁止（结论不完整） +BH-03")
ecozone_cli_test(check.county_sites_unmapped 1 ARGS check tests/data/mini/county_sites_unmapped.toml --lang en
  STDOUT "field HYLX has values that are not categories of the rules file: '水泥' ×1")

# Missing layers are said, never read as 0 % or "allowed".
ecozone_cli_test(indicators.no_redline 0 ARGS indicators tests/data/mini/indicators_no_redline.toml
  --out ${CMAKE_BINARY_DIR}/cli_out/indicators_no_redline
  FILE ${CMAKE_BINARY_DIR}/cli_out/indicators_no_redline/indicators.csv FILE_REGEX "未评估（缺少图层：生态保护红线）")
ecozone_cli_test(bad.indicators_no_redline_undeclared 1 ARGS indicators tests/data/mini/gbk_sites.toml
  --out ${CMAKE_BINARY_DIR}/cli_out/indicators_undeclared --lang en
  STDERR "no \\[layers.redline\\] .*declare it absent with `\\[layers.redline\\] optional = true`")
ecozone_cli_test(screen.no_redline 0 ARGS screen tests/data/mini/no_redline.toml --coords "105.2915,37.3562 105.3029,37.3562 105.3029,37.3652"
  --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/screen_no_redline
  FILE ${CMAKE_BINARY_DIR}/cli_out/screen_no_redline/screening.json FILE_REGEX "\"status\": \"not_assessed\"")

# Hostile and unlucky input (issue 10): nothing dropped silently, nothing absurd screened.
ecozone_cli_test(hostile.flat_and_empty_sites 1 ARGS screen tests/data/mini/county_sites.toml
  --sites tests/data/sites/flat_sites.geojson --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/flat_sites
  STDOUT "F-2 +共线选址 +未能筛查 +flat_sites.geojson fid 1：多边形面积为零.*F-4 +空图形 +未能筛查 +flat_sites.geojson fid 3：图形为空")
ecozone_cli_test(hostile.flat_and_empty_sites_en 1 ARGS screen tests/data/mini/county_sites.toml
  --sites tests/data/sites/flat_sites.geojson --industry pv_wind --lang en --out ${CMAKE_BINARY_DIR}/cli_out/flat_sites_en
  STDOUT "F-2 .*NOT SCREENED +flat_sites.geojson fid 1: the polygon has no area.*F-4 .*NOT SCREENED +flat_sites.geojson fid 3: the geometry is empty")
ecozone_cli_test(hostile.absurd_coordinate 1 ARGS screen sample_shapefiles/hongsibu.toml
  --sites tests/data/sites/absurd_coordinates.csv --footprint-m 10 --out ${CMAKE_BINARY_DIR}/cli_out/absurd
  STDOUT "S +r +未能筛查 .*absurd_coordinates.csv:2: site 'S'：坐标 \\(-1e\\+308, 4.135e\\+06\\) 远在任何投影范围之外")
ecozone_cli_test(hostile.absurd_coordinate_en 1 ARGS screen sample_shapefiles/hongsibu.toml
  --sites tests/data/sites/absurd_coordinates.csv --footprint-m 10 --lang en --out ${CMAKE_BINARY_DIR}/cli_out/absurd_en
  STDOUT "S +r +NOT SCREENED .*absurd_coordinates.csv:2: site 'S': coordinate \\(-1e\\+308, 4.135e\\+06\\) is far outside any projection")

# Output sets survive kill -9 at every stage, a second run into the same folder, a read-only
# folder and a full disk (tests/faults/run_fault_test.sh).
add_test(NAME faults.output_sets
  COMMAND bash ${PROJECT_SOURCE_DIR}/tests/faults/run_fault_test.sh $<TARGET_FILE:ecozone> ${PROJECT_SOURCE_DIR}
          ${CMAKE_BINARY_DIR}/faults)
set_tests_properties(faults.output_sets PROPERTIES TIMEOUT 300)
# A multi-layer source: the error advises --layer, which screen --sites (and audit --patches) accept.
ecozone_cli_test(hostile.multi_layer_sites 1 ARGS screen tests/data/mini/county_sites.toml
  --sites tests/data/bad/multi_layer.gpkg --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/multi_layer --lang en
  STDERR "multi_layer.gpkg: holds 2 layers \\(district, townships\\); name one with .*--layer on the command line")
ecozone_cli_test(hostile.multi_layer_sites_layer 0 ARGS screen tests/data/mini/county_sites.toml
  --sites tests/data/bad/multi_layer.gpkg --layer townships --industry pv_wind --out ${CMAKE_BINARY_DIR}/cli_out/multi_layer_ok
  STDOUT "2 +2 +东镇")
ecozone_cli_test(hostile.audit_patches_layer 1 ARGS audit --patches tests/data/bad/multi_layer.gpkg --layer nope
  --out ${CMAKE_BINARY_DIR}/cli_out/audit_layer --lang en STDERR "no layer named 'nope'; layers are: district, townships")

# Workbooks beside the CSVs (docs/outputs.md), read back with GDAL's XLSX driver: one layer per
# sheet, the headings with their units as field names, codes as strings that keep their leading
# zeros (640303001, 0301, the sites' ids 0, 1 …), figures as numbers.  The golden files hold the
# layers and field types (ogrinfo -so); the regexes check values.
if(EXISTS ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml)
  set(xlsx_out ${CMAKE_BINARY_DIR}/cli_out/xlsx)
  ecozone_cli_test(golden.xlsx_indicators_sample 0 ARGS indicators sample_shapefiles/hongsibu.toml
    --out ${xlsx_out}/indicators XLSX ${xlsx_out}/indicators/indicators.xlsx XLSX_GOLDEN xlsx_indicators_sample.txt
    XLSX_REGEX "单位 \\(String\\) = 红寺堡区. *代码 \\(String\\) = 640303. *级别 .*距目标\\(百分点\\) \\(Real\\) = -0.4835.*代码 \\(String\\) = 640303001. .*OGRFeature\\(地类面积\\):2. *单位 \\(String\\) = 红寺堡区. *地类编码 \\(String\\) = 0102. ")
  ecozone_cli_test(golden.xlsx_screening_sample 0 ARGS screen sample_shapefiles/hongsibu.toml
    --out ${xlsx_out}/screening XLSX ${xlsx_out}/screening/screening.xlsx XLSX_GOLDEN xlsx_screening_sample.txt
    XLSX_REGEX "编号 \\(String\\) = 0. *项目名称 \\(String\\) = 红寺堡区100MW复合光伏电站项目.*决定性规则 \\(String\\) = GK-09. *面积\\(公顷\\) \\(Real\\) = 199.9327.")
  ecozone_cli_test(golden.xlsx_audit_sample 0 ARGS audit sample_shapefiles/hongsibu.toml
    --out ${xlsx_out}/audit XLSX ${xlsx_out}/audit/patches.xlsx XLSX_GOLDEN xlsx_audit_sample.txt
    XLSX_REGEX "图斑编号 \\(String\\) = 640303-2025-1-0001. *保护地名称 \\(String\\) = 宁夏罗山国家级自然保护区. *监测年度 \\(Integer\\) = 2025. *批次 \\(Integer\\) = 1. .*活动类型 \\(String\\) = 0[1-9] ")
endif()
# The CSVs byte for byte (BOM, CRLF, quoting, decimals) on the mini county, whose figures are
# hand-made: the tables behind them must not change a byte unless meant to.
ecozone_cli_test(golden.csv_indicators_mini 0 ARGS indicators ${mini}/mini_indicators.toml --lang en
  --out ${CMAKE_BINARY_DIR}/cli_out/csv_indicators_mini
  FILE ${CMAKE_BINARY_DIR}/cli_out/csv_indicators_mini/indicators.csv FILE_GOLDEN csv_indicators_mini_en.csv)
ecozone_cli_test(golden.csv_landclass_mini 0 ARGS indicators ${mini}/mini_indicators.toml
  --out ${CMAKE_BINARY_DIR}/cli_out/csv_landclass_mini
  FILE ${CMAKE_BINARY_DIR}/cli_out/csv_landclass_mini/landclass.csv FILE_GOLDEN csv_landclass_mini.csv)
ecozone_cli_test(golden.csv_screening_mini 0 ARGS screen ${mini}/county_sites.toml
  --out ${CMAKE_BINARY_DIR}/cli_out/csv_screening_mini
  FILE ${CMAKE_BINARY_DIR}/cli_out/csv_screening_mini/screening.csv FILE_GOLDEN csv_screening_mini.csv)
ecozone_cli_test(golden.csv_patches_mini 0 ARGS audit ${mini}/mini_audit.toml --patches ${mini}/external_patches.geojson
  --out ${CMAKE_BINARY_DIR}/cli_out/csv_patches_mini
  FILE ${CMAKE_BINARY_DIR}/cli_out/csv_patches_mini/patches.csv FILE_GOLDEN csv_patches_mini.csv)
# A site named like a formula is text in the CSV (a leading apostrophe), not a formula Excel runs.
ecozone_cli_test(screen.csv_formula_guard 0 ARGS screen sample_shapefiles/hongsibu.toml
  --coords "106.30,37.40 106.31,37.40 106.31,37.41" --industry pv_wind --name "=1+1"
  --out ${CMAKE_BINARY_DIR}/cli_out/screen_formula FILE ${CMAKE_BINARY_DIR}/cli_out/screen_formula/screening.csv
  FILE_REGEX "site-1,'=1\\+1,")
