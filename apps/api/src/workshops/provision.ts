// One isolated lab per seat (issue 11): a NEW tenant (directory) with its own initial domain
// (ws<code>-seat<n>.onmicrosoft.com), its own admin user (Global Administrator, EMS-licensed like the demo tenant,
// apps/api/src/seed/demo.ts) and the scenario loaded into it. The seat's isolation is the tenant isolation the store
// already enforces. The admin's account has no usable password: trainees sign in through the join code or the seat
// link only (workshops/session.ts).
import { randomUUID } from "node:crypto";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import { seatDomain } from "@certlab/domain/workshops/workshops";
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { principalForUser } from "../auth/principal.ts";
import { loadScenarioInto, type Scenario } from "./scenario-port.ts";

/** Stored instead of a scrypt hash: verifyPassword refuses anything not "scrypt$…", so no password signs in. */
export const NO_PASSWORD = "workshop-seat$no-password";

export type SeatTenant = { tenantId: string; adminUserId: string; domain: string };

/** The seat's directory and admin user, in one transaction (the scenario is loaded after, in its own). */
export async function createSeatTenant(db: Db, workshopName: string, joinCode: string, seatNumber: number): Promise<SeatTenant> {
  const tenantId = randomUUID();
  const adminUserId = randomUUID();
  const domain = seatDomain(joinCode, seatNumber);
  const upn = `admin@${domain}`;
  await db.$transaction(async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, displayName: `${workshopName} · seat ${seatNumber}`.slice(0, 256) } });
    await tx.domain.create({ data: { id: `${tenantId}-initial`, tenantId, name: domain, isVerified: true, isInitial: true, isDefault: true, verificationCode: "MS=ms00000000" } });
    await tx.subscribedSku.create({ data: { id: `${tenantId}_${SKU_IDS.EMS}`, tenantId, skuId: SKU_IDS.EMS, skuPartNumber: "EMS", enabledUnits: 25 } });
    await tx.account.create({ data: { id: adminUserId, signInName: upn, passwordHash: NO_PASSWORD } });
    await tx.user.create({
      data: {
        id: adminUserId,
        tenantId,
        accountId: adminUserId,
        userPrincipalName: upn,
        displayName: `Seat ${seatNumber} Admin`,
        mail: upn,
        usageLocation: "US",
        assignedLicenses: JSON.stringify([{ skuId: SKU_IDS.EMS, disabledPlans: [] }]),
      },
    });
    await tx.roleAssignment.create({ data: { id: `${adminUserId}-role`, tenantId, principalId: adminUserId, roleDefinitionId: ROLE_IDS.globalAdministrator } });
  });
  return { tenantId, adminUserId, domain };
}

/** The seat admin acting in the seat tenant (what loads and resets run as, so their audit lines name the seat). */
export async function seatPrincipal(db: Db, seat: { tenantId: string; adminUserId: string }): Promise<Principal> {
  const p = await principalForUser(db, seat.adminUserId, seat.tenantId, "session");
  if (!p) throw new Error(`workshop seat admin ${seat.adminUserId} is missing or disabled`);
  return p;
}

/** Loads the scenario (or only some of its faults) into the seat. */
export async function loadSeat(db: Db, seat: { tenantId: string; adminUserId: string }, requestId: string, scenario: Scenario, faultIds?: readonly string[]): Promise<void> {
  await loadScenarioInto(db, await seatPrincipal(db, seat), requestId, scenario, faultIds);
}

/** Removes seat tenants (everything in them cascades) and their admins' accounts. */
export async function deleteSeatTenants(db: Db, seats: readonly SeatTenant[]): Promise<void> {
  if (!seats.length) return;
  await db.tenant.deleteMany({ where: { id: { in: seats.map((s) => s.tenantId) } } });
  await db.account.deleteMany({ where: { id: { in: seats.map((s) => s.adminUserId) } } });
}
