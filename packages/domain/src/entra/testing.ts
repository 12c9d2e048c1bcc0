// Builders for tests, scenarios and the demo tenant: the Entra side of seed 000 done right, and small helpers
// to break it the way trainers do.
import type { TenantSnapshot } from "../rules/snapshot";
import { aTenant, type TenantSpec } from "../rules/testing";
import { correctEntra, ENTRA_IDS } from "./correct-entra";
import type { EntraApplication, EntraSnapshot } from "./snapshot";

export { correctEntra, ENTRA_IDS, type CorrectEntraOptions } from "./correct-entra";

/** A directory that can run seed 000 (Entra ID P1 through Microsoft 365 E3, an Application Administrator) plus `entra`. */
export function aTenantWithEntra(entra: EntraSnapshot = correctEntra(), spec: TenantSpec = {}): TenantSnapshot {
  return {
    ...aTenant({
      skus: ["SPE_E3"],
      users: [{ upn: `admin@${spec.domain ?? "contoso"}.onmicrosoft.com`, roles: ["applicationAdministrator"], licenses: ["SPE_E3"] }],
      ...spec,
    }),
    entra,
  };
}

/** A copy of `entra` with the NDES application changed. */
export function withNdesApp(entra: EntraSnapshot, change: (app: EntraApplication) => EntraApplication): EntraSnapshot {
  return { ...entra, applications: entra.applications.map((a) => (a.id === ENTRA_IDS.application ? change(a) : a)) };
}

/** A copy of `entra` with the NDES application's onPremisesPublishing changed. */
export function withPublishing(
  entra: EntraSnapshot,
  change: Partial<NonNullable<EntraApplication["onPremisesPublishing"]>>,
): EntraSnapshot {
  return withNdesApp(entra, (a) => ({ ...a, onPremisesPublishing: { ...a.onPremisesPublishing!, ...change } }));
}
