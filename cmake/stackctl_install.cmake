# Install rules and the exported CMake package: find_package(stackctl) gives stackctl::engine,
# stackctl::model, stackctl::deploy and (when built) stackctl::mock_engine.
include(CMakePackageConfigHelpers)

set(STACKCTL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/stackctl)
set(stackctl_export_targets)
foreach(part engine model deploy)
  if(TARGET stackctl_${part})
    list(APPEND stackctl_export_targets stackctl_${part})
  endif()
endforeach()
if(TARGET stackctl_mock_engine)
  list(APPEND stackctl_export_targets stackctl_mock_engine)
  set(STACKCTL_HAS_MOCK_ENGINE ON)
else()
  set(STACKCTL_HAS_MOCK_ENGINE OFF)
endif()

install(TARGETS ${stackctl_export_targets}
        EXPORT stackctlTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS stackctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

foreach(part engine_client stack_model deploy)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${part}/include)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${part}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endforeach()
if(STACKCTL_HAS_MOCK_ENGINE)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/mock_engine/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()

install(EXPORT stackctlTargets NAMESPACE stackctl:: DESTINATION ${STACKCTL_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/stackctlConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/stackctlConfig.cmake
                              INSTALL_DESTINATION ${STACKCTL_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/stackctlConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/stackctlConfig.cmake ${PROJECT_BINARY_DIR}/stackctlConfigVersion.cmake
        DESTINATION ${STACKCTL_CMAKE_DIR})
