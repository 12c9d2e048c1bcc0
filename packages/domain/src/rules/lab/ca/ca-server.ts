// A.1: the CA itself — Enterprise type, a supported Windows Server, the 2008 R2 SP1 hotfix (002_823a4c777ce30773.txt, S1).
import { osAtLeast } from "../../../lab/lab-index";
import type { WindowsServerVersion } from "../../../lab/snapshot";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

const CA_REQUIREMENT =
  'Use "an Enterprise edition of Windows Server 2008 R2 with service pack 1, or later. The version of Windows Server you use must remain in support by Microsoft."';

/** End of extended support (Microsoft lifecycle): a CA past it is no longer "in support by Microsoft". */
export const END_OF_EXTENDED_SUPPORT: Record<WindowsServerVersion, string> = {
  "2008R2SP1": "2020-01-14",
  "2012": "2023-10-10",
  "2012R2": "2023-10-10",
  "2016": "2027-01-12",
  "2019": "2029-01-09",
  "2022": "2031-10-14",
  "2025": "2034-10-10",
};

export const CA_NOT_ENTERPRISE = labRule(
  {
    code: "CA_NOT_ENTERPRISE",
    severity: "error",
    title: "The CA for NDES is a Standalone CA",
    why: "NDES asks the CA for a certificate based on the template named in the MSCEP registry; only an Enterprise CA issues from templates and reads their permissions from Active Directory.",
    fix: "Use an AD CS **Enterprise** CA as the CA for NDES.",
    symptom: '"A Standalone CA isn\'t supported." Template-based issuance (registry template names, template ACLs) impossible; exact runtime error UNCONFIRMED',
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca || c.ca.type.startsWith("enterprise")) continue;
      report([ref.ca(c.ca), ref.ndes(c)], `${q(c.ca.name)} (the CA for NDES on ${c.server.fqdn}) is a ${c.ca.type === "standaloneRoot" ? "Standalone Root" : "Standalone Subordinate"} CA.`);
    }
  },
);

export const CA_OS_UNSUPPORTED = labRule(
  {
    code: "CA_OS_UNSUPPORTED",
    severity: "error",
    title: "The CA runs an unsupported Windows Server",
    why: "Intune supports an Enterprise CA on Windows Server 2008 R2 SP1 or later, and only while that version remains in support by Microsoft.",
    fix: CA_REQUIREMENT,
    symptom: "none documented",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const ca of lab.cas) {
      const server = ix.serversById.get(ca.serverId);
      if (!server) continue;
      const eos = END_OF_EXTENDED_SUPPORT[server.os];
      if (!osAtLeast(server.os, "2008R2SP1")) continue;
      if (server.os === "2008R2SP1" && server.edition === "standard")
        report([ref.ca(ca), ref.server(server)], `${q(ca.name)} runs on Windows Server 2008 R2 SP1 Standard edition; the documented minimum is an Enterprise edition.`);
      else if (Date.parse(eos) < ix.now)
        report([ref.ca(ca), ref.server(server)], `${q(ca.name)} runs on ${server.fqdn}, Windows Server ${server.os}, out of extended support since ${eos}.`);
    }
  },
);

export const CA_2008R2_HOTFIX_MISSING = labRule(
  {
    code: "CA_2008R2_HOTFIX_MISSING",
    severity: "error",
    title: "Windows Server 2008 R2 SP1 CA without KB2483564",
    why: "A CA on Windows Server 2008 R2 SP1 needs the hotfix from KB2483564 to issue SCEP certificates for Intune.",
    fix: '"If your CA runs Windows Server 2008 R2 SP1, you must install the hotfix from KB2483564."',
    symptom: "none documented",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const ca of lab.cas) {
      const server = ix.serversById.get(ca.serverId);
      if (server?.os === "2008R2SP1" && !server.hotfixes.some((h) => h.toUpperCase() === "KB2483564"))
        report([ref.ca(ca), ref.server(server)], `${q(ca.name)} runs on Windows Server 2008 R2 SP1 and ${server.fqdn} has no KB2483564 among its ${server.hotfixes.length} installed updates.`);
    }
  },
);
