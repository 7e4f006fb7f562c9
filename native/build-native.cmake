# Configures and builds libarmrnn_plant for the .NET build (native/ArmRnn.Native.targets):
#   cmake -DARMRNN_SOURCE_DIR=<native> -DARMRNN_BUILD_DIR=<dir> [-DARMRNN_OPENSIM_DIR=<dir>] [-DARMRNN_PACKAGE=ON]
#         -P build-native.cmake
# ARMRNN_PACKAGE=ON builds the library the ArmRnn.Native package ships: the MuJoCo engine (required), never OpenSim's
# (it would link to this machine's OpenSim SDK).
# Several projects import the targets, and MSBuild may build them at the same time: a file lock makes them take
# turns on the one build folder (the later ones find it up to date).
cmake_minimum_required(VERSION 3.16)
foreach(required ARMRNN_SOURCE_DIR ARMRNN_BUILD_DIR)
  if(NOT ${required})
    message(FATAL_ERROR "build-native.cmake: -D${required}=... is required")
  endif()
endforeach()

file(MAKE_DIRECTORY "${ARMRNN_BUILD_DIR}")
file(LOCK "${ARMRNN_BUILD_DIR}/.armrnn-build.lock" GUARD PROCESS TIMEOUT 1200 RESULT_VARIABLE lock_result)
if(NOT lock_result EQUAL 0)
  message(FATAL_ERROR "build-native.cmake: could not lock ${ARMRNN_BUILD_DIR}: ${lock_result}")
endif()

set(configure_args -S "${ARMRNN_SOURCE_DIR}" -B "${ARMRNN_BUILD_DIR}" -DCMAKE_BUILD_TYPE=Release)
if(ARMRNN_PACKAGE)
  list(APPEND configure_args -DARMRNN_WITH_OPENSIM=OFF -DARMRNN_REQUIRE_MUJOCO=ON)
elseif(ARMRNN_OPENSIM_DIR)
  list(APPEND configure_args "-DOpenSim_DIR=${ARMRNN_OPENSIM_DIR}")
endif()
# Configured every time (about a second): a MuJoCo or OpenSim installed since the last build is then found.
execute_process(COMMAND "${CMAKE_COMMAND}" ${configure_args} RESULT_VARIABLE configure_result)
if(NOT configure_result EQUAL 0)
  message(FATAL_ERROR "build-native.cmake: configuring native/ failed (${configure_result})")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${ARMRNN_BUILD_DIR}" --parallel 2 RESULT_VARIABLE build_result)
if(NOT build_result EQUAL 0)
  message(FATAL_ERROR "build-native.cmake: building native/ failed (${build_result})")
endif()
