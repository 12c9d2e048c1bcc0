// A.5, on the server: where the Certificate Connector for Microsoft Intune may run (S1, S2, S3, S4, S13, S28, S30;
// 002_823a4c777ce30773.txt "It installs on the server that also runs the NDES server role").
import { osAtLeast } from "../../../lab/lab-index";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

export const CONN_ON_CA_SERVER = labRule(
  {
    code: "CONN_ON_CA_SERVER",
    severity: "error",
    title: "The certificate connector is installed on the CA",
    why: "The connector isn't supported on the same server as the issuing CA.",
    fix: "move connector+NDES to a separate server",
    symptom: 'unsupported ("The connector isn\'t supported on the same server as your issuing Certification Authority (CA).")',
    sources: ["S1", "S2", "S4", "002_823a4c777ce30773.txt", "004_0623edc70b4e3354.txt"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const cas = ix.casByServer.get(conn.serverId) ?? [];
      const server = ix.serversById.get(conn.serverId);
      if (cas.length && server) report([ref.connector(conn, server), ...cas.map(ref.ca)], `The connector is installed on ${server.fqdn}, which hosts the CA ${cas.map((c) => q(c.name)).join(", ")}.`);
    }
  },
);

export const CONN_NOT_ON_NDES_SERVER = labRule(
  {
    code: "CONN_NOT_ON_NDES_SERVER",
    severity: "error",
    title: "The connector's SCEP feature is on a server without NDES",
    why: "SCEP with a Microsoft CA needs NDES on the server that hosts the connector; the connector installs its policy module into that NDES.",
    fix: "install connector on the NDES server",
    symptom: 'unsupported; SCEP via Microsoft CA needs NDES "on the server that hosts the connector"',
    sources: ["S1", "S4", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const server = ix.serversById.get(conn.serverId);
      if (conn.features.scep && server && !ix.ndesByServer.has(conn.serverId))
        report([ref.connector(conn, server)], `The connector on ${server.fqdn} has SCEP selected, but ${server.fqdn} doesn't run NDES.`);
    }
  },
);

export const CONN_NOT_INSTALLED = labRule(
  {
    code: "CONN_NOT_INSTALLED",
    severity: "error",
    title: "No certificate connector on the NDES server",
    why: "Without the Certificate Connector for Microsoft Intune (SCEP), nothing verifies Intune's challenge and NDES isn't protected by the Intune policy module.",
    fix: "install (Tenant administration > Connectors and tokens > Certificate connectors > Add)",
    symptom: 'internal URL returns 200/general NDES page; "Error: Intune Connector not installed"',
    sources: ["S3", "S13", "S28", "S30", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (!c.intuneConnectors.length) report([ref.ndes(c), ref.server(c.server)], `No Certificate Connector for Microsoft Intune is installed on ${c.server.fqdn}.`);
  },
);

export const CONN_SCEP_FEATURE_OFF = labRule(
  {
    code: "CONN_SCEP_FEATURE_OFF",
    severity: "error",
    title: "The connector on the NDES server doesn't have SCEP selected",
    why: "Intune sends SCEP work only to connectors with the SCEP feature, and only that feature installs the NDES policy module.",
    fix: "rerun wizard, select **SCEP**",
    symptom:
      'SCEP requests only routed to connectors with SCEP ("tasks for SCEP are only directed to the two connectors that support SCEP"); NDES policy module not installed → internal URL 200 (UNCONFIRMED)',
    sources: ["S3", "S4", "S30"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.intuneConnectors.length && !c.intuneConnectors.some((k) => k.features.scep))
        for (const k of c.intuneConnectors) {
          const on = Object.entries(k.features).filter(([, v]) => v).map(([f]) => f);
          report([ref.connector(k, c.server), ref.ndes(c)], `The connector on ${c.server.fqdn} has ${on.join(", ") || "no features"} selected, not SCEP (EnableSCEP = 0).`);
        }
  },
);

export const CONN_WITH_INTUNE_AD_CONNECTOR = labRule(
  {
    code: "CONN_WITH_INTUNE_AD_CONNECTOR",
    severity: "warning",
    title: "The certificate connector shares its server with the Intune Connector for Active Directory",
    why: "Microsoft asks for the two connectors on different servers.",
    fix: '"Certificate Connector should not be installed on the same server as Intune Connector for Active Directory."',
    symptom: "none",
    sources: ["S4"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const server = ix.serversById.get(conn.serverId);
      if (server?.installedAgents.includes("Intune Connector for Active Directory"))
        report([ref.connector(conn, server), ref.server(server)], `${server.fqdn} also runs the Intune Connector for Active Directory.`);
    }
  },
);

export const CONN_NO_DESKTOP_EXPERIENCE_OR_EDGE = labRule(
  {
    code: "CONN_NO_DESKTOP_EXPERIENCE_OR_EDGE",
    severity: "error",
    title: "The connector's server has no Desktop Experience or no Edge",
    why: "The connector's configuration wizard signs in through a browser window.",
    fix: '"The Windows Server must be configured with the Desktop Experience, and for versions 2019 or earlier, the Microsoft Edge browser must be installed manually"',
    symptom: "wizard can't sign in (UNCONFIRMED text)",
    sources: ["S2", "S3"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (!s) continue;
      if (!s.desktopExperience) report([ref.connector(conn, s), ref.server(s)], `${s.fqdn} is a Server Core installation (no Desktop Experience).`);
      else if (!osAtLeast(s.os, "2022") && !s.edgeInstalled)
        report([ref.connector(conn, s), ref.server(s)], `${s.fqdn} runs Windows Server ${s.os} without Microsoft Edge.`);
    }
  },
);

export const CONN_OS_UNSUPPORTED = labRule(
  {
    code: "CONN_OS_UNSUPPORTED",
    severity: "error",
    title: "The connector's server runs Windows Server older than 2012 R2",
    why: "The Certificate Connector for Microsoft Intune supports Windows Server 2012 R2 or later. (On an NDES server NDES_OS_UNSUPPORTED says it.)",
    fix: "2012 R2+",
    symptom: "—",
    sources: ["S2", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (s && !osAtLeast(s.os, "2012R2") && !ix.ndesByServer.has(s.id))
        report([ref.connector(conn, s), ref.server(s)], `The connector runs on ${s.fqdn}, Windows Server ${s.os}.`);
    }
  },
);
