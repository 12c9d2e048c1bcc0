// A.4: Default Web Site bindings (S1, S10, S48; 002_823a4c777ce30773.txt; 001_6feb1c2e8b30dee5.txt reader comments).
import { configuredNdes, labRule, q, ref } from "../lab-rule";

export const IIS_NO_HTTPS_443_BINDING = labRule(
  {
    code: "IIS_NO_HTTPS_443_BINDING",
    severity: "error",
    title: "Default Web Site has no https binding on 443 with a certificate",
    why: "Devices, the reverse proxy and the connector reach NDES over HTTPS on port 443 (Android requires HTTPS).",
    fix: 'Bindings > Add > Type https, port 443, SSL certificate = server-auth cert ("Only port 443 is supported for standalone Intune." — 2019 doc)',
    symptom: "devices can't connect over HTTPS (Android requires HTTPS)",
    sources: ["S1", "S10", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const site = c.defaultSite;
      if (!c.httpsBinding)
        report([ref.server(c.server)], `${site ? q(site.name) : "Site ID 1"} on ${c.server.fqdn} is bound to ${site?.bindings.map((b) => `${b.protocol}:${b.port}`).join(", ") || "nothing"}, no https:443.`);
      else if (!c.boundCertificate)
        report([ref.server(c.server)], `The https:443 binding on ${c.server.fqdn} names certificate ${q(c.httpsBinding.certificateThumbprint ?? "(none)")}, which is not in LocalMachine\\My.`);
    }
  },
);

export const IIS_BINDING_HOSTNAME_SET = labRule(
  {
    code: "IIS_BINDING_HOSTNAME_SET",
    severity: "warning",
    title: "The https binding has a host name",
    why: "With a host name the site answers only requests for that exact name; the app proxy's internal URL or another name NDES answers under would not match (seed 001 reader: \"Make sure you delete the host name when setting up the IIS site.\").",
    fix: "leave host name empty",
    symptom: "UNCONFIRMED (requests for other names, e.g. app-proxy internal URL vs external, may not match)",
    sources: ["001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.httpsBinding?.hostName) report([ref.server(c.server)], `The https:443 binding on ${c.server.fqdn} has host name ${q(c.httpsBinding.hostName)}.`);
  },
);

export const IIS_HTTP_BINDING_PRESENT = labRule(
  {
    code: "IIS_HTTP_BINDING_PRESENT",
    severity: "info",
    title: "Plain HTTP binding left on Default Web Site",
    why: "Once https:443 is bound, http:80 is not needed (community hardening).",
    fix: "remove (community hardening)",
    symptom: "none",
    sources: ["S48"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const http = c.defaultSite?.bindings.filter((b) => b.protocol === "http") ?? [];
      if (http.length) report([ref.server(c.server)], `Default Web Site on ${c.server.fqdn} still has ${http.map((b) => `http:${b.port}`).join(", ")}.`);
    }
  },
);
