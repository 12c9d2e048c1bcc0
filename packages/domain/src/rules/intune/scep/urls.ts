// Catalogue A.6: the SCEP Server URLs. "The format needs to be as below:
// https://<external FQDN of the NDES server>/certsrv/mscep/mscep.dll" (001_6feb1c2e8b30dee5.txt, part 3).
import { isAndroidPlatform, PLATFORM_DISPLAY_NAMES } from "../../../intune/profile-types";
import { intuneRule, named, quote, ref } from "../intune-rule";

export const MSCEP_PATH = "/certsrv/mscep/mscep.dll";

export function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export const PROF_URL_NOT_MSCEP_PATH = intuneRule(
  {
    code: "PROF_URL_NOT_MSCEP_PATH",
    severity: "error",
    title: "A SCEP server URL doesn't end with /certsrv/mscep/mscep.dll",
    why:
      "Devices send GetCACaps, GetCACert and PKIOperation to the URL as written; NDES answers only at " +
      "/certsrv/mscep/mscep.dll (Windows appends /pkiclient.exe itself).",
    fix: "Use https://<external FQDN>/certsrv/mscep/mscep.dll.",
    symptom:
      'browser test doesn\'t give "HTTP Error 403.0 – Forbidden"; device 404s (Windows HRESULT 0x80190194 = HTTP 404, UNCONFIRMED mapping)',
    sources: ["S5", "S13", "S32", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const bad = c.settings.scepServerUrls.filter((u) => {
        try {
          return !new URL(u).pathname.toLowerCase().replace(/\/+$/, "").endsWith(MSCEP_PATH);
        } catch {
          return true;
        }
      });
      if (bad.length)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} has ${quote(bad)}, which doesn't end with ${MSCEP_PATH}.`);
    }
  },
);

export const PROF_URL_HTTP_ANDROID = intuneRule(
  {
    code: "PROF_URL_HTTP_ANDROID",
    severity: "error",
    title: "An Android SCEP profile uses an http:// SCEP server URL",
    why: "Android Enterprise and Android (AOSP) devices require HTTPS for the SCEP server URL.",
    fix: "Use the https:// URL of NDES (for example the application proxy External URL).",
    symptom: "Android can't enroll (UNCONFIRMED text)",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (!isAndroidPlatform(c.platform)) continue;
      const http = c.settings.scepServerUrls.filter((u) => /^http:\/\//i.test(u.trim()));
      if (http.length)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} is for ${PLATFORM_DISPLAY_NAMES[c.platform]} and uses ${quote(http)} over http.`,
        );
    }
  },
);

export const PROF_URL_MULTI_NONSTICKY = intuneRule(
  {
    code: "PROF_URL_MULTI_NONSTICKY",
    severity: "warning",
    title: "The SCEP profile lists several SCEP servers",
    why:
      "One enrollment is several calls (GetCACaps, GetCACert, PKIOperation) that must reach the same NDES server. " +
      '"If a different server is contacted for a subsequent call during the same request, the request will fail."',
    fix: "Use one URL per NDES server in separate profiles, or put the servers behind a load balancer with sticky sessions.",
    symptom: '"If a different server is contacted for a subsequent call during the same request, the request will fail."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const hosts = [...new Set(c.settings.scepServerUrls.map((u) => urlHost(u) ?? u))];
      if (hosts.length > 1)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} lists ${hosts.length} SCEP servers: ${quote(hosts)}.`);
    }
  },
);
