// The Intune section of the rule engine's TenantSnapshot: profiles (settings as Graph returns them, the parsed
// trusted certificate), their assignments, and the certificate connectors as the admin center lists them.
// Undefined when the tenant has no profiles and no connectors (every Intune rule is then silent).
import type { IntuneSnapshot } from "@certlab/domain/intune/snapshot";
import type { Db } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import { connectorViews, snapConnectorOf } from "./connectors.ts";
import { snapProfileOf, storedOf, targetOf } from "./rows.ts";

export async function intuneSnapshot(db: Db, tenantId: string, asOf = new Date()): Promise<IntuneSnapshot | undefined> {
  const [profiles, assignments, connectors] = await Promise.all([
    findRows(db, "deviceConfiguration", { where: { tenantId }, orderBy: [{ createdDateTime: "asc" }, { id: "asc" }] }),
    findRows(db, "deviceConfigurationAssignment", { where: { tenantId }, orderBy: { id: "asc" } }),
    findRows(db, "certificateConnector", { where: { tenantId }, orderBy: [{ enrollmentDateTime: "asc" }, { id: "asc" }] }),
  ]);
  if (profiles.length === 0 && connectors.length === 0) return undefined;
  return {
    asOf: asOf.toISOString(),
    profiles: profiles.map((r) => snapProfileOf(storedOf(r))),
    assignments: assignments.map((a) => ({ profileId: a.deviceConfigurationId, target: targetOf(a) })),
    certificateConnectors: (await connectorViews(db, tenantId, connectors, asOf)).map(snapConnectorOf),
  };
}
