// A.2: the templates behind the NDES server's own certificates — the IIS (server authentication) certificate and,
// for the legacy connector, its client authentication certificate (S1, S27; 002_823a4c777ce30773.txt).
import { EKU } from "../../../lab/snapshot";
import { configuredNdes, labRule, q, ref } from "../lab-rule";
import { missingReadEnroll } from "./template-security";

export const TPL_IIS_NO_SERVER_AUTH = labRule(
  {
    code: "TPL_IIS_NO_SERVER_AUTH",
    severity: "error",
    title: "The template of the NDES IIS certificate can't issue it",
    why: "The NDES server enrols its IIS certificate from a template whose Application Policies contain Server Authentication, with Supply in the request, and on whose Security tab the NDES computer account has Read and Enroll.",
    fix: "Web Server template or dedicated: Application Policies contain **Server Authentication**; Subject **Supply in the request**; NDES computer **Read**+**Enroll**",
    symptom: "see IIS_CERT_* rules",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const name = c.boundCertificate?.template;
      const t = name ? ix.templatesByName.get(name.toLowerCase()) : undefined;
      if (!t) continue;
      const problems: string[] = [];
      if (!t.applicationPolicies.includes(EKU.serverAuthentication)) problems.push("its Application Policies lack Server Authentication");
      const computer = ix.computerAccount(c.server);
      const missing = computer ? missingReadEnroll(ix, t, computer) : [];
      if (computer && missing.length) problems.push(`${computer.domain}\\${computer.samAccountName} has no ${missing.join(" and no ")}`);
      if (problems.length) report([ref.template(t), ref.server(c.server)], `The IIS certificate of ${c.server.fqdn} comes from template ${q(t.name)}: ${problems.join("; ")}.`);
    }
  },
);

export const TPL_LEGACY_CLIENT_CERT_V1 = labRule(
  {
    code: "TPL_LEGACY_CLIENT_CERT_V1",
    severity: "error",
    title: "The legacy connector's client certificate comes from a v1 template",
    why: "The legacy connector setup grants NDES access to the private key of its client certificate, which fails for keys from a version 1 template.",
    fix: "issue the NDES cert from a v2 template (Web Server + Client Authentication)",
    symptom: 'SetupMSI.log "AddNDESToCertPrivKey: Error 0x80090014: CryptAcquireContext failed." / "CustomAction AddNDESToCertPrivKey returned actual error code 1603"',
    sources: ["S27"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      if (conn.generation !== "legacy" || !conn.clientCertificate?.template) continue;
      const t = ix.templatesByName.get(conn.clientCertificate.template.toLowerCase());
      if (t?.schemaVersion === 1)
        report([ref.connector(conn, ix.serversById.get(conn.serverId)), ref.template(t)], `The client certificate ${q(conn.clientCertificate.subject)} was issued from ${q(t.name)}, a version 1 template.`);
    }
  },
);
