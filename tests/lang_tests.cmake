# The terminal's language (cli/help_lang.h): Chinese by default, English with --lang en or an
# English locale (LC_ALL / LC_MESSAGES / LANG starting with "en").  Help, CLI11's usage errors,
# the readers' errors and the enumerations' Chinese words.  ecozone_cli_test pins LC_ALL=C.UTF-8
# (the tool's default); the locale tests below replace it with an English one.
set(lang_out ${CMAKE_BINARY_DIR}/cli_out/lang)
set(english_locale "LC_ALL=en_US.UTF-8")

# --help of the app and of every subcommand: CLI11's labels, a description of the command and
# one of its options' help, and the footer, in the language asked for.
ecozone_cli_test(lang.help_zh 0 ARGS --help
  STDOUT "用法: ecozone \\[选项\\] 子命令.*-h,--help +显示本帮助并退出.*子命令:.*info +查看一个图层.*示例：.*退出码：")
set(zh_info "位置参数:\n +LAYER 文本 必填 +矢量或栅格文件.*选项:.*--stats +栅格：同时统计每个类别值的像元数")
set(zh_check "位置参数:\n +PROJECT 文本:文件 +项目文件（.toml）；不给出时用环境变量.*选项:")
set(zh_indicators "选项:.*--forest-basis 文本:{post_sandiao/三调后口径,legacy/原林业口径} *\n? *森林覆盖率口径")
set(zh_screen "选项:.*--area-mode 文本:{ellipsoidal/椭球,planar/平面} *\n? *占比和结论所用面积的计算方式.*--out 文本 必填 +输出文件夹")
set(zh_audit "选项:.*--scope 文本:{protected/保护地,district/全区} *\n? *protected（默认）：登记与自然保护区功能区或生态保护红线相交的图斑")
set(en_info "Positionals:\n +LAYER TEXT REQUIRED +Vector or raster file.*Options:.*--stats +Raster: also count")
set(en_check "Positionals:\n +PROJECT TEXT:FILE +Project file .\\.toml.. default:.*Options:")
set(en_indicators "Options:.*--forest-basis TEXT:{post_sandiao,legacy} *\n? *post_sandiao .default")
set(en_screen "Options:.*--area-mode TEXT:{ellipsoidal,planar} *\n? *ellipsoidal .default. or planar.*--out TEXT REQUIRED")
set(en_audit "Options:.*--scope TEXT:{protected,district} *\n? *protected .default.: register the patches")
foreach(cmd info check indicators screen audit)
  ecozone_cli_test(lang.help_zh.${cmd} 0 ARGS ${cmd} --help
    STDOUT "^[^\n]*。\n用法: ecozone ${cmd} \\[选项\\].*${zh_${cmd}}.*示例：\n.*退出码：")
  ecozone_cli_test(lang.help_en.${cmd} 0 ARGS ${cmd} --help --lang en
    STDOUT "Usage: ecozone ${cmd} \\[OPTIONS\\].*${en_${cmd}}.*Examples:\n.*Exit codes:")
  ecozone_cli_test(lang.help_en_locale.${cmd} 0 ARGS ${cmd} --help
    STDOUT "Usage: ecozone ${cmd} \\[OPTIONS\\].*${en_${cmd}}.*Examples:\n.*Exit codes:")
  set_tests_properties(cli.lang.help_en_locale.${cmd} PROPERTIES ENVIRONMENT "${english_locale}")
endforeach()
ecozone_cli_test(lang.help_en 0 ARGS --help --lang=en STDOUT "Usage: ecozone \\[OPTIONS\\] SUBCOMMAND.*Exit codes:")
ecozone_cli_test(lang.help_en_locale 0 ARGS --help STDOUT "Usage: ecozone \\[OPTIONS\\] SUBCOMMAND.*Exit codes:")
ecozone_cli_test(lang.help_en_lc_messages 0 ARGS --help STDOUT "Usage: ecozone \\[OPTIONS\\] SUBCOMMAND")
ecozone_cli_test(lang.help_zh_over_locale 0 ARGS screen --help --lang zh STDOUT "用法: ecozone screen")
set_tests_properties(cli.lang.help_en_locale cli.lang.help_zh_over_locale PROPERTIES ENVIRONMENT "${english_locale}")
# LC_MESSAGES decides when LC_ALL is unset (an empty value counts as unset).
set_tests_properties(cli.lang.help_en_lc_messages PROPERTIES ENVIRONMENT "LC_ALL=;LC_MESSAGES=en_GB.UTF-8;LANG=C")

# A missing --out: one line in Chinese keeping the option's name, then where to read more; exit 2.
ecozone_cli_test(lang.missing_out_zh 2 ARGS screen
  STDERR "^ecozone screen: 错误：缺少必填的选项 --out\n提示：运行 ecozone screen --help 查看选项和示例\n$")
ecozone_cli_test(lang.missing_out_en 2 ARGS screen --lang en
  STDERR "^ecozone screen: error: --out is required\nhint: run 'ecozone screen --help'\n$")
ecozone_cli_test(lang.missing_out_locale 2 ARGS indicators STDERR "^ecozone indicators: error: --out is required\n")
set_tests_properties(cli.lang.missing_out_locale PROPERTIES ENVIRONMENT "${english_locale}")
ecozone_cli_test(lang.unexpected_argument_zh 2 ARGS info a.shp b.shp STDERR "无法识别的参数：b.shp")
ecozone_cli_test(lang.unknown_command_zh 2 ARGS frobnicate STDERR "“frobnicate”不是 ecozone 的子命令")
ecozone_cli_test(lang.bad_value_zh 2 ARGS screen --out ${lang_out}/bad --area-mode round
  STDERR "选项 --area-mode 的值不可用：“round”不是可选的值，可选：ellipsoidal（椭球）、planar（平面）")
ecozone_cli_test(lang.excludes_zh 2 ARGS screen --out ${lang_out}/bad --sites a.shp --coords 1,2
  STDERR "--sites 与 --coords 不能同时使用")

# The readers' errors: a field the project names that the layer lacks (a finding of `check` on
# stdout, an error of `indicators` on stderr), a corrupt shapefile, a project file's typo.
ecozone_cli_test(lang.reader_field_zh 1 ARGS check ${mini}/missing_field.toml
  STDOUT "问题: [^\n]*townships.geojson：字段“XZQMC_TYPO”（项目文件中的 name_field）不存在；现有字段：XZQDM, XZQMC；请改正项目文件中的 name_field")
ecozone_cli_test(lang.reader_field_en 1 ARGS check ${mini}/missing_field.toml --lang en
  STDOUT "problem: [^\n]*townships.geojson: field 'XZQMC_TYPO' .the project's name_field. does not exist; fields are: XZQDM, XZQMC; fix name_field")
ecozone_cli_test(lang.reader_corrupt_zh 1 ARGS info ${pyshp}/corrupt_too_long.shp
  STDERR "^ecozone info: 错误：[^\n]*corrupt_too_long.shp：文件已损坏——[^\n]*请从原 GIS 软件重新导出\n$")
ecozone_cli_test(lang.reader_corrupt_en 1 ARGS info ${pyshp}/corrupt_too_long.shp --lang en
  STDERR "^ecozone info: error: [^\n]*corrupt_too_long.shp: corrupt — [^\n]*re-export it from the source GIS\n$")
ecozone_cli_test(lang.reader_corrupt_locale 1 ARGS info ${pyshp}/corrupt_too_long.shp
  STDERR "^ecozone info: error: [^\n]*corrupt_too_long.shp: corrupt — ")
set_tests_properties(cli.lang.reader_corrupt_locale PROPERTIES ENVIRONMENT "${english_locale}")
ecozone_cli_test(lang.reader_missing_file_zh 1 ARGS info no_such_file.shp STDERR "no_such_file.shp：无法打开")
ecozone_cli_test(lang.project_typo_zh 1 ARGS check ${mini}/typo_role.toml
  STDERR "typo_role.toml 第 18 行：未知的图层角色“redlines”；是不是要写“redline”？")

# Enumerations take the Chinese word and act on its value.
if(EXISTS ${PROJECT_SOURCE_DIR}/sample_shapefiles/hongsibu.toml)
  ecozone_cli_test(lang.area_mode_planar_zh 0 ARGS screen sample_shapefiles/hongsibu.toml
    --coords "106.30,37.40 106.31,37.40 106.31,37.41" --industry 光伏 --area-mode 平面 --out ${lang_out}/planar
    FILE ${lang_out}/planar/screening.json FILE_REGEX "\"area_mode\": \"planar\"")
endif()
ecozone_cli_test(lang.scope_district_zh 0 ARGS audit ${mini}/mini_audit.toml --patches ${mini}/external_patches.geojson
  --scope 全区 --out ${lang_out}/scope FILE ${lang_out}/scope/audit.json FILE_REGEX "\"scope\": \"district\"")
# Progress lines on stderr follow the terminal's language.
ecozone_cli_test(lang.progress_zh 0 ARGS indicators ${mini}/mini_indicators.toml --progress --out ${lang_out}/progress
  STDERR "^\\[1/6\\] 已读入图层（[0-9.]+ 秒）\n.*\\[6/6\\] 输出文件已就位（")
ecozone_cli_test(lang.progress_en 0 ARGS indicators ${mini}/mini_indicators.toml --progress --lang en
  --out ${lang_out}/progress_en STDERR "^\\[1/6\\] layers read \\([0-9.]+ s\\)\n")
# A run-time usage error (an --industry no rule names) lists the categories in either language.
ecozone_cli_test(lang.unknown_industry_zh 2 ARGS screen --industry nuclear_plant --out ${lang_out}/industry
  STDERR "ecozone screen: 错误：--industry “nuclear_plant”不是 .* 中的项目类别；请写类别编号或名称：.*polluting_industry \\(重污染工业\\)")
