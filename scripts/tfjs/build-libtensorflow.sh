#!/usr/bin/env bash
# Builds the libtensorflow archive tfjs-node's install script expects (lib/ + include/, as in
# the official libtensorflow-cpu-linux-x86_64 tarball) from PyPI's tensorflow-cpu wheel.
#
# The wheel has no libtensorflow.so: its C API (TF_*, TFE_*) is exported by
# tensorflow/python/_pywrap_tensorflow_internal.so, which also references ~190 CPython symbols
# that the C API never calls (31 of them data, resolved at load time). So:
#   lib/libtensorflow.so.2.9.1        the wheel's _pywrap_tensorflow_internal.so (C API inside)
#   lib/_pywrap_tensorflow_internal.so -> libtensorflow.so.2.9.1   (its SONAME, for the loader)
#   lib/libtfjs_pystub.so             inert definitions of those CPython symbols (never called)
#   lib/libtensorflow.so              GNU ld script: INPUT(libtensorflow.so.2.9.1 libtfjs_pystub.so)
#                                     so `-ltensorflow` records both as DT_NEEDED of the addon
#   lib/libtensorflow_framework.so*   the wheel's framework library
# The addon's RUNPATH ($ORIGIN/../../deps/lib, from tfjs-node's binding.gyp) finds them all.
#
# Usage: build-libtensorflow.sh <tensorflow-version> <out.tar.gz> <download-dir>
set -euo pipefail
TF_VERSION="$1" OUT="$2" DOWNLOADS="$3"
log() { printf '[tfjs %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "the wheel path supports Linux x86_64 only"
for tool in gcc unzip nm readelf; do
  command -v "$tool" >/dev/null || die "$tool is required (Debian: build-essential unzip binutils)"
done
PYTHON="$(command -v python3 || command -v python)" || die "python3 with pip is required"

work="$(mktemp -d "${TMPDIR:-/tmp}/libtensorflow.XXXXXX")"
trap 'rm -rf "$work"' EXIT

mkdir -p "$DOWNLOADS"
wheel="$(find "$DOWNLOADS" -maxdepth 1 -name "tensorflow_cpu-$TF_VERSION-*manylinux*x86_64.whl" | head -1)"
if [ -z "$wheel" ]; then
  log "downloading tensorflow-cpu==$TF_VERSION (manylinux wheel, ~200 MB) from PyPI"
  # Any CPython the wheel was built for will do: only its shared libraries and headers are used.
  "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.10 \
    --platform manylinux2014_x86_64 --dest "$DOWNLOADS" "tensorflow-cpu==$TF_VERSION"
  wheel="$(find "$DOWNLOADS" -maxdepth 1 -name "tensorflow_cpu-$TF_VERSION-*.whl" | head -1)"
  [ -n "$wheel" ] || die "pip did not produce a tensorflow-cpu $TF_VERSION wheel"
fi

log "extracting the C API library, framework library and C headers from $(basename "$wheel")"
unzip -q -o "$wheel" -d "$work/whl" 'tensorflow/libtensorflow_framework.so.2' \
  'tensorflow/python/_pywrap_tensorflow_internal.so' 'tensorflow/include/tensorflow/c/*' \
  'tensorflow/include/tensorflow/core/platform/ctstring*'
lib="$work/deps/lib" inc="$work/deps/include"
mkdir -p "$lib" "$inc/tensorflow/core"
mv "$work/whl/tensorflow/python/_pywrap_tensorflow_internal.so" "$lib/libtensorflow.so.$TF_VERSION"
mv "$work/whl/tensorflow/libtensorflow_framework.so.2" "$lib/libtensorflow_framework.so.$TF_VERSION"
mv "$work/whl/tensorflow/include/tensorflow/c" "$inc/tensorflow/c"
mv "$work/whl/tensorflow/include/tensorflow/core/platform" "$inc/tensorflow/core/platform"

capi="$lib/libtensorflow.so.$TF_VERSION"
nm -D --defined-only "$capi" >"$work/exports"
for sym in TF_Version TF_NewStatus TF_LoadSessionFromSavedModel TFE_NewContext TFE_Execute; do
  grep -qE " T ${sym}(@|$)" "$work/exports" || die "$sym is not exported by the wheel"
done

log "generating inert stubs for the CPython symbols the library references"
readelf --dyn-syms -W "$capi" | awk '$7 == "UND" { sub(/@.*/, "", $8); print $8 }' |
  grep -E '^_?Py' | LC_ALL=C sort -u >"$work/py-symbols"
readelf -rW "$capi" | awk '$3 == "R_X86_64_GLOB_DAT" { sub(/@.*/, "", $5); print $5 }' |
  LC_ALL=C sort -u >"$work/data-symbols"
{
  echo '/* Generated: CPython symbols referenced by TensorFlow Python bindings, never used by the C API. */'
  echo '#include <stdlib.h>'
  LC_ALL=C comm -12 "$work/py-symbols" "$work/data-symbols" |
    sed 's/.*/char &[256] __attribute__((aligned(64)));/'
  LC_ALL=C comm -23 "$work/py-symbols" "$work/data-symbols" | sed 's/.*/void &(void) { abort(); }/'
} >"$work/pystub.c"
gcc -shared -fPIC -O1 -o "$lib/libtfjs_pystub.so" -Wl,-soname,libtfjs_pystub.so "$work/pystub.c"

(
  cd "$lib"
  ln -s "libtensorflow.so.$TF_VERSION" _pywrap_tensorflow_internal.so
  ln -s "libtensorflow.so.$TF_VERSION" libtensorflow.so.2
  ln -s "libtensorflow_framework.so.$TF_VERSION" libtensorflow_framework.so.2
  ln -s libtensorflow_framework.so.2 libtensorflow_framework.so
  printf '/* GNU ld script: the TF C API plus stubs for its unused CPython references. */\n' >libtensorflow.so
  printf 'INPUT(libtensorflow.so.%s libtfjs_pystub.so)\n' "$TF_VERSION" >>libtensorflow.so
)

log "checking that the C API loads and reports version $TF_VERSION"
cat >"$work/check.c" <<'C'
#include <stdio.h>
extern const char *TF_Version(void);
int main(void) { puts(TF_Version()); return 0; }
C
gcc -o "$work/check" "$work/check.c" -L"$lib" -ltensorflow -Wl,-rpath,"$lib"
got="$(TF_CPP_MIN_LOG_LEVEL=2 "$work/check")"
[ "$got" = "$TF_VERSION" ] || die "TF_Version() returned '$got', expected $TF_VERSION"

log "packing $(basename "$OUT")"
mkdir -p "$(dirname "$OUT")"
tar -C "$work/deps" -cf - lib include | gzip -1 >"$OUT.partial"
mv "$OUT.partial" "$OUT"
rm -f "$wheel" # 200 MB; the archive above is all later runs need
log "libtensorflow $TF_VERSION ready: $OUT ($(du -h "$OUT" | cut -f1))"
