#!/usr/bin/env bash
# action.yml, step 2: validate the questionnaire, then score it with the configured gate; both
# print GitHub annotations, so problems and gaps show on the pull request's files. Then the
# step summary and the HTML report. Exits as the gate decides: 0, 1 (a threshold not met) or
# 2 (bad input). Inputs come as MM_* environment variables (see action.yml).
set -uo pipefail
q="${MM_QUESTIONNAIRE:?the questionnaire input is required}"

# "${a[@]+"${a[@]}"}" expands an empty array to nothing, even with set -u on old bash.
rubric=()
[ -n "${MM_RUBRIC:-}" ] && rubric=(--rubric "$MM_RUBRIC")
target=()
[ -n "${MM_TARGET:-}" ] && target=(--target "$MM_TARGET")
gate=()
[ -n "${MM_FAIL_UNDER:-}" ] && gate+=(--fail-under "$MM_FAIL_UNDER")
[ -n "${MM_FAIL_UNDER_LEVEL:-}" ] && gate+=(--fail-under-level "$MM_FAIL_UNDER_LEVEL")
[ "${MM_FAIL_UNSUPPORTED:-false}" = "true" ] && gate+=(--fail-unsupported)

summary() {  # append Markdown to the step summary, where the runner provides one
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat > /dev/null; fi
}

if ! mlops-maturity validate --format github "${rubric[@]+"${rubric[@]}"}" "$q"; then
  # shellcheck disable=SC2016  # the backquotes are Markdown
  printf '## mlops-maturity\n\n`%s` does not validate: see the annotations on the file.\n' \
    "$q" | summary
  exit 2
fi

code=0
mlops-maturity score --format github "${rubric[@]+"${rubric[@]}"}" \
  "${target[@]+"${target[@]}"}" "${gate[@]+"${gate[@]}"}" "$q" || code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if ! mlops-maturity report --format summary -o - "${rubric[@]+"${rubric[@]}"}" \
      "${target[@]+"${target[@]}"}" "$q" >> "$GITHUB_STEP_SUMMARY"; then
    # a version without the summary format: a short page from the terminal summary
    { printf '## mlops-maturity: %s\n\n```text\n' "$q"
      mlops-maturity score "${rubric[@]+"${rubric[@]}"}" "${target[@]+"${target[@]}"}" "$q"
      printf '```\n'; } | summary
  fi
fi

if [ -n "${MM_REPORT:-}" ]; then
  folder="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mlops-maturity-report"
  mkdir -p "$folder"
  if mlops-maturity report --force -o "$folder/report.html" "${rubric[@]+"${rubric[@]}"}" \
      "${target[@]+"${target[@]}"}" "$q"; then
    echo "report=$folder/report.html" >> "${GITHUB_OUTPUT:-/dev/null}"
  fi
fi
exit "$code"
