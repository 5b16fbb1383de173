cmake_minimum_required(VERSION 3.18)
# Run one ecozone command for CTest and judge it like a user would:
#   EXE, ARGS (a |-separated list), WORKDIR, EXPECT_CODE,
#   GOLDEN        optional file whose text stdout must equal (after normalisation),
#   STDOUT_REGEX  optional regex stdout must match,
#   STDERR_REGEX  optional regex stderr must match; without it stderr must be EMPTY,
#   FILE, FILE_REGEX  optional file the command writes and a regex its text must match (the
#                 file is removed first, so that a stale copy cannot pass),
#   SRC           the source dir, replaced by <SRC> in the output before comparing,
#   UPDATE        if ON, rewrite the golden file instead of comparing.
string(REPLACE "|" ";" args "${ARGS}")
if(DEFINED FILE AND NOT "${FILE}" STREQUAL "")
  file(REMOVE ${FILE})
endif()
execute_process(COMMAND ${EXE} ${args}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE "${SRC}" "<SRC>" out "${out}")
string(REPLACE "${SRC}" "<SRC>" err "${err}")
set(failed "")
if(NOT "${code}" STREQUAL "${EXPECT_CODE}")
  string(APPEND failed "exit code ${code}, expected ${EXPECT_CODE}\n")
endif()
if(DEFINED STDERR_REGEX AND NOT "${STDERR_REGEX}" STREQUAL "")
  if(NOT err MATCHES "${STDERR_REGEX}")
    string(APPEND failed "stderr does not match '${STDERR_REGEX}'\n")
  endif()
elseif(NOT "${err}" STREQUAL "")
  string(APPEND failed "unexpected output on stderr\n")
endif()
if(DEFINED STDOUT_REGEX AND NOT "${STDOUT_REGEX}" STREQUAL "")
  if(NOT out MATCHES "${STDOUT_REGEX}")
    string(APPEND failed "stdout does not match '${STDOUT_REGEX}'\n")
  endif()
endif()
if(DEFINED FILE AND NOT "${FILE}" STREQUAL "")
  if(NOT EXISTS ${FILE})
    string(APPEND failed "${FILE} was not written\n")
  else()
    file(READ ${FILE} written)
    if(NOT written MATCHES "${FILE_REGEX}")
      string(APPEND failed "${FILE} does not match '${FILE_REGEX}'\n--- ${FILE} ---\n${written}\n")
    endif()
  endif()
endif()
if(DEFINED GOLDEN AND NOT "${GOLDEN}" STREQUAL "")
  if(UPDATE)
    file(WRITE ${GOLDEN} "${out}")
  else()
    file(READ ${GOLDEN} expected)
    if(NOT "${out}" STREQUAL "${expected}")
      file(WRITE ${GOLDEN}.actual "${out}")
      string(APPEND failed "stdout differs from ${GOLDEN} (actual written to ${GOLDEN}.actual; diff them)\n")
    endif()
  endif()
endif()
if(failed)
  message(FATAL_ERROR "${failed}--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
