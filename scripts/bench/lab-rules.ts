// Benchmark (c), issue "on-premises lab": the rule engine's time on a lab of 1,000 servers and 1,000
// templates (every server an NDES with its connector), against a lab of 100 of each measured in the same run.
import { performance } from "node:perf_hooks";
import { addDays, duplicateTemplate } from "../../packages/domain/src/lab/defaults.ts";
import { correctLab } from "../../packages/domain/src/lab/correct-lab.ts";
import type { LabSnapshot } from "../../packages/domain/src/lab/snapshot.ts";
import { evaluate } from "../../packages/domain/src/rules/engine.ts";
import { emptySnapshot, type TenantSnapshot } from "../../packages/domain/src/rules/snapshot.ts";

/** The correct seed-002 lab plus `n` more NDES servers (sharing the CA) and `n` more templates. */
export function bigLab(n: number): LabSnapshot {
  const lab = correctLab();
  const srv = lab.servers.find((s) => s.name === "NDES01")!;
  const ndes = lab.ndes[0]!;
  const conn = lab.intuneCertificateConnectors[0]!;
  for (let i = 0; i < n; i++) {
    const id = `srv-x${i}`;
    lab.servers.push({ ...structuredClone(srv), id, name: `X${i}`, fqdn: `x${i}.corp.contoso.com` });
    lab.ndes.push({ ...structuredClone(ndes), id: `ndes-x${i}`, serverId: id, configuredAt: addDays(ndes.configuredAt, 0) });
    lab.intuneCertificateConnectors.push({ ...structuredClone(conn), id: `conn-x${i}`, serverId: id });
    lab.templates.push(duplicateTemplate(lab.templates[0]!, { displayName: `Template ${i}` }));
  }
  return lab;
}

function tenantWith(lab: LabSnapshot): TenantSnapshot {
  return { ...emptySnapshot({ id: "00000000-0000-4000-8000-000000000000", displayName: "Bench" }), lab };
}

export function benchLabRules(sizes = [100, 1_000], budgetMs = 1_500) {
  return sizes.map((n) => {
    // Each evaluation gets its own snapshot object: rule indexes are cached per snapshot.
    const labs = Array.from({ length: 3 }, () => bigLab(n));
    evaluate(tenantWith(labs[0]!));
    let runs = 0;
    let spent = 0;
    while (spent < budgetMs || runs < 3) {
      const snapshot = tenantWith(structuredClone(labs[runs % labs.length]!));
      const start = performance.now();
      evaluate(snapshot);
      spent += performance.now() - start;
      runs += 1;
    }
    const objects = labs[0]!.servers.length + labs[0]!.templates.length;
    return { servers: n, objects, runs, msPerRun: spent / runs, usPerObject: (spent / runs) * 1000 / objects };
  });
}
