// Evaluates rules against a snapshot: one index build, one call per rule, so the cost is linear in the snapshot.
import { ALL_RULES } from "./catalogue";
import { buildIndex, type TenantSnapshot } from "./snapshot";
import { SEVERITY_ORDER, type Finding, type Rule } from "./types";

/** Findings sorted by severity (error, warning, info), then code; a rule's own order is kept within a code. */
export function evaluate(snapshot: TenantSnapshot, rules: readonly Rule[] = ALL_RULES): Finding[] {
  const index = buildIndex(snapshot);
  const findings = rules.flatMap((rule) => rule.check(snapshot, index));
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
