// The baseline a scenario names: { id: "complete-setup", version: "1" } = the complete correct setup of
// setup/complete-setup.ts (issue 8), the answer key every fault is a patch against.
import { completeSetup, type CompleteSetupOptions } from "../setup/complete-setup";
import type { TenantSnapshot } from "../rules/snapshot";
import { scenarioDocument, type ScenarioDocument } from "./document";

/** The baseline snapshot at `now`: every part's asOf pinned, so expiry rules see the same moment. */
export function baselineSnapshot(opts: CompleteSetupOptions & { now: Date }): TenantSnapshot {
  const s = completeSetup(opts);
  const asOf = opts.now.toISOString();
  if (s.lab) s.lab.asOf = asOf;
  if (s.intune) s.intune.asOf = asOf;
  if (s.entra) s.entra.asOf = asOf;
  return s;
}

export function baselineDocument(opts: CompleteSetupOptions & { now: Date }): ScenarioDocument {
  return scenarioDocument(baselineSnapshot(opts));
}
