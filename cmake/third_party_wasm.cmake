# cmake/third_party_wasm.cmake — Emscripten-only static libraries (imgui, SQLite, libsodium, json)
# built from the sources that tools/lib/third_party.sh prepares in MOTCUA_THIRD_PARTY_DIR.
include_guard(GLOBAL)

if(NOT EMSCRIPTEN)
  message(FATAL_ERROR "third_party_wasm.cmake is for Emscripten builds only")
endif()
if(NOT MOTCUA_THIRD_PARTY_DIR)
  message(FATAL_ERROR "MOTCUA_THIRD_PARTY_DIR is not set (the CACHE_DIR given to motcua_third_party)")
endif()

set(_tp "${MOTCUA_THIRD_PARTY_DIR}")
foreach(_f src/imgui/imgui.cpp src/sqlite/configure src/sqlite/src/parse.y
           src/libsodium/src/libsodium/include/sodium/version.h include-wasm/nlohmann/json.hpp)
  if(NOT EXISTS "${_tp}/${_f}")
    message(FATAL_ERROR "${_tp}/${_f} missing: run "
      "`source tools/lib/third_party.sh; motcua_third_party ${_tp}` first")
  endif()
endforeach()

# Per-library optimisation. It comes after CMAKE_<LANG>_FLAGS_<CONFIG> on the command line, so it
# wins over the build type; set a variable to "" to follow the build type instead.
# -Os: the gzip budget (wasm + js + font) is 600 KB and these libraries are most of the wasm.
set(MOTCUA_TP_IMGUI_OPT "-Os" CACHE STRING "Optimisation flag for the imgui library")
set(MOTCUA_TP_SODIUM_OPT "-Os" CACHE STRING "Optimisation flag for the libsodium library")
set(MOTCUA_TP_SQLITE_OPT "-Os" CACHE STRING "Optimisation flag for the SQLite library")
option(MOTCUA_TP_SQLITE_FTS5 "Build SQLite with FTS5 full-text search" OFF)

# The whole wasm build (this file is included before any target): no RTTI. Nothing in the client
# uses typeid or dynamic_cast, and the type names cost ~2 KB gzip.
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fno-rtti>)

# ---- Dear ImGui: core + OpenGL3 renderer (WebGL2 = GLES 3). No platform backend: the client has its own.
set(_imgui "${_tp}/src/imgui")
add_library(motcua_tp_imgui STATIC
  "${_imgui}/imgui.cpp" "${_imgui}/imgui_draw.cpp" "${_imgui}/imgui_tables.cpp"
  "${_imgui}/imgui_widgets.cpp" "${_imgui}/backends/imgui_impl_opengl3.cpp")
target_include_directories(motcua_tp_imgui SYSTEM PUBLIC "${_imgui}" "${_imgui}/backends")
# PUBLIC: imgui_impl_opengl3.h would otherwise pick ES2 ("#version 100") under Emscripten.
target_compile_definitions(motcua_tp_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_compile_options(motcua_tp_imgui PRIVATE ${MOTCUA_TP_IMGUI_OPT} -w)

# ---- SQLite (Debian-patched 3.40.1), cut down to what a phone's local store uses.
# Features the client never uses are left out: the download budget (600 KB gzip) is tight and
# SQLite is the largest part of the wasm. Native builds (tests, server) use Debian's full SQLite, so
# SQL that needs one of these features fails only in the browser: the browser tests cover the store.
# Still in: tables, indexes, CHECK, upsert, transactions, PRAGMA, subqueries, UNION, views and
# CTEs, triggers, ALTER TABLE (for schema migrations), ATTACH, VACUUM, date functions (without
# them SQLite calls strftime, whose JS costs more than the C saves).
# Omitted in the code only (a define is enough):
set(MOTCUA_TP_SQLITE_OMIT_CODE
  SQLITE_OMIT_JSON SQLITE_OMIT_WAL SQLITE_OMIT_UTF16
  SQLITE_OMIT_PROGRESS_CALLBACK SQLITE_OMIT_AUTHORIZATION SQLITE_OMIT_DECLTYPE SQLITE_OMIT_COMPLETE
  SQLITE_OMIT_TRACE SQLITE_OMIT_GET_TABLE SQLITE_OMIT_INTROSPECTION_PRAGMAS SQLITE_OMIT_TCL_VARIABLE
  SQLITE_OMIT_INCRBLOB SQLITE_OMIT_DESERIALIZE SQLITE_OMIT_BLOB_LITERAL SQLITE_OMIT_COMPILEOPTION_DIAGS
  SQLITE_UNTESTABLE)
# Omitted in the grammar too, so the parser and keyword tables must be generated with the same
# defines: the amalgamation is made again from the full source tree (host cc + tclsh, ~25 s once).
# SQLITE_OMIT_ATTACH and SQLITE_OMIT_VACUUM do not link in 3.40.1.
set(MOTCUA_TP_SQLITE_OMIT_GRAMMAR
  SQLITE_OMIT_WINDOWFUNC SQLITE_OMIT_VIRTUALTABLE SQLITE_OMIT_ANALYZE SQLITE_OMIT_REINDEX
  SQLITE_OMIT_EXPLAIN SQLITE_OMIT_AUTOVACUUM SQLITE_OMIT_GENERATED_COLUMNS)
if(MOTCUA_TP_SQLITE_FTS5)
  list(REMOVE_ITEM MOTCUA_TP_SQLITE_OMIT_GRAMMAR SQLITE_OMIT_VIRTUALTABLE) # FTS5 is a virtual table
endif()
set(_sqlite_src "${_tp}/src/sqlite")
set(_sqlite "${CMAKE_BINARY_DIR}/sqlite-amalgamation")
find_program(MOTCUA_HOST_CC NAMES cc gcc clang REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(MOTCUA_MAKE NAMES make gmake REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(MOTCUA_TCLSH NAMES tclsh tclsh8.6 REQUIRED NO_CMAKE_FIND_ROOT_PATH)
list(TRANSFORM MOTCUA_TP_SQLITE_OMIT_GRAMMAR PREPEND "-D" OUTPUT_VARIABLE _sqlite_opts)
list(JOIN _sqlite_opts " " _sqlite_opts)
add_custom_command(
  OUTPUT "${_sqlite}/sqlite3.c" "${_sqlite}/sqlite3.h"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${_sqlite}/build"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_sqlite}/build"
  COMMAND ${CMAKE_COMMAND} -E chdir "${_sqlite}/build"
          ${CMAKE_COMMAND} -E env --unset=CFLAGS --unset=CPPFLAGS --unset=LDFLAGS "CC=${MOTCUA_HOST_CC}"
          "TCLSH_CMD=${MOTCUA_TCLSH}" sh "${_sqlite_src}/configure" --disable-tcl > "${_sqlite}/build.log" 2>&1
  COMMAND ${CMAKE_COMMAND} -E chdir "${_sqlite}/build"
          ${MOTCUA_MAKE} sqlite3.c "OPTS=${_sqlite_opts}" >> "${_sqlite}/build.log" 2>&1
  COMMAND ${CMAKE_COMMAND} -E copy "${_sqlite}/build/sqlite3.c" "${_sqlite}/build/sqlite3.h" "${_sqlite}"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${_sqlite}/build"
  DEPENDS "${_sqlite_src}/configure" "${_sqlite_src}/src/parse.y" "${CMAKE_CURRENT_LIST_FILE}"
  COMMENT "Generating the SQLite amalgamation with ${_sqlite_opts} (log: ${_sqlite}/build.log)"
  VERBATIM)
add_library(motcua_tp_sqlite3 STATIC "${_sqlite}/sqlite3.c")
set_target_properties(motcua_tp_sqlite3 PROPERTIES LINKER_LANGUAGE C)
target_include_directories(motcua_tp_sqlite3 SYSTEM PUBLIC "${_sqlite}")
target_compile_definitions(motcua_tp_sqlite3 PRIVATE
  SQLITE_THREADSAFE=0 SQLITE_OMIT_LOAD_EXTENSION SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE SQLITE_DQS=0
  ${MOTCUA_TP_SQLITE_OMIT_CODE} ${MOTCUA_TP_SQLITE_OMIT_GRAMMAR}
  $<$<BOOL:${MOTCUA_TP_SQLITE_FTS5}>:SQLITE_ENABLE_FTS5>)
target_compile_options(motcua_tp_sqlite3 PRIVATE ${MOTCUA_TP_SQLITE_OPT} -w)

# ---- libsodium 1.0.18, every source compiled directly (its autotools build is 4x slower here).
# Non-x86 build: the SSE/AVX variants compile to nothing without the HAVE_*INTRIN_H defines, and
# randombytes uses crypto.getRandomValues under Emscripten.
set(_sodium "${_tp}/src/libsodium/src/libsodium")
file(GLOB_RECURSE _sodium_sources CONFIGURE_DEPENDS "${_sodium}/*.c")
add_library(motcua_tp_sodium STATIC ${_sodium_sources})
target_include_directories(motcua_tp_sodium SYSTEM PUBLIC "${_sodium}/include")
# Internal sources include "private/common.h", "crypto_*.h" without the sodium/ prefix.
target_include_directories(motcua_tp_sodium PRIVATE "${_sodium}/include/sodium")
target_compile_definitions(motcua_tp_sodium PUBLIC SODIUM_STATIC)
target_compile_definitions(motcua_tp_sodium PRIVATE
  CONFIGURED=1 NATIVE_LITTLE_ENDIAN=1 HAVE_SYS_RANDOM_H=1 HAVE_POSIX_MEMALIGN=1 HAVE_EXPLICIT_BZERO=1)
# Same as upstream's configure: the reference code relies on wrapping arithmetic and type punning.
target_compile_options(motcua_tp_sodium PRIVATE
  ${MOTCUA_TP_SODIUM_OPT} -fno-strict-aliasing -fno-strict-overflow -w)

# ---- nlohmann json: a copy of the Debian headers, because emcc must never see -I/usr/include.
add_library(motcua_tp_json INTERFACE)
target_include_directories(motcua_tp_json SYSTEM INTERFACE "${_tp}/include-wasm")

unset(_tp)
unset(_f)
unset(_imgui)
unset(_sqlite)
unset(_sqlite_src)
unset(_sqlite_opts)
unset(_sodium)
unset(_sodium_sources)
