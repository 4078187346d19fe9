#!/usr/bin/env bash
# Builds the Kubernetes provider plugin `pulumi-resource-kubernetes` at exactly the version of the
# @pulumi/kubernetes SDK in package.json (the engine loads plugins by exact version) into
# $MLOPS_CACHE/pulumi-kubernetes-<version>/bin and links it into .tools/bin.
#
# The provider module has no provider/v4.x tags, so versions.env pins the pseudo-version of the
# release commit. Its main package embeds schema-embed.json, which upstream writes with
# `go generate` and which is therefore absent from the module zip; the zip does carry the full
# schema.json, so the embed is regenerated here: schema.json with its version set, minified.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=pulumi/modules.sh
source "$TOOLCHAIN_DIR/pulumi/modules.sh"

VERSION="$PULUMI_KUBERNETES_VERSION"
MODULE=github.com/pulumi/pulumi-kubernetes/provider/v4
SDK_MODULE=github.com/pulumi/pulumi-kubernetes/sdk/v4
npm_version="$(node -p "require('$REPO_ROOT/package.json').dependencies['@pulumi/kubernetes']")"
[ "v$npm_version" = "$VERSION" ] || die \
  "PULUMI_KUBERNETES_VERSION=$VERSION in versions.env but package.json pins @pulumi/kubernetes $npm_version"

DIR="$(tool_dir pulumi-kubernetes "$VERSION")"
BIN=pulumi-resource-kubernetes

# The plugin reports its version only over gRPC (GetPluginInfo), so ask it that way.
stamped_version() {
  (cd "$REPO_ROOT" && npx --no-install tsx "$TOOLCHAIN_DIR/pulumi/plugin-version.ts" "$1")
}

on_path() {
  local plugin; plugin="$(command -v "$BIN" 2>/dev/null)" || return 1
  case "$plugin" in "$TOOLS_BIN"/*) return 1 ;; esac
  [ "$(stamped_version "$plugin" 2>/dev/null)" = "${VERSION#v}" ] || return 1
  link_tool "$plugin"
}

build_provider() {
  local mod src="$DIR/src"
  mod="$(fetch_verified "$MODULE" "$PULUMI_KUBERNETES_MODULE_VERSION")"
  rm -rf "$src" && mkdir -p "$src" && cp -r "$mod/." "$src" && chmod -R u+w "$src"
  (
    cd "$src"
    # Upstream replaces the SDK module with ../sdk; use the published one of the same release.
    go mod edit -replace "$SDK_MODULE=$SDK_MODULE@$VERSION"
    cd cmd/$BIN
    node -e '
      const fs = require("fs");
      const [version] = process.argv.slice(1);
      const schema = JSON.parse(fs.readFileSync("schema.json", "utf8"));
      schema.version = version;
      fs.writeFileSync("schema-embed.json", JSON.stringify(schema));
      const mapping = JSON.parse(fs.readFileSync("terraform-mapping.json", "utf8"));
      fs.writeFileSync("terraform-mapping-embed.json", JSON.stringify(mapping));
    ' "${VERSION#v}"
    go mod download "$SDK_MODULE@$VERSION"
    nice -n 10 go build -mod=mod -o "$DIR/bin/$BIN" \
      -ldflags "-s -w -X $MODULE/pkg/version.Version=${VERSION#v}" .
  )
}

if on_path; then log "$BIN $VERSION: using the one on PATH"; exit 0; fi
if have_cached pulumi-kubernetes "$VERSION" "$BIN"; then log "$BIN $VERSION: cached"; exit 0; fi
command -v go >/dev/null || die "go is required to build $BIN"
go_build_env
mkdir -p "$DIR/bin"
timed "$BIN $VERSION" build_provider
reported="$(stamped_version "$DIR/bin/$BIN")"
[ "$reported" = "${VERSION#v}" ] || die "built $BIN reports '$reported', expected ${VERSION#v}"
link_tool "$DIR/bin/$BIN"
log "$BIN $VERSION ready in $DIR/bin"
