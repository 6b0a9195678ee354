# Compiles BERTH_MODELS (pairs of MODEL_JSON OPERATION_LIST) into BERTH_EMBEDDED_MODELS (a C++
# source of constexpr tables, part of berth_protocol) and a coverage list, with the small
# generator model_tables built first in the same build. Defines:
#   coverage_doc     target: copies the generated list over docs/coverage.md
#   unit.coverage    test: fails when the committed docs/coverage.md is stale
add_executable(model_tables ${CMAKE_SOURCE_DIR}/api-models/tools/model_tables.cpp
                            ${CMAKE_SOURCE_DIR}/src/protocol/model_compiler.cpp
                            ${CMAKE_SOURCE_DIR}/src/protocol/json_text.cpp)
target_include_directories(model_tables PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(model_tables PRIVATE nlohmann_json::nlohmann_json)

set(BERTH_EMBEDDED_MODELS ${CMAKE_BINARY_DIR}/generated/embedded_models.cpp)
set(BERTH_COVERAGE_MD ${CMAKE_BINARY_DIR}/generated/coverage.md)
add_custom_command(
  OUTPUT ${BERTH_EMBEDDED_MODELS} ${BERTH_COVERAGE_MD}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND model_tables ${CMAKE_SOURCE_DIR} ${BERTH_EMBEDDED_MODELS} ${BERTH_COVERAGE_MD}
          ${BERTH_MODELS}
  DEPENDS model_tables ${BERTH_MODELS}
  COMMENT "Compiling the AWS API models into tables")

add_custom_target(coverage_doc
  COMMAND ${CMAKE_COMMAND} -E copy ${BERTH_COVERAGE_MD} ${CMAKE_SOURCE_DIR}/docs/coverage.md
  DEPENDS ${BERTH_COVERAGE_MD}
  COMMENT "Writing docs/coverage.md")

if(BERTH_TESTS)
  enable_testing()
  add_test(NAME unit.coverage
           COMMAND ${CMAKE_COMMAND} -DGENERATED=${BERTH_COVERAGE_MD}
                   -DCOMMITTED=${CMAKE_SOURCE_DIR}/docs/coverage.md
                   -P ${CMAKE_SOURCE_DIR}/api-models/tools/check_coverage.cmake)
  set_tests_properties(unit.coverage PROPERTIES LABELS unit)
endif()
