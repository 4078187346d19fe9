#!/usr/bin/env bash
# Posts the preview report as a PR comment, or updates the earlier one in place (found by the
# report's marker line), so a PR carries exactly one preview comment.
#   upsert-pr-comment.sh <pr-number> <report.md>      (needs GH_TOKEN and gh)
set -euo pipefail
pr="$1" body_file="$2"
marker='<!-- mlops-stack:preview-report -->'
head -1 "$body_file" | grep -qF "$marker" || { echo "upsert-pr-comment: $body_file lacks the report marker" >&2; exit 2; }
repo="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
id=$(gh api "repos/$repo/issues/$pr/comments" --paginate --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$body_file" >/dev/null
  echo "updated comment $id"
else
  gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$body_file" >/dev/null
  echo "posted a new comment"
fi
