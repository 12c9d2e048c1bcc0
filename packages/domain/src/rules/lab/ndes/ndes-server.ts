// A.3: the server that hosts NDES — separate from the CA, not a DC, domain-joined in the CA's forest, 2012 R2+,
// the role installed, IE ESC off, .NET 4.7.2, restarted (S1, S2, S28, S30; 002_823a4c777ce30773.txt).
import { osAtLeast, type LabIndex, type NdesContext } from "../../../lab/lab-index";
import type { LabServer } from "../../../lab/snapshot";
import { labRule, q, ref } from "../lab-rule";

/** Every server that hosts an NDES instance (configured or not), with its instances. */
export function ndesHosts(ix: LabIndex): { server: LabServer; contexts: NdesContext[] }[] {
  const out = new Map<string, { server: LabServer; contexts: NdesContext[] }>();
  for (const c of ix.ndesContexts) {
    if (!c.server) continue;
    const entry = out.get(c.server.id) ?? { server: c.server, contexts: [] };
    entry.contexts.push(c);
    out.set(c.server.id, entry);
  }
  return [...out.values()];
}

export const NDES_ON_CA_SERVER = labRule(
  {
    code: "NDES_ON_CA_SERVER",
    severity: "error",
    title: "NDES runs on the Certification Authority",
    why: "NDES on the CA exposes the CA to internet requests, and the Intune certificate connector, which must run beside NDES, isn't supported on the issuing CA.",
    fix: 'separate servers ("installation of the connector isn\'t supported on the same server as your issuing Certification Authority (CA)")',
    symptom:
      'script: "Error: NDES is running on the CA. This is an unsupported configuration!" / "Error: NDES server has Certification Authority Role installed. This is an unsupported configuration!"',
    sources: ["S1", "S28", "S30", "002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix)) {
      const cas = ix.casByServer.get(server.id) ?? [];
      if (cas.length) report([ref.server(server), ...cas.map(ref.ca)], `NDES is running on ${server.fqdn}, which hosts the CA ${cas.map((c) => q(c.name)).join(", ")}.`);
      else if (server.features.includes("ADCS-Cert-Authority"))
        report([ref.server(server)], `NDES server ${server.fqdn} has the Certification Authority role (ADCS-Cert-Authority) installed.`);
    }
  },
);

export const NDES_ON_DC = labRule(
  {
    code: "NDES_ON_DC",
    severity: "error",
    title: "NDES runs on a domain controller",
    why: "The server that hosts NDES must not be a domain controller; a DC has no local groups such as IIS_IUSRS for the service account.",
    fix: "move NDES to a member server",
    symptom:
      'script warning: "No local Administrators group exists, likely due to this being a Domain Controller. It is not recommended to run NDES on a Domain Controller."',
    sources: ["S1", "S28", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (server.isDomainController) report([ref.server(server)], `NDES server ${server.fqdn} is a domain controller of ${server.domainFqdn ?? "the forest"}.`);
  },
);

export const NDES_NOT_DOMAIN_JOINED = labRule(
  {
    code: "NDES_NOT_DOMAIN_JOINED",
    severity: "error",
    title: "The NDES server is not domain-joined",
    why: "The server that hosts NDES and the connector must be domain-joined, in the same forest as the Enterprise CA.",
    fix: "join to AD",
    symptom: "none specific",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (!server.domainJoined) report([ref.server(server)], `NDES server ${server.fqdn} is in a workgroup.`);
  },
);

export const NDES_DIFFERENT_FOREST = labRule(
  {
    code: "NDES_DIFFERENT_FOREST",
    severity: "error",
    title: "The NDES server is in another forest than the Enterprise CA",
    why: "NDES reads templates and requests certificates from an Enterprise CA of its own forest.",
    fix: '"must be domain-joined and in the same forest as your Enterprise CA"',
    symptom: "none specific",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (server.domainJoined && !ix.forestDomains.has((server.domainFqdn ?? "").toLowerCase()))
        report([ref.server(server)], `NDES server ${server.fqdn} is joined to ${q(server.domainFqdn ?? "")}, not a domain of the forest ${q(lab.forest.name)} (${lab.forest.domains.map((d) => d.fqdn).join(", ")}).`);
  },
);

export const NDES_OS_UNSUPPORTED = labRule(
  {
    code: "NDES_OS_UNSUPPORTED",
    severity: "error",
    title: "NDES runs on Windows Server older than 2012 R2",
    why: "NDES with the Certificate Connector for Microsoft Intune needs Windows Server 2012 R2 or later.",
    fix: "upgrade",
    symptom: '"Error: Unsupported OS Version. NDES Requires 2012 R2 and above."',
    sources: ["S1", "S28", "S30", "002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (!osAtLeast(server.os, "2012R2")) report([ref.server(server)], `NDES server ${server.fqdn} runs Windows Server ${server.os}.`);
  },
);

export const NDES_ROLE_NOT_INSTALLED = labRule(
  {
    code: "NDES_ROLE_NOT_INSTALLED",
    severity: "error",
    title: "The Network Device Enrollment Service role is not installed",
    why: "The AD CS role service Network Device Enrollment Service (ADCS-Device-Enrollment) must be installed on the NDES server.",
    fix: "install and configure NDES",
    symptom: "\"Error: NDES Not installed\"; \"Error:The server does not have 'Network Device Enrollment Service' role installed.\"",
    sources: ["S28", "S30", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (!server.features.includes("ADCS-Device-Enrollment"))
        report([ref.server(server)], `${server.fqdn} has an NDES configuration but not the ADCS-Device-Enrollment role service.`);
  },
);

export const NDES_IE_ESC_ON = labRule(
  {
    code: "NDES_IE_ESC_ON",
    severity: "error",
    title: "IE Enhanced Security Configuration is on on the NDES server",
    why: "IE ESC blocks the connector's sign-in pages; it must be disabled on the server that hosts NDES and the connector.",
    fix: 'disable IE ESC ("must be disabled on the server that hosts NDES and the Microsoft Intune Connector"; "The Enhanced Security Configuration must be deactivated.")',
    symptom: '"Enhanced Security Configuration is activated."',
    sources: ["S1", "S2", "S30", "S48", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (server.ieEscEnabled) report([ref.server(server)], `IE Enhanced Security Configuration is on on ${server.fqdn} (IsInstalled = 1).`);
  },
);

/** .NET Framework 4.7.2 (lowest Release value). */
export const DOTNET_472 = 461808;

export const NDES_DOTNET_MISSING = labRule(
  {
    code: "NDES_DOTNET_MISSING",
    severity: "error",
    title: ".NET Framework 4.7.2 is not installed on the NDES server",
    why: "The Certificate Connector for Microsoft Intune needs .NET Framework 4.7.2 on the server.",
    fix: "install .NET 4.7.2 (installer attempts it)",
    symptom: '".NET Framework 4.7 or later is not installed."',
    sources: ["S2", "S3", "S30", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (server.dotNetRelease < DOTNET_472)
        report([ref.server(server)], `NDP\\v4\\Full Release on ${server.fqdn} is ${server.dotNetRelease}; .NET Framework 4.7.2 is ${DOTNET_472} or higher.`);
  },
);

export const NDES_NOT_RESTARTED = labRule(
  {
    code: "NDES_NOT_RESTARTED",
    severity: "warning",
    title: "The NDES server has not been restarted since its configuration changed",
    why: "Registry and role changes (MSCEP templates, HTTP.sys limits, the connector's policy module) take effect only after a restart; iisreset doesn't complete them.",
    fix: '"Restart the server that hosts the NDES service. Don\'t use iisreset; iireset doesn\'t complete the required changes."',
    symptom: '"Expected value is a 403. We received a <code>. This could be down to a missing reboot post policy module install."',
    sources: ["S1", "S28", "002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const { server } of ndesHosts(ix))
      if (server.pendingRestart) report([ref.server(server)], `${server.fqdn} has a restart pending since its last configuration change.`);
  },
);
