// A.2: the SCEP template's Security tab — Read + Enroll for the NDES service account (S1, S2, S49, S52;
// 001_6feb1c2e8b30dee5.txt, 002_823a4c777ce30773.txt) and for the connector's account (S2).
import type { AdAccount, CertificateTemplate } from "../../../lab/snapshot";
import type { LabIndex } from "../../../lab/lab-index";
import { accountName, configuredNdes, connectorAccount, labRule, q, ref } from "../lab-rule";

/** What the account lacks of Read and Enroll on the template ([] = both held). */
export function missingReadEnroll(ix: LabIndex, t: CertificateTemplate, account: AdAccount): string[] {
  const readers = t.security.filter((a) => a.read).map((a) => a.principal);
  const enrollers = t.security.filter((a) => a.enroll).map((a) => a.principal);
  const missing: string[] = [];
  if (!ix.covers(readers, account)) missing.push("Read");
  if (!ix.covers(enrollers, account)) missing.push("Enroll");
  return missing;
}

export const TPL_ACL_NDES_READ_ENROLL = labRule(
  {
    code: "TPL_ACL_NDES_READ_ENROLL",
    severity: "error",
    title: "The NDES service account lacks Read and Enroll on the SCEP template",
    why: "NDES requests certificates as its service account; the CA checks that account's Read and Enroll permissions on the template.",
    fix: "Security tab: add NDES service account with **Read** + **Enroll**",
    symptom:
      'NDES Event 6 (text above); CA denial CERTSRV_E_TEMPLATE_DENIED 0x80094012 (MS-WCCE: "The returned error code MUST be 0x80094012 (CERTSRV_E_TEMPLATE_DENIED)")',
    sources: ["S1", "S2", "S49", "S52", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.serviceAccount) continue;
      for (const t of c.scepTemplates) {
        const missing = missingReadEnroll(ix, t, c.serviceAccount);
        if (missing.length)
          report([ref.template(t), ref.account(c.serviceAccount)], `${accountName(c.serviceAccount)} has no ${missing.join(" and no ")} permission on template ${q(t.name)}.`);
      }
    }
  },
);

export const TPL_ACL_CONNECTOR_ACCOUNT = labRule(
  {
    code: "TPL_ACL_CONNECTOR_ACCOUNT",
    severity: "warning",
    title: "The certificate connector's account lacks Read and Enroll on the SCEP template",
    why: 'The connector prerequisites ask for "permissions that allow the Certificate Connector service account to auto enroll" on the template; with SYSTEM the account is the NDES computer account.',
    fix: "grant Read + Enroll to the connector service account",
    symptom: "none documented for SCEP",
    sources: ["S2"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      for (const conn of c.intuneConnectors) {
        if (!conn.features.scep) continue;
        const account = connectorAccount(ix, conn);
        if (!account) continue;
        for (const t of c.scepTemplates) {
          const missing = missingReadEnroll(ix, t, account);
          if (missing.length)
            report(
              [ref.template(t), ref.connector(conn, c.server), ref.account(account)],
              `The connector runs as ${conn.serviceAccount === "SYSTEM" ? "SYSTEM, i.e. " : ""}${accountName(account)}, which has no ${missing.join(" and no ")} permission on template ${q(t.name)}.`,
            );
        }
      }
    }
  },
);
