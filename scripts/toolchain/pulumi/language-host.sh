# Builds pulumi-language-nodejs (sourced by build-pulumi.sh; lib.sh and modules.sh loaded).
#
# Since Pulumi 3.69 the Node.js language host is its own Go module without version tags, and the
# Go module proxy serves none of its pseudo-versions. Up to 3.68 the same host lived inside the
# tagged sdk/v3 module, which the proxy does serve, so that is the one built here. The engine
# talks to it over the stable LanguageRuntime gRPC protocol (it passes only its own address on
# the command line and everything else in RunRequest); the program itself runs on the
# @pulumi/pulumi version from package.json, which the host only launches. Stamped with the
# release it comes from, so `pulumi about` tells the truth.

# build_nodejs_language_host CACHE_DIR
build_nodejs_language_host() {
  local dir="$1" version="$PULUMI_LANGUAGE_NODEJS_VERSION" src="$1/src/language-nodejs"
  local pkg=github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
  # Copied from sdk/v3's own go.mod at that release.
  wrapper_module "$src" mlops-stack.local/toolchain/pulumi-language-nodejs \
    'golang.org/x/text => golang.org/x/text v0.3.6'
  (
    cd "$src"
    go get "$pkg@$version"
    nice -n 10 go build -o "$dir/bin/pulumi-language-nodejs" \
      -ldflags "-s -w -X $VERSION_PKG=$version" "$pkg"
  )
}
