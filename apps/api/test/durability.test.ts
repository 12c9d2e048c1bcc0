// Durability (issue 9 §3): the real server (apps/api/src/server.ts, as npm start runs it) as a child process, four
// clients writing in a loop, SIGKILL mid-stream, a restart on the same database. Every write the server
// acknowledged is there afterwards (a created group, the last acknowledged title of a user), nothing is half
// written (each group has exactly its "Add group" audit record, as the one transaction wrote them), and the
// database is consistent (SQLite: WAL mode, PRAGMA integrity_check and foreign_key_check). SQLite by default;
// PostgreSQL when CERTLAB_TEST_DATABASE_URL is set (the harness hands out a fresh database on either).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.ts";
import { createTestApp, PASSWORD, users, type TestApp } from "./harness.ts";
import { GRAPH, newGroupBody } from "./helpers.ts";

type Api = { base: string; proc: ChildProcess; log: string[] };
let db: TestApp;
const started: Api[] = [];

function startServer(databaseUrl: string): Promise<Api> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/server.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HTTPS_PORT: "off", HOST: "127.0.0.1", CERTLAB_DEMO_PASSWORD: PASSWORD, CERTLAB_WORKERS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const api = new Promise<Api>((resolve, reject) => {
    proc.stdout!.on("data", (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = log.join("").match(/Certlab is serving http:\/\/localhost:(\d+)/);
      if (m) resolve({ base: `http://127.0.0.1:${m[1]}`, proc, log });
    });
    proc.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
    proc.on("exit", (code, signal) => reject(new Error(`API process exited (${code ?? signal}) before serving:\n${log.join("")}`)));
  });
  return api.then((a) => (started.push(a), a));
}

function kill(api: Api): Promise<void> {
  if (api.proc.exitCode !== null || api.proc.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => api.proc.once("exit", () => r()));
  api.proc.kill("SIGKILL");
  return exited;
}

async function json(res: Response): Promise<Record<string, any>> {
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

async function bearer(api: Api): Promise<string> {
  const login = await fetch(`${api.base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: users.admin.upn, password: PASSWORD }) });
  expect(login.status).toBe(200);
  const session = await json(login);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const tok = await fetch(`${api.base}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": session.csrfToken }, body: JSON.stringify({ displayName: "durability", expiresInDays: 1 }) });
  expect(tok.status).toBe(201);
  return (await json(tok)).token as string;
}

beforeAll(async () => {
  // A migrated, empty database; the server seeds it on its first start.
  db = await createTestApp({ seed: false });
}, 60_000);
afterAll(async () => {
  for (const a of started) await kill(a);
  await db?.close();
});

describe("SIGKILL while clients write, then a restart on the same database", () => {
  it("every acknowledged write is there and the database is consistent", { timeout: 180_000 }, async () => {
    const first = await startServer(db.databaseUrl);
    const auth = { authorization: `Bearer ${await bearer(first)}`, "content-type": "application/json" };
    const ackedGroups: string[] = [];
    let ackedTitle = -1;
    let killing: Promise<void> | undefined;
    let failures = 0;
    const KILL_AFTER = 60;

    // Three clients create groups, one PATCHes a user's title with an increasing number; the server is killed
    // (from inside the loop, so requests are in flight) once KILL_AFTER writes are acknowledged.
    const creator = async (w: number) => {
      for (let i = 0; failures < 20; i++) {
        try {
          const res = await fetch(`${first.base}${GRAPH}/groups`, { method: "POST", headers: auth, body: JSON.stringify(newGroupBody(`Durable ${w}-${i}`)) });
          if (res.status !== 201) throw new Error(`status ${res.status}`);
          ackedGroups.push((await json(res)).id as string);
        } catch {
          failures++;
          if (!killing) throw new Error("a write failed before the kill");
        }
        if (!killing && ackedGroups.length + ackedTitle + 1 >= KILL_AFTER) killing = kill(first);
      }
    };
    const titler = async () => {
      for (let n = 0; failures < 20; n++) {
        try {
          const res = await fetch(`${first.base}${GRAPH}/users/${users.reader.id}`, { method: "PATCH", headers: auth, body: JSON.stringify({ jobTitle: `Title ${n}` }) });
          if (res.status !== 204) throw new Error(`status ${res.status}`);
          ackedTitle = n;
        } catch {
          failures++;
          if (!killing) throw new Error("a write failed before the kill");
        }
      }
    };
    await Promise.all([creator(1), creator(2), creator(3), titler()]);
    await killing;
    expect(first.proc.signalCode).toBe("SIGKILL");
    expect(ackedGroups.length).toBeGreaterThan(10);
    expect(ackedTitle).toBeGreaterThan(3);

    const second = await startServer(db.databaseUrl);
    for (const id of ackedGroups) {
      const res = await fetch(`${second.base}${GRAPH}/groups/${id}`, { headers: auth });
      expect(res.status, `acknowledged group ${id} after the restart`).toBe(200);
    }
    // The last acknowledged title, or one a request in flight at the kill wrote after it: never an older one.
    const reader = await json(await fetch(`${second.base}${GRAPH}/users/${users.reader.id}`, { headers: auth }));
    expect(Number(String(reader.jobTitle).replace("Title ", ""))).toBeGreaterThanOrEqual(ackedTitle);
    // Writes work again.
    expect((await fetch(`${second.base}${GRAPH}/groups`, { method: "POST", headers: auth, body: JSON.stringify(newGroupBody("Durable after restart")) })).status).toBe(201);

    // Nothing half-written: each Durable group (acknowledged or not) has exactly its one "Add group" record.
    const groups = await db.db.group.findMany({ where: { displayName: { startsWith: "Durable " } }, select: { id: true } });
    const audits = await db.db.auditLog.findMany({ where: { activityDisplayName: "Add group" }, select: { targetResources: true } });
    const audited = audits.flatMap((a) => (JSON.parse(a.targetResources) as { id: string }[]).map((r) => r.id));
    expect(groups.length).toBeGreaterThanOrEqual(ackedGroups.length + 1);
    for (const g of groups) expect(audited.filter((id) => id === g.id), `audit records of ${g.id}`).toHaveLength(1);
    expect(audited.filter((id) => !groups.some((g) => g.id === id))).toEqual([]);

    if (!/^postgres(ql)?:/.test(db.databaseUrl)) {
      expect(await db.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      expect(await db.db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await db.db.$queryRawUnsafe<unknown[]>("PRAGMA foreign_key_check")).toEqual([]);
    }
  });
});
