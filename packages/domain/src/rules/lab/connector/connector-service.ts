// A.5: the connector's Windows services, service account and certificates on its server (S2, S3, S14, S16, S20,
// S24, S30).
import { isExpired, principalKey } from "../../../lab/lab-index";
import { connectorServices, SERVICE } from "../../../lab/services";
import { accountName, connectorAccount, labRule, q, ref } from "../lab-rule";

export const CONN_SERVICE_ACCOUNT_RIGHTS = labRule(
  {
    code: "CONN_SERVICE_ACCOUNT_RIGHTS",
    severity: "error",
    title: "The connector's domain service account lacks its rights on the server",
    why: 'A domain service account for the connector must be "an administrator on the Windows Server" and hold Log on as a service.',
    fix: 'grant rights; options SYSTEM or "Domain user account – Use any domain user account that is an administrator on the Windows Server."',
    symptom: "service fails to start (UNCONFIRMED text)",
    sources: ["S2", "S3"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      if (conn.serviceAccount.toUpperCase() === "SYSTEM") continue;
      const s = ix.serversById.get(conn.serverId);
      const a = connectorAccount(ix, conn);
      if (!s) continue;
      if (!a) {
        report([ref.connector(conn, s)], `The connector's service account ${q(conn.serviceAccount)} doesn't exist in Active Directory.`);
        continue;
      }
      const missing = [
        !ix.covers(s.localGroups.Administrators, a, s) && "membership of Administrators",
        !ix.covers(s.userRights.logOnAsService, a, s) && "Log on as a service",
      ].filter(Boolean);
      if (missing.length) report([ref.connector(conn, s), ref.account(a)], `${accountName(a)} lacks ${missing.join(" and ")} on ${s.fqdn}.`);
    }
  },
);

export const CONN_SVC_ACCOUNT_DIFFERS_FROM_APPPOOL = labRule(
  {
    code: "CONN_SVC_ACCOUNT_DIFFERS_FROM_APPPOOL",
    severity: "info",
    title: "The connector and the SCEP app pool use different domain accounts",
    why: "A community script flags it; the docs require nothing. SYSTEM (the documented default) is not flagged.",
    fix: "none required by docs",
    symptom: '"SCEP in IIS and Cert connector are using different service account" (community script flags it)',
    sources: ["S30"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      if (conn.serviceAccount.toUpperCase() === "SYSTEM") continue;
      const a = connectorAccount(ix, conn);
      const s = ix.serversById.get(conn.serverId);
      for (const ndes of ix.ndesByServer.get(conn.serverId) ?? []) {
        const pool = ndes.iis.appPools.find((p) => p.name.toLowerCase() === "scep");
        if (pool && a && principalKey(pool.identity) !== a.samAccountName.toLowerCase())
          report([ref.connector(conn, s)], `The connector runs as ${accountName(a)}; application pool SCEP runs as ${q(pool.identity)}.`);
      }
    }
  },
);

export const CONN_SERVICE_STOPPED = labRule(
  {
    code: "CONN_SERVICE_STOPPED",
    severity: "error",
    title: "A certificate connector service is not running",
    why: "The connector's services verify SCEP challenges, upload PKCS certificates and revoke; stopped, Intune's requests go unanswered.",
    fix: "start / set Automatic",
    symptom: "no 4004/4008 events; status in admin center stale",
    sources: ["S30", "S16"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (!s) continue;
      const byName = new Map(s.services.map((x) => [x.name.toLowerCase(), x]));
      const bad = connectorServices(conn)
        .map((id) => ({ id, svc: byName.get(SERVICE[id].name.toLowerCase()) }))
        .filter(({ svc }) => !svc || svc.status !== "running");
      if (bad.length)
        report(
          [ref.connector(conn, s), ref.server(s)],
          `On ${s.fqdn}: ${bad.map(({ id, svc }) => `${SERVICE[id].name} (${SERVICE[id].displayName}) is ${svc ? `${svc.status}, startup ${svc.startupType}` : "not installed"}`).join("; ")}.`,
        );
    }
  },
);

export const CONN_CERT_EXPIRED = labRule(
  {
    code: "CONN_CERT_EXPIRED",
    severity: "error",
    title: "The connector's certificate from Intune is missing or expired",
    why: "The connector authenticates to Intune with the certificate it got when it was signed in (registry EncryptionCertThumbprint).",
    fix: "re-run wizard sign-in / reinstall",
    symptom:
      '"Conncetor Certificate is expired and we need to renew cert:" / "You can delete exipred cert in store and sign-in connector again"; legacy Event 10102 CertificateRenewal_Failure "Connector enrollment certificate failed to renew. Reinstall the connector." 0x00000405',
    sources: ["S24", "S30"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      const cert = conn.clientCertificate;
      if (!cert) report([ref.connector(conn, s)], `The connector on ${s?.fqdn ?? conn.serverId} has no client certificate (EncryptionCertThumbprint is empty).`);
      else if (isExpired(cert, ix.now)) report([ref.connector(conn, s), ref.certificate(cert)], `The connector's certificate ${q(cert.subject)} expired on ${cert.notAfter.slice(0, 10)}.`);
    }
  },
);

export const CONN_SIGNING_CERT_MISSING = labRule(
  {
    code: "CONN_SIGNING_CERT_MISSING",
    severity: "error",
    title: "The legacy connector has no SigningCertificate",
    why: "The legacy NDES policy module verifies challenges with the connector's signing certificate (NDESConnector\\SigningCertificate).",
    fix: "restart Intune Connector Service; fix connectivity; reset MSCEP templates to IPSECIntermediateOffline, reboot, then restore",
    symptom:
      'NDESPlugin "Verify challenge returns false"; CRP "Signing certificate could not be retrieved. System.Security.Cryptography.CryptographicException: m_safeCertContext is an invalid handle."; legacy diag 0x00000409 CRPSCEPSigningCert_NotFound',
    sources: ["S14", "S20", "S24"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors)
      if (conn.generation === "legacy" && conn.signingCertificatePresent === false)
        report([ref.connector(conn, ix.serversById.get(conn.serverId))], `HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector\\SigningCertificate is missing on ${ix.serversById.get(conn.serverId)?.fqdn ?? conn.serverId}.`);
  },
);
