// A.3: the NDES web applications in IIS — Default Web Site, CertificateRegistrationSvc (legacy), mscep_admin, and
// what https://<NDES FQDN>/certsrv/mscep/mscep.dll answers (S13, S18, S26, S28, S29, S48).
import { configuredNdes, labRule, q, ref } from "../lab-rule";

export const NDES_CRP_WINDOWS_AUTH = labRule(
  {
    code: "NDES_CRP_WINDOWS_AUTH",
    severity: "error",
    title: "Windows Authentication is on for CertificateRegistrationSvc",
    why: "The legacy connector's CertificateRegistrationSvc must allow anonymous access; Windows Authentication there crashes the SCEP app pool.",
    fix: '"Enable Anonymous Authentication and disable Windows Authentication, and then restart the NDES server."',
    symptom: "app-pool crash → 503 (Cause 3)",
    sources: ["S13"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const crp = c.ndes.iis.certificateRegistrationSvc;
      if (crp?.windowsAuth)
        report([ref.ndes(c), ref.server(c.server)], `CertificateRegistrationSvc on ${c.server.fqdn}: Windows Authentication enabled, Anonymous Authentication ${crp.anonymousAuth ? "enabled" : "disabled"}.`);
    }
  },
);

export const NDES_TEMP_NOT_WRITABLE = labRule(
  {
    code: "NDES_TEMP_NOT_WRITABLE",
    severity: "error",
    title: "NETWORK SERVICE can't write to C:\\Windows\\Temp (legacy connector)",
    why: "The legacy connector's CertificateRegistrationSvc runs as NETWORK SERVICE and compiles into C:\\Windows\\Temp.",
    fix: "grant Network Service Write on C:\\Windows\\Temp",
    symptom:
      "IIS `POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 … NDES_Plugin - 500 0 0 359`; System Event 5009 \"A process serving application pool 'SCEP' terminated unexpectedly. … exit code was '0x0000374'.\"; Application Event 1310 \"A compilation error has occurred.\"",
    sources: ["S18"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.intuneConnectors.some((k) => k.generation === "legacy") && !c.ndes.tempWritableByNetworkService)
        report([ref.server(c.server)], `NETWORK SERVICE has no Write on C:\\Windows\\Temp on ${c.server.fqdn}.`);
  },
);

export const NDES_DEFAULT_WEB_SITE_RENAMED = labRule(
  {
    code: "NDES_DEFAULT_WEB_SITE_RENAMED",
    severity: "error",
    title: "IIS site ID 1 is no longer called Default Web Site",
    why: "The connector installer creates its applications under \"Default Web Site\" by name.",
    fix: 'rename site ID 1 back to "Default Web Site"',
    symptom:
      '"Microsoft Intune Connector Setup Wizard ended prematurely because of an error."; SetupMSI.log "WriteIIS7ConfigChanges:  Error 0x80070002: Site not found for create application"',
    sources: ["S26"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.defaultSite && c.defaultSite.name !== "Default Web Site")
        report([ref.server(c.server)], `Site ID 1 on ${c.server.fqdn} is named ${q(c.defaultSite.name)}.`);
  },
);

export const NDES_INTERNAL_URL_200 = labRule(
  {
    code: "NDES_INTERNAL_URL_200",
    severity: "error",
    title: "mscep.dll answers the general NDES page although the connector is installed",
    why: "With the connector's SCEP feature, the Intune policy module protects NDES and the URL answers 403; a 200 means the connector didn't register its policy module.",
    fix: "(re)install connector with SCEP feature; if installed, `iisreset` (support article) / reboot",
    symptom:
      '"Error: https://<host>/certsrv/mscep/mscep.dll returns 200 OK. This usually signifies an error with the Intune Connector registering itself or not being installed."; support article: "I receive a general Network Device Enrollment Service message"',
    sources: ["S13", "S28", "S29"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      // Connector absent or without SCEP: CONN_NOT_INSTALLED / CONN_SCEP_FEATURE_OFF say so.
      const scep = c.intuneConnectors.find((k) => k.features.scep);
      // Without the MSCEP key at all, NDES_MSCEP_KEY_MISSING says it.
      if (scep && c.ndes.mscepRegistry.present && !c.ndes.mscepRegistry.policyModule)
        report(
          [ref.ndes(c), ref.connector(scep, c.server)],
          `The connector on ${c.server.fqdn} has SCEP selected, but MSCEP\\Modules has no policy module: https://${c.server.fqdn}/certsrv/mscep/mscep.dll returns the general NDES page (200).`,
        );
    }
  },
);

export const NDES_ADMIN_PAGE_EXPOSED = labRule(
  {
    code: "NDES_ADMIN_PAGE_EXPOSED",
    severity: "info",
    title: "/certsrv/mscep_admin is published",
    why: "The NDES admin page is not used with Intune and its NTLM challenge discloses domain and server details (community hardening).",
    fix: "remove app / hidden segment (community hardening)",
    symptom: "NTLM challenge discloses domain/server details (community)",
    sources: ["S48"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.ndes.iis.mscepAdminPublished) report([ref.ndes(c)], `https://${c.server.fqdn}/certsrv/mscep_admin is published.`);
  },
);
