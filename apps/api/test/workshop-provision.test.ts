// Provisioning workshop seats (issue 11; apps/api/src/workshops/provision.ts), several at once: every seat is its own
// tenant with its own admin (own account, Global Administrator, no usable password), its own lab with its own CA and
// certificate keys (no key or certificate shared between seats), the scenario loaded into it; the complete setup's
// extra accounts keep no hash of the random password nobody knows, yet an admin's password reset lets them sign in.
// A scenario that fails to load leaves nothing behind once the made tenants are removed.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { UNKNOWN_PASSWORD_HASH } from "../src/auth/passwords.ts";
import { tenantSnapshot } from "../src/store/snapshot.ts";
import { findingsFor } from "../src/store/tenant-cache.ts";
import { deleteSeatTenants, NO_PASSWORD, provisionSeats, seatPrincipal, type ProvisionedSeat, type SeatTenant } from "../src/workshops/provision.ts";
import { UsersStore } from "../src/store/users.ts";
import { contentHash, shippedScenario, type Scenario } from "../src/workshops/scenario-port.ts";
import { createTestApp, signIn, users, type TestApp } from "./harness.ts";

const SCENARIO = shippedScenario("ndes-503-iis-iusrs")!;
const CODE = "NDES_SVC_NOT_IN_IIS_IUSRS";
const SEATS = 5;

let t: TestApp;
let provisioned: ProvisionedSeat[] = [];

async function workshopRow(name: string, scenario: Scenario, seats: number, joinCode: string) {
  const admin = await t.db.user.findFirstOrThrow({ where: { userPrincipalName: users.admin.upn } });
  return t.db.workshop.create({
    data: {
      id: randomUUID(),
      trainerTenantId: admin.tenantId,
      trainerUserId: admin.id,
      name,
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioTitle: scenario.title,
      contentHash: contentHash(scenario),
      scenario: JSON.stringify(scenario),
      joinCode,
      seats,
      timeLimitMinutes: 60,
      hintPolicy: "on",
      endsAt: new Date(Date.now() + 3_600_000),
    },
  });
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("provisioning seats, several at once", () => {
  it("gives every seat its own tenant, admin, lab keys and loaded scenario", { timeout: 180_000 }, async () => {
    const w = await workshopRow("Provisioning", SCENARIO, SEATS, "ACDEFGH");
    const created: SeatTenant[] = [];
    // Fewer workers than seats: seats queue for a worker, and SQLite runs their transactions one at a time.
    const seats = await provisionSeats(t.db, w, SCENARIO, "test", created, 3);
    provisioned = seats;
    expect(seats.map((s) => s.seatNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(created).toHaveLength(SEATS);
    expect(new Set(seats.map((s) => s.tenantId)).size).toBe(SEATS);
    expect(new Set(seats.map((s) => s.adminUserId)).size).toBe(SEATS);
    expect(new Set(seats.map((s) => s.token)).size).toBe(SEATS);

    const thumbprints: string[] = [];
    const keys: string[] = [];
    for (const s of seats) {
      // The seat admin: a user of this tenant only, its own account named after the seat's domain, Global
      // Administrator here, and no password that signs in (trainees come in by join code or seat link).
      const admin = await t.db.user.findUniqueOrThrow({ where: { id: s.adminUserId } });
      expect(admin.tenantId).toBe(s.tenantId);
      expect(admin.userPrincipalName).toBe(`admin@${s.domain}`);
      expect(await t.db.user.count({ where: { accountId: admin.accountId } })).toBe(1);
      const account = await t.db.account.findUniqueOrThrow({ where: { id: admin.accountId! } });
      expect(account.signInName).toBe(`admin@${s.domain}`);
      expect(account.passwordHash).toBe(NO_PASSWORD);
      const roles = await t.db.roleAssignment.findMany({ where: { principalId: admin.id } });
      expect(roles.map((r) => [r.tenantId, r.roleDefinitionId])).toEqual([[s.tenantId, ROLE_IDS.globalAdministrator]]);
      const seatRow = await t.db.workshopSeat.findUniqueOrThrow({ where: { id: s.seatId } });
      expect(seatRow).toMatchObject({ workshopId: w.id, tenantId: s.tenantId, adminUserId: s.adminUserId, seatNumber: s.seatNumber });

      // The scenario is loaded into this tenant: its active scenario and the fault's finding.
      expect((await t.db.activeScenario.findUniqueOrThrow({ where: { tenantId: s.tenantId } })).scenarioId).toBe(SCENARIO.id);
      expect(findingsFor(await tenantSnapshot(t.db, s.tenantId)).map((f) => f.code)).toContain(CODE);

      // Its own CAs, each with its own key pair.
      const cas = await t.db.labObject.findMany({ where: { tenantId: s.tenantId, kind: "ca" } });
      expect(cas.length).toBe(2);
      for (const row of cas) {
        const ca = JSON.parse(row.data) as { material: { info: { thumbprint: string }; privateKeyPkcs8Pem: string } };
        thumbprints.push(ca.material.info.thumbprint);
        keys.push(ca.material.privateKeyPkcs8Pem);
      }
      // The servers' certificates (the RA and IIS certificates) with their own private keys.
      for (const row of await t.db.labObject.findMany({ where: { tenantId: s.tenantId, kind: "server" } })) {
        const server = JSON.parse(row.data) as { privateKeys?: Record<string, string> };
        for (const [thumb, pem] of Object.entries(server.privateKeys ?? {})) {
          thumbprints.push(thumb);
          keys.push(pem);
        }
      }

      // The complete setup's own accounts (the Intune and application admins): no hash of a password nobody knows.
      const others = await t.db.user.findMany({ where: { tenantId: s.tenantId, id: { not: s.adminUserId } }, include: { account: true } });
      expect(others.length).toBeGreaterThan(0);
      for (const u of others) expect(u.account?.passwordHash).toBe(UNKNOWN_PASSWORD_HASH);
    }
    expect(keys.length).toBeGreaterThanOrEqual(SEATS * 5);
    expect(new Set(thumbprints).size).toBe(thumbprints.length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("a setup account refuses every password until an admin resets it, then signs in", async () => {
    const seat = provisioned[0]!;
    const added = await t.db.user.findFirstOrThrow({ where: { tenantId: seat.tenantId, id: { not: seat.adminUserId } }, include: { account: true } });
    expect(added.account?.passwordHash).toBe(UNKNOWN_PASSWORD_HASH);
    const guess = await request(t.app).post("/api/session").send({ username: added.userPrincipalName, password: "Cl-anything-9a" });
    expect(guess.status).toBe(401);
    // The seat's admin resets it (what the trainee does in Entra › Users › Reset password).
    const password = "Reset-Passw0rd!";
    await new UsersStore(t.db, await seatPrincipal(t.db, seat), "test").update(added.id, { passwordProfile: { password, forceChangePasswordNextSignIn: false } });
    const signedIn = await signIn(t.app, added.userPrincipalName, password);
    expect(signedIn.session.user.id).toBe(added.id);
    expect(signedIn.session.tenant.id).toBe(seat.tenantId);
  });

  it("a scenario that doesn't load stops the seats; removing the made tenants leaves nothing behind", { timeout: 120_000 }, async () => {
    const broken = structuredClone(SCENARIO);
    broken.faults[0]!.patch = [{ op: "test", path: "/lab/forest/name", value: "not-the-forest" }, ...broken.faults[0]!.patch];
    const w = await workshopRow("Broken", broken, 4, "ACDEFGJ");
    const tenantsBefore = await t.db.tenant.count();
    const accountsBefore = await t.db.account.count();
    const created: SeatTenant[] = [];
    await expect(provisionSeats(t.db, w, broken, "test", created, 2)).rejects.toMatchObject({ kind: "badRequest" });
    // At most one seat per worker was started: none after the first failure.
    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThanOrEqual(2);
    expect(await t.db.workshopSeat.count({ where: { workshopId: w.id } })).toBe(0);
    await deleteSeatTenants(t.db, created);
    expect(await t.db.tenant.count()).toBe(tenantsBefore);
    expect(await t.db.account.count()).toBe(accountsBefore);
    for (const c of created) expect(await t.db.labObject.count({ where: { tenantId: c.tenantId } })).toBe(0);
  });
});
