// Sign-in throttling like Entra smart lockout (packages/domain/src/directory/smart-lockout.ts): after the
// threshold of wrong passwords for one sign-in name, the portal sign-in and the token endpoint answer 429 with
// Retry-After (Graph's error body / AADSTS50053), a correct password is refused until the lockout ends, and
// the count is kept in the database, so two app instances on one database (two API processes) share it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { SMART_LOCKOUT } from "@certlab/domain/directory/smart-lockout";
import { createApp } from "../src/app.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { lockoutKey } from "../src/auth/lockout.ts";
import type { Express } from "express";
import { bearerFor, createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newUserBody, strongPassword } from "./helpers.ts";

let t: TestApp;
let otherDb: Db;
let otherApp: Express;
let admin: string;
const N = SMART_LOCKOUT.threshold;

beforeAll(async () => {
  t = await createTestApp();
  // A second app on its own database client: what a second API process is.
  otherDb = await createDb(t.databaseUrl);
  otherApp = createApp({ db: otherDb, databaseUrl: t.databaseUrl, webRoot: "/nonexistent" });
  admin = `Bearer ${await bearerFor(t.app, users.admin.upn)}`;
});
afterAll(async () => {
  await otherDb.$disconnect();
  await t.close();
});

/** A fresh user with a known password, so each test locks its own account. */
async function newAccount(alias: string): Promise<{ upn: string; password: string }> {
  const password = strongPassword();
  const body = newUserBody(`${alias}-${Math.random().toString(36).slice(2, 8)}`, DEMO.contoso.domain, password);
  const res = await request(t.app).post(`${GRAPH}/users`).set("Authorization", admin).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { upn: body.userPrincipalName, password };
}

const portal = (app: Express, username: string, password: string) => request(app).post("/api/session").send({ username, password });
const tokenEndpoint = (app: Express, username: string, password: string) =>
  request(app).post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send({
    grant_type: "password",
    client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    username,
    password,
    scope: "https://graph.microsoft.com/.default",
  });

function expectLocked(res: request.Response, maxSeconds: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

/** Lets the lockout end, as waiting would (the clock is the database's lockedUntil). */
async function endLockout(upn: string): Promise<void> {
  await t.db.signInLockout.update({ where: { signInName: lockoutKey(upn) }, data: { lockedUntil: new Date(Date.now() - 1000) } });
}

describe("smart lockout", () => {
  it(`after ${N} wrong passwords the portal answers 429 with Retry-After, even to the right password, until the lockout ends`, async () => {
    const { upn, password } = await newAccount("lock-portal");
    for (let i = 0; i < N; i++) expectGraphError(await portal(t.app, upn, "Wrong-Passw0rd!"), 401, { code: "InvalidCredentials" });
    const refused = await portal(t.app, upn, password);
    expectLocked(refused, SMART_LOCKOUT.durationSeconds);
    expectGraphError(refused, 429, { code: "AccountLocked", message: "Your account is locked" });
    expect(refused.headers["set-cookie"]).toBeUndefined();
    // The token endpoint refuses it too, in the AADSTS shape.
    const token = await tokenEndpoint(t.app, upn, password);
    expectLocked(token, SMART_LOCKOUT.durationSeconds);
    expect(token.body).toMatchObject({ error: "invalid_grant", error_codes: [50053] });
    expect(token.body.error_description).toMatch(/^AADSTS50053: Your account is locked/);
    expect(token.body.access_token).toBeUndefined();

    await endLockout(upn);
    expect((await portal(t.app, upn, password)).status).toBe(200);
    // A success starts the count afresh: one more wrong password is a plain 401, not a lockout.
    expectGraphError(await portal(t.app, upn, "Wrong-Passw0rd!"), 401);
    expect((await portal(t.app, upn, password)).status).toBe(200);
  });

  it("counts failures on the token endpoint and the portal together; a repeated lockout lasts longer", async () => {
    const { upn, password } = await newAccount("lock-token");
    for (let i = 0; i < N; i++) {
      const res = i % 2 ? await portal(t.app, upn, "Wrong-Passw0rd!") : await tokenEndpoint(t.app, upn, "Wrong-Passw0rd!");
      expect(res.status).toBe(i % 2 ? 401 : 400);
    }
    expectLocked(await tokenEndpoint(t.app, upn, password), SMART_LOCKOUT.durationSeconds);
    await endLockout(upn);
    // Ten more failures without a success in between: the second lockout is longer than the first.
    for (let i = 0; i < N; i++) expect((await tokenEndpoint(t.app, upn, "Wrong-Passw0rd!")).status).toBe(400);
    const second = await tokenEndpoint(t.app, upn, password);
    expectLocked(second, 2 * SMART_LOCKOUT.durationSeconds);
    expect(Number(second.headers["retry-after"])).toBeGreaterThan(SMART_LOCKOUT.durationSeconds);
  });

  it("is shared by two app instances on one database (two API processes)", async () => {
    const { upn, password } = await newAccount("lock-shared");
    for (let i = 0; i < N; i++) expect((await portal(i % 2 ? otherApp : t.app, upn, "Wrong-Passw0rd!")).status).toBe(401);
    expectLocked(await portal(otherApp, upn, password), SMART_LOCKOUT.durationSeconds);
    expectLocked(await portal(t.app, upn, password), SMART_LOCKOUT.durationSeconds);
  });

  it("locks names without an account the same way (no account enumeration), and leaves other accounts alone", async () => {
    const ghost = `nobody-${Date.now()}@contoso.onmicrosoft.com`;
    for (let i = 0; i < N; i++) expect((await portal(t.app, ghost, "Wrong-Passw0rd!")).status).toBe(401);
    expectLocked(await portal(t.app, ghost, "Wrong-Passw0rd!"), SMART_LOCKOUT.durationSeconds);
    expect((await portal(t.app, users.reader.upn, PASSWORD)).status).toBe(200);
    expect((await tokenEndpoint(t.app, users.reader.upn, PASSWORD)).status).toBe(200);
  });

  it("fewer failures than the threshold never lock, and the name is matched case-insensitively", async () => {
    const { upn, password } = await newAccount("lock-case");
    for (let i = 0; i < N - 1; i++) expect((await portal(t.app, i % 2 ? upn.toUpperCase() : upn, "Wrong-Passw0rd!")).status).toBe(401);
    expect((await portal(t.app, upn, password)).status).toBe(200);
    for (let i = 0; i < N; i++) expect((await portal(t.app, i % 2 ? upn.toUpperCase() : ` ${upn}`, "Wrong-Passw0rd!")).status).toBe(401);
    expectLocked(await portal(t.app, upn, password), SMART_LOCKOUT.durationSeconds);
  });
});
