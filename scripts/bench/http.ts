// Benchmarks over HTTP, the server under test in its own process (scripts/bench/server.ts) and the load
// generator here, so the two never share one event loop:
//  (a) GET /graph/beta/users?$top=100 (1,000 users, an API token) as a ratio to a bare Express route serving the
//      same bytes from the same server process — autocannon, 10 connections;
//  (d) a lab console write: PATCH the MSCEP registry of the NDES instance, then read the findings, as the Registry
//      Editor and its findings pane do — one after the other, p50/p95 of the pair and of each request.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { BenchTarget } from "./server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  n: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

/** The server process, with a way to ask it to start and stop its CPU profiler around one scenario. */
export class BenchServer {
  private constructor(
    readonly target: BenchTarget,
    private readonly child: ChildProcess,
  ) {}

  static async start(): Promise<BenchServer> {
    const child = fork(path.join(here, "server.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const target = await new Promise<BenchTarget>((resolve, reject) => {
      child.once("message", (m: { ready?: BenchTarget }) => (m.ready ? resolve(m.ready) : reject(new Error("bench server: unexpected message"))));
      child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    return new BenchServer(target, child);
  }

  /** The server's stamped caches (principals, list pages) on or off. */
  setCaches(on: boolean): Promise<void> {
    return this.ask({ caches: on });
  }

  private ask(message: object): Promise<void> {
    return new Promise((resolve) => {
      this.child.once("message", () => resolve());
      this.child.send(message);
    });
  }

  /** Runs `fn` with the server's CPU profiler on when BENCH_PROFILE names a folder (one .cpuprofile per scenario). */
  async profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const dir = process.env.BENCH_PROFILE;
    if (!dir) return fn();
    await this.ask({ profile: "start" });
    try {
      return await fn();
    } finally {
      await this.ask({ profile: "stop", file: path.resolve(dir, `${name}.cpuprofile`) });
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.disconnect();
    await exited;
  }
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const summary = (rs: LoadResult[]): LoadResult => ({
  rps: median(rs.map((r) => r.rps)),
  p50: median(rs.map((r) => r.p50)),
  p99: median(rs.map((r) => r.p99)),
  errors: rs.reduce((n, r) => n + r.errors, 0),
});

/**
 * Bare and Graph are measured in alternating rounds and the ratio is the median of the rounds' ratios, so a
 * burst of load from elsewhere on a shared machine lands on both sides instead of skewing one of them. Each round
 * also measures the Graph list with the server's stamped caches off (what a list costs right after a write, and
 * on PostgreSQL): the principal and the page read from the database, mapped and serialized on every request.
 */
export async function benchGraphList(server: BenchServer, seconds: number, rounds = 3) {
  const t = server.target;
  const headers = { authorization: `Bearer ${t.listToken}` };
  const warm = Math.max(1, Math.round(seconds / 3));
  await load(t.bareUrl, {}, warm);
  await load(t.listUrl, headers, warm);
  const bare: LoadResult[] = [];
  const graph: LoadResult[] = [];
  const uncached: LoadResult[] = [];
  await server.profiled("graph-list", async () => {
    for (let i = 0; i < rounds; i++) {
      bare.push(await load(t.bareUrl, {}, seconds));
      graph.push(await load(t.listUrl, headers, seconds));
      await server.setCaches(false);
      try {
        uncached.push(await load(t.listUrl, headers, seconds));
      } finally {
        await server.setCaches(true);
      }
    }
  });
  const ratios = graph.map((g, i) => g.rps / bare[i]!.rps);
  const uncachedRatios = uncached.map((g, i) => g.rps / bare[i]!.rps);
  return {
    responseBytes: t.responseBytes,
    rounds,
    baseline: summary(bare),
    graph: summary(graph),
    ratio: median(ratios),
    ratios,
    uncached: summary(uncached),
    uncachedRatio: median(uncachedRatios),
    uncachedRatios,
  };
}

async function timed(url: string, init: RequestInit): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status}`);
  return performance.now() - start;
}

export async function benchLabConsoleWrite(server: BenchServer, seconds: number) {
  const t = server.target;
  const headers = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
  const registryUrl = `${t.base}/api/lab/servers/${t.ndesServerId}/registry/mscep`;
  const findingsUrl = `${t.base}/api/tenants/${t.tenantId}/findings`;
  const original = (await (await fetch(registryUrl, { headers })).json()) as { HashAlgorithm?: string };
  // Every write changes a value (so it really writes), and the last one puts the original back.
  const values = ["SHA512", original.HashAlgorithm ?? "SHA256"];
  const write: number[] = [];
  const findings: number[] = [];
  const pair: number[] = [];
  const step = async (i: number) => {
    const w = await timed(registryUrl, { method: "PATCH", headers, body: JSON.stringify({ HashAlgorithm: values[i % 2] }) });
    const f = await timed(findingsUrl, { headers });
    return { w, f };
  };
  for (let i = 0; i < 10; i++) await step(i);
  await server.profiled("lab-console-write", async () => {
    const until = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < until || i < 20 || i % 2 === 1; i++) {
      const { w, f } = await step(i);
      write.push(w);
      findings.push(f);
      pair.push(w + f);
    }
  });
  return { write: percentiles(write), findings: percentiles(findings), pair: percentiles(pair) };
}
