# Fails a CTest test with MESSAGE (tests/CMakeLists.txt: the browser test when node is missing).
message(FATAL_ERROR "${MESSAGE}")
