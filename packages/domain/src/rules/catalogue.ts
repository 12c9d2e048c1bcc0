// Every implemented rule. Later issues append their arrays here (lab, intune, entra); codes follow
// shared/design/rules-reference.md and are never renamed.
import { DIRECTORY_RULES } from "./directory/directory-rules";
import { ENTRA_RULES } from "./entra/entra-rules";
import { LAB_RULES } from "./lab/lab-rules";
import { INTUNE_RULES } from "./intune/intune-rules";
import { ADCS_SECURITY_RULES } from "./lab/security/security-rules";
import type { Rule, RuleMetadata } from "./types";

export const ALL_RULES: readonly Rule[] = [...DIRECTORY_RULES, ...ENTRA_RULES, ...LAB_RULES, ...ADCS_SECURITY_RULES, ...INTUNE_RULES];

/** The rules without their checks, for GET /api/rules and the generated docs/rules.md. */
export function ruleMetadata(rules: readonly Rule[] = ALL_RULES): RuleMetadata[] {
  return rules.map(({ check: _check, ...meta }) => ({ ...meta, category: meta.category ?? "enrollment", sources: [...meta.sources] }));
}

export function findRuleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
