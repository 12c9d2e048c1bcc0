// Assembles the rule engine's picture of a tenant (packages/domain rules/snapshot.ts) from the database.
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { Db } from "../db/client.ts";
import { licensesOf } from "./users.ts";
import { entraSnapshot } from "./entra/snapshot.ts";
import { labSnapshot } from "./lab/snapshot.ts";
import { intuneSnapshot } from "./intune/snapshot.ts";

export async function tenantSnapshot(db: Db, tenantId: string): Promise<TenantSnapshot> {
  // Every part is read at once (the directory, the lab, Intune, Entra): on PostgreSQL the reads overlap instead
  // of queueing one after the other (issue 9's findings profile).
  const [[tenant, users, groups, groupMembers, roleAssignments, subscribedSkus, domains], lab, intune, entra] = await Promise.all([
    Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    db.user.findMany({ where: { tenantId } }),
    db.group.findMany({ where: { tenantId }, select: { id: true, displayName: true } }),
    db.groupMember.findMany({ where: { tenantId }, select: { groupId: true, memberId: true } }),
    db.roleAssignment.findMany({ where: { tenantId }, select: { principalId: true, roleDefinitionId: true } }),
    db.subscribedSku.findMany({ where: { tenantId }, select: { skuId: true, skuPartNumber: true } }),
    db.domain.findMany({ where: { tenantId }, select: { name: true, isVerified: true, isInitial: true, isDefault: true } }),
    ]),
    labSnapshot(db, tenantId),
    intuneSnapshot(db, tenantId),
    entraSnapshot(db, tenantId),
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
    lab,
    intune,
    entra,
  };
}
