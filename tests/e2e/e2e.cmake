# End-to-end suites: real clients against a Berth of their own (see tests/e2e/README.md).
# Each suite is one CTest test labelled `e2e`, run through run-suite.sh, which starts
# `berth --listen 127.0.0.1:<free port> --strict-responses`, runs the suite's command from
# tests/e2e, and always stops Berth.
#
#   berth_e2e_suite(NAME <name> COMMAND <cmd> [<arg>...]
#                   [BERTH_ARGS <flag>...]   extra flags for berth
#                   [SERIAL]                 never run beside another test (e.g. uses Docker)
#                   [TIMEOUT <seconds>])     default 600
#
# Adding a suite is one line below; adding a test file to an existing suite needs none
# (cli/run.sh, python discovery and js/run.sh pick files up by name).

set(BERTH_E2E_DIR ${CMAKE_CURRENT_LIST_DIR})

function(berth_e2e_suite)
  cmake_parse_arguments(S "SERIAL" "NAME;TIMEOUT" "COMMAND;BERTH_ARGS" ${ARGN})
  if(NOT S_NAME OR NOT S_COMMAND)
    message(FATAL_ERROR "berth_e2e_suite needs NAME and COMMAND")
  endif()
  if(NOT S_TIMEOUT)
    set(S_TIMEOUT 600)
  endif()
  set(berth_flags)
  foreach(flag ${S_BERTH_ARGS})
    list(APPEND berth_flags --berth-arg ${flag})
  endforeach()
  add_test(NAME e2e.${S_NAME}
           COMMAND bash ${BERTH_E2E_DIR}/run-suite.sh $<TARGET_FILE:berth> ${S_NAME}
                   ${berth_flags} -- ${S_COMMAND})
  set_tests_properties(e2e.${S_NAME} PROPERTIES LABELS e2e TIMEOUT ${S_TIMEOUT})
  if(S_SERIAL)
    set_tests_properties(e2e.${S_NAME} PROPERTIES RUN_SERIAL TRUE)
  endif()
endfunction()

# The aws cli suites, split in two so that they run side by side: the services around ECS
# (listed), and ECS's own (every other cli/test_*.sh, so a new file always runs in one of them).
# Together they took over 600 s in CI under load, past one suite's timeout.
set(BERTH_E2E_CLI_AWS_SERVICES test_elbv2.sh test_logs.sh test_secretsmanager.sh
                               test_servicediscovery.sh test_ssm.sh)
file(GLOB BERTH_E2E_CLI_ECS RELATIVE ${BERTH_E2E_DIR}/cli CONFIGURE_DEPENDS
     ${BERTH_E2E_DIR}/cli/test_*.sh)
list(REMOVE_ITEM BERTH_E2E_CLI_ECS ${BERTH_E2E_CLI_AWS_SERVICES})
berth_e2e_suite(NAME cli COMMAND bash cli/run.sh ${BERTH_E2E_CLI_ECS} TIMEOUT 900)
berth_e2e_suite(NAME cli-aws-services COMMAND bash cli/run.sh ${BERTH_E2E_CLI_AWS_SERVICES}
                TIMEOUT 900)
berth_e2e_suite(NAME python COMMAND bash python/run.sh)
# The partition tests again, against a Berth whose default account and region are not the usual
# ones: unsigned requests and keys that name no account must land there (issue 5).
berth_e2e_suite(NAME python-account-id
                COMMAND env BERTH_E2E_DEFAULT_ACCOUNT=123456789012 BERTH_E2E_DEFAULT_REGION=eu-west-2
                        bash python/run.sh test_partitions
                BERTH_ARGS --account-id 123456789012 --region eu-west-2)
berth_e2e_suite(NAME js COMMAND bash js/run.sh)
# Tasks on the real engine (needs docker/engine.sh and docker/test-images.sh first).
berth_e2e_suite(NAME cli-tasks COMMAND bash cli/run.sh tasks_run_stop.sh TIMEOUT 900)
# Windows task definitions on a Linux engine (issue 16): refused placement as ECS refuses it.
berth_e2e_suite(NAME cli-windows COMMAND bash cli/run.sh windows_tasks.sh TIMEOUT 300)
# Capacity providers (issue 15): created, associated, and a task run through one on the engine.
berth_e2e_suite(NAME cli-capacity-providers COMMAND bash cli/run.sh capacity_providers.sh
                TIMEOUT 300)
# Services (issue 4): the API with the aws cli, then the Fargate getting-started tutorial as it
# is written, on the real engine.
berth_e2e_suite(NAME cli-services COMMAND bash cli/run.sh services_api.sh tutorial_fargate.sh
                SERIAL TIMEOUT 900)
# The awslogs log driver (issue 9): task output read back through the Logs API with the aws cli
# (v1 get-log-events, v2 logs tail --follow) and boto3's FilterLogEvents paginator.
berth_e2e_suite(NAME cli-awslogs COMMAND bash cli/run.sh awslogs_tasks.sh SERIAL TIMEOUT 600)
berth_e2e_suite(NAME python-awslogs COMMAND bash python/run.sh awslogs_tasks SERIAL TIMEOUT 600)
# Secrets that reach the container (issue 10): Secrets Manager and SSM values in a task's
# environment, on the real engine, with the aws cli and with boto3.
berth_e2e_suite(NAME cli-ecs-secrets COMMAND bash cli/run.sh ecs_secrets.sh SERIAL TIMEOUT 900)
berth_e2e_suite(NAME python-ecs-secrets COMMAND bash python/run.sh test_ecs_secrets
                SERIAL TIMEOUT 900)
# Inside tasks (issue 9): the environment, metadata v4 and task-role credentials at
# 169.254.170.2, from busybox tasks and from boto3 inside a task, on the real engine.
berth_e2e_suite(NAME python-tasks-inside COMMAND bash python/run.sh tasks_inside SERIAL TIMEOUT 900)
# ECS serviceRegistries (issue 13): an awsvpc service's tasks registered in Cloud Map as they
# run, scale and stop, read back with DiscoverInstances, on the real engine.
berth_e2e_suite(NAME python-service-registries COMMAND bash python/run.sh service_registries
                SERIAL TIMEOUT 900)
# ECS services behind load balancers (issue 12): tasks registered as targets as they run, health
# through the listener gating deployments, an unhealthy target replaced, a rolling update under
# constant load answering every request, on the real engine, with the aws cli and with boto3.
berth_e2e_suite(NAME cli-ecs-load-balancers COMMAND bash cli/run.sh ecs_load_balancers.sh
                SERIAL TIMEOUT 900)
berth_e2e_suite(NAME python-ecs-load-balancers
                COMMAND env BERTH_E2E_LOAD_BALANCERS=1 bash python/run.sh test_ecs_load_balancers
                SERIAL TIMEOUT 900)
# Berth's container image (issue 14), built with docker/build.sh from this build's binary (no
# second compile) and run as README "Berth in a container" says: the bridge, Fargate and
# inside-a-task suites against it unchanged (aws cli, boto3), a restart that cleans up, and the
# Testcontainers test with SDK v3. The host Berth that run-suite.sh starts is not used.
berth_e2e_suite(NAME image-cli COMMAND bash image/cli.sh $<TARGET_FILE:berth> SERIAL TIMEOUT 1500)
berth_e2e_suite(NAME image-js COMMAND bash image/js.sh $<TARGET_FILE:berth> SERIAL TIMEOUT 600)
# Task DNS (issue 13): Cloud Map's private names resolved inside tasks through Berth's DNS
# server on the task networks' gateways (port 53: needs root), following an awsvpc service as it
# scales and stops tasks, SRV records with a bridge service's host ports, and other names
# forwarded to --dns-upstream (a stub on loopback that the suite starts), with boto3.
berth_e2e_suite(NAME python-task-dns
                COMMAND env BERTH_E2E_DNS_STUB_PORT=15353 bash python/run.sh task_dns
                BERTH_ARGS --dns-upstream 127.0.0.1:15353 SERIAL TIMEOUT 900)
# The same with the aws cli v2 and its waiters (cli/task_dns.sh), on the same stub upstream.
berth_e2e_suite(NAME cli-task-dns
                COMMAND env BERTH_E2E_DNS_STUB_PORT=15353 bash cli/run.sh task_dns.sh
                BERTH_ARGS --dns-upstream 127.0.0.1:15353 SERIAL TIMEOUT 900)
# --state-dir (issue 11): Berths of the test's own stopped (SIGTERM, kill -9) and started again on
# one state directory, with boto3, on the real engine. The suite's Berth is not used.
berth_e2e_suite(NAME python-state-dir
                COMMAND env BERTH_BINARY=$<TARGET_FILE:berth> bash python/run.sh state_dir
                SERIAL TIMEOUT 600)
# ECS Service Connect (issue 13), by DNS instead of Envoy: two services joined in one Cloud Map
# namespace, one reaching the other by its client alias, with boto3.
berth_e2e_suite(NAME python-service-connect COMMAND bash python/run.sh service_connect
                SERIAL TIMEOUT 600)
# Attributes (issue 15): put, listed with filters, shown by describe-container-instances, deleted.
berth_e2e_suite(NAME cli-attributes COMMAND bash cli/run.sh attributes.sh TIMEOUT 300)
# Task sets (issue 15): an EXTERNAL service's task sets created, scaled, made primary and deleted
# with the aws cli v2, their tasks on the real engine.
berth_e2e_suite(NAME cli-task-sets COMMAND bash cli/run.sh task_sets.sh TIMEOUT 300)
