import { expect, it } from "vitest";
import { addDays, duplicateTemplate } from "../../lab/defaults";
import type { LabSnapshot } from "../../lab/snapshot";
import { aCorrectLab, check } from "./testing";
import { LAB_RULES } from "./lab-rules";

/** A lab of `n` extra servers (NDES each, sharing the CA) and `n` extra templates. */
function bigLab(n: number): LabSnapshot {
  const lab = aCorrectLab();
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

it("evaluates a lab of 1,000 NDES servers and 1,000 templates in linear time", () => {
  const time = (n: number) => {
    const lab = bigLab(n);
    const t = performance.now();
    check(lab, ...LAB_RULES);
    return performance.now() - t;
  };
  time(100);
  const small = time(250);
  const large = time(1000);
  expect(large).toBeLessThan(Math.max(small * 12, 400));
});
