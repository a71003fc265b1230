# Makes the web root the server indexes at start (server/api/static_site.hpp):
# - the module (motcua.js, .wasm, .data) and app.js under content-hashed names (name.<16 hex>.ext),
#   which the server caches for a year as immutable; index.html, sw.js and the manifest keep
#   their names and are revalidated (no-cache);
# - index.html and app.js stamped with the hashed names, sw.js with them and a cache version
#   that hashes every precached file;
# - a gzip (-9) and a brotli (-q 11) copy beside every compressible file, made once here so the
#   server never compresses per request;
# - nothing else: hashed files of earlier builds and stray files are removed.
# Inputs: WEB_DIR (web/), MODULE_DIR (the linked module), WEBROOT (the output), GZIP, BROTLI.
cmake_minimum_required(VERSION 3.22)

file(MAKE_DIRECTORY "${WEBROOT}")
file(GLOB old_files "${WEBROOT}/*")
set(kept "")

function(hashed_name file base ext out)
  file(SHA256 "${file}" h)
  string(SUBSTRING "${h}" 0 16 h)
  set(${out} "${base}.${h}${ext}" PARENT_SCOPE)
endfunction()

# A file written only when its bytes change, so an unchanged build keeps its dates.
function(put_file name content)
  set(path "${WEBROOT}/${name}")
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

function(copy_in from name)
  configure_file("${from}" "${WEBROOT}/${name}" COPYONLY)
endfunction()

# The module's binary parts first: app.js must know their names.
hashed_name("${MODULE_DIR}/motcua.wasm" motcua .wasm MOTCUA_WASM)
hashed_name("${MODULE_DIR}/motcua.data" motcua .data MOTCUA_DATA)
hashed_name("${MODULE_DIR}/motcua.js" motcua .js MOTCUA_JS)
copy_in("${MODULE_DIR}/motcua.wasm" "${MOTCUA_WASM}")
copy_in("${MODULE_DIR}/motcua.data" "${MOTCUA_DATA}")
copy_in("${MODULE_DIR}/motcua.js" "${MOTCUA_JS}")

file(READ "${WEB_DIR}/app.js" app)
string(CONFIGURE "${app}" app @ONLY)
string(SHA256 h "${app}")
string(SUBSTRING "${h}" 0 16 h)
set(MOTCUA_APP_JS "app.${h}.js")
put_file("${MOTCUA_APP_JS}" "${app}")

file(READ "${WEB_DIR}/index.html" index)
string(CONFIGURE "${index}" index @ONLY)
put_file(index.html "${index}")
copy_in("${WEB_DIR}/manifest.webmanifest" manifest.webmanifest)
copy_in("${WEB_DIR}/icon.svg" icon.svg)

set(shell index.html manifest.webmanifest icon.svg ${MOTCUA_APP_JS} ${MOTCUA_JS} ${MOTCUA_WASM} ${MOTCUA_DATA})
set(hash_input "")
foreach(name ${shell})
  file(SHA256 "${WEBROOT}/${name}" h)
  string(APPEND hash_input "${name}:${h}\n")
endforeach()
string(SHA256 version "${hash_input}")
string(SUBSTRING "${version}" 0 16 MOTCUA_CACHE_VERSION)
file(READ "${WEB_DIR}/sw.js" sw)
string(CONFIGURE "${sw}" sw @ONLY)
put_file(sw.js "${sw}")

# Precompressed copies, remade only when their file is newer.
set(served ${shell} sw.js)
foreach(name ${served})
  set(f "${WEBROOT}/${name}")
  list(APPEND kept "${f}")
  if(name MATCHES "\\.(png|ico)$")
    continue() # already compressed
  endif()
  foreach(kind gz br)
    set(copy "${f}.${kind}")
    list(APPEND kept "${copy}")
    if(EXISTS "${copy}" AND NOT "${f}" IS_NEWER_THAN "${copy}")
      continue()
    endif()
    if(kind STREQUAL "gz")
      execute_process(COMMAND "${GZIP}" -9 -n -c "${f}" OUTPUT_FILE "${copy}" RESULT_VARIABLE rc)
    else()
      execute_process(COMMAND "${BROTLI}" -q 11 -f -n -o "${copy}" "${f}" RESULT_VARIABLE rc)
    endif()
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "compressing ${name} (${kind}) failed: ${rc}")
    endif()
  endforeach()
endforeach()

foreach(f ${old_files})
  list(FIND kept "${f}" at)
  if(at EQUAL -1 AND NOT IS_DIRECTORY "${f}")
    file(REMOVE "${f}")
  endif()
endforeach()
