// npm run bench, (i) Workshops (issue 11 "Done means"): the time to create a 30-seat workshop (30 new tenants, the
// scenario loaded into each), then 30 scripted trainees at once against one server with the trainer's dashboard
// event stream open: each trainee reads its tasks (GET /api/workshop), changes a lab object (the scenario's fix, or
// undoing it: IIS_IUSRS membership on NDES01), and checks its objectives (GET /api/workshop) — p50/p95 latency over
// every trainee request, the error count (any non-2xx or network error; targets p95 < 100 ms, 0 errors), and the
// matrix events the dashboard received. Besides the creation's wall time it prints the server's CPU time for it (all
// threads: most of it is the seats' RSA key pairs, made on libuv's pool) and the load average, since on a shared
// machine the wall time says as much about the neighbours as about Certlab.
//
// Two processes, like the SCEP bench: this file forks itself with --serve (the server under test on a fresh bench
// database with the demo directories), and the parent is the trainer and the 30 trainees. Trainees pause a random
// 0.5–2 s between steps (a person reading and clicking, not a load generator); BENCH_WORKSHOP_ROUNDS sets the rounds per
// trainee (default 11, each round three requests; odd, so the last write is a fix).
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { percentiles, type Percentiles } from "./http.ts";

const here = fileURLToPath(import.meta.url);
const PASSWORD = "Bench-Passw0rd!";
/** Seats of the bench workshop (BENCH_WORKSHOP_SEATS, default 30: the issue's figure). */
export const WORKSHOP_SEATS = Number(process.env.BENCH_WORKSHOP_SEATS ?? 30);
const SCENARIO = "ndes-503-iis-iusrs";
const MEMBER = "CONTOSO\\svc-ndes";

type Target = { base: string; token: string };

// ---------------------------------------------------------------- server side (child process)

async function serve(): Promise<void> {
  const { createApp } = await import("../../apps/api/src/app.ts");
  const { createDb } = await import("../../apps/api/src/db/client.ts");
  const { migrate } = await import("../../apps/api/src/db/migrate.ts");
  const { repoRoot } = await import("../../apps/api/src/paths.ts");
  const { DEMO, seedDemo } = await import("../../apps/api/src/seed/demo.ts");
  const dir = path.join(repoRoot, ".tmp/bench-workshops");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`;
  migrate(databaseUrl);
  const db = await createDb(databaseUrl);
  await seedDemo(db, PASSWORD);
  const server = createServer(createApp({ db, databaseUrl, webRoot: path.join(dir, "no-web") }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password: PASSWORD }) });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const tok = await fetch(`${base}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken }, body: JSON.stringify({ displayName: "bench trainer", expiresInDays: 1 }) });
  const { token } = (await tok.json()) as { token: string };
  const stop = () => {
    server.closeAllConnections();
    server.close();
    void db.$disconnect().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  // The parent asks for this process's CPU time (every thread: the key pairs are made on libuv's pool) around steps.
  process.on("message", (m: unknown) => {
    if (m === "cpu") process.send?.({ cpu: process.cpuUsage() });
  });
  process.send?.({ ready: { base, token } satisfies Target });
}

// ---------------------------------------------------------------- client side (the bench)

export type WorkshopBench = {
  seats: number;
  createMs: number;
  /** The server's CPU time (all threads) spent while the workshop was created, and the 1-minute load average then. */
  createCpuMs: number;
  loadAverage: number;
  trainees: number;
  requests: number;
  errors: number;
  firstErrors: string[];
  latency: Percentiles;
  reads: Percentiles;
  writes: Percentiles;
  matrixEvents: number;
  passedCells: number;
  /** One trainee alone, the same steps, before the others start. */
  alone: { reads: Percentiles; writes: Percentiles };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server child's CPU time so far (user + system, every thread), in ms. */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: { cpu?: NodeJS.CpuUsage }) => {
      if (!m.cpu) return;
      child.off("message", on);
      resolve((m.cpu.user + m.cpu.system) / 1000);
    };
    child.on("message", on);
    child.send("cpu");
  });
}

export async function benchWorkshops(): Promise<WorkshopBench> {
  // BENCH_PROFILE=<dir>: the server process writes a V8 CPU profile of the whole run there.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child: ChildProcess = fork(here, ["--serve"], { execArgv: ["--import", "tsx", ...profile], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const target = await new Promise<Target>((resolve, reject) => {
    child.once("message", (m: { ready?: Target }) => (m.ready ? resolve(m.ready) : reject(new Error("workshop bench server: unexpected message"))));
    child.once("exit", (code) => reject(new Error(`workshop bench server exited with ${code}`)));
  });
  const { base, token } = target;
  const trainer = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let sse: http.ClientRequest | undefined;
  try {
    const loadAverage = loadavg()[0]!;
    const cpu0 = await serverCpuMs(child);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/workshops`, { method: "POST", headers: trainer, body: JSON.stringify({ name: "Bench workshop", scenarioId: SCENARIO, seats: WORKSHOP_SEATS, timeLimitMinutes: 120, hintPolicy: "on" }) });
    const createMs = performance.now() - t0;
    const createCpuMs = (await serverCpuMs(child)) - cpu0;
    const workshop = (await res.json()) as { id: string; joinCode: string; error?: { message: string } };
    if (res.status !== 201) throw new Error(`creating the workshop: ${res.status} ${workshop.error?.message}`);

    // The trainer's dashboard: the event stream stays open for the whole run.
    let matrixEvents = 0;
    let lastMatrix: { trainees: { objectives: Record<string, { passed: boolean }> }[] } | undefined;
    await new Promise<void>((resolve, reject) => {
      sse = http.get(`${base}/api/workshops/${workshop.id}/events`, { headers: { accept: "text/event-stream", authorization: `Bearer ${token}` } }, (r) => {
        if (r.statusCode !== 200) return reject(new Error(`event stream: ${r.statusCode}`));
        let buf = "";
        r.setEncoding("utf8");
        r.on("data", (chunk: string) => {
          buf += chunk;
          let i: number;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (/^event: matrix$/m.test(block) && data) {
              matrixEvents++;
              lastMatrix = JSON.parse(data);
            }
          }
        });
        r.on("error", () => undefined);
        resolve();
      });
      sse.on("error", reject);
    });

    // 30 trainees join by code, each in its own "browser" (cookie + CSRF token).
    const trainees = await Promise.all(
      Array.from({ length: WORKSHOP_SEATS }, async (_, i) => {
        const j = await fetch(`${base}/api/workshops/join`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: workshop.joinCode, displayName: `Trainee ${i + 1}` }) });
        const body = (await j.json()) as { csrfToken: string; error?: { message: string } };
        if (j.status !== 200) throw new Error(`join ${i + 1}: ${j.status} ${body.error?.message}`);
        const cookie = (j.headers.get("set-cookie") ?? "").split(";")[0]!;
        const headers = { cookie, "x-csrf-token": body.csrfToken, "content-type": "application/json" };
        const lab = (await (await fetch(`${base}/api/lab`, { headers })).json()) as { servers: { id: string; name: string }[] };
        return { headers, ndes: lab.servers.find((s) => s.name === "NDES01")!.id };
      }),
    );

    const rounds = Number(process.env.BENCH_WORKSHOP_ROUNDS ?? 11);
    let all: number[] = [];
    let reads: number[] = [];
    let writes: number[] = [];
    const firstErrors: string[] = [];
    let errors = 0;
    const timed = async (bucket: number[], url: string, init: RequestInit) => {
      const s = performance.now();
      try {
        const r = await fetch(url, init);
        await r.arrayBuffer();
        const ms = performance.now() - s;
        bucket.push(ms);
        all.push(ms);
        if (!r.ok) {
          errors++;
          if (firstErrors.length < 5) firstErrors.push(`${init.method ?? "GET"} ${url.replace(base, "")} → ${r.status}`);
        }
      } catch (e) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(`${init.method ?? "GET"} ${url.replace(base, "")} → ${(e as Error).message}`);
      }
    };
    const trainee = async (tr: (typeof trainees)[number], rounds: number, pause: () => number) => {
      const members = `${base}/api/lab/servers/${tr.ndes}/local-groups/IIS_IUSRS/members`;
      for (let round = 0; round < rounds; round++) {
        await timed(reads, `${base}/api/workshop`, { headers: tr.headers });
        await sleep(pause());
        // Even rounds fix (add the service account), odd rounds undo it: every write changes the grade.
        if (round % 2 === 0) await timed(writes, members, { method: "POST", headers: tr.headers, body: JSON.stringify({ member: MEMBER }) });
        else await timed(writes, `${members}/${encodeURIComponent(MEMBER)}`, { method: "DELETE", headers: tr.headers });
        await sleep(pause());
        await timed(reads, `${base}/api/workshop`, { headers: tr.headers });
        await sleep(pause());
      }
    };
    // The same steps by one trainee alone first (the reference on this machine), then by all of them at once.
    await trainee(trainees[0]!, 6, () => 100);
    const alone = { reads: percentiles(reads), writes: percentiles(writes) };
    all = [];
    reads = [];
    writes = [];
    await Promise.all(
      trainees.map(async (tr, i) => {
        await sleep((i * 67) % 2000);
        await trainee(tr, rounds, () => 500 + Math.random() * 1500);
      }),
    );
    await sleep(1500);
    const passedCells = (lastMatrix?.trainees ?? []).filter((t) => Object.values(t.objectives).some((c) => c.passed)).length;
    return {
      seats: WORKSHOP_SEATS,
      createMs,
      createCpuMs,
      loadAverage,
      trainees: trainees.length,
      requests: all.length,
      errors,
      firstErrors,
      latency: percentiles(all),
      reads: percentiles(reads),
      writes: percentiles(writes),
      matrixEvents,
      passedCells,
      alone,
    };
  } finally {
    sse?.destroy();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.disconnect();
      await exited;
    }
  }
}

/** The lines npm run bench prints for (i). */
export function printWorkshopBench(r: WorkshopBench): void {
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const meets = (ok: boolean) => (ok ? "meets the target" : "MISSES the target");
  console.log(`(i) Workshops: POST /api/workshops with ${r.seats} seats (${r.seats} new tenants, scenario ${SCENARIO} loaded into each): ${fmt(r.createMs / 1000, 1)} s (${fmt(r.createMs / r.seats, 0)} ms per seat)`);
  // Wall time depends on what else the machine runs; the server's CPU time (all threads) much less so.
  console.log(`    server CPU for the creation: ${fmt(r.createCpuMs / 1000, 1)} s (${fmt(r.createCpuMs / r.seats, 0)} ms per seat; ${availableParallelism()} CPUs, load average ${fmt(r.loadAverage, 2)} when it started)`);
  console.log(`    one trainee alone (reference): reads p50 ${fmt(r.alone.reads.p50)} ms, p95 ${fmt(r.alone.reads.p95)} ms; writes p50 ${fmt(r.alone.writes.p50)} ms, p95 ${fmt(r.alone.writes.p95)} ms`);
  console.log(`    ${r.trainees} trainees at once (read tasks, change IIS_IUSRS on NDES01, check objectives; 0.5–2 s between steps) with the dashboard event stream open:`);
  console.log(`    reads p50 ${fmt(r.reads.p50)} ms, p95 ${fmt(r.reads.p95)} ms; writes p50 ${fmt(r.writes.p50)} ms, p95 ${fmt(r.writes.p95)} ms`);
  console.log(`    all ${r.requests} requests: p50 ${fmt(r.latency.p50)} ms, p95 ${fmt(r.latency.p95)} ms (target < 100 ms: ${meets(r.latency.p95 < 100)}), ${r.errors} errors (target 0: ${meets(r.errors === 0)})${r.firstErrors.length ? ` — ${r.firstErrors.join("; ")}` : ""}`);
  console.log(`    dashboard: ${r.matrixEvents} matrix events; ${r.passedCells} of ${r.seats} seats passed at the end\n`);
}

if (process.argv.includes("--serve")) await serve();
else if (process.argv[1] === here) printWorkshopBench(await benchWorkshops());
