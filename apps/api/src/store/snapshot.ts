// Assembles the rule engine's picture of a tenant (packages/domain rules/snapshot.ts) from the database, each part
// (the directory, the lab, Intune, Entra) cached against the tenant's revision counters (store/tenant-cache.ts).
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { Db } from "../db/client.ts";
import { licensesOf } from "./users.ts";
import { entraSnapshot } from "./entra/snapshot.ts";
import { labSnapshot } from "./lab/snapshot.ts";
import { intuneSnapshot } from "./intune/snapshot.ts";
import { cachedSnapshot, findingsFor } from "./tenant-cache.ts";
import type { Finding } from "@certlab/domain/rules/types";

async function directoryPart(db: Db, tenantId: string) {
  const [tenant, users, groups, groupMembers, roleAssignments, subscribedSkus, domains] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    db.user.findMany({ where: { tenantId } }),
    db.group.findMany({ where: { tenantId }, select: { id: true, displayName: true } }),
    db.groupMember.findMany({ where: { tenantId }, select: { groupId: true, memberId: true } }),
    db.roleAssignment.findMany({ where: { tenantId }, select: { principalId: true, roleDefinitionId: true } }),
    db.subscribedSku.findMany({ where: { tenantId }, select: { skuId: true, skuPartNumber: true } }),
    db.domain.findMany({ where: { tenantId }, select: { name: true, isVerified: true, isInitial: true, isDefault: true } }),
  ]);
  return {
    tenant: { id: tenant.id, displayName: tenant.displayName },
    directory: {
      users: users.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        accountEnabled: u.accountEnabled,
        assignedLicenses: licensesOf(u),
      })),
      groups,
      groupMembers,
      roleAssignments,
      subscribedSkus,
      domains,
    },
  };
}

type DirectoryPart = Awaited<ReturnType<typeof directoryPart>>;

/**
 * The tenant as the rules see it. Frozen (it may be shared with other requests): derive, don't change.
 * Every part is read at once: on PostgreSQL the reads overlap instead of queueing (issue 9's findings profile).
 */
export function tenantSnapshot(db: Db, tenantId: string): Promise<TenantSnapshot> {
  return cachedSnapshot(
    db,
    tenantId,
    {
      directory: () => directoryPart(db, tenantId),
      lab: () => labSnapshot(db, tenantId),
      intune: () => intuneSnapshot(db, tenantId),
      entra: () => entraSnapshot(db, tenantId),
    },
    (p) => {
      const d = p.directory as DirectoryPart;
      return { tenant: d.tenant, directory: d.directory, lab: p.lab as TenantSnapshot["lab"], intune: p.intune as TenantSnapshot["intune"], entra: p.entra as TenantSnapshot["entra"] };
    },
  );
}

/** The tenant's findings (every rule), cached with its snapshot. */
export async function tenantFindings(db: Db, tenantId: string): Promise<Finding[]> {
  return findingsFor(await tenantSnapshot(db, tenantId));
}
