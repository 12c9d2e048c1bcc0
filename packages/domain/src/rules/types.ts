// A rule is data (code, severity, texts, sources) plus a pure check over a tenant snapshot (rules.md).
import type { SnapshotIndex, TenantSnapshot } from "./snapshot";

export type Severity = "error" | "warning" | "info";
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** An object a finding is about; `type` names the kind: "tenant", "user", "group", "connector", "ndesServer"… */
export type ObjectRef = { type: string; id: string; displayName: string };

/** What a finding is about (issue 14): an enrollment that fails or degrades, or a setup that works but opens an
 * attack path (AD CS ESC conditions). Health shows the two apart. */
export type FindingCategory = "enrollment" | "security";
export const FINDING_CATEGORIES: readonly FindingCategory[] = ["enrollment", "security"];

export type Finding = {
  code: string;
  severity: Severity;
  category: FindingCategory;
  title: string;
  /** The concrete values found, e.g. "SignatureTemplate holds 'Intune SCEP' …". */
  message: string;
  fix: string;
  why: string;
  symptom: string;
  sources: string[];
  objects: ObjectRef[];
  /** Security findings: the attack path in words, one step each ("Domain Users", "Enroll on 'Intune SCEP'",
   * "supply subject", "Client Authentication", "logon as anyone"); shown joined with " → ". */
  attackPath?: string[];
};

export type RuleArea = "directory" | "lab" | "intune" | "entra";

export type Rule<S = TenantSnapshot> = {
  code: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  /** What an admin really sees when this is wrong (quoted from the sources); the simulator shows it too. */
  symptom: string;
  /** Seed file names ("003_43f76a8e56847852.txt") and catalogue source keys ("S33") from rules-reference.md. */
  sources: string[];
  area: RuleArea;
  /** Absent = "enrollment". */
  category?: FindingCategory;
  check(snapshot: S, index: SnapshotIndex): Finding[];
};

/** A rule without its check: what GET /api/rules lists and docs/rules.md is generated from. */
export type RuleMetadata = Omit<Rule, "check">;

export function defineRule<S = TenantSnapshot>(rule: Rule<S>): Rule<S> {
  return rule;
}

/** A finding of `rule` about `objects`, carrying the rule's texts; the rule writes only the message. */
export function finding(rule: Omit<Rule<never>, "check">, objects: ObjectRef[], message: string, attackPath?: readonly string[]): Finding {
  const { code, severity, title, fix, why, symptom, sources } = rule;
  return {
    code,
    severity,
    category: rule.category ?? "enrollment",
    title,
    message,
    fix,
    why,
    symptom,
    sources: [...sources],
    objects,
    ...(attackPath?.length ? { attackPath: [...attackPath] } : {}),
  };
}

/** "a, b, c and 7 more": keeps messages readable in a tenant with thousands of users. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${(names.length - max).toLocaleString("en-US")} more`;
}
