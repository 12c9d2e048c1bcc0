// API test harness: a fresh database per test file (a copy of the migrated template), the demo
// directories seeded, and helpers that sign in the way the portal and scripts do.
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import request, { type Response, type Test } from "supertest";
import { expect, inject } from "vitest";
import type { Express } from "express";
import { createApp } from "../src/app.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { repoRoot } from "../src/paths.ts";
import { DEMO, seedDemo } from "../src/seed/demo.ts";

export { DEMO };
export const PASSWORD = "Test-Passw0rd!";

export interface TestApp {
  app: Express;
  db: Db;
  databaseUrl: string;
  close(): Promise<void>;
}

async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject("certlabTemplate");
  const name = `certlab_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  if (template.kind === "postgres") {
    const adminUrl = template.adminUrl;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const file = path.join(template.dir, `${name}.db`);
  copyFileSync(template.file, file);
  return {
    url: `file:${file}`,
    drop: async () => {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

export async function createTestApp(opts: { seed?: boolean; onQuery?: (sql: string) => void } = {}): Promise<TestApp> {
  const { url, drop } = await freshDatabaseUrl();
  const db = await createDb(url, { onQuery: opts.onQuery });
  if (opts.seed !== false) await seedDemo(db, PASSWORD);
  const app = createApp({ db, databaseUrl: url, webRoot: path.join(repoRoot, ".tmp/no-web") });
  return {
    app,
    db,
    databaseUrl: url,
    close: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}

/** Signs in through POST /api/session; returns an agent carrying the cookie and the CSRF token. */
export async function signIn(app: Express, username: string, password = PASSWORD) {
  const agent = request.agent(app);
  const res = await agent.post("/api/session").send({ username, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrf: res.body.csrfToken as string, session: res.body };
}

/** A personal API token for the user, for Authorization: Bearer calls. */
export async function bearerFor(app: Express, username: string): Promise<string> {
  const { agent, csrf } = await signIn(app, username);
  const res = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "tests", expiresInDays: 1 });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const users = DEMO.contoso.users;

/** A signed-in caller (signIn's answer). */
export type Agent = Awaited<ReturnType<typeof signIn>>;

/** Awaits the request and asserts its status, showing the body when it differs; answers the response. */
export async function expectStatus(req: Test, status = 200): Promise<Response> {
  const res = await req;
  expect(res.status, `${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`).toBe(status);
  return res;
}

/** Contoso's admin, switched into Fabrikam, where the demo admin is a guest Global Administrator. */
export async function signInFabrikamAdmin(app: Express): Promise<Agent> {
  const a = await signIn(app, users.admin.upn);
  await expectStatus(a.agent.post("/api/session/switch").set("X-CSRF-Token", a.csrf).send({ tenantId: DEMO.fabrikam.tenantId }));
  return a;
}
