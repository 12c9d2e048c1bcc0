// One isolated lab per seat (issue 11): a NEW tenant (directory) with its own initial domain
// (ws<code>-seat<n>.onmicrosoft.com), its own admin user (Global Administrator, EMS-licensed like the demo tenant,
// apps/api/src/seed/demo.ts) and the scenario loaded into it. The seat's isolation is the tenant isolation the store
// already enforces. The admin's account has no usable password: trainees sign in through the join code or the seat
// link only (workshops/session.ts).
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import { seatDomain } from "@certlab/domain/workshops/workshops";
import type { Db } from "../db/client.ts";
import type { Principal } from "../http/context.ts";
import { principalForUser } from "../auth/principal.ts";
import { newSecret, sha256 } from "../auth/secrets.ts";
import { gradeSeat, tenantSignatures, type WorkshopRow } from "./matrix.ts";
import { loadScenarioInto, seatSeed, type Scenario } from "./scenario-port.ts";

/** Stored instead of a scrypt hash: verifyPassword refuses anything not "scrypt$…", so no password signs in. */
export const NO_PASSWORD = "workshop-seat$no-password";

/**
 * Prisma's defaults (wait 2 s for a transaction, 5 s to run it) are too short here: on SQLite transactions run one at
 * a time, and this one queues behind the other seats' scenario loads (the same bounds as theirs, complete-reset.ts).
 */
const SEAT_TRANSACTION = { maxWait: 20_000, timeout: 60_000 } as const;

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
  }, SEAT_TRANSACTION);
  return { tenantId, adminUserId, domain };
}

/** The seat admin acting in the seat tenant (what loads and resets run as, so their audit lines name the seat). */
export async function seatPrincipal(db: Db, seat: { tenantId: string; adminUserId: string }): Promise<Principal> {
  const p = await principalForUser(db, seat.adminUserId, seat.tenantId, "session");
  if (!p) throw new Error(`workshop seat admin ${seat.adminUserId} is missing or disabled`);
  return p;
}

/** Loads the scenario (or only some of its faults) into the seat, with the seat's own seed (scenario-port.ts seatSeed). */
export async function loadSeat(db: Db, w: { id: string }, seat: { tenantId: string; adminUserId: string; seatNumber: number }, requestId: string, scenario: Scenario, faultIds?: readonly string[]): Promise<void> {
  await loadScenarioInto(db, await seatPrincipal(db, seat), requestId, scenario, seatSeed(w, seat.seatNumber), faultIds);
}

/** Removes seat tenants (everything in them cascades) and their admins' accounts. */
export async function deleteSeatTenants(db: Db, seats: readonly SeatTenant[]): Promise<void> {
  if (!seats.length) return;
  await db.tenant.deleteMany({ where: { id: { in: seats.map((s) => s.tenantId) } } });
  await db.account.deleteMany({ where: { id: { in: seats.map((s) => s.adminUserId) } } });
}

/**
 * Seats provisioned at once (CERTLAB_WORKSHOP_PROVISION_CONCURRENCY; default: 2 per CPU, at least 4). A seat's cost
 * is mostly its CA and certificate key pairs (5 RSA keys, generated on libuv's thread pool), the rest its rows
 * (the main thread; on SQLite one transaction at a time): with several seats in flight, one seat's keys are made
 * while another's rows are written, so every core has work.
 */
export const PROVISION_CONCURRENCY = Math.max(1, Number(process.env.CERTLAB_WORKSHOP_PROVISION_CONCURRENCY) || Math.max(4, 2 * availableParallelism()));

export type ProvisionedSeat = SeatTenant & { seatId: string; seatNumber: number; token: string };

/**
 * Seats 1..w.seats of a new workshop, each its own tenant with its own admin and the scenario loaded (atomically,
 * in its own transaction), a WorkshopSeat row with a one-time sign-in token, and its first grade computed (so the
 * matrix the creation answers is read from the grade cache, not graded seat after seat at the end). `created`
 * receives every seat tenant as soon as it exists, so the caller can remove them all if anything fails; after the
 * first failure no further seat is started.
 */
export async function provisionSeats(
  db: Db,
  w: WorkshopRow,
  scenario: Scenario,
  requestId: string,
  created: SeatTenant[],
  concurrency = PROVISION_CONCURRENCY,
): Promise<ProvisionedSeat[]> {
  const out: ProvisionedSeat[] = [];
  let next = 1;
  let failed = false;
  const worker = async () => {
    while (!failed && next <= w.seats) {
      const n = next++;
      try {
        const t = await createSeatTenant(db, w.name, w.joinCode, n);
        created.push(t);
        await loadSeat(db, w, { ...t, seatNumber: n }, requestId, scenario);
        const token = newSecret();
        const seat = await db.workshopSeat.create({ data: { id: randomUUID(), workshopId: w.id, seatNumber: n, tenantId: t.tenantId, adminUserId: t.adminUserId, seatTokenHash: sha256(token) } });
        const sig = (await tenantSignatures(db, [t.tenantId])).get(t.tenantId) ?? "";
        await gradeSeat(db, w, seat, sig);
        out.push({ ...t, seatId: seat.id, seatNumber: n, token });
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, w.seats) }, worker));
  const failure = results.find((x): x is PromiseRejectedResult => x.status === "rejected");
  if (failure) throw failure.reason;
  return out.sort((a, b) => a.seatNumber - b.seatNumber);
}
