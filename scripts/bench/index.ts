// npm run bench: performance figures, each as a ratio against a baseline measured in the same run
// (never as timed assertions in tests). BENCH_SECONDS sets the load duration per measurement (default 5).
import { benchGraphList } from "./graph-list.ts";
import { benchRuleEngine } from "./rule-engine.ts";
import { benchLabRules } from "./lab-rules.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const fmt = (n: number, d = 1) => n.toFixed(d);

console.log("Certlab benchmarks\n");

const engine = benchRuleEngine();
console.log("(b) Rule engine, every rule on synthetic directories (users, groups, role assignments)");
for (const r of engine) {
  console.log(`    ${String(r.objects).padStart(6)} objects: ${fmt(r.msPerRun, 2)} ms per evaluation, ${fmt(r.usPerObject, 3)} µs per object (${r.rules} rules, ${r.runs} runs)`);
}
const [small, large] = engine;
if (small && large) {
  console.log(`    time per object at 10,000 vs 1,000 objects: ${fmt(large.usPerObject / small.usPerObject, 2)}x (1.00x = perfectly linear)\n`);
}

const lab = benchLabRules();
console.log("(c) Rule engine, every rule on a lab of NDES servers (each with its connector) and templates");
for (const r of lab) {
  console.log(`    ${String(r.servers).padStart(5)} servers + templates (${r.objects} objects): ${fmt(r.msPerRun, 1)} ms per evaluation, ${fmt(r.usPerObject, 2)} µs per object (${r.runs} runs)`);
}
const [labSmall, labLarge] = lab;
if (labSmall && labLarge) {
  console.log(`    time per object at 1,000 vs 100: ${fmt(labLarge.usPerObject / labSmall.usPerObject, 2)}x (1.00x = perfectly linear)\n`);
}

const graph = await benchGraphList(seconds);
console.log(`(a) GET /graph/beta/users?$top=100, ${graph.users} users, signed in with an API token (${graph.responseBytes} bytes per answer)`);
console.log(`    bare Express route, same bytes: ${fmt(graph.baseline.rps)} req/s (p99 ${graph.baseline.p99} ms, ${graph.baseline.errors} errors)`);
console.log(`    Certlab Graph list:             ${fmt(graph.graph.rps)} req/s (p99 ${graph.graph.p99} ms, ${graph.graph.errors} errors)`);
console.log(`    ratio Graph / bare: ${fmt(graph.ratio, 3)}`);
