// The one place the workshops meet the scenario engine (issue 11, scenarios-core): find a shipped scenario, load it
// (or some of its faults) into a seat tenant, grade a seat. Everything else in apps/api/src/workshops calls these.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { evaluate } from "@certlab/domain/rules/engine";
import type { Finding } from "@certlab/domain/rules/types";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import { evaluateScenario, type ScenarioEvaluation } from "@certlab/domain/scenarios/evaluate";
import { parseScenario, type Scenario } from "@certlab/domain/scenarios/schema";
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { repoRoot } from "../paths.ts";
import { tenantSnapshot } from "../store/snapshot.ts";
import { resetToCompleteSetup } from "../store/lab/complete-reset.ts";

export type { Scenario };

export const scenariosDir = path.join(repoRoot, "scenarios");

/** The shipped library (scenarios/<stage>/<id>.json), parsed with the scenario schema; invalid files are skipped. */
export function shippedScenario(id: string): Scenario | undefined {
  let stages: string[];
  try {
    stages = readdirSync(scenariosDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return undefined;
  }
  for (const stage of stages) {
    const file = path.join(scenariosDir, stage, `${id}.json`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const parsed = parseScenario(JSON.parse(text));
    if (parsed.ok && parsed.scenario.id === id) return parsed.scenario;
  }
  return undefined;
}

/**
 * Loads the scenario into the principal's tenant: the complete setup on its directory, then the faults (all of them,
 * or only `faultIds`), in one transaction.
 */
export async function loadScenarioInto(db: Db, principal: Principal, requestId: string, scenario: Scenario, faultIds?: readonly string[]): Promise<void> {
  const only = faultIds ? new Set(faultIds) : undefined;
  const faults = only ? scenario.faults.filter((f) => only.has(f.id)) : scenario.faults;
  void faults;
  // Stand-in until scenarios-core's loadScenario lands: the complete setup alone.
  await resetToCompleteSetup(db, principal, requestId);
}

export type SeatGrade = { snapshot: TenantSnapshot; findings: Finding[]; evaluation: ScenarioEvaluation };

/** The seat tenant's snapshot, its findings and the scenario's grade on them. */
export async function gradeTenant(db: Db, tenantId: string, scenario: Scenario): Promise<SeatGrade> {
  const snapshot = await tenantSnapshot(db, tenantId);
  const findings = evaluate(snapshot);
  return { snapshot, findings, evaluation: evaluateScenario(scenario, snapshot, findings) };
}
