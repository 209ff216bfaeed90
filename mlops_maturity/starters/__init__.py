"""Files a user starts from: a questionnaire template, a rubric scaffold, JSON Schemas."""
