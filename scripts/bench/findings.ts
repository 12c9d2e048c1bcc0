// Benchmark (e): the rule engine on the complete correct setup (seeds 000–004 done right: the lab, Intune and
// Entra application proxy), in this process: what every findings request and every live wizard check pays on
// top of reading the tenant. Uses completeSetup() (packages/domain/src/setup/complete-setup.ts) when it exists,
// else correctTenant() (packages/domain/src/intune/testing.ts), and says which.
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { evaluate } from "../../packages/domain/src/rules/engine.ts";
import type { TenantSnapshot } from "../../packages/domain/src/rules/snapshot.ts";
import { correctTenant } from "../../packages/domain/src/intune/testing.ts";
import { percentiles } from "./http.ts";

const completeSetupFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../packages/domain/src/setup/complete-setup.ts");

async function theSetup(): Promise<{ name: string; snapshot: TenantSnapshot }> {
  if (existsSync(completeSetupFile)) {
    const mod = (await import(completeSetupFile)) as { completeSetup?: () => TenantSnapshot };
    if (typeof mod.completeSetup === "function") return { name: "completeSetup()", snapshot: mod.completeSetup() };
  }
  return { name: "correctTenant()", snapshot: correctTenant() };
}

export async function benchFindings(budgetMs = 2000) {
  const { name, snapshot } = await theSetup();
  const findings = evaluate(structuredClone(snapshot));
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (performance.now() < until || samples.length < 20) {
    // A fresh snapshot object each time: the engine caches its indexes per snapshot, as per request.
    const s = structuredClone(snapshot);
    const start = performance.now();
    evaluate(s);
    samples.push(performance.now() - start);
  }
  return { setup: name, findings: findings.length, errors: findings.filter((f) => f.severity === "error").length, ...percentiles(samples) };
}
