// The stamped caches (apps/api/src/db/stamped-cache.ts: principals and Graph list pages, kept while the database's
// data version is unchanged) across two API processes on one database (issue 9): this test's own app (A) and a real
// server process (B) on its database. B caches a token's principal and a page of /users, A revokes the token, renames
// a user, signs a session out, removes a role; B refuses or answers the change on its very next request, with no
// delay to wait for. On the test database of the run (SQLite by
// default, where the caches are on; PostgreSQL with CERTLAB_TEST_DATABASE_URL, where nothing is cached and the same
// answers must hold).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { repoRoot } from "../src/paths.ts";
import { createTestApp, PASSWORD, users, type TestApp } from "./harness.ts";
import { newUserBody } from "./helpers.ts";

type Api = { base: string; proc?: ChildProcess; log?: string[] };
let db: TestApp;
/** This test process's own app (its caches, its connections). */
let A: Api;
let aServer: Server;
/** A real API process (apps/api/src/server.ts) on the same database. */
let B: Api;

function startServer(databaseUrl: string): Promise<Api> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/server.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HTTPS_PORT: "off", HOST: "127.0.0.1", CERTLAB_DEMO_PASSWORD: PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = log.join("").match(/Certlab is serving http:\/\/localhost:(\d+)/);
      if (m) resolve({ base: `http://127.0.0.1:${m[1]}`, proc, log });
    });
    proc.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
    proc.on("exit", (code) => reject(new Error(`API process exited with ${code}:\n${log.join("")}`)));
  });
}

async function call(api: Api, method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${api.base}${url}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

async function portalSignIn(api: Api, username: string) {
  const res = await call(api, "POST", "/api/session", { body: { username, password: PASSWORD } });
  expect(res.status, res.text).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { cookie, "x-csrf-token": res.body.csrfToken as string };
}

/** Calls `url` on `api` until two answers in a row are identical (the second one then came from B's caches). */
async function warm(api: Api, url: string, headers: Record<string, string>) {
  let last = await call(api, "GET", url, { headers });
  for (let i = 0; i < 3; i++) {
    const next = await call(api, "GET", url, { headers });
    if (next.status === last.status && next.text === last.text) return next;
    last = next;
  }
  return last;
}

describe("two API processes with stamped caches", () => {
  beforeAll(async () => {
    // B migrates (nothing to do) and seeds the demo directories, as npm start does; then A serves the same file.
    db = await createTestApp({ seed: false });
    B = await startServer(db.databaseUrl);
    aServer = createServer(db.app);
    await new Promise<void>((resolve) => aServer.listen(0, "127.0.0.1", resolve));
    A = { base: `http://127.0.0.1:${(aServer.address() as AddressInfo).port}` };
  }, 120_000);
  afterAll(async () => {
    if (B?.proc && B.proc.exitCode === null) {
      const exited = new Promise((r) => B.proc!.once("exit", r));
      B.proc.kill("SIGTERM");
      await exited;
    }
    if (aServer) await new Promise((r) => aServer.close(r));
    await db?.close();
  });

  it("a token revoked on A is refused on B on the next request, after B served it from its cache", async () => {
    const s = await portalSignIn(A, users.reader.upn);
    const created = await call(A, "POST", "/api/tokens", { headers: s, body: { displayName: "two processes, cached", expiresInDays: 1 } });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    expect((await warm(B, "/graph/v1.0/me", bearer)).status).toBe(200);
    expect((await call(A, "DELETE", `/api/tokens/${created.body.id as string}`, { headers: s })).status).toBe(204);
    const refused = await call(B, "GET", "/graph/v1.0/me", { headers: bearer });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("InvalidAuthenticationToken");
  });

  it("a page of /users cached on B shows a rename made on A on the next request", async () => {
    const s = await portalSignIn(A, users.admin.upn);
    const bearer = { authorization: `Bearer ${(await call(A, "POST", "/api/tokens", { headers: s, body: { displayName: "list", expiresInDays: 1 } })).body.token as string}` };
    const url = "/graph/beta/users?$top=100";
    const before = await warm(B, url, bearer);
    expect(before.status).toBe(200);
    const victim = before.body.value.find((u: { id: string }) => u.id === users.reader.id) as { displayName: string };
    const current = await call(A, "GET", `/graph/beta/users/${users.reader.id}`, { headers: bearer });
    const renamed = `${victim.displayName} (renamed on A)`;
    expect((await call(A, "PATCH", `/graph/beta/users/${users.reader.id}`, { headers: { ...bearer, "if-match": current.headers.get("etag")! }, body: { displayName: renamed } })).status).toBe(204);
    const after = await call(B, "GET", url, { headers: bearer });
    expect(after.body.value.find((u: { id: string }) => u.id === users.reader.id)?.displayName).toBe(renamed);
  });

  it("a session signed out on A is refused on B, and a role removed on A is denied on B", async () => {
    const session = await portalSignIn(A, users.reader.upn);
    expect((await warm(B, "/api/session", session)).status).toBe(200);
    expect((await call(A, "DELETE", "/api/session", { headers: session })).status).toBe(204);
    expect((await call(B, "GET", "/api/session", { headers: session })).status).toBe(401);

    const admin = await portalSignIn(A, users.admin.upn);
    const reader = await portalSignIn(B, users.reader.upn);
    const assignment = await call(A, "POST", "/graph/v1.0/roleManagement/directory/roleAssignments", {
      headers: admin,
      body: { principalId: users.reader.id, roleDefinitionId: ROLE_IDS.globalAdministrator, directoryScopeId: "/" },
    });
    expect(assignment.status).toBe(201);
    expect((await warm(B, "/graph/v1.0/me", reader)).status).toBe(200);
    expect((await call(B, "POST", "/graph/v1.0/users", { headers: reader, body: newUserBody(`spc-${Date.now()}`) })).status).toBe(201);
    expect((await call(A, "DELETE", `/graph/v1.0/roleManagement/directory/roleAssignments/${assignment.body.id as string}`, { headers: admin })).status).toBe(204);
    expect((await call(B, "POST", "/graph/v1.0/users", { headers: reader, body: newUserBody(`spc-${Date.now()}-2`) })).status).toBe(403);
  });
});
