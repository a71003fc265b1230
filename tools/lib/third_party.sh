# tools/lib/third_party.sh — sourced bash library (not executed): fetches, verifies and prepares the
# third-party inputs of the wasm client (imgui, libsodium, SQLite amalgamation, nlohmann json, fonts).
# shellcheck shell=bash
#
# Usage: source tools/lib/third_party.sh; motcua_third_party CACHE_DIR
# Safe under `set -euo pipefail` and also without it: every step checks its own errors, because
# set -e is silently ignored when a caller writes `motcua_third_party DIR || ...`.

# Bump when the preparation steps change, so existing caches are rebuilt.
MOTCUA_TP_RECIPE=1

# Upstream .orig tarballs are the source of truth: Debian revisions come and go with security
# updates, the upstream tarball of a given version stays the same.
MOTCUA_TP_PINS=(
  "imgui_1.86+ds.orig.tar.xz 0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64"
  "libsodium_1.0.18.orig.tar.gz d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4"
  "sqlite3_3.40.1.orig.tar.xz aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655"
)
MOTCUA_TP_SOURCE_PACKAGES=(imgui libsodium sqlite3)

# Latin + Vietnamese (precomposed and combining tone marks) + the punctuation/symbols the UI uses.
MOTCUA_TP_FONT_UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+0300-0303,U+0309,U+0323"
MOTCUA_TP_FONT_UNICODES+=",U+1EA0-1EF9,U+2010-2027,U+2030,U+20AB,U+2190-2193,U+2713,U+2714,U+2717"
MOTCUA_TP_FONT_UNICODES+=",U+25CB,U+25CF,U+2022,U+00B7"
MOTCUA_TP_FONT_DIR=/usr/share/fonts/truetype/dejavu
MOTCUA_TP_JSON_DIR=/usr/include/nlohmann

_motcua_tp_say() { printf 'third-party: %s\n' "$*"; }
_motcua_tp_err() { printf 'third-party: ERROR: %s\n' "$*" >&2; }

# Show the end of a log after a failed command, so the cause is visible without digging.
_motcua_tp_fail_log() {
  _motcua_tp_err "$1 (log: $2)"
  if [[ -f "$2" ]]; then tail -n 15 "$2" | sed 's/^/    /' >&2; fi
  return 1
}

_motcua_tp_sha256() {
  local out
  out=$(sha256sum "$1") || return 1
  printf '%s\n' "${out%% *}"
}

# Everything that decides the cache content; cheap (no hashing of big files) so the fast path stays fast.
_motcua_tp_key() {
  local f
  printf 'recipe %s\n' "$MOTCUA_TP_RECIPE"
  printf 'pin %s\n' "${MOTCUA_TP_PINS[@]}"
  printf 'fonts %s\n' "$MOTCUA_TP_FONT_UNICODES"
  for f in "$MOTCUA_TP_FONT_DIR/DejaVuSans.ttf" "$MOTCUA_TP_FONT_DIR/DejaVuSans-Bold.ttf" \
           "$MOTCUA_TP_JSON_DIR/json.hpp"; do
    printf 'input %s %s\n' "$f" "$(stat -c '%s %Y' "$f" 2>/dev/null || echo missing)"
  done
}

_motcua_tp_outputs=(
  src/imgui/imgui.cpp src/imgui/backends/imgui_impl_opengl3.cpp
  src/libsodium/src/libsodium/include/sodium/version.h
  src/sqlite-amalgamation/sqlite3.c src/sqlite-amalgamation/sqlite3.h src/sqlite/src/parse.y
  include-wasm/nlohmann/json.hpp fonts/motcua-ui.ttf fonts/motcua-ui-bold.ttf
)

_motcua_tp_up_to_date() {
  local c=$1 f key
  [[ -f "$c/.stamp" ]] || return 1
  key=$(_motcua_tp_key) || return 1
  [[ "$(<"$c/.stamp")" == "$key" ]] || return 1
  for f in "${_motcua_tp_outputs[@]}"; do [[ -e "$c/$f" ]] || return 1; done
}

# 0 when every pinned .orig is in DIR with its pinned sha256; with "report", explain mismatches.
_motcua_tp_check_pins() {
  local dl=$1 mode=${2:-quiet} pin name want got ok=0
  for pin in "${MOTCUA_TP_PINS[@]}"; do
    name=${pin%% *}; want=${pin##* }
    if [[ ! -f "$dl/$name" ]]; then
      [[ $mode == report ]] && _motcua_tp_err "missing $dl/$name after download"
      ok=1; continue
    fi
    got=$(_motcua_tp_sha256 "$dl/$name") || { ok=1; continue; }
    if [[ "$got" != "$want" ]]; then
      [[ $mode == report ]] && _motcua_tp_err "sha256 mismatch for $name: expected $want, got $got"
      ok=1
    fi
  done
  return $ok
}

# Private deb-src sources derived from the system ones; the system apt configuration is only read.
_motcua_tp_write_sources() {
  local out=$1 f found=0
  if [[ -n "${MOTCUA_TP_APT_SOURCES:-}" ]]; then   # escape hatch, e.g. a snapshot.debian.org mirror
    cp "$MOTCUA_TP_APT_SOURCES" "$out" || return 1
    return 0
  fi
  : > "$out" || return 1
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    sed 's/^Types:.*/Types: deb-src/' "$f" >> "$out" || return 1
    printf '\n' >> "$out"; found=1
  done
  if (( found == 0 )); then                        # one-line sources.list only: not handled
    _motcua_tp_err "no deb822 sources in /etc/apt/sources.list.d (set MOTCUA_TP_APT_SOURCES)"
    return 1
  fi
}

_motcua_tp_download() {
  local c=$1 dl=$1/downloads apt=$1/apt log=$1/logs/apt.log
  if _motcua_tp_check_pins "$dl"; then
    _motcua_tp_say "downloads present, pinned sha256 ok (no network)"
    return 0
  fi
  command -v apt-get >/dev/null || { _motcua_tp_err "apt-get not found"; return 1; }
  mkdir -p "$dl" "$apt/lists/partial" "$apt/cache/archives/partial" || return 1
  _motcua_tp_write_sources "$apt/src.sources" || return 1
  # Own lists and cache dirs: neither /var/lib/apt/lists nor /var/cache/apt/*.bin are touched.
  local opts=(-q -o "Dir::Etc::sourcelist=$apt/src.sources" -o Dir::Etc::sourceparts=/nonexistent
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o APT::Get::Only-Source=true)
  # As root, apt would drop to _apt, which cannot write our root-owned dirs.
  if [[ $EUID -eq 0 ]]; then opts+=(-o APT::Sandbox::User=root); fi
  _motcua_tp_say "apt-get update (private deb-src lists in $apt)"
  apt-get "${opts[@]}" update > "$log" 2>&1 || { _motcua_tp_fail_log "apt-get update failed" "$log"; return 1; }
  _motcua_tp_say "apt-get source --download-only ${MOTCUA_TP_SOURCE_PACKAGES[*]}"
  (cd "$dl" && apt-get "${opts[@]}" source --download-only "${MOTCUA_TP_SOURCE_PACKAGES[@]}") >> "$log" 2>&1 \
    || { _motcua_tp_fail_log "apt-get source failed" "$log"; return 1; }
  rm -rf "$apt/lists" "$apt/cache"   # ~20 MB of indexes, stale by the next download anyway
}

# Newest .dsc of PKG_VERSION whose every listed file is present, or nothing.
_motcua_tp_usable_dsc() {
  local dl=$1 prefix=$2 dsc f
  dsc=$(cd "$dl" && ls -1 "$prefix"-*.dsc 2>/dev/null | sort -V | tail -n 1) || true
  [[ -n "$dsc" ]] || return 0
  # Files listed in the Checksums-Sha256 section (lines " <sha> <size> <name>").
  for f in $(sed -n '/^Checksums-Sha256:/,/^[^ ]/{/^ /p}' "$dl/$dsc" | awk '{print $3}'); do
    [[ -f "$dl/$f" ]] || { _motcua_tp_say "$dsc: $f missing, using the plain .orig" >&2; return 0; }
  done
  printf '%s\n' "$dsc"
}

# Unpack into SRC/NAME: Debian-patched via dpkg-source when its .dsc set is complete, else plain orig.
_motcua_tp_unpack() {
  local c=$1 name=$2 orig=$3 dscprefix=$4 dl=$1/downloads tmp=$1/src/.tmp-$2 log=$1/logs/unpack-$2.log dsc
  rm -rf "$tmp" "$c/src/$name" || return 1
  dsc=
  if [[ -n "$dscprefix" ]]; then dsc=$(_motcua_tp_usable_dsc "$dl" "$dscprefix"); fi
  if [[ -n "$dsc" ]]; then
    command -v dpkg-source >/dev/null || { _motcua_tp_err "dpkg-source not found (apt-get install dpkg-dev)"; return 1; }
    _motcua_tp_say "unpacking $name from $dsc (Debian patches applied)"
    # --no-copy: keep the tarballs only in downloads/. dpkg-source checks the .dsc checksums;
    # a missing signing keyring only gives a warning.
    dpkg-source --no-copy -x "$dl/$dsc" "$tmp" > "$log" 2>&1 \
      || { _motcua_tp_fail_log "dpkg-source -x $dsc failed" "$log"; return 1; }
    printf '%s: %s (Debian patches from %s)\n' "$name" "$orig" "$dsc" >> "$c/VERSIONS.txt"
  else
    _motcua_tp_say "unpacking $name from $orig (plain upstream)"
    if [[ -n "$dscprefix" ]]; then
      _motcua_tp_say "WARNING: no complete $dscprefix-*.dsc set: Debian security patches NOT applied" >&2
    fi
    mkdir -p "$tmp" || return 1
    tar -xf "$dl/$orig" -C "$tmp" --strip-components=1 > "$log" 2>&1 \
      || { _motcua_tp_fail_log "tar -xf $orig failed" "$log"; return 1; }
    printf '%s: %s (plain upstream)\n' "$name" "$orig" >> "$c/VERSIONS.txt"
  fi
  mv "$tmp" "$c/src/$name"
}

_motcua_tp_sqlite_amalgamation() {
  local c=$1 b=$1/build/sqlite out=$1/src/sqlite-amalgamation log=$1/logs/sqlite-amalgamation.log
  command -v tclsh >/dev/null || { _motcua_tp_err "tclsh not found (apt-get install tcl)"; return 1; }
  command -v cc >/dev/null || { _motcua_tp_err "no host C compiler 'cc' (apt-get install gcc)"; return 1; }
  _motcua_tp_say "building sqlite3.c amalgamation (host cc + tclsh)"
  rm -rf "$b" "$out" && mkdir -p "$b" "$out" || return 1
  # Host build: do not let an emcc environment (emmake/emconfigure) leak into it.
  (cd "$b" && env -u CFLAGS -u CPPFLAGS -u LDFLAGS CC=cc "$c/src/sqlite/configure" --disable-tcl \
     && make -j"$(nproc 2>/dev/null || echo 2)" sqlite3.c) > "$log" 2>&1 \
    || { _motcua_tp_fail_log "sqlite amalgamation build failed" "$log"; return 1; }
  cp "$b/sqlite3.c" "$b/sqlite3.h" "$out/" || return 1
  rm -rf "$b"
}

# libsodium's tarball has no configure output; make the one generated header it needs.
_motcua_tp_sodium_version_h() {
  local s=$1/src/libsodium ver major minor
  ver=$(sed -n 's/^AC_INIT(\[libsodium\],\[\([^]]*\)\].*/\1/p' "$s/configure.ac")
  major=$(sed -n 's/^SODIUM_LIBRARY_VERSION_MAJOR=\([0-9]*\).*/\1/p' "$s/configure.ac")
  minor=$(sed -n 's/^SODIUM_LIBRARY_VERSION_MINOR=\([0-9]*\).*/\1/p' "$s/configure.ac")
  if [[ -z "$ver" || -z "$major" || -z "$minor" ]]; then
    _motcua_tp_err "cannot read libsodium version from $s/configure.ac"; return 1
  fi
  sed -e "s/@VERSION@/$ver/" -e "s/@SODIUM_LIBRARY_VERSION_MAJOR@/$major/" \
      -e "s/@SODIUM_LIBRARY_VERSION_MINOR@/$minor/" -e "s/@SODIUM_LIBRARY_MINIMAL_DEF@//" \
      "$s/src/libsodium/include/sodium/version.h.in" > "$s/src/libsodium/include/sodium/version.h" \
    || return 1
  _motcua_tp_say "libsodium version.h: $ver (library $major.$minor)"
}

# Copied, because emcc must never see -I/usr/include (glibc headers would leak in).
_motcua_tp_json() {
  local c=$1
  [[ -f "$MOTCUA_TP_JSON_DIR/json.hpp" ]] \
    || { _motcua_tp_err "$MOTCUA_TP_JSON_DIR/json.hpp missing (apt-get install nlohmann-json3-dev)"; return 1; }
  rm -rf "$c/include-wasm" && mkdir -p "$c/include-wasm" || return 1
  cp -a "$MOTCUA_TP_JSON_DIR" "$c/include-wasm/nlohmann" || return 1
  _motcua_tp_say "nlohmann json headers copied to include-wasm/"
}

# stb_truetype (inside ImGui) reads only cmap/glyf/loca/head/hhea/hmtx, and ImGui 1.86 does no
# kerning or shaping: hinting, layout tables and glyph names are dead weight.
_motcua_tp_fonts() {
  local c=$1 log=$1/logs/fonts.log pair in out raw gz
  command -v pyftsubset >/dev/null || { _motcua_tp_err "pyftsubset not found (apt-get install python3-fonttools)"; return 1; }
  mkdir -p "$c/fonts" && : > "$log" || return 1
  for pair in "DejaVuSans.ttf motcua-ui.ttf" "DejaVuSans-Bold.ttf motcua-ui-bold.ttf"; do
    in=$MOTCUA_TP_FONT_DIR/${pair%% *}; out=$c/fonts/${pair##* }
    [[ -f "$in" ]] || { _motcua_tp_err "$in missing (apt-get install fonts-dejavu-core)"; return 1; }
    pyftsubset "$in" --output-file="$out.tmp" --unicodes="$MOTCUA_TP_FONT_UNICODES" \
        --no-hinting --layout-features= --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM,BASE,JSTF,MATH \
        --no-glyph-names --name-IDs=0,1,2,3,4,5,6 --name-languages=0x409 >> "$log" 2>&1 \
      || { _motcua_tp_fail_log "pyftsubset $in failed" "$log"; return 1; }
    mv "$out.tmp" "$out" || return 1
    raw=$(stat -c %s "$out"); gz=$(gzip -9c "$out" | wc -c)
    _motcua_tp_say "font ${out##*/}: $raw bytes, $gz gzip -9"
  done
}

# Subshell body: cd, traps and variables stay inside.
motcua_third_party() (
  if [[ $# -ne 1 || -z "$1" ]]; then _motcua_tp_err "usage: motcua_third_party CACHE_DIR"; exit 2; fi
  mkdir -p "$1" || { _motcua_tp_err "cannot create $1"; exit 1; }
  c=$(cd "$1" && pwd) || exit 1
  if _motcua_tp_up_to_date "$c"; then _motcua_tp_say "up to date ($c)"; exit 0; fi

  # Serialise concurrent runs (two builds starting at once) on the same cache.
  if command -v flock >/dev/null; then
    if ! { exec 9> "$c/.lock" && flock 9; }; then _motcua_tp_err "cannot lock $c/.lock"; exit 1; fi
    if _motcua_tp_up_to_date "$c"; then _motcua_tp_say "up to date ($c)"; exit 0; fi
  fi
  start=$SECONDS
  _motcua_tp_say "preparing $c"
  rm -f "$c/.stamp" "$c/VERSIONS.txt"
  mkdir -p "$c/downloads" "$c/src" "$c/logs" || exit 1

  _motcua_tp_download "$c" || exit 1
  _motcua_tp_check_pins "$c/downloads" report || { _motcua_tp_err "pinned sha256 check failed"; exit 1; }
  _motcua_tp_say "sha256 of the pinned .orig tarballs ok"

  _motcua_tp_unpack "$c" imgui "imgui_1.86+ds.orig.tar.xz" "" || exit 1
  _motcua_tp_unpack "$c" libsodium "libsodium_1.0.18.orig.tar.gz" "libsodium_1.0.18" || exit 1
  _motcua_tp_unpack "$c" sqlite "sqlite3_3.40.1.orig.tar.xz" "sqlite3_3.40.1" || exit 1
  _motcua_tp_sodium_version_h "$c" || exit 1
  _motcua_tp_sqlite_amalgamation "$c" || exit 1
  _motcua_tp_json "$c" || exit 1
  _motcua_tp_fonts "$c" || exit 1

  _motcua_tp_key > "$c/.stamp" || exit 1
  _motcua_tp_say "ready in $((SECONDS - start)) s ($c)"
)
