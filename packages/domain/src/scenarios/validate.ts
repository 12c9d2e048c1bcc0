// validateScenario (issue 11): what `npm run scenario -- validate` and POST /api/scenarios/load check before a file
// is used. In order: the schema (paths named); every rule code exists in the catalogue; the baseline (the complete
// correct setup) has no error or warning; each fault alone applies to the baseline document and raises EXACTLY its
// expectFindings among error/warning findings (info ignored); all faults together raise the union; every
// objective's check fails on the faulted lab (unless initiallyPassing); every guard holds on the faulted lab — for
// every value of the scenario's variables (variables.ts).
import { findRuleByCode } from "../rules/catalogue";
import { evaluate } from "../rules/engine";
import type { Finding } from "../rules/types";
import { baselineSnapshot } from "./baseline";
import { scenarioDocument, snapshotFromDocument, type ScenarioDocument } from "./document";
import { evaluateScenario, type EnrollmentTracer } from "./evaluate";
import { applyFaults, ScenarioPatchError, scenarioNow } from "./patch";
import { parseScenario, type Check, type Scenario, type ScenarioIssue } from "./schema";
import { describeVars, instantiateScenario, variantSeeds } from "./variables";

export type ValidationResult = { ok: boolean; issues: ScenarioIssue[]; scenario?: Scenario };
export type ValidateOptions = { now?: Date; traceEnrollment?: EnrollmentTracer };

const problemCodes = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => f.severity !== "info").map((f) => f.code))].sort();

function checkCodes(check: Check, path: string, issues: ScenarioIssue[]): void {
  const walk = (c: Check, p: string) => {
    if (c.kind === "rule-cleared" && !findRuleByCode(c.rule)) issues.push({ path: `${p}/rule`, message: `no rule '${c.rule}' in the catalogue (docs/rules.md)` });
    if (c.kind === "all" || c.kind === "any") c.of.forEach((x, i) => walk(x, `${p}/of/${i}`));
  };
  walk(check, path);
}

/** Only the structural part (schema and rule codes), without building a lab: for quick editor feedback. */
export function validateScenarioShape(json: unknown): ValidationResult {
  const parsed = parseScenario(json);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const s = parsed.scenario;
  const issues: ScenarioIssue[] = [];
  s.faults.forEach((f, i) =>
    f.expectFindings.forEach((code, j) => {
      if (!findRuleByCode(code)) issues.push({ path: `faults/${i}/expectFindings/${j}`, message: `no rule '${code}' in the catalogue (docs/rules.md)` });
    }),
  );
  s.objectives.forEach((o, i) => checkCodes(o.check, `objectives/${i}/check`, issues));
  s.guards.forEach((g, i) => checkCodes(g.check, `guards/${i}/check`, issues));
  return { ok: issues.length === 0, issues, scenario: s };
}

/** The fault, objective and guard checks on one variant (the scenario with its variables replaced). */
function variantIssues(s: Scenario, doc: ScenarioDocument, baseFindings: readonly Finding[], now: Date, opts: ValidateOptions): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const faultIndex = new Map(s.faults.map((f, i) => [f.id, i]));
  const patchIssue = (e: unknown): ScenarioIssue => {
    if (e instanceof ScenarioPatchError) return { path: e.filePath(faultIndex.get(e.faultId) ?? -1), message: `${e.path}: ${e.reason}` };
    throw e;
  };
  const diff = (got: string[], want: readonly string[]) => {
    const extra = got.filter((c) => !want.includes(c));
    const missing = [...new Set(want)].filter((c) => !got.includes(c));
    return [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `unexpected ${extra.join(", ")}` : ""].filter(Boolean).join("; ");
  };

  let allApplied = true;
  s.faults.forEach((f, i) => {
    try {
      const codes = problemCodes(evaluate(snapshotFromDocument(applyFaults(doc, s, { now, only: [f.id] }))));
      const d = diff(codes, f.expectFindings);
      if (d) issues.push({ path: `faults/${i}/expectFindings`, message: `applied alone, the fault raises ${codes.join(", ") || "no error/warning findings"} (${d})` });
    } catch (e) {
      allApplied = false;
      issues.push(patchIssue(e));
    }
  });
  if (allApplied) {
    const faulted = snapshotFromDocument(applyFaults(doc, s, { now }));
    const findings = evaluate(faulted);
    const codes = problemCodes(findings);
    const d = diff(codes, s.faults.flatMap((f) => f.expectFindings));
    if (d && s.faults.length > 1) issues.push({ path: "faults", message: `all faults together raise ${codes.join(", ") || "nothing"} (${d})` });
    const ev = evaluateScenario(s, faulted, findings, baseFindings, { now, traceEnrollment: opts.traceEnrollment });
    ev.objectives.forEach((o, i) => {
      if (o.passed && !s.objectives[i]!.initiallyPassing)
        issues.push({ path: `objectives/${i}/check`, message: `the check already passes on the faulted lab (${o.reason}); set initiallyPassing for a tutorial objective` });
    });
    ev.guards.forEach((g, i) => {
      if (!g.holds) issues.push({ path: `guards/${i}/check`, message: `the guard fails on the faulted lab before any fix: ${g.reason}` });
    });
  }
  return issues;
}

/**
 * The whole validation. A scenario with variables is checked once per seed of variantSeeds (together they reach
 * every value of every variable): each fault alone must raise exactly its codes and every objective must fail for
 * EVERY value. An issue found under some seeds says which ("with seed 1: wrongTemplate=\"…\"").
 */
export function validateScenario(json: unknown, opts: ValidateOptions = {}): ValidationResult {
  const shape = validateScenarioShape(json);
  if (!shape.scenario || !shape.ok) return shape;
  const s = shape.scenario;
  const issues: ScenarioIssue[] = [];
  const now = scenarioNow(s, opts.now);
  const base = baselineSnapshot({ now });
  const baseFindings = evaluate(base);
  const baseCodes = problemCodes(baseFindings);
  if (baseCodes.length) issues.push({ path: "baseline", message: `the baseline has error/warning findings: ${baseCodes.join(", ")}` });
  const doc = scenarioDocument(base);

  const seeds = variantSeeds(s);
  if (!seeds.length) return { ok: issues.length === 0, issues: [...issues, ...variantIssues(s, doc, baseFindings, now, opts)], scenario: s };
  const found = new Map<string, { issue: ScenarioIssue; variants: string[] }>();
  for (const seed of seeds) {
    const v = instantiateScenario(s, seed);
    for (const issue of variantIssues(v.scenario, doc, baseFindings, now, opts)) {
      const key = `${issue.path}\n${issue.message}`;
      const entry = found.get(key) ?? { issue, variants: [] };
      entry.variants.push(`seed ${seed}: ${describeVars(v.vars)}`);
      found.set(key, entry);
    }
  }
  for (const { issue, variants } of found.values())
    issues.push({ path: issue.path, message: variants.length === seeds.length ? `${issue.message} (with every seed ${seeds.join(", ")})` : `${issue.message} (with ${variants.join("; ")})` });
  return { ok: issues.length === 0, issues, scenario: s };
}
