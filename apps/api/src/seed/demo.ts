// The demo directories (issue "Foundation"): "Contoso" (contoso.onmicrosoft.com) with one user per role,
// and "Fabrikam" where Contoso's admin is also a member, so "Switch directory" (seed 000) has somewhere to go.
// Ids are fixed so scripts and scenarios are deterministic. Seeding is idempotent.
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import type { Db, Tx } from "../db/client.ts";
import { hashPassword } from "../auth/passwords.ts";

export const DEFAULT_DEMO_PASSWORD = "Certlab-Demo-2026!";

export const DEMO = {
  contoso: {
    tenantId: "c0a7e5d4-1b2c-4d3e-8f40-000000000001",
    displayName: "Contoso",
    domain: "contoso.onmicrosoft.com",
    users: {
      admin: { id: "c0a7e5d4-1b2c-4d3e-8f40-000000000101", upn: "admin@contoso.onmicrosoft.com", displayName: "Contoso Admin", role: ROLE_IDS.globalAdministrator, licensed: true },
      intuneAdmin: { id: "c0a7e5d4-1b2c-4d3e-8f40-000000000102", upn: "intune-admin@contoso.onmicrosoft.com", displayName: "Intune Admin", role: ROLE_IDS.intuneAdministrator, licensed: true },
      appAdmin: { id: "c0a7e5d4-1b2c-4d3e-8f40-000000000103", upn: "app-admin@contoso.onmicrosoft.com", displayName: "Application Admin", role: ROLE_IDS.applicationAdministrator, licensed: false },
      reader: { id: "c0a7e5d4-1b2c-4d3e-8f40-000000000104", upn: "reader@contoso.onmicrosoft.com", displayName: "Global Reader", role: ROLE_IDS.globalReader, licensed: false },
    },
    pilotGroupId: "c0a7e5d4-1b2c-4d3e-8f40-000000000201",
  },
  fabrikam: {
    tenantId: "fab0e5d4-1b2c-4d3e-8f40-000000000001",
    displayName: "Fabrikam",
    domain: "fabrikam.onmicrosoft.com",
    adminUserId: "fab0e5d4-1b2c-4d3e-8f40-000000000101",
  },
} as const;

async function createTenant(tx: Tx, id: string, displayName: string, domain: string, skus: { skuId: string; skuPartNumber: string }[]) {
  await tx.tenant.create({ data: { id, displayName } });
  await tx.domain.create({
    data: { id: `${id}-initial`, tenantId: id, name: domain, isVerified: true, isInitial: true, isDefault: true, verificationCode: "MS=ms00000000" },
  });
  for (const sku of skus) {
    await tx.subscribedSku.create({ data: { id: `${id}_${sku.skuId}`, tenantId: id, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, enabledUnits: 25 } });
  }
}

/** Creates the demo directories unless they exist. Returns true when it created them. */
export async function seedDemo(db: Db, password = process.env.CERTLAB_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD): Promise<boolean> {
  if (await db.tenant.findUnique({ where: { id: DEMO.contoso.tenantId } })) return false;
  const c = DEMO.contoso;
  const ems = [{ skuId: SKU_IDS.EMS, skuPartNumber: "EMS" }];
  const hashes = new Map<string, string>();
  for (const u of Object.values(c.users)) hashes.set(u.upn, await hashPassword(password));

  await db.$transaction(async (tx) => {
    await createTenant(tx, c.tenantId, c.displayName, c.domain, ems);
    for (const u of Object.values(c.users)) {
      const accountId = u.id;
      await tx.account.create({ data: { id: accountId, signInName: u.upn, passwordHash: hashes.get(u.upn)! } });
      await tx.user.create({
        data: {
          id: u.id,
          tenantId: c.tenantId,
          accountId,
          userPrincipalName: u.upn,
          displayName: u.displayName,
          mail: u.upn,
          usageLocation: "US",
          assignedLicenses: JSON.stringify(u.licensed ? [{ skuId: SKU_IDS.EMS, disabledPlans: [] }] : []),
        },
      });
      await tx.roleAssignment.create({ data: { id: `${u.id}-role`, tenantId: c.tenantId, principalId: u.id, roleDefinitionId: u.role } });
    }
    await tx.group.create({
      data: { id: c.pilotGroupId, tenantId: c.tenantId, displayName: "Certlab Pilot Users", description: "Users who receive the SCEP certificate first", mailNickname: "certlabpilot" },
    });
    for (const u of [c.users.admin, c.users.intuneAdmin]) {
      await tx.groupMember.create({ data: { groupId: c.pilotGroupId, memberId: u.id, memberType: "user", tenantId: c.tenantId } });
    }

    // Fabrikam: a second directory without an Entra ID P1/P2 subscription (its Health shows APPX_LICENSE_MISSING).
    const f = DEMO.fabrikam;
    await createTenant(tx, f.tenantId, f.displayName, f.domain, [{ skuId: SKU_IDS.INTUNE_A, skuPartNumber: "INTUNE_A" }]);
    await tx.user.create({
      data: {
        id: f.adminUserId,
        tenantId: f.tenantId,
        accountId: c.users.admin.id,
        userPrincipalName: `admin_contoso.onmicrosoft.com#EXT#@${f.domain}`,
        displayName: "Contoso Admin",
        userType: "Guest",
        usageLocation: "US",
      },
    });
    await tx.roleAssignment.create({ data: { id: `${f.adminUserId}-role`, tenantId: f.tenantId, principalId: f.adminUserId, roleDefinitionId: ROLE_IDS.globalAdministrator } });
  });
  return true;
}
