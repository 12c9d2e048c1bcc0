// The SCEP server URL against how NDES is published (application proxy, reverse proxy, DNS), and the trusted root
// against the CA chain actually behind NDES. (A profile that keeps the internal URL after publishing is
// APPPROXY_INTUNE_URL_NOT_UPDATED, implemented once with the Entra rules.) Silent when the lab (and, for app
// proxy, Entra) sections are absent.
import { TRUSTED_ROOT_TYPE_FOR_SCEP } from "../../../intune/profile-types";
import { intuneRule, named, quote, ref } from "../intune-rule";
import { urlHost } from "../scep/urls";
import { labOf, labRef, ndesByHost, ndesForProfile, publishedApps } from "./cross-context";

const MSAPPPROXY = /\.msappproxy\.net$/i;

export const PROF_URL_NOT_APPPROXY_EXTERNAL = intuneRule(
  {
    code: "PROF_URL_NOT_APPPROXY_EXTERNAL",
    severity: "error",
    title: "The SCEP server URL is not the application proxy External URL",
    why: "With NDES published through application proxy, devices must call the External URL of the NDES application.",
    fix:
      "Paste the External URL + certsrv/mscep/mscep.dll into SCEP Server URLs (the support article recommends the " +
      "default yourtenant.msappproxy.net domain).",
    symptom:
      '"This page can\'t be displayed" ("This issue occurs when the SCEP external URL is incorrect in the Application Proxy configuration")',
    sources: ["S13", "S32", "000_6abfab919ea0a4d2.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report, snapshot) => {
    const apps = publishedApps(snapshot.entra);
    if (!apps.length) return;
    const lab = labOf(snapshot);
    // The NDES application(s): published apps whose internal URL is an NDES server of the lab.
    const ndesApps = lab ? apps.filter((a) => ndesByHost(lab.ix, a.internalHost)) : [];
    const proxied = new Set((lab?.lab.reverseProxies ?? []).map((p) => p.externalHostName.toLowerCase()));
    for (const c of ix.scep) {
      const hosts = c.settings.scepServerUrls.map((u) => ({ url: u, host: urlHost(u) }));
      const good = (h: string | undefined) => apps.some((a) => a.externalHost === h) || (h !== undefined && proxied.has(h));
      // The internal URL kept after publishing is APPPROXY_INTUNE_URL_NOT_UPDATED (rules/entra/cross).
      const internal = (h: string | undefined) => apps.some((a) => a.internalHost === h);
      const bad = hosts.filter(({ host }) => {
        if (!host || good(host) || internal(host)) return false;
        // An *.msappproxy.net name no application has, or any other name once NDES is published through app proxy.
        return MSAPPPROXY.test(host) || (ndesApps.length > 0 && !(lab && ndesByHost(lab.ix, host)));
      });
      if (!bad.length) continue;
      const expected = (ndesApps.length ? ndesApps : apps.filter((a) => MSAPPPROXY.test(a.externalHost ?? ""))).map((a) => a.externalUrl);
      report(
        [ref.scep(c), ...(ndesApps[0] ? [labRef.app(ndesApps[0].app)] : [])],
        `SCEP profile ${named(c.profile)} uses ${quote(bad.map((b) => b.url))}; ` +
          (expected.length ? `the application proxy External URL is ${quote(expected)}.` : "no application proxy application has that External URL."),
      );
    }
  },
);

export const PROF_URL_INTERNAL_ONLY = intuneRule(
  {
    code: "PROF_URL_INTERNAL_ONLY",
    severity: "error",
    title: "The SCEP server URLs are reachable only inside the corporate network",
    why: "Devices on the internet can't resolve or reach an internal NDES name.",
    fix: '"To allow devices on the internet to get certificates, you must specify the NDES URL external to your corporate network."',
    symptom:
      'IIS shows no request ("If the connection request isn\'t logged at all, the contact from the device might be blocked on the network")',
    sources: ["S5", "S13", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    const apps = publishedApps(snapshot.entra);
    const domains = lab.lab.forest.domains.map((d) => d.fqdn.toLowerCase());
    const publicNames = new Set(lab.lab.network.externalDnsRecords.map((r) => r.name.toLowerCase()));
    const isInternal = (host: string) =>
      !publicNames.has(host) &&
      (!host.includes(".") || domains.some((d) => host === d || host.endsWith(`.${d}`)) || !!ndesByHost(lab.ix, host));
    for (const c of ix.scep) {
      const hosts = c.settings.scepServerUrls.map((u) => urlHost(u)).filter((h): h is string => !!h);
      if (!hosts.length || !hosts.every(isInternal)) continue;
      if (hosts.some((h) => apps.some((a) => a.internalHost === h))) continue; // APPPROXY_INTUNE_URL_NOT_UPDATED says it
      report(
        [ref.scep(c)],
        `SCEP profile ${named(c.profile)} lists only internal names (${quote(hosts)}), which devices on the internet can't reach.`,
      );
    }
  },
);

export const TRUST_INTERMEDIATE_AS_ROOT = intuneRule(
  {
    code: "TRUST_INTERMEDIATE_AS_ROOT",
    severity: "error",
    title: "The trusted certificate is not the root of the CA chain behind NDES",
    why:
      "The device validates NDES's CA certificates against the root in the trusted certificate profile; an " +
      "intermediate or another CA's certificate there breaks the chain. \"This is the most common cause\".",
    fix: "Upload the real self-signed root of the issuing CA's chain (certutil -ca.cert on the root CA).",
    symptom:
      'iOS: no GetCACaps in IIS after GetCACert; console "Desc   : The Registration Authority...s response is invalid." / ' +
      '"(Error) MC: Cannot retrieve SCEP identity"; browser ERROR_WINHTTP_SECURE_FAILURE',
    sources: ["S21", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    const seen = new Set<string>();
    for (const c of ix.scep) {
      const cert = c.root?.certificate;
      const ca = ndesForProfile(c, lab, snapshot.entra)?.ca;
      if (!c.root || !cert || !ca || seen.has(c.root.id)) continue;
      const chain = lab.ix.chain(ca);
      const top = chain[chain.length - 1]!;
      if (top.certificate.thumbprint.toUpperCase() === cert.thumbprint.toUpperCase()) continue;
      seen.add(c.root.id);
      const inChain = chain.find((x) => x.certificate.thumbprint.toUpperCase() === cert.thumbprint.toUpperCase());
      const what = inChain ? `the intermediate '${inChain.name}'` : `'${cert.subject}'`;
      report(
        [ref.profile(c.root), ref.scep(c), labRef.ca(top)],
        `Trusted certificate profile ${named(c.root)} holds ${what}; the root of the chain behind NDES (${chain.map((x) => x.name).join(" → ")}) is '${top.name}'.`,
      );
    }
  },
);

export const TRUST_ISSUING_CA_NOT_DEPLOYED = intuneRule(
  {
    code: "TRUST_ISSUING_CA_NOT_DEPLOYED",
    severity: "warning",
    title: "Android profiles get the root CA but not the issuing CA",
    why:
      "\"If you plan to deploy SCEP profiles to Android devices, and if you have both a root CA and an issuing CA, you need " +
      'to create one trusted certificate profile for the root CA and another one for the issuing CA."',
    fix: "Deploy an extra trusted certificate profile holding the issuing CA certificate (Windows: Intermediate store).",
    symptom:
      'UNCONFIRMED for Android (MS docs: "You can use additional Trusted Root CA certificates when needed … Create additional Trusted Root CA certificates for issuing CAs")',
    sources: ["S1", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      if (c.platform !== "androidDeviceOwner" && c.platform !== "androidWorkProfile" && c.platform !== "aosp") continue;
      const ca = ndesForProfile(c, lab, snapshot.entra)?.ca;
      if (!ca) continue;
      const intermediates = lab.ix.chain(ca).slice(0, -1);
      const type = TRUSTED_ROOT_TYPE_FOR_SCEP[c.odataType];
      const deployed = new Set(ix.trusted.filter((p) => p.odataType === type).map((p) => p.certificate?.thumbprint.toUpperCase()));
      const missing = intermediates.filter((x) => !deployed.has(x.certificate.thumbprint.toUpperCase()));
      if (missing.length)
        report(
          [ref.scep(c), ...missing.map(labRef.ca)],
          `SCEP profile ${named(c.profile)} is issued by ${quote(missing.map((x) => x.name))}, but no trusted certificate profile of its platform holds ${missing.length === 1 ? "that CA's" : "their"} certificate.`,
        );
    }
  },
);
