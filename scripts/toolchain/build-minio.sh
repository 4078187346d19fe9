#!/usr/bin/env bash
# MinIO server (a real S3 API for the storage tests): PATH → cache → `go install` from the module
# proxy. MinIO's release tags are not semver, so versions.env pins the commit's pseudo-version.
source "$(dirname "$0")/lib.sh"

if have_on_path minio "$MINIO_VERSION" || have_cached minio "$MINIO_VERSION" minio; then
  log "minio $MINIO_VERSION ready"; exit 0
fi
lock_tool minio "$MINIO_VERSION" minio && { log "minio $MINIO_VERSION ready"; exit 0; }
dir="$(tool_dir minio "$MINIO_VERSION")"
go_build_env
log "building minio $MINIO_VERSION from the Go module proxy (cold: several minutes)"
mkdir -p "$dir"
timed "minio build" measured "$dir/build.log" env GOBIN="$dir/bin.tmp" nice -n 10 go install \
  -ldflags "-s -w -X github.com/minio/minio/cmd.Version=$MINIO_VERSION" \
  "github.com/minio/minio@$MINIO_VERSION" || no_download minio
publish "$dir" minio
