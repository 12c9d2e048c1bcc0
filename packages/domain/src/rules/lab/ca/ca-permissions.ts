// A.1: the CA's Security tab — Request Certificates for the NDES service account (001_6feb1c2e8b30dee5.txt, S42),
// Issue and Manage Certificates for the connector when revocation is on (S1, S2, S4, S24).
import { accountName, configuredNdes, connectorAccount, labRule, q, ref } from "../lab-rule";

export const CA_REQUEST_PERMISSION_MISSING = labRule(
  {
    code: "CA_REQUEST_PERMISSION_MISSING",
    severity: "error",
    title: "The NDES service account can't request certificates from the CA",
    why: "NDES submits requests to the CA as its service account, which needs Request Certificates on the CA (by default Authenticated Users has it).",
    fix: "CA Properties > Security > add NDES service account, Allow **Request Certificates**",
    symptom: "exact CA error UNCONFIRMED (likely a denial in Failed Requests)",
    sources: ["S42", "001_6feb1c2e8b30dee5.txt", "004_0623edc70b4e3354.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca || !c.serviceAccount) continue;
      const requesters = c.ca.acl.filter((a) => a.request).map((a) => a.principal);
      if (!ix.covers(requesters, c.serviceAccount))
        report(
          [ref.ca(c.ca), ref.account(c.serviceAccount)],
          `${accountName(c.serviceAccount)} has no Request Certificates on ${q(c.ca.name)}; it is allowed to ${requesters.join(", ") || "nobody"}.`,
        );
    }
  },
);

export const CA_REVOKE_PERMISSION_MISSING = labRule(
  {
    code: "CA_REVOKE_PERMISSION_MISSING",
    severity: "warning",
    title: "The certificate connector can't revoke certificates on the CA",
    why: "With Certificate revocation selected, the connector revokes certificates of retired devices on the CA as its service account (the NDES computer account when it runs as SYSTEM), which needs Issue and Manage Certificates.",
    fix: "CA Properties > Security > Add the NDES server (SYSTEM option) or the service account > Allow **Issue and Manage Certificates**",
    symptom:
      'New connector: Operational Event 3051 *RevokeFailure* "A failure occurred while revoking a certificate." (Admin 3001 on download failures). Legacy: Event 20202 RevokeCert_Failure with diagnostic 0x00000402 RevokeCert_AccessDenied "The specified account does not have permissions to revoke a certificate from CA."',
    sources: ["S1", "S2", "S4", "S24", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      if (!conn.features.revocation) continue;
      const account = connectorAccount(ix, conn);
      const server = ix.serversById.get(conn.serverId);
      for (const ndes of ix.ndesByServer.get(conn.serverId) ?? []) {
        const ca = ix.casById.get(ndes.caId);
        if (!ca || !account) continue;
        const managers = ca.acl.filter((a) => a.issueAndManage).map((a) => a.principal);
        if (!ix.covers(managers, account))
          report(
            [ref.ca(ca), ref.connector(conn, server), ref.account(account)],
            `The connector on ${server?.fqdn ?? conn.serverId} runs as ${conn.serviceAccount === "SYSTEM" ? `SYSTEM (${accountName(account)})` : accountName(account)}, which lacks Issue and Manage Certificates on ${q(ca.name)} (held by ${managers.join(", ") || "nobody"}).`,
          );
      }
    }
  },
);
