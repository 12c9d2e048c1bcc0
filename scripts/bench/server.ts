// The server under test for `npm run bench`, run as its own process (scripts/bench/http.ts forks it) so the
// load generator never shares a core's event loop with it. It builds a bench database (the demo directories,
// 1,000 users in Fabrikam for the Graph list, the correct lab of seed 002 in Contoso for the lab console and
// findings), serves Certlab (with the built portal) and a bare Express route that returns the same bytes as the
// Graph list, signs in as a script would, and reports what the load generator needs over IPC.
// The IPC message {caches: false | true} turns the stamped caches (apps/api/src/db/stamped-cache.ts) off or on.
// `BENCH_PROFILE=<dir> npm run bench` has it write one V8 CPU profile per measured scenario into <dir> (open
// them in Chrome DevTools › Performance, or any .cpuprofile viewer): the IPC messages {profile: "start"} and
// {profile: "stop", file} drive the inspector's profiler around just that scenario's load.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import express from "express";
import { createApp } from "../../apps/api/src/app.ts";
import { createDb } from "../../apps/api/src/db/client.ts";
import { migrate } from "../../apps/api/src/db/migrate.ts";
import { repoRoot, webDist } from "../../apps/api/src/paths.ts";
import { DEMO, seedDemo } from "../../apps/api/src/seed/demo.ts";
import { setStampedCaches } from "../../apps/api/src/db/stamped-cache.ts";

export const BENCH_PASSWORD = "Bench-Passw0rd!";
export const BENCH_USERS = 1000;

export interface BenchTarget {
  base: string;
  bareUrl: string;
  listUrl: string;
  /** An API token of the Fabrikam admin (the Graph list). */
  listToken: string;
  /** An API token of the Contoso admin (the lab console and findings). */
  token: string;
  /** A portal session cookie of the Contoso admin (Lighthouse). */
  cookie: string;
  responseBytes: number;
  tenantId: string;
  ndesServerId: string;
  databaseUrl: string;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

async function main(): Promise<void> {
  const dir = path.join(repoRoot, ".tmp/bench");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`;
  migrate(databaseUrl);
  const db = await createDb(databaseUrl);
  await seedDemo(db, BENCH_PASSWORD);
  const tenantId = DEMO.contoso.tenantId;
  const listTenantId = DEMO.fabrikam.tenantId;
  const existing = await db.user.count({ where: { tenantId: listTenantId } });
  await db.user.createMany({
    data: Array.from({ length: BENCH_USERS - existing }, (_, i) => ({
      id: randomUUID(),
      tenantId: listTenantId,
      userPrincipalName: `user${String(i).padStart(4, "0")}@${DEMO.fabrikam.domain}`,
      displayName: `Bench User ${String(i).padStart(4, "0")}`,
      usageLocation: "US",
    })),
  });

  const appServer = createServer(createApp({ db, databaseUrl, webRoot: webDist }));
  const base = `http://127.0.0.1:${await listen(appServer)}`;

  // Signed in as a script would be: a personal API token created through the portal API.
  const signIn = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password: BENCH_PASSWORD }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await json(signIn)) as { csrfToken: string };
  const { token } = (await json(
    await fetch(`${base}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ displayName: "bench", expiresInDays: 1 }),
    }),
  )) as { token: string };
  // The same admin is a member of Fabrikam: a token there lists Fabrikam's 1,000 users.
  const fabrikam = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password: BENCH_PASSWORD }),
  });
  const fabCookie = (fabrikam.headers.get("set-cookie") ?? "").split(";")[0]!;
  const fabCsrf = ((await json(fabrikam)) as { csrfToken: string }).csrfToken;
  const fabHeaders = { "content-type": "application/json", cookie: fabCookie, "x-csrf-token": fabCsrf };
  await json(await fetch(`${base}/api/session/switch`, { method: "POST", headers: fabHeaders, body: JSON.stringify({ tenantId: listTenantId }) }));
  const { token: listToken } = (await json(
    await fetch(`${base}/api/tokens`, { method: "POST", headers: fabHeaders, body: JSON.stringify({ displayName: "bench list", expiresInDays: 1 }) }),
  )) as { token: string };

  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  await json(await fetch(`${base}/api/lab/reset`, { method: "POST", headers: auth, body: JSON.stringify({ scenario: "correct" }) }));
  const ndes = (await json(await fetch(`${base}/api/lab/ndes`, { headers: auth }))) as { value: { serverId: string }[] };
  const ndesServerId = ndes.value[0]?.serverId;
  if (!ndesServerId) throw new Error("the correct lab has no NDES instance");

  const listUrl = `${base}/graph/beta/users?$top=100`;
  const sample = await fetch(listUrl, { headers: { authorization: `Bearer ${listToken}` } });
  const bytes = Buffer.from(await sample.arrayBuffer());
  const body = JSON.parse(bytes.toString("utf8")) as { value: unknown[]; "@odata.nextLink"?: string };
  if (sample.status !== 200 || body.value.length !== 100 || !body["@odata.nextLink"]) {
    throw new Error(`unexpected Graph answer: ${sample.status} ${bytes.toString("utf8").slice(0, 200)}`);
  }

  // Baseline: the same bytes from a bare Express route in this same process.
  const bare = express();
  bare.get("/users", (_req, res) => {
    res.type("application/json").send(bytes);
  });
  const bareServer = createServer(bare);
  const bareUrl = `http://127.0.0.1:${await listen(bareServer)}/users`;

  const target: BenchTarget = { base, bareUrl, listUrl, listToken, token, cookie, responseBytes: bytes.length, tenantId, ndesServerId, databaseUrl };
  const stop = () => {
    appServer.close();
    bareServer.close();
    void db.$disconnect().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  const inspector = new Session();
  inspector.connect();
  process.on("message", (m: { profile?: "start" | "stop"; file?: string; caches?: boolean }) => {
    void (async () => {
      if (m.caches !== undefined) {
        // The stamped caches (principals, list pages) on or off, so the bench can show the path without them.
        setStampedCaches(m.caches);
        process.send?.({ caches: m.caches });
        return;
      }
      if (m.profile === "start") {
        await inspector.post("Profiler.enable");
        await inspector.post("Profiler.start");
      } else if (m.profile === "stop" && m.file) {
        const { profile } = await inspector.post("Profiler.stop");
        writeFileSync(m.file, JSON.stringify(profile));
      }
      process.send?.({ profiled: m.profile });
    })();
  });
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (process.send) process.send({ ready: target });
  else console.log(JSON.stringify(target));
}

await main();
