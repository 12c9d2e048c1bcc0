// npm start: apply migrations, seed the demo directories, and serve the API and the built SPA on PORT (default
// 3000). DATABASE_URL picks the engine (default: SQLite in .data/certlab.db).
//
// `--workers N` (or CERTLAB_WORKERS=N) runs N API processes on the one port with node:cluster: the primary
// migrates and seeds once, then forks the workers and starts a new one when one dies. Every worker is a whole
// Certlab: no state that matters lives in a process (sessions, API tokens, signing keys, sign-in lockout
// counters are rows in the database; the principal is resolved from the database on every request), so any
// worker can answer any request. PostgreSQL is the engine for that; on SQLite the workers share the file in WAL
// mode and their writes take turns. See docs/operations.md.
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { createHttpServer, createHttpsServer } from "./http/http-server.ts";
import { ensureTls } from "./http/tls.ts";
import { DEFAULT_DATABASE_URL, createDb, isPostgresUrl, type Db } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO, seedDemo } from "./seed/demo.ts";

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
/** HTTPS beside HTTP (issue 10): HTTPS_PORT, default 3443; "off" serves HTTP only. */
const httpsPort = process.env.HTTPS_PORT === "off" ? undefined : Number(process.env.HTTPS_PORT ?? 3443);

/** N from `--workers N`, `--workers=N` or CERTLAB_WORKERS; 1 (no cluster) by default. */
function workerCount(argv: string[], env: NodeJS.ProcessEnv): number {
  const i = argv.findIndex((a) => a === "--workers" || a.startsWith("--workers="));
  const raw = i < 0 ? env.CERTLAB_WORKERS : argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--workers takes a whole number from 1 to 64 (got '${raw}')`);
  return n;
}

const engine = isPostgresUrl(databaseUrl) ? "postgresql" : databaseUrl;

async function prepareDatabase(): Promise<void> {
  migrate(databaseUrl);
  const db = await createDb(databaseUrl);
  try {
    if (await seedDemo(db)) console.log("Seeded the demo directories Contoso and Fabrikam.");
  } catch (err) {
    // Another process started on the same database at the same moment and seeded it first (the seed is one
    // transaction, so it is either all there or not at all).
    if (!(await db.tenant.findUnique({ where: { id: DEMO.contoso.tenantId } }))) throw err;
  } finally {
    await db.$disconnect();
  }
}

async function serve(): Promise<void> {
  const db: Db = await createDb(databaseUrl);
  const app = createApp({ db, databaseUrl });
  const server = createHttpServer(app);
  const who = cluster.isWorker ? ` [worker ${cluster.worker?.id} pid ${process.pid}]` : "";
  const shown = host === "127.0.0.1" ? "localhost" : host;
  server.listen(port, host, () => {
    const actual = (server.address() as AddressInfo).port;
    console.log(`Certlab is serving http://${shown}:${actual} (database: ${engine})${who}`);
  });
  // The primary created the local root and the server certificate before forking (ensureTls only reads them here).
  const tls = httpsPort === undefined ? undefined : await ensureTls();
  const secure = tls ? createHttpsServer(app, tls) : undefined;
  secure?.listen(httpsPort, host, () => {
    const actual = (secure.address() as AddressInfo).port;
    console.log(`Certlab is serving https://${shown}:${actual} (trust ${tls!.caFile}: NODE_EXTRA_CA_CERTS or curl --cacert)${who}`);
  });
  const stop = () => {
    secure?.close();
    server.close(() => void db.$disconnect().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (cluster.isPrimary) {
  const workers = workerCount(process.argv.slice(2), process.env);
  await prepareDatabase();
  if (httpsPort !== undefined) await ensureTls();
  if (workers === 1) {
    await serve();
  } else {
    console.log(`Starting ${workers} API worker processes on one port (database: ${engine}).`);
    let stopping = false;
    const restarts: number[] = [];
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) return;
      // A worker that died is replaced; one that keeps dying (10 times in a minute) stops the whole server.
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - restarts[0]! > 60_000) restarts.shift();
      if (restarts.length > 10) {
        console.error("API workers keep exiting; stopping.");
        process.exit(1);
      }
      console.error(`API worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
      cluster.fork();
    });
    for (let i = 0; i < workers; i++) cluster.fork();
    const stop = () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 4000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  }
} else {
  await serve();
}
