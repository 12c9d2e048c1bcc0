// A.4: the certificate bound to https:443 on the NDES server (S1, S14, S28, S33, S44, S49; 002_823a4c777ce30773.txt).
import { certificateNames, isExpired, isSelfSigned, serverTrustsChain } from "../../../lab/lab-index";
import { EKU } from "../../../lab/snapshot";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

export const IIS_CERT_NO_SERVER_AUTH = labRule(
  {
    code: "IIS_CERT_NO_SERVER_AUTH",
    severity: "error",
    title: "The IIS certificate has no Server Authentication EKU",
    why: "Clients accept a TLS server certificate only with the Server Authentication enhanced key usage.",
    fix: "reissue with Server Authentication",
    symptom: '"Error: The certificate bound in IIS is not valid for use. Reason:" … "Correct EKU: False"',
    sources: ["S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const cert = c.boundCertificate;
      if (cert && !cert.eku.includes(EKU.serverAuthentication))
        report([ref.server(c.server), ref.certificate(cert)], `The certificate bound to https:443 on ${c.server.fqdn} (${q(cert.subject)}) has EKUs ${cert.eku.join(", ") || "none"}, without Server Authentication (${EKU.serverAuthentication}).`);
    }
  },
);

export const IIS_CERT_NAME_MISMATCH = labRule(
  {
    code: "IIS_CERT_NAME_MISMATCH",
    severity: "error",
    title: "The IIS certificate doesn't name every host NDES answers as",
    why: "The subject (CN) and SAN must contain the NDES FQDN and every other name NDES answers under; with Entra application proxy the external URL is not required, because the connector calls the internal URL.",
    fix: "CN = NDES FQDN; SAN DNS = every name NDES answers (internal FQDN and external URL). With Entra app proxy \"the external URL is not required\" (connector translates to internal URL). Support article alternative: CN = external name, SAN = external + internal",
    symptom:
      '"Correct Subject: False"; legacy NDESPlugin.log `WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID` "Failed to send http request /CertificateRegistrationSvc/Certificate/VerifyRequest. Error 12175"; Windows CertEnroll "GetCACaps … A security error occurred 0x80072f8f (WinHttp: 12175 ERROR_WINHTTP_SECURE_FAILURE)"',
    sources: ["S1", "S14", "S28", "S49", "002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const cert = c.boundCertificate;
      if (!cert) continue;
      const missing = [c.server.fqdn, ...c.ndes.aliasHostNames].filter((h) => !certificateNames(cert, h));
      if (missing.length)
        report([ref.server(c.server), ref.certificate(cert)], `The certificate bound on ${c.server.fqdn} (${q(cert.subject)}, SAN ${cert.san.join(", ") || "none"}) doesn't name ${missing.map(q).join(", ")}.`);
    }
  },
);

export const IIS_CERT_SELF_SIGNED = labRule(
  {
    code: "IIS_CERT_SELF_SIGNED",
    severity: "error",
    title: "The IIS certificate is self-signed",
    why: "Devices and proxies don't trust a self-signed certificate.",
    fix: "use internal/public CA cert",
    symptom: '"Is Self-Signed: True"',
    sources: ["S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.boundCertificate && isSelfSigned(c.boundCertificate))
        report([ref.server(c.server), ref.certificate(c.boundCertificate)], `The certificate bound on ${c.server.fqdn} (${q(c.boundCertificate.subject)}) is issued by itself.`);
  },
);

export const IIS_CERT_EXPIRED = labRule(
  {
    code: "IIS_CERT_EXPIRED",
    severity: "error",
    title: "The IIS certificate has expired",
    why: "TLS clients refuse an expired server certificate.",
    fix: "renew and rebind",
    symptom: "TLS failure on devices / connector (UNCONFIRMED exact text; typically ERROR_WINHTTP_SECURE_FAILURE)",
    sources: ["S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.boundCertificate && isExpired(c.boundCertificate, ix.now))
        report([ref.server(c.server), ref.certificate(c.boundCertificate)], `The certificate bound on ${c.server.fqdn} (${q(c.boundCertificate.subject)}) expired on ${c.boundCertificate.notAfter.slice(0, 10)}.`);
  },
);

export const IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY = labRule(
  {
    code: "IIS_CERT_CHAIN_UNTRUSTED_BY_PROXY",
    severity: "error",
    title: "A reverse proxy doesn't trust the NDES IIS certificate",
    why: "The private network connector (with Validate Backend TLS Certificate on) or a third-party proxy opens its own TLS connection to NDES and must trust the IIS certificate's chain; domain members get the Enterprise root from AD.",
    fix: "trust chain on proxy host or disable backend validation",
    symptom:
      'WAP: must "trust the SSL certificate that\'s used on the computer that hosts the NDES service"; app proxy with **Validate Backend TLS Certificate** on → Bad gateway (UNCONFIRMED)',
    sources: ["S1", "S33", "S44"],
  },
  (lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const cert = c.boundCertificate;
      if (!cert) continue;
      for (const conn of lab.appProxyConnectors) {
        const host = ix.serversById.get(conn.serverId);
        if (host && !serverTrustsChain(ix, host, cert.issuer))
          report(
            [ref.appProxyConnector(conn, host), ref.server(c.server), ref.certificate(cert)],
            `${host.fqdn} (private network connector) doesn't trust ${q(cert.issuer)}, the issuer of the IIS certificate on ${c.server.fqdn}: it is not a domain member and its Trusted Root store lacks the root.`,
          );
      }
      for (const p of lab.reverseProxies)
        if (p.kind === "thirdParty" && !p.trustsBackendCertificate)
          report([ref.reverseProxy(p), ref.server(c.server)], `${q(p.displayName)} doesn't trust the IIS certificate chain of ${c.server.fqdn} (issuer ${q(cert.issuer)}).`);
    }
  },
);
