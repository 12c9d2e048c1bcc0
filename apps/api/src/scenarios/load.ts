// Loading a scenario into a tenant and grading it (issue 11). loadScenario = the complete correct setup built on the
// tenant's own directory (store/lab/complete-reset.ts), its scenario document patched with the faults (all, or only
// `faults` for an objective reset), written in ONE transaction together with the ActiveScenario row. A fault whose
// patch does not apply (a failing `test` op, a missing path) is a 400 naming the fault and the path, raised before
// anything is written. The workshops (apps/api/src/workshops) load and grade their seats through these functions.
// The lab's seed picks the values of the scenario's variables (packages/domain/src/scenarios/variables.ts): the row
// keeps the file as given and the seed, and every read instantiates it again, so status, grading and the trainee's
// texts all see that lab's values.
import { createHash } from "node:crypto";
import { evaluate } from "@certlab/domain/rules/engine";
import { findingsFor } from "../store/tenant-cache.ts";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { Finding } from "@certlab/domain/rules/types";
import { canonicalJson } from "@certlab/domain/scenarios/canonical";
import { scenarioDocument, snapshotFromDocument } from "@certlab/domain/scenarios/document";
import { evaluateScenario, type EvaluateOptions, type ScenarioEvaluation } from "@certlab/domain/scenarios/evaluate";
import { applyFaults, ScenarioPatchError, scenarioNow } from "@certlab/domain/scenarios/patch";
import { parseScenario, type Scenario } from "@certlab/domain/scenarios/schema";
import { instantiateScenario, type ScenarioVars } from "@certlab/domain/scenarios/variables";
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { loadCompleteSetup } from "../store/lab/complete-reset.ts";
import { tenantSnapshot } from "../store/snapshot.ts";

export type LoadOptions = {
  /** Per-lab variation seed (default: the scenario's seed, else 1); picks the variables' values; recorded. */
  seed?: number;
  /** Only these faults (an objective reset re-applies the faults the objective fixes); default: all. */
  faults?: readonly string[];
  /** The moment relative times count from (default: the scenario's clock.start, else now). */
  now?: Date;
};

/** `scenario` is this lab's instance (variables replaced); `template` the file as loaded. */
export type ActiveScenarioInfo = { scenario: Scenario; template: Scenario; vars: ScenarioVars; contentHash: string; seed: number; loadedAt: string; baselineCodes: string[] };

export function contentHash(scenario: Scenario): string {
  return createHash("sha256").update(canonicalJson(scenario)).digest("hex");
}

const problemCodes = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => f.severity !== "info").map((f) => f.code))].sort();

/** A 400 with Graph's error body whose details name each problem's path in the scenario file. */
export function scenarioBadRequest(message: string, issues: { path: string; message: string }[], prefix = "scenario"): AppError {
  return new AppError("badRequest", message, {
    details: issues.slice(0, 50).map((i) => ({ code: "InvalidScenario", target: i.path ? `${prefix}/${i.path}` : prefix, message: i.message })),
  });
}

/** Loads `scenario` into the principal's tenant, replacing the lab, profiles, apps and any active scenario. */
export async function loadScenario(db: Db, principal: Principal, requestId: string, scenario: Scenario, opts: LoadOptions = {}): Promise<ActiveScenarioInfo> {
  const unknown = (opts.faults ?? []).filter((id) => !scenario.faults.some((f) => f.id === id));
  if (unknown.length) throw new AppError("badRequest", `No fault ${unknown.map((u) => `'${u}'`).join(", ")} in scenario '${scenario.id}'.`, { details: [{ code: "InvalidValue", target: "faults", message: "Unknown fault id." }] });
  const now = opts.now ?? scenarioNow(scenario);
  const seed = opts.seed ?? scenario.seed ?? 1;
  const hash = contentHash(scenario);
  const lab = instantiateScenario(scenario, seed);
  const loadedAt = new Date();
  let baselineCodes: string[] = [];
  await loadCompleteSetup(db, principal, requestId, {
    target: (plan) => {
      baselineCodes = problemCodes(evaluate(plan.snapshot));
      try {
        return snapshotFromDocument(applyFaults(scenarioDocument(plan.snapshot), lab.scenario, { now, only: opts.faults }));
      } catch (e) {
        if (!(e instanceof ScenarioPatchError)) throw e;
        const i = scenario.faults.findIndex((f) => f.id === e.faultId);
        throw scenarioBadRequest(`The scenario '${scenario.id}' does not apply: ${e.message}`, [{ path: e.filePath(i), message: `${e.path}: ${e.reason}` }]);
      }
    },
    inTransaction: async (tx) => {
      const data = { scenarioId: scenario.id, version: scenario.version, contentHash: hash, scenario: JSON.stringify(scenario), seed, loadedAt, baselineCodes: JSON.stringify(baselineCodes), loadedBy: principal.userId };
      await tx.activeScenario.upsert({ where: { tenantId: principal.tenantId }, create: { tenantId: principal.tenantId, ...data }, update: data });
    },
    audit: {
      activityDisplayName: "Load scenario",
      properties: [
        { displayName: "scenario", newValue: `${scenario.id}@${scenario.version}` },
        { displayName: "contentHash", newValue: hash },
        { displayName: "faults", newValue: (opts.faults ?? scenario.faults.map((f) => f.id)).join(", ") },
        { displayName: "seed", newValue: String(seed) },
      ],
    },
  });
  return { scenario: lab.scenario, template: scenario, vars: lab.vars, contentHash: hash, seed, loadedAt: loadedAt.toISOString(), baselineCodes };
}

/** The tenant's active scenario, or undefined. */
export async function activeScenario(db: Db, tenantId: string): Promise<ActiveScenarioInfo | undefined> {
  const row = await db.activeScenario.findUnique({ where: { tenantId } });
  if (!row) return undefined;
  const parsed = parseScenario(JSON.parse(row.scenario));
  if (!parsed.ok) return undefined; // written by an older format: treat as none
  const lab = instantiateScenario(parsed.scenario, row.seed);
  return { scenario: lab.scenario, template: parsed.scenario, vars: lab.vars, contentHash: row.contentHash, seed: row.seed, loadedAt: row.loadedAt.toISOString(), baselineCodes: JSON.parse(row.baselineCodes) as string[] };
}

export type ScenarioStatus = ScenarioEvaluation & { scenario: { id: string; version: string; title: string; contentHash: string; seed: number; vars: ScenarioVars; loadedAt: string } };

/** Grades the tenant against its active scenario (undefined when none is loaded). */
export async function scenarioStatus(db: Db, tenantId: string, opts: EvaluateOptions = {}): Promise<{ status: ScenarioStatus; snapshot: TenantSnapshot } | undefined> {
  const active = await activeScenario(db, tenantId);
  if (!active) return undefined;
  const snapshot = await tenantSnapshot(db, tenantId);
  const findings = findingsFor(snapshot);
  const ev = evaluateScenario(active.scenario, snapshot, findings, active.baselineCodes, opts);
  const s = active.scenario;
  return { snapshot, status: { scenario: { id: s.id, version: s.version, title: s.title, contentHash: active.contentHash, seed: active.seed, vars: active.vars, loadedAt: active.loadedAt }, ...ev } };
}
