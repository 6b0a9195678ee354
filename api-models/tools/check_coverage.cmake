# The unit.coverage test: docs/coverage.md must be what the build generates from the models
# and the operation lists (GENERATED), else it is stale.
if(NOT EXISTS ${GENERATED})
  message(FATAL_ERROR "${GENERATED} is missing: build berth_protocol (or berth) first.")
endif()
file(READ ${GENERATED} generated)
set(committed "")
if(EXISTS ${COMMITTED})
  file(READ ${COMMITTED} committed)
endif()
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/coverage.md is stale: the operation lists or models changed. "
                      "Regenerate it with `cmake --build build --target coverage_doc` and commit it.")
endif()
