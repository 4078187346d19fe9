# Helpers shared by build-pulumi.sh and build-pulumi-kubernetes.sh. Sourced after lib.sh.
#
# The public checksum database does not answer for a few Pulumi module versions (pkg/v3 at some
# releases, every pseudo-version of the provider module). Those are excluded from the database
# lookup one by one and checked instead against the hashes pinned in pulumi/checksums.txt, so a
# changed zip still fails the build. Every other module is verified through GOSUMDB as usual.

PINNED_SUMS="$TOOLCHAIN_DIR/pulumi/checksums.txt"
GONOSUMDB="$(awk 'NF == 3 { printf "%s%s", sep, $1; sep = "," }' "$PINNED_SUMS")${GONOSUMDB:+,$GONOSUMDB}"
export GONOSUMDB

# pinned_sum MODULE VERSION -> the pinned h1: hash of the module zip (empty when none)
pinned_sum() { awk -v m="$1" -v v="$2" '$1 == m && $2 == v { print $3 }' "$PINNED_SUMS"; }

# fetch_verified MODULE VERSION -> prints the module's source dir after checking its hash
fetch_verified() {
  local module="$1" version="$2" want json got
  want="$(pinned_sum "$module" "$version")"
  json="$(cd "$MLOPS_CACHE" && go mod download -json "$module@$version")" ||
    die "cannot download $module@$version: $json"
  got="$(node -e 'const j=JSON.parse(process.argv[1]); if (j.Error) { console.error(j.Error); process.exit(1) } console.log(j.Sum + " " + j.Dir)' "$json")" ||
    die "cannot download $module@$version"
  if [ -n "$want" ] && [ "${got%% *}" != "$want" ]; then
    die "checksum mismatch for $module@$version: got ${got%% *}, pinned $want"
  fi
  printf '%s\n' "${got#* }"
}
