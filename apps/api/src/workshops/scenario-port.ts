// The one place the workshops meet the scenario engine (issue 11, apps/api/src/scenarios): find a shipped scenario,
// load it (or some of its faults) into a seat tenant, grade a seat. Everything else in apps/api/src/workshops calls
// these.
import { findingsFor } from "../store/tenant-cache.ts";
import type { Finding } from "@certlab/domain/rules/types";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import { evaluateScenario, type ScenarioEvaluation } from "@certlab/domain/scenarios/evaluate";
import type { Scenario } from "@certlab/domain/scenarios/schema";
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

/**
 * Loads the scenario into the principal's tenant: the complete setup on its directory, then the faults (all of them,
 * or only `faultIds`), in one transaction (loadScenario; it also records the tenant's active scenario).
 */
export async function loadScenarioInto(db: Db, principal: Principal, requestId: string, scenario: Scenario, faultIds?: readonly string[]): Promise<void> {
  await loadScenario(db, principal, requestId, scenario, faultIds ? { faults: faultIds } : {});
}

export type SeatGrade = { snapshot: TenantSnapshot; findings: Finding[]; evaluation: ScenarioEvaluation };

/** The seat tenant's snapshot, its findings and the scenario's grade on them (collateral net of the load's baseline). */
export async function gradeTenant(db: Db, tenantId: string, scenario: Scenario): Promise<SeatGrade> {
  const [snapshot, active] = await Promise.all([
    tenantSnapshot(db, tenantId),
    db.activeScenario.findUnique({ where: { tenantId }, select: { baselineCodes: true } }),
  ]);
  const findings = findingsFor(snapshot);
  const baseline = active ? (JSON.parse(active.baselineCodes) as string[]) : [];
  return { snapshot, findings, evaluation: evaluateScenario(scenario, snapshot, findings, baseline) };
}
