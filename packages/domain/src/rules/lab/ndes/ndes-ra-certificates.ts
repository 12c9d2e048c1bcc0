// A.3: the RA certificates the AD CS Configuration wizard issues to NDES (CEP Encryption and Exchange Enrollment
// Agent (Offline request)), their keys, and the server's Trusted Root store (S13, S28, S30, S42, S50).
import { isExpired, isSelfSigned } from "../../../lab/lab-index";
import { accountName, configuredNdes, labRule, q, ref } from "../lab-rule";

export const RA_TEMPLATES = ["EnrollmentAgentOffline", "CEPEncryption"] as const;

export const NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN = labRule(
  {
    code: "NDES_INSTALLED_WITHOUT_ENTERPRISE_ADMIN",
    severity: "error",
    title: "NDES has no RA certificates (configured without Enterprise Admin rights)",
    why: "The AD CS Configuration wizard enrols the RA certificates only when run by an Enterprise Administrator.",
    fix: "reinstall/configure NDES as Enterprise Admin",
    symptom:
      '"Error: EnrollmentAgentOffline certificate is not present!" / "Error: CEPEncryption certificate is not present!" + "This can take place when an account without Enterprise Admin permissions installs NDES. You may need to remove the NDES role and reinstall with the correct permissions."',
    sources: ["S1", "S28", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const have = new Set(c.ndes.raCertificates.map((r) => r.template));
      const missing = RA_TEMPLATES.filter((t) => !have.has(t));
      if (missing.length)
        report(
          [ref.ndes(c), ref.server(c.server)],
          `${missing.join(" and ")} certificate${missing.length > 1 ? "s are" : " is"} not present on ${c.server.fqdn}${c.ndes.configuredByEnterpriseAdmin ? "" : "; NDES was configured by an account that is not an Enterprise Admin"}.`,
        );
    }
  },
);

export const NDES_RA_CERTS_EXPIRED = labRule(
  {
    code: "NDES_RA_CERTS_EXPIRED",
    severity: "error",
    title: "NDES RA certificates have expired",
    why: "NDES signs and decrypts SCEP messages with its RA certificates; once they expire every request fails.",
    fix: "reinstall NDES role or request new CEP Encryption + Exchange Enrollment Agent (Offline request) certs, grant NDES service account Read on private keys, `iisreset`",
    symptom: 'browsing URL: "500 - Internal server error" (Cause 2 "The MSCEP-RA certificates are expired."); new script: "EnrollmentAgentOffline certificate is not present or expired !"',
    sources: ["S13", "S30"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      for (const cert of c.ndes.raCertificates)
        if (isExpired(cert, ix.now))
          report([ref.ndes(c), ref.certificate(cert)], `RA certificate ${q(cert.subject)} (${cert.template ?? "RA"}) expired on ${cert.notAfter.slice(0, 10)}.`);
  },
);

export const NDES_RA_KEY_ACL = labRule(
  {
    code: "NDES_RA_KEY_ACL",
    severity: "error",
    title: "The NDES service account can't read the RA private keys",
    why: "The SCEP application pool runs as the NDES service account and uses the RA private keys; without Read on them NDES can't start.",
    fix: "grant Read on the RA private keys to the NDES service account (Manage Private Keys)",
    symptom:
      'NDES Event 2 "The Device Enrollment Service cannot be started (0x80070057). The parameter is incorrect." + Event 10 "…cannot retrieve one of its required certificates (0x80070057). The parameter is incorrect."; HTTP 500 on /CertSrv/MSCEP',
    sources: ["S50", "S13"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.serviceAccount) continue;
      for (const cert of c.ndes.raCertificates) {
        const readers = cert.privateKeyReadableBy ?? ["Administrators", "NT AUTHORITY\\SYSTEM"];
        if (!ix.covers(readers, c.serviceAccount, c.server))
          report(
            [ref.ndes(c), ref.certificate(cert), ref.account(c.serviceAccount)],
            `The private key of ${q(cert.subject)} (${cert.template ?? "RA"}) is readable by ${readers.join(", ")}, not by ${accountName(c.serviceAccount)}.`,
          );
      }
    }
  },
);

export const NDES_CSP_NOT_CRYPTOAPI = labRule(
  {
    code: "NDES_CSP_NOT_CRYPTOAPI",
    severity: "error",
    title: "NDES RA keys use a CNG key storage provider",
    why: "NDES supports only CryptoAPI cryptographic service providers for the RA keys.",
    fix:
      '"Only Cryptographic Application Programming Interface (CryptoAPI) Service Providers are supported for the RA keys—Cryptography API; Next Generation (CNG) providers aren\'t supported." Reconfigure with "Microsoft Strong Cryptographic Provider"',
    symptom: '"Error: Incorrect CSP selected during install. NDES only supports the CryptoAPI CSP."',
    sources: ["S28", "S42"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const cng = c.ndes.raCertificates.filter((r) => r.keyProvider === "cng");
      if (!c.ndes.cryptography.providerIsCryptoApi || cng.length)
        report(
          [ref.ndes(c)],
          `Cryptography for NDES: signature provider ${q(c.ndes.cryptography.signatureProvider)}, encryption provider ${q(c.ndes.cryptography.encryptionProvider)}${cng.length ? `; ${cng.length} RA key(s) in a CNG provider` : ""}.`,
        );
    }
  },
);

export const NDES_INTERMEDIATE_IN_ROOT_STORE = labRule(
  {
    code: "NDES_INTERMEDIATE_IN_ROOT_STORE",
    severity: "error",
    title: "An intermediate certificate sits in the NDES server's Trusted Root store",
    why: "A non-self-signed certificate in LocalMachine\\Root (often pushed by Group Policy) breaks chain building for the connector's and NDES's certificates and crashes the SCEP app pool.",
    fix: "remove intermediates (`Get-Childitem -Path cert:\\LocalMachine\\root -Recurse | Where-Object {$_.Issuer -ne $_.Subject}`), exclude server from the GPO, restart",
    symptom:
      'app-pool crash (503, Cause 1); legacy NDESPlugin.log "Verify challenge returns …<title>403 - Forbidden: Access is denied.</title>" and IIS `POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - … NDES_Plugin - 403 16 2148204809 453`; script "Error: Intermediate certificate found in the Trusted Root store. This can cause undesired effects and should be removed."',
    sources: ["S13", "S14", "S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const bad = c.server.certificates.root.filter((r) => !isSelfSigned(r));
      if (bad.length)
        report(
          [ref.server(c.server), ...bad.map(ref.certificate)],
          `LocalMachine\\Root on ${c.server.fqdn} holds ${bad.map((b) => `${q(b.subject)} issued by ${q(b.issuer)}`).join(", ")}.`,
        );
    }
  },
);
