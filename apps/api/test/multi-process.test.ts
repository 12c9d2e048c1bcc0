// Two real API processes on one PostgreSQL database (issue 9): requests alternate between them and everything
// a user notices is the same as with one process — a session started on one works on the other, writes on one
// are read on the other, a stale ETag from one is refused by the other (412), a token revoked or a session
// signed out on one is refused by the other on the very next request (nothing about a principal is cached in a
// process), tokens from one process's token endpoint verify on the other (the signing keys are in the database),
// and the sign-in lockout counts failures on both together. Runs only with CERTLAB_TEST_DATABASE_URL set.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { SMART_LOCKOUT } from "@certlab/domain/directory/smart-lockout";
import { repoRoot } from "../src/paths.ts";
import { createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { newGroupBody, newUserBody, strongPassword } from "./helpers.ts";

const enabled = Boolean(process.env.CERTLAB_TEST_DATABASE_URL);

type Api = { base: string; proc: ChildProcess; log: string[] };
let db: TestApp;
let A: Api;
let B: Api;

function startServer(databaseUrl: string): Promise<Api> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/server.ts")], {
    cwd: repoRoot,
    // HTTP only: two processes must not both try to bind the default HTTPS port (HTTPS_PORT, issue 10).
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HTTPS_PORT: "off", HOST: "127.0.0.1", CERTLAB_DEMO_PASSWORD: PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = log.join("").match(/Certlab is serving http:\/\/localhost:(\d+)/);
      if (m) resolve({ base: `http://127.0.0.1:${m[1]}`, proc, log });
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
    proc.on("exit", (code) => reject(new Error(`API process exited with ${code}:\n${log.join("")}`)));
  });
}

async function call(api: Api, method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${api.base}${url}`, { method, headers, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: json as Record<string, any> };
}

async function portalSignIn(api: Api, username: string, password = PASSWORD) {
  const res = await call(api, "POST", "/api/session", { body: { username, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { cookie, csrf: res.body.csrfToken as string, headers: { cookie, "x-csrf-token": res.body.csrfToken as string } };
}

async function jwtFrom(api: Api, username: string) {
  const res = await call(api, "POST", `/${DEMO.contoso.tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "password", client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", username, password: PASSWORD, scope: "https://graph.microsoft.com/.default" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { authorization: `Bearer ${res.body.access_token as string}` };
}

describe.skipIf(!enabled)("two API processes on one PostgreSQL database", () => {
  beforeAll(async () => {
    // A fresh migrated database; the two processes start at the same moment and seed it once between them.
    db = await createTestApp({ seed: false });
    [A, B] = await Promise.all([startServer(db.databaseUrl), startServer(db.databaseUrl)]);
  }, 120_000);
  afterAll(async () => {
    for (const api of [A, B]) {
      if (!api || api.proc.exitCode !== null) continue;
      const exited = new Promise((r) => api.proc.once("exit", r));
      api.proc.kill("SIGTERM");
      await exited;
    }
    await db?.close();
  });

  it("are two processes, both serving the seeded directories", async () => {
    expect(A.proc.pid).not.toBe(B.proc.pid);
    expect(A.base).not.toBe(B.base);
    for (const api of [A, B]) expect((await call(api, "GET", "/api/healthz")).body).toEqual({ status: "ok", database: "postgresql" });
    expect(await db.db.tenant.count({ where: { id: DEMO.contoso.tenantId } })).toBe(1);
  });

  it("a session started on one works on the other, and writes on one are read on the other", async () => {
    const s = await portalSignIn(A, users.admin.upn);
    const me = await call(B, "GET", "/api/session", { headers: s.headers });
    expect(me.status).toBe(200);
    expect(me.body.user.userPrincipalName).toBe(users.admin.upn);
    const created = await call(B, "POST", "/graph/v1.0/groups", { headers: s.headers, body: newGroupBody(`Two processes ${Date.now()}`) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await call(A, "GET", `/graph/v1.0/groups/${created.body.id as string}`, { headers: s.headers });
    expect(read.status).toBe(200);
    expect(read.body.displayName).toBe(created.body.displayName);
  });

  it("If-Match: a change on one makes the other refuse the old ETag with 412", async () => {
    const admin = await jwtFrom(A, users.admin.upn);
    const group = await call(A, "POST", "/graph/v1.0/groups", { headers: admin, body: newGroupBody(`Etag ${Date.now()}`) });
    const etag = group.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await call(B, "PATCH", `/graph/v1.0/groups/${group.body.id as string}`, { headers: { ...admin, "if-match": etag }, body: { description: "from B" } })).status).toBe(204);
    const stale = await call(A, "PATCH", `/graph/v1.0/groups/${group.body.id as string}`, { headers: { ...admin, "if-match": etag }, body: { description: "from A" } });
    expect(stale.status).toBe(412);
    expect((await call(A, "GET", `/graph/v1.0/groups/${group.body.id as string}`, { headers: admin })).body.description).toBe("from B");
  });

  it("a token revoked on one is refused on the other on the next request; a JWT from one verifies on the other", async () => {
    const s = await portalSignIn(B, users.reader.upn);
    const created = await call(B, "POST", "/api/tokens", { headers: s.headers, body: { displayName: "two processes", expiresInDays: 1 } });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    expect((await call(A, "GET", "/graph/v1.0/me", { headers: bearer })).status).toBe(200);
    expect((await call(B, "GET", "/graph/v1.0/me", { headers: bearer })).status).toBe(200);
    expect((await call(A, "DELETE", `/api/tokens/${created.body.id as string}`, { headers: s.headers })).status).toBe(204);
    expect((await call(B, "GET", "/graph/v1.0/me", { headers: bearer })).status).toBe(401);
    expect((await call(A, "GET", "/graph/v1.0/me", { headers: bearer })).status).toBe(401);

    const jwt = await jwtFrom(B, users.reader.upn);
    expect((await call(A, "GET", "/graph/v1.0/me", { headers: jwt })).body.userPrincipalName).toBe(users.reader.upn);
  });

  it("a session signed out on one is refused by the other", async () => {
    const s = await portalSignIn(A, users.reader.upn);
    expect((await call(B, "GET", "/api/session", { headers: s.headers })).status).toBe(200);
    expect((await call(B, "DELETE", "/api/session", { headers: s.headers })).status).toBe(204);
    expect((await call(A, "GET", "/api/session", { headers: s.headers })).status).toBe(401);
  });

  it("a role removed through one is withdrawn on the other on the next request", async () => {
    const admin = await jwtFrom(A, users.admin.upn);
    const reader = await jwtFrom(B, users.reader.upn);
    const assignment = await call(A, "POST", "/graph/v1.0/roleManagement/directory/roleAssignments", {
      headers: admin,
      body: { principalId: users.reader.id, roleDefinitionId: ROLE_IDS.globalAdministrator, directoryScopeId: "/" },
    });
    expect(assignment.status).toBe(201);
    expect((await call(B, "POST", "/graph/v1.0/users", { headers: reader, body: newUserBody(`mp-${Date.now()}`) })).status).toBe(201);
    expect((await call(A, "DELETE", `/graph/v1.0/roleManagement/directory/roleAssignments/${assignment.body.id as string}`, { headers: admin })).status).toBe(204);
    expect((await call(B, "POST", "/graph/v1.0/users", { headers: reader, body: newUserBody(`mp-${Date.now()}-2`) })).status).toBe(403);
  });

  it("wrong passwords on both processes add up to one smart lockout", async () => {
    const admin = await jwtFrom(A, users.admin.upn);
    const password = strongPassword();
    const body = newUserBody(`mp-lock-${Date.now()}`, DEMO.contoso.domain, password);
    expect((await call(A, "POST", "/graph/v1.0/users", { headers: admin, body })).status).toBe(201);
    for (let i = 0; i < SMART_LOCKOUT.threshold; i++) {
      expect((await call(i % 2 ? A : B, "POST", "/api/session", { body: { username: body.userPrincipalName, password: "Wrong-Passw0rd!" } })).status).toBe(401);
    }
    for (const api of [A, B]) {
      const res = await call(api, "POST", "/api/session", { body: { username: body.userPrincipalName, password } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});

describe.runIf(enabled)("starting while another process migrates", () => {
  it("waits for the other process's migration lock past Prisma's 10 s instead of failing the start", async () => {
    const t = await createTestApp({ seed: false });
    const pg = (await import("pg")).default;
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // The lock `prisma migrate deploy` takes (its advisory lock key), held as a slow deploy of another process would.
      await holder.query("SELECT pg_advisory_lock(72707369)");
      const deploy = spawn(process.execPath, [path.join(repoRoot, "scripts/prisma.mjs"), "deploy"], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: t.databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
      let err = "";
      deploy.stderr!.on("data", (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((r) => deploy.once("exit", r));
      // Longer than the 10 s Prisma waits for the lock (measured: a wait of 13 s can still get it in one try).
      await new Promise((r) => setTimeout(r, 25_000));
      await holder.query("SELECT pg_advisory_unlock(72707369)");
      expect(await exited).toBe(0);
      expect(err).toMatch(/another process holds the migration lock; waiting again/);
    } finally {
      await holder.end();
      await t.close();
    }
  }, 90_000);
});
