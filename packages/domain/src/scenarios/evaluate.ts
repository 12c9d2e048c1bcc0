// Grading a scenario on a tenant (issue 11; workshops-reference.md part (b), choices 4–7): each objective's check on
// the tenant's snapshot and findings, the guards that stop "fix by nuking" (deleting the SCEP profile clears its
// PROF_* findings but breaks the guard "the profile still exists"), collateral damage (error/warning findings that
// neither the baseline had nor any fault is expected to raise), points and pass. Pure: the API, the workshops and
// the runner call it with the snapshot and findings they already have.
import type { TenantSnapshot } from "../rules/snapshot";
import { SEVERITY_ORDER, type Finding } from "../rules/types";
import { getAtPointer, scenarioDocument, type ScenarioDocument } from "./document";
import { resolvePlaceholders } from "./patch";
import type { Check, Scenario } from "./schema";
import { scenarioEnrollmentTracer } from "./enrollment";

/** What an enrollment check asks the device enrollment trace (issue 10): did a request of this platform's SCEP
 * profile, for this user, get a certificate, and at which hop did it fail. */
export type EnrollmentTracer = (snapshot: TenantSnapshot, request: { platform: string; user?: string }) => { result: "issued" | "failed"; failedHop?: string; reason?: string };

export type EvaluateOptions = {
  /** The enrollment trace (default: enrollment.ts, a simulated device of the platform through traceEnrollment). */
  traceEnrollment?: EnrollmentTracer;
  /** The moment "{{now…}}" placeholders in state check values mean (default: now). */
  now?: Date;
  /** The scenario document of `snapshot`, when the caller has it already. */
  document?: ScenarioDocument;
};

export type CheckOutcome = { passed: boolean; reason: string; codes: string[] };

export type ScenarioEvaluation = {
  objectives: { id: string; title: string; passed: boolean; activeCodes: string[]; points: number; maxPoints: number; reason: string }[];
  guards: { id: string; description: string; holds: boolean; reason: string }[];
  collateral: Finding[];
  score: number;
  maxScore: number;
  passPoints: number;
  passed: boolean;
};

const isProblem = (f: Finding) => f.severity === "error" || f.severity === "warning";
const names = (f: Finding) => f.objects.map((o) => o.displayName).join(", ");

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Numbers compare as numbers; two ISO dates as instants; other strings as strings. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    const iso = /^\d{4}-\d{2}-\d{2}T/;
    if (iso.test(a) && iso.test(b)) return Date.parse(a) - Date.parse(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

type Ctx = { snapshot: TenantSnapshot; findings: readonly Finding[]; doc: () => ScenarioDocument; opts: EvaluateOptions };

export function runCheck(check: Check, ctx: Ctx): CheckOutcome {
  switch (check.kind) {
    case "rule-cleared": {
      const active = ctx.findings.filter(
        (f) => f.code === check.rule && (!check.target || f.objects.some((o) => o.id === check.target || o.displayName === check.target)),
      );
      if (active.length === 0) return { passed: true, reason: `${check.rule} is clear${check.target ? ` on '${check.target}'` : ""}`, codes: [] };
      return { passed: false, reason: `${check.rule} is still reported (${active.map(names).join("; ")})`, codes: [check.rule] };
    }
    case "no-findings": {
      const limit = SEVERITY_ORDER[check.severity ?? "warning"];
      const active = ctx.findings.filter((f) => SEVERITY_ORDER[f.severity] <= limit);
      if (active.length === 0) return { passed: true, reason: `no ${check.severity ?? "warning"} or worse findings`, codes: [] };
      const codes = [...new Set(active.map((f) => f.code))];
      return { passed: false, reason: `${active.length} finding(s) of ${check.severity ?? "warning"} or worse: ${codes.join(", ")}`, codes };
    }
    case "state": {
      const actual = getAtPointer(ctx.doc(), check.path);
      const expected = resolvePlaceholders(check.value, { now: ctx.opts.now ?? new Date(), doc: ctx.doc() });
      let passed: boolean;
      switch (check.op) {
        case "exists": passed = actual !== undefined; break;
        case "absent": passed = actual === undefined; break;
        case "eq": passed = deepEqual(actual, expected); break;
        case "neq": passed = !deepEqual(actual, expected); break;
        case "matches": passed = typeof actual === "string" && new RegExp(String(expected)).test(actual); break;
        case "gte": { const c = compare(actual, expected); passed = c !== undefined && c >= 0; break; }
        case "lte": { const c = compare(actual, expected); passed = c !== undefined && c <= 0; break; }
      }
      const want = check.op === "exists" || check.op === "absent" ? check.op : `${check.op} ${show(expected)}`;
      return { passed, reason: `${check.path} is ${show(actual)} (wanted: ${want})`, codes: [] };
    }
    case "enrollment": {
      const who = `${check.platform}${check.user ? ` for ${check.user}` : ""}`;
      const t = (ctx.opts.traceEnrollment ?? scenarioEnrollmentTracer)(ctx.snapshot, { platform: check.platform, user: check.user });
      const passed = t.result === check.expect && (check.expect !== "failed" || !check.failedHop || t.failedHop === check.failedHop);
      const got = t.result === "issued" ? "a certificate was issued" : `it failed${t.failedHop ? ` at ${t.failedHop}` : ""}${t.reason ? ` (${t.reason})` : ""}`;
      const want = check.expect === "issued" ? "issued" : `failed${check.failedHop ? ` at ${check.failedHop}` : ""}`;
      return { passed, reason: `enrollment of ${who}: ${got} (wanted: ${want})`, codes: [] };
    }
    case "all":
    case "any": {
      const parts = check.of.map((c) => runCheck(c, ctx));
      const passed = check.kind === "all" ? parts.every((p) => p.passed) : parts.some((p) => p.passed);
      const relevant = check.kind === "all" ? parts.filter((p) => !p.passed) : parts;
      return {
        passed,
        reason: passed ? parts.map((p) => p.reason).join("; ") : relevant.map((p) => p.reason).join(check.kind === "all" ? "; " : " — or — "),
        codes: [...new Set(parts.flatMap((p) => (p.passed ? [] : p.codes)))],
      };
    }
  }
}

/** Every rule code a check names (rule-cleared), for the validator and activeCodes. */
export function checkRuleCodes(check: Check): string[] {
  if (check.kind === "rule-cleared") return [check.rule];
  if (check.kind === "all" || check.kind === "any") return check.of.flatMap(checkRuleCodes);
  return [];
}

/**
 * Grades the tenant: `findings` are the rule engine's on `snapshot`; `baselineFindings` (findings or codes) are what
 * the lab had before any fault, so they don't count as collateral.
 */
export function evaluateScenario(
  scenario: Scenario,
  snapshot: TenantSnapshot,
  findings: readonly Finding[],
  baselineFindings: readonly (Finding | string)[] = [],
  opts: EvaluateOptions = {},
): ScenarioEvaluation {
  let doc = opts.document;
  const ctx: Ctx = { snapshot, findings, opts, doc: () => (doc ??= scenarioDocument(snapshot)) };
  const problems = findings.filter(isProblem);
  const activeCodes = new Set(problems.map((f) => f.code));
  const faultCodes = new Map(scenario.faults.map((f) => [f.id, f.expectFindings]));

  const objectives = scenario.objectives.map((o) => {
    const r = runCheck(o.check, ctx);
    const expected = o.fixes.flatMap((id) => faultCodes.get(id) ?? []);
    const codes = [...new Set([...r.codes, ...expected.filter((c) => activeCodes.has(c))])].sort();
    return { id: o.id, title: o.title, passed: r.passed, activeCodes: codes, points: r.passed ? o.points : 0, maxPoints: o.points, reason: r.reason };
  });
  const guards = scenario.guards.map((g) => {
    const r = runCheck(g.check, ctx);
    return { id: g.id, description: g.description, holds: r.passed, reason: r.reason };
  });
  const known = new Set([...baselineFindings.map((f) => (typeof f === "string" ? f : f.code)), ...scenario.faults.flatMap((f) => f.expectFindings)]);
  const collateral = problems.filter((f) => !known.has(f.code));
  const score = objectives.reduce((n, o) => n + o.points, 0);
  const maxScore = scenario.objectives.reduce((n, o) => n + o.points, 0);
  return {
    objectives,
    guards,
    collateral,
    score,
    maxScore,
    passPoints: scenario.scoring.passPoints,
    passed: score >= scenario.scoring.passPoints && guards.every((g) => g.holds),
  };
}
