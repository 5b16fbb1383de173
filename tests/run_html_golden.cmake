cmake_minimum_required(VERSION 3.18)
# Run one ecozone command for CTest and compare the HTML pages it writes with golden files, after
# normalising what differs from run to run or from machine to machine:
#   EXE, ARGS (a |-separated list; --out OUT is appended), WORKDIR, OUT (emptied first),
#   EXPECT_CODE  the exit code the command must return,
#   PAGES   |-separated "page=golden" pairs: each page written in OUT and its golden file.  The
#           run's values (tool version, run id, time, command) are read from the provenance
#           table of the FIRST page and replaced in every page, since a paged report's later
#           pages carry the run id without a provenance table of their own,
#   SRC     the source dir, replaced by &lt;SRC&gt; (the goldens stay HTML),
#   UPDATE  if ON, rewrite the golden files instead of comparing.
# What is normalised, and why:
#   - the tool version, run id, document ids, run time (and its date), seconds, command line:
#     they change with every run or build;
#   - the source dir (input paths in the provenance table): it differs between checkouts;
#   - SVG path data (d="…") and thumbnails' PNG bytes: the maps' and pictures' own tests cover
#     them, and they change whenever drawing is tuned; what the pages say around them stays;
#   - whitespace: a run of blanks becomes one space and blanks between two tags go, so that
#     templates may lay out their HTML as they like; a line break is then put before each
#     block-level tag so that a difference reads as a short diff.
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" pages "${PAGES}")
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${EXE} ${args} --out ${OUT}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(failed "")
if(NOT "${code}" STREQUAL "${EXPECT_CODE}")
  string(APPEND failed "exit code ${code}, expected ${EXPECT_CODE}\n")
endif()
if(NOT "${err}" STREQUAL "")
  string(APPEND failed "unexpected output on stderr\n")
endif()

# The run's values, as the first page's provenance table lists them (escaped as written):
# tool version, run id, document id, run time, seconds, command, project file — in that order.
set(version "")
set(run_id "")
set(started "")
set(command "")
list(GET pages 0 first_pair)
string(REGEX REPLACE "=.*" "" first_page "${first_pair}")
if(EXISTS ${OUT}/${first_page})
  file(READ ${OUT}/${first_page} html)
  string(FIND "${html}" "<table class=\"run\">" at)
  if(at GREATER -1)
    string(SUBSTRING "${html}" ${at} -1 run_table)
    string(REGEX MATCHALL "<td>[^<]*</td>" cells "${run_table}")
    list(LENGTH cells n)
    if(n GREATER_EQUAL 14)
      foreach(k 1 3 7 11)
        list(GET cells ${k} cell)
        string(REGEX REPLACE "^<td>(.*)</td>$" "\\1" cell "${cell}")
        set(value_${k} "${cell}")
      endforeach()
      string(REGEX REPLACE "^ecozone " "" version "${value_1}")
      set(run_id "${value_3}")
      set(started "${value_7}")
      set(command "${value_11}")
    endif()
  endif()
  if(run_id STREQUAL "")
    string(APPEND failed "${first_page} has no provenance table to read the run's values from\n")
  endif()
endif()

foreach(pair ${pages})
  string(REGEX REPLACE "=.*" "" page "${pair}")
  string(REGEX REPLACE "^[^=]*=" "" golden "${pair}")
  if(NOT EXISTS ${OUT}/${page})
    string(APPEND failed "${OUT}/${page} was not written\n")
    continue()
  endif()
  file(READ ${OUT}/${page} html)
  if(NOT command STREQUAL "")
    string(REPLACE "<td>${command}</td>" "<td>&lt;COMMAND&gt;</td>" html "${html}")
  endif()
  if(NOT version STREQUAL "")
    string(REPLACE "ecozone ${version}" "ecozone &lt;VERSION&gt;" html "${html}")
  endif()
  if(NOT run_id STREQUAL "")
    string(REPLACE "${run_id}" "&lt;RUN-ID&gt;" html "${html}")
  endif()
  if(NOT started STREQUAL "")
    string(REPLACE "${started}" "&lt;TIME&gt;" html "${html}")
    string(SUBSTRING "${started}" 0 10 date)
    string(REPLACE "${date}" "&lt;DATE&gt;" html "${html}")
  endif()
  # Document ids: "screening.html 4265deb40e60" in the provenance table, "文档编号 …" on pages.
  string(REGEX REPLACE "<td>([^< ]+\\.html) [0-9a-f]+</td>" "<td>\\1 &lt;DOCUMENT-ID&gt;</td>" html "${html}")
  string(REGEX REPLACE "(文档编号|document id) [0-9a-f]+" "\\1 &lt;DOCUMENT-ID&gt;" html "${html}")
  string(REGEX REPLACE "<td>(耗时（秒）|seconds)</td><td>[^<]*</td>" "<td>\\1</td><td>&lt;SECONDS&gt;</td>" html "${html}")
  string(REPLACE "${SRC}" "&lt;SRC&gt;" html "${html}")
  string(REGEX REPLACE " d=\"[^\"]*\"" " d=\"…\"" html "${html}")
  string(REGEX REPLACE "data:image/png;base64,[A-Za-z0-9+/=]+" "data:image/png;base64,…" html "${html}")
  string(REGEX REPLACE "[ \t\r\n]+" " " html "${html}")
  string(REPLACE "> <" "><" html "${html}")
  string(REGEX REPLACE
    "<(html|head|body|meta|title|style|h1|h2|h3|p|ul|li|table|thead|tbody|tr|section|figure|figcaption|div|svg|g|path|text|rect|circle|line)([ >/])"
    "\n<\\1\\2" html "${html}")
  string(REGEX REPLACE "</(html|head|body|section|table|thead|tbody|ul|figure|div|svg|g)>" "\n</\\1>" html "${html}")
  string(REGEX REPLACE "^\n" "" html "${html}")
  string(APPEND html "\n")
  if(UPDATE)
    file(WRITE ${golden} "${html}")
  elseif(NOT EXISTS ${golden})
    string(APPEND failed "no golden file ${golden} (configure with -DECOZONE_UPDATE_GOLDEN=ON to write it)\n")
  else()
    file(READ ${golden} expected)
    if(NOT "${html}" STREQUAL "${expected}")
      file(WRITE ${golden}.actual "${html}")
      string(APPEND failed "${page} differs from ${golden} (normalised page written to ${golden}.actual; diff them)\n")
    endif()
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "${failed}--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
