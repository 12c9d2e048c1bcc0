// The one place the workshops meet the scenario engine (issue 11, apps/api/src/scenarios): find a shipped scenario,
// load it (or some of its faults) into a seat tenant, grade a seat. Everything else in apps/api/src/workshops calls
// these.
import { findingsFor } from "../store/tenant-cache.ts";
import type { Finding } from "@certlab/domain/rules/types";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import { evaluateScenario, type ScenarioEvaluation } from "@certlab/domain/scenarios/evaluate";
import type { Scenario } from "@certlab/domain/scenarios/schema";
import { instantiateScenario, labSeed, seedFromText, type ScenarioVars } from "@certlab/domain/scenarios/variables";
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { findShippedScenario } from "../scenarios/library.ts";
import { contentHash, loadScenario } from "../scenarios/load.ts";

export type { Scenario };
export { contentHash };

/** A scenario of the shipped library (scenarios/<stage>/<id>.json), or undefined. */
export function shippedScenario(id: string): Scenario | undefined {
  return findShippedScenario(id);
}

/** The workshop's seed: taken from its id, so every workshop has its own and it never changes. */
export function workshopSeed(w: { id: string }): number {
  return seedFromText(w.id);
}

/**
 * The seed of a seat's lab (it picks the values of the scenario's variables): the workshop's seed plus the seat's
 * index, so neighbouring seats get different values and a reset of the seat reloads the same variant.
 */
export function seatSeed(w: { id: string }, seatNumber: number): number {
  return labSeed(workshopSeed(w), seatNumber - 1);
}

/**
 * Loads the scenario into the principal's tenant with the lab's seed: the complete setup on its directory, then the
 * faults (all of them, or only `faultIds`), in one transaction (loadScenario; it also records the tenant's active
 * scenario and its seed).
 */
export async function loadScenarioInto(db: Db, principal: Principal, requestId: string, scenario: Scenario, seed: number, faultIds?: readonly string[]): Promise<void> {
  await loadScenario(db, principal, requestId, scenario, faultIds ? { seed, faults: faultIds } : { seed });
}

/** `scenario` is the seat's instance (its variables' values in the texts, checks and faults); `seed`/`vars` picked them. */
export type SeatGrade = { snapshot: TenantSnapshot; findings: Finding[]; evaluation: ScenarioEvaluation; scenario: Scenario; seed: number; vars: ScenarioVars };

/**
 * The seat tenant's snapshot, its findings and the scenario's grade on them (collateral net of the load's baseline),
 * graded with the variant the seat's lab was loaded with (the seed its active scenario recorded).
 */
export async function gradeTenant(db: Db, tenantId: string, scenario: Scenario): Promise<SeatGrade> {
  const [snapshot, active] = await Promise.all([
    tenantSnapshot(db, tenantId),
    db.activeScenario.findUnique({ where: { tenantId }, select: { baselineCodes: true, seed: true } }),
  ]);
  const findings = findingsFor(snapshot);
  const baseline = active ? (JSON.parse(active.baselineCodes) as string[]) : [];
  const seed = active?.seed ?? scenario.seed ?? 1;
  const lab = instantiateScenario(scenario, seed);
  return { snapshot, findings, evaluation: evaluateScenario(lab.scenario, snapshot, findings, baseline), scenario: lab.scenario, seed, vars: lab.vars };
}
