#!/usr/bin/env bash
# Runs the Pulumi CLI offline and self-contained, so `npm run up -- local` needs no other setup:
#   scripts/pulumi.sh up|preview|destroy|refresh|outputs <stack> [extra pulumi args...]
#   scripts/pulumi.sh exec <stack> <pulumi args...>   (anything else, e.g. `config set k v`)
#   scripts/pulumi.sh ls                               (every stack of the project, as JSON)
#
# What it wires (each overridable from the environment):
# - PATH: <repo>/.tools/bin first (the toolchain's pulumi, language host and provider plugins);
# - state: MLOPS_PULUMI_BACKEND, default file://<repo>/.data/pulumi (s3://bucket/prefix or
#   https://api.pulumi.com switch a team to shared state with this one setting);
# - PULUMI_HOME: <repo>/.data/pulumi-home (plugins and credentials stay inside the project);
# - no update checks, no plugin downloads: plugins come from the toolchain only;
# - secrets: passphrase provider. On the default local file backend an empty passphrase is
#   accepted; any other backend requires PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE;
# - the stack is selected (created on first use), runs are non-interactive;
# - policy: `preview` and `up` run the policy pack infra/policy (for this repository's project;
#   MLOPS_POLICY_PACK=<dir> runs another pack, =none none) with its config from
#   MLOPS_POLICY_CONFIG, else infra/policy/config/<stack>.json when that file exists. The pack
#   runs through the analyzer scripts/pulumi-policy/launcher.sh generates (tsx, any language host);
# - MLOPS_PULUMI_PROJECT_DIR: the Pulumi project directory (default: the repository root).
# `destroy` of an ephemeral pr-<n> stack also removes the stack once its resources are gone.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  echo "usage: $(basename "$0") up|preview|destroy|refresh|outputs <stack> [pulumi args...]" >&2
  echo "       $(basename "$0") ls                                (every stack, JSON)" >&2
  echo "       $(basename "$0") exec <stack> <pulumi args...>" >&2
  exit 2
}
if [ "${1:-}" = "ls" ]; then
  command=ls stack=""
  shift
else
  [ $# -ge 2 ] || usage
  command="$1" stack="$2"
  shift 2
fi
[ "$command" = ls ] || [[ "$stack" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || {
  echo "pulumi.sh: invalid stack name '$stack' (letters, digits, '.', '_', '-')" >&2
  exit 2
}

export PATH="$REPO_ROOT/.tools/bin:$PATH"
command -v pulumi >/dev/null || {
  echo "pulumi.sh: no pulumi CLI on PATH; build it with: npm run toolchain" >&2
  exit 127
}
default_backend="file://$REPO_ROOT/.data/pulumi"
backend="${MLOPS_PULUMI_BACKEND:-$default_backend}"
if [[ "$backend" == file://* ]]; then mkdir -p "${backend#file://}"; fi
export PULUMI_BACKEND_URL="$backend"
export PULUMI_HOME="${PULUMI_HOME:-$REPO_ROOT/.data/pulumi-home}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
mkdir -p "$PULUMI_HOME"

if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  if [ "$backend" != "$default_backend" ]; then
    echo "pulumi.sh: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) for stacks" \
      "on $backend; an empty passphrase is only accepted on the local file backend" >&2
    exit 2
  fi
  export PULUMI_CONFIG_PASSPHRASE=""
fi

project_dir="${MLOPS_PULUMI_PROJECT_DIR:-$REPO_ROOT}"
[ -f "$project_dir/Pulumi.yaml" ] || {
  echo "pulumi.sh: no Pulumi.yaml in $project_dir" >&2
  exit 2
}
pulumi_in() { pulumi --cwd "$project_dir" --non-interactive "$@"; }

if [ "$command" = ls ]; then
  # Every stack of the project on the backend, as JSON (the reaper reads this).
  pulumi_in stack ls --json "$@"
  exit
fi
# Sets policy_args: --policy-pack (and --policy-pack-config) for preview and up.
policy_args=()
attach_policy_pack() {
  local pack="${MLOPS_POLICY_PACK:-}" config="${MLOPS_POLICY_CONFIG:-}"
  if [ -z "$pack" ]; then
    [ "$project_dir" = "$REPO_ROOT" ] || return 0
    pack="$REPO_ROOT/infra/policy"
  fi
  [ "$pack" != none ] || return 0
  local launcher
  launcher="$(bash "$REPO_ROOT/scripts/pulumi-policy/launcher.sh" "$pack")" || exit 2
  policy_args=(--policy-pack "$launcher")
  if [ -z "$config" ] && [ -f "$pack/config/$stack.json" ]; then config="$pack/config/$stack.json"; fi
  [ -z "$config" ] || policy_args+=(--policy-pack-config "$config")
}

pulumi_in stack select --create --secrets-provider passphrase "$stack" >/dev/null

# Ephemeral stacks carry their expiry as a stack tag, so the reaper finds it without the
# (uncommitted) Pulumi.pr-<n>.yaml; tagged before `up`, so a failed update is still reaped.
tag_expiry() {
  local expires
  expires="$(pulumi_in config get --stack "$stack" --path mlops-stack:preview.expiresAt 2>/dev/null || true)"
  [ -z "$expires" ] || pulumi_in stack tag set --stack "$stack" mlops:expires-at "$expires"
}

case "$command" in
  up)
    if [[ "$stack" == pr-* ]]; then tag_expiry; fi
    attach_policy_pack
    pulumi_in up --stack "$stack" --yes "${policy_args[@]}" "$@"
    ;;
  preview)
    attach_policy_pack
    pulumi_in preview --stack "$stack" --diff "${policy_args[@]}" "$@"
    ;;
  refresh) pulumi_in refresh --stack "$stack" --yes "$@" ;;
  outputs) pulumi_in stack output --stack "$stack" --json "$@" ;;
  destroy)
    pulumi_in destroy --stack "$stack" --yes "$@"
    if [[ "$stack" == pr-* ]]; then pulumi_in stack rm --stack "$stack" --yes; fi
    ;;
  exec) pulumi_in "$@" --stack "$stack" ;;
  *) usage ;;
esac
