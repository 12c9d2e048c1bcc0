// Benchmark (a): requests/s of a signed-in Graph list, /graph/beta/users?$top=100 on a tenant with
// 1,000 users, as a ratio to a bare Express route that returns the same bytes in the same process setup.
import { mkdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import express from "express";
import { createApp } from "../../apps/api/src/app.ts";
import { createDb } from "../../apps/api/src/db/client.ts";
import { migrate } from "../../apps/api/src/db/migrate.ts";
import { repoRoot } from "../../apps/api/src/paths.ts";
import { DEMO, seedDemo } from "../../apps/api/src/seed/demo.ts";

const PASSWORD = "Bench-Passw0rd!";

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function benchGraphList(seconds: number) {
  const dir = path.join(repoRoot, ".tmp/bench");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  migrate(url);
  const db = await createDb(url);
  await seedDemo(db, PASSWORD);
  const tenantId = DEMO.contoso.tenantId;
  const existing = await db.user.count({ where: { tenantId } });
  await db.user.createMany({
    data: Array.from({ length: 1000 - existing }, (_, i) => ({
      id: randomUUID(),
      tenantId,
      userPrincipalName: `user${String(i).padStart(4, "0")}@contoso.onmicrosoft.com`,
      displayName: `Bench User ${String(i).padStart(4, "0")}`,
      usageLocation: "US",
    })),
  });

  const app = createApp({ db, databaseUrl: url, webRoot: path.join(dir, "no-web") });
  const appServer = createServer(app);
  const appPort = await listen(appServer);
  const base = `http://127.0.0.1:${appPort}`;

  // Signed in as a script would be: a personal API token created through the portal API.
  const signIn = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password: PASSWORD }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ displayName: "bench", expiresInDays: 1 }),
  });
  const { token } = (await created.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const listUrl = `${base}/graph/beta/users?$top=100`;
  const sample = await fetch(listUrl, { headers });
  const bytes = Buffer.from(await sample.arrayBuffer());
  const body = JSON.parse(bytes.toString("utf8")) as { value: unknown[]; "@odata.nextLink"?: string };
  if (sample.status !== 200 || body.value.length !== 100 || !body["@odata.nextLink"]) {
    throw new Error(`unexpected Graph answer: ${sample.status} ${bytes.toString("utf8").slice(0, 200)}`);
  }

  // Baseline: the same bytes from a bare Express route in the same process.
  const bare = express();
  bare.get("/users", (_req, res) => {
    res.type("application/json").send(bytes);
  });
  const bareServer = createServer(bare);
  const barePort = await listen(bareServer);

  const warm = Math.max(1, Math.round(seconds / 3));
  await load(`http://127.0.0.1:${barePort}/users`, {}, warm);
  await load(listUrl, headers, warm);
  const baseline = await load(`http://127.0.0.1:${barePort}/users`, {}, seconds);
  const graph = await load(listUrl, headers, seconds);

  appServer.close();
  bareServer.close();
  await db.$disconnect();
  return { users: 1000, responseBytes: bytes.length, baseline, graph, ratio: graph.rps / baseline.rps };
}
