// npm run bench: performance figures, each as a ratio against a baseline measured in the same run or as a
// percentile, printed with its target; never a failure (and never timed assertions in tests).
// BENCH_SECONDS sets the load duration per measurement (default 5); BENCH_LIGHTHOUSE=0 skips the browser part;
// BENCH_PROFILE=<dir> writes a CPU profile of the server per HTTP scenario (docs/operations.md); BENCH_ONLY=a,d,e
// runs only the named sections of (a)–(i).
// Every figure with a target is printed with it and PASS or MISS, and listed again in a summary at the end.
import { mkdirSync } from "node:fs";
import { benchRuleEngine } from "./rule-engine.ts";
import { benchLabRules } from "./lab-rules.ts";
import { BenchServer, benchGraphList, benchLabConsoleWrite } from "./http.ts";
import { benchFindings } from "./findings.ts";
import { FIRST_LOAD_BUDGET_BYTES, benchPortals, ensureWebBuild } from "./web.ts";
import { availableParallelism } from "node:os";
import { benchScep, pipelineFloor, printScep } from "./scep.ts";
import { benchWorkshops, printWorkshopBench } from "./workshops.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const fmt = (n: number, d = 1) => n.toFixed(d);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((x) => x.trim())) : undefined;
const runs = (section: string) => !only || only.has(section);
/** Every figure with a target, for the summary at the end. */
const verdicts: { figure: string; value: string; target: string; pass: boolean }[] = [];
function verdict(figure: string, value: string, target: string, pass: boolean): string {
  verdicts.push({ figure, value, target, pass });
  return `target ${target}: ${pass ? "PASS" : "MISS"}`;
}

console.log("Certlab benchmarks\n");

const engine = runs("b") ? benchRuleEngine() : [];
if (engine.length) console.log("(b) Rule engine, every rule on synthetic directories (users, groups, role assignments)");
for (const r of engine) {
  console.log(`    ${String(r.objects).padStart(6)} objects: ${fmt(r.msPerRun, 2)} ms per evaluation, ${fmt(r.usPerObject, 3)} µs per object (${r.rules} rules, ${r.runs} runs)`);
}
const [small, large] = engine;
if (small && large) {
  console.log(`    time per object at 10,000 vs 1,000 objects: ${fmt(large.usPerObject / small.usPerObject, 2)}x (1.00x = perfectly linear)\n`);
}

const lab = runs("c") ? benchLabRules() : [];
if (lab.length) console.log("(c) Rule engine, every rule on a lab of NDES servers (each with its connector) and templates");
for (const r of lab) {
  console.log(`    ${String(r.servers).padStart(5)} servers + templates (${r.objects} objects): ${fmt(r.msPerRun, 1)} ms per evaluation, ${fmt(r.usPerObject, 2)} µs per object (${r.runs} runs)`);
}
const [labSmall, labLarge] = lab;
if (labSmall && labLarge) {
  console.log(`    time per object at 1,000 vs 100: ${fmt(labLarge.usPerObject / labSmall.usPerObject, 2)}x (1.00x = perfectly linear)\n`);
}

if (process.env.BENCH_PROFILE) mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
// The server serves the SPA only if it was built before it started: on a fresh clone, build it first.
if ((runs("f") || runs("g")) && process.env.BENCH_LIGHTHOUSE !== "0") ensureWebBuild();
const server = runs("a") || runs("d") || runs("f") || runs("g") ? await BenchServer.start() : undefined;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
try {
  if (server && runs("a")) {
    const graph = await benchGraphList(server, seconds);
    console.log(`(a) GET /graph/beta/users?$top=100, 1,000 users, signed in with an API token (${graph.responseBytes} bytes per answer);`);
    console.log(`    load generator (autocannon, 10 connections) in this process, the server in its own process; ${graph.rounds} alternating rounds of ${seconds} s, medians`);
    console.log(`    bare Express route, same bytes: ${fmt(graph.baseline.rps)} req/s (p50 ${graph.baseline.p50} ms, p99 ${graph.baseline.p99} ms, ${graph.baseline.errors} errors)`);
    console.log(`    Certlab Graph list:             ${fmt(graph.graph.rps)} req/s (p50 ${graph.graph.p50} ms, p99 ${graph.graph.p99} ms, ${graph.graph.errors} errors)`);
    console.log(`    ratio Graph / bare: ${fmt(graph.ratio, 3)} (rounds: ${graph.ratios.map((r) => fmt(r, 3)).join(", ")}); ${verdict("(a) Graph list / bare Express", fmt(graph.ratio, 3), "≥ 0.6", graph.ratio >= 0.6)}`);
    console.log(`    the same list with the stamped caches off (every request reads the principal and the page, as right after a write or on PostgreSQL):`);
    console.log(`                                    ${fmt(graph.uncached.rps)} req/s (p50 ${graph.uncached.p50} ms, p99 ${graph.uncached.p99} ms, ${graph.uncached.errors} errors), ratio ${fmt(graph.uncachedRatio, 3)} (rounds: ${graph.uncachedRatios.map((r) => fmt(r, 3)).join(", ")}; no target of its own)\n`);
  }

  if (server && runs("d")) {
    const lab = await benchLabConsoleWrite(server, seconds);
    console.log("(d) Lab console write: PATCH /api/lab/servers/{NDES01}/registry/mscep, then GET /api/tenants/{id}/findings (correct lab of seed 002)");
    console.log(`    PATCH:    p50 ${fmt(lab.write.p50)} ms, p95 ${fmt(lab.write.p95)} ms`);
    console.log(`    findings: p50 ${fmt(lab.findings.p50)} ms, p95 ${fmt(lab.findings.p95)} ms`);
    console.log(`    write + findings: p50 ${fmt(lab.pair.p50)} ms, p95 ${fmt(lab.pair.p95)} ms over ${lab.pair.n} pairs; ${verdict("(d) lab console write + findings, p95", `${fmt(lab.pair.p95)} ms`, "< 30 ms", lab.pair.p95 < 30)}\n`);
  }

  if (runs("e")) {
    const findings = await benchFindings();
    console.log(`(e) Findings for the complete correct setup (${findings.setup}: ${findings.findings} findings, ${findings.errors} errors), rule engine in process`);
    console.log(`    p50 ${fmt(findings.p50, 2)} ms, p95 ${fmt(findings.p95, 2)} ms over ${findings.n} evaluations; ${verdict("(e) findings of the complete setup, p95", `${fmt(findings.p95, 2)} ms`, "< 20 ms", findings.p95 < 20)}\n`);
  }

  if (!server || !(runs("f") || runs("g"))) {
    // not asked for
  } else if (process.env.BENCH_LIGHTHOUSE === "0") {
    console.log("(f, g) First-load JS and Lighthouse: skipped (BENCH_LIGHTHOUSE=0)");
  } else {
    const portals = await benchPortals(server.target);
    console.log("(f) First-load JS per portal, gzipped, of the built SPA as Chromium loaded it (target ≤ 250 KB)");
    console.log("(g) Lighthouse 12 performance score (desktop preset, Debian Chromium)");
    if (typeof portals === "string") {
      console.log(`    not measured: ${portals}`);
    } else {
      for (const p of portals) {
        if (p.error) {
          console.log(`    ${p.name.padEnd(20)} ${p.path.padEnd(8)} not measured: ${p.error}`);
          continue;
        }
        console.log(
          `    ${p.name.padEnd(20)} ${p.path.padEnd(8)} JS ${kb(p.jsGzipBytes).padStart(9)} gzipped in ${String(p.scripts).padStart(2)} scripts (${kb(p.jsRawBytes)} raw, ${kb(p.jsTransferBytes)} sent), ` +
            `${verdict(`(f) first-load JS, ${p.name}`, kb(p.jsGzipBytes), "≤ 250 KB", p.jsGzipBytes <= FIRST_LOAD_BUDGET_BYTES)}; ` +
            `Lighthouse ${p.score ?? "n/a"}, LCP ${p.lcpMs === null ? "n/a" : `${fmt(p.lcpMs, 0)} ms`}`,
        );
      }
    }
  }
} finally {
  await server?.stop();
}

// (h) SCEP PKIOperation: its own server process; the RSA-2048 sign limit measured in the same run.
// Once with one API process, then with one per core (npm start -- --workers N), against the same measured limit.
if (runs("h")) {
  const single = await benchScep(seconds);
  printScep(single, await pipelineFloor());
  const cores = Number(process.env.BENCH_SCEP_WORKERS ?? availableParallelism());
  if (cores > 1) printScep(await benchScep(seconds, cores, single.signOpsPerSecond));
}

// (i) Workshops: its own server process (a fresh database with 30 seat tenants).
if (runs("i")) printWorkshopBench(await benchWorkshops());

if (verdicts.length) {
  console.log("\nSummary of (a)–(f), measured in this run:");
  for (const v of verdicts) console.log(`    ${v.pass ? "PASS" : "MISS"}  ${v.figure.padEnd(42)} ${v.value.padStart(10)}  (target ${v.target})`);
}
