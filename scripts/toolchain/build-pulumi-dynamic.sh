#!/usr/bin/env bash
# pulumi-resource-pulumi-nodejs: the plugin the engine starts for Node.js dynamic resources (the
# stacks' generated secrets). Pulumi's release archives carry it as a two-line launcher of
# @pulumi/pulumi's dynamic provider; the CLI built from source does not, so this writes one.
# PATH → cache → write.
source "$(dirname "$0")/lib.sh"
name=pulumi-resource-pulumi-nodejs
if command -v "$name" >/dev/null 2>&1 && [ "$(command -v "$name")" != "$TOOLS_BIN/$name" ]; then
  link_tool "$(command -v "$name")"; log "$name: using $(command -v "$name") (on PATH)"; exit 0
fi
have_cached pulumi-dynamic "$PULUMI_VERSION-2" "$name" && { log "$name ready"; exit 0; }
dir="$(tool_dir pulumi-dynamic "$PULUMI_VERSION-2")"
mkdir -p "$dir/bin.tmp"
# The engine starts plugins in the program's directory (infra/): Node's resolution from there
# finds the project's @pulumi/pulumi, whatever node_modules level holds it.
cat >"$dir/bin.tmp/$name" <<'SH'
#!/bin/sh
entry="$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider/index.js', { paths: [process.cwd()] })")" || exit 1
exec node "$entry" "$@"
SH
chmod +x "$dir/bin.tmp/$name"
publish "$dir" "$name"
