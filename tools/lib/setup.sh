# tools/lib/setup.sh — sourced by tools/run and tools/test: installs what a fresh Debian bookworm
# machine lacks (Debian packages, npm packages from the lockfile, pinned third-party sources) and
# builds the native and web trees. Every step is idempotent and skips itself when already done.

MOTCUA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MOTCUA_CACHE="$MOTCUA_ROOT/.cache"
MOTCUA_BUILD="$MOTCUA_ROOT/build"
export NODE_PATH=/usr/share/nodejs           # emcc's optimiser needs acorn from here

# Debian packages the build, the server and the tests need.
MOTCUA_APT_PACKAGES=(
  cmake ninja-build g++ make pkg-config
  libboost1.81-dev libsodium-dev libsqlite3-dev nlohmann-json3-dev doctest-dev zlib1g-dev
  emscripten binaryen
  tcl dpkg-dev xz-utils python3 fonttools fonts-dejavu-core
  chromium sqlite3 curl brotli
  postgresql libpq-dev libssl-dev openssl haproxy clang libclang-rt-14-dev
)

motcua_say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

motcua_install_packages() {
  local missing=() p
  for p in "${MOTCUA_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    motcua_say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

motcua_install_npm() {
  local dir="$MOTCUA_ROOT/tests/browser"
  local stamp="$dir/node_modules/.motcua-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    motcua_say "installing npm packages (tests/browser, from package-lock.json)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}

motcua_third_party_sources() {
  # shellcheck source=third_party.sh
  source "$MOTCUA_ROOT/tools/lib/third_party.sh"
  motcua_third_party "$MOTCUA_CACHE/third_party"
}

motcua_setup() {
  motcua_install_packages
  motcua_third_party_sources
}

# Builds the native tree (server, tools, tests); extra arguments are build targets.
motcua_build_native() {
  if [[ ! -f "$MOTCUA_BUILD/native/build.ninja" ]]; then
    cmake -S "$MOTCUA_ROOT" --preset native -DMOTCUA_BUILD_TESTS=ON >/dev/null
  fi
  motcua_say "building native (server, tests)"
  cmake --build "$MOTCUA_BUILD/native" "$@"
}

# The web build takes the administrative-unit asset the native build makes, so build that first.
motcua_build_web() {
  cmake --build "$MOTCUA_BUILD/native" --target motcua_units_asset >/dev/null
  if [[ ! -f "$MOTCUA_BUILD/web/build.ninja" ]] ||
     ! grep -q '^MOTCUA_UNITS_ASSET:FILEPATH=.' "$MOTCUA_BUILD/web/CMakeCache.txt"; then
    (cd "$MOTCUA_ROOT" && emcmake cmake --preset web -DMOTCUA_THIRD_PARTY_DIR="$MOTCUA_CACHE/third_party" \
       -DMOTCUA_UNITS_ASSET="$MOTCUA_BUILD/native/assets/hanoi.units" >/dev/null)
  fi
  motcua_say "building web (wasm client)"
  cmake --build "$MOTCUA_BUILD/web"
}
