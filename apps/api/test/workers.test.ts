// `npm start -- --workers N` (apps/api/src/server.ts): one primary migrates and seeds, N worker processes share
// the port, any of them serves a session another started, and a worker that dies is replaced while the others
// keep answering. On the test database of the run (SQLite by default, PostgreSQL with CERTLAB_TEST_DATABASE_URL).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.ts";
import { createTestApp, PASSWORD, users, type TestApp } from "./harness.ts";

let db: TestApp;
let proc: ChildProcess;
const log: string[] = [];
let base = "";

const WORKER_LINE = /Certlab is serving http:\/\/localhost:(\d+) \(database: [^)]+\) \[worker (\d+) pid (\d+)\]/g;
const workerPids = () => [...log.join("").matchAll(WORKER_LINE)].map((m) => Number(m[3]));

async function until(what: string, ok: () => boolean, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${log.join("")}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${log.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  db = await createTestApp({ seed: false });
  proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/server.ts"), "--workers", "2"], {
    cwd: repoRoot,
    // HTTP only, so the test never competes for the default HTTPS port (HTTPS_PORT, issue 10).
    env: { ...process.env, DATABASE_URL: db.databaseUrl, PORT: "0", HTTPS_PORT: "off", HOST: "127.0.0.1", CERTLAB_DEMO_PASSWORD: PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (c: Buffer) => log.push(c.toString()));
  proc.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
  await until("two workers", () => workerPids().length >= 2);
  const port = [...log.join("").matchAll(WORKER_LINE)][0]![1];
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await exited;
  }
  await db?.close();
});

describe("npm start -- --workers 2", () => {
  it("runs two worker processes besides the primary, on one port", () => {
    const pids = workerPids();
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(proc.pid);
    expect(new Set([...log.join("").matchAll(WORKER_LINE)].map((m) => m[1])).size).toBe(1);
    expect(log.join("")).toContain("Starting 2 API worker processes on one port");
  });

  it("serves a signed-in session on every connection, and replaces a worker that dies", async () => {
    const signIn = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: users.admin.upn, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    // Fresh connections (no keep-alive), so the operating system hands them to either worker.
    const ask = () => fetch(`${base}/graph/v1.0/me`, { headers: { cookie, connection: "close" } });
    for (let i = 0; i < 10; i++) expect((await ask()).status).toBe(200);

    const [victim] = workerPids();
    process.kill(victim!, "SIGKILL");
    await until("a replacement worker", () => workerPids().length >= 3);
    expect(log.join("")).toMatch(new RegExp(`API worker ${victim} exited \\(SIGKILL\\); starting another`));
    for (let i = 0; i < 10; i++) expect((await ask()).status).toBe(200);
  });
});
