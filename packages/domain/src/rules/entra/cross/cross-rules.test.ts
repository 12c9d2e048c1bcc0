import { describe, expect, it } from "vitest";
import { LAB_IDS, NDES_IIS_CERT, labServer, ndesLab } from "../../../entra/lab-fixture";
import { ENTRA_IDS, correctEntra, withNdesApp, withPublishing } from "../../../entra/testing";
import type { EntraSnapshot } from "../../../entra/snapshot";
import type { LabSnapshot } from "../../../lab/snapshot";
import { ROOT_CERT, correctIntune, scepProfile } from "../../../intune/testing";
import type { TenantSnapshot } from "../../snapshot";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import { ENTRA_RULES } from "../entra-rules";
import {
  APPPROXY_BACKEND_TIMEOUT,
  APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI,
  APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT,
  APPPROXY_INTERNAL_URL_WRONG,
  APPPROXY_INTUNE_URL_NOT_UPDATED,
  APPPROXY_PREAUTH_NOT_PASSTHROUGH,
  APPX_NO_LINE_OF_SIGHT,
} from "./cross-rules";

/** Seed 000 end to end: the directory and Intune of seed 001 part 3, the lab, and the Entra side. */
function world(change: { entra?: EntraSnapshot; lab?: LabSnapshot | null; intune?: boolean } = {}): TenantSnapshot {
  const t = correctIntune();
  t.entra = change.entra ?? correctEntra({ connectorServerId: LAB_IDS.ndesServer });
  if (change.lab !== null) t.lab = change.lab ?? ndesLab();
  if (change.intune === false) delete t.intune;
  return t;
}
const base = () => correctEntra({ connectorServerId: LAB_IDS.ndesServer });
const run = (t: TenantSnapshot, rule: Rule) => evaluate(t, [rule]);

describe("the seed 000 end state", () => {
  it("yields no error and no warning from any Entra rule", () => {
    const findings = evaluate(world(), ENTRA_RULES);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.map((f) => f.code).sort()).toEqual(["APPPROXY_BACKEND_TIMEOUT", "APPX_SINGLE_CONNECTOR"]);
  });

  it("also with the connector and the app in the Default group", () => {
    const t = world({ entra: correctEntra({ connectorServerId: LAB_IDS.ndesServer, useNdesGroup: false }) });
    expect(evaluate(t, ENTRA_RULES).filter((f) => f.severity !== "info")).toEqual([]);
  });
});

describe("APPPROXY_PREAUTH_NOT_PASSTHROUGH", () => {
  it("fires when the app that publishes NDES01 keeps Microsoft Entra ID pre-authentication", () => {
    const [f] = run(world({ entra: withPublishing(base(), { externalAuthenticationType: "aadPreAuthentication" }) }), APPPROXY_PREAUTH_NOT_PASSTHROUGH);
    expect(f?.message).toBe(
      "'NDES' has Pre Authentication = Microsoft Entra ID (aadPreAuthentication), and its Internal URL https://ndes01.corp.contoso.com/ is the NDES server ndes01.corp.contoso.com.",
    );
    expect(f?.objects.map((o) => o.type)).toEqual(["application", "ndesServer"]);
  });

  it("fires from Intune alone when SCEP profiles use the app's External URL", () => {
    const [f] = run(world({ lab: null, entra: withPublishing(base(), { externalAuthenticationType: "aadPreAuthentication" }) }), APPPROXY_PREAUTH_NOT_PASSTHROUGH);
    expect(f?.message).toContain("Intune SCEP profiles send devices to its External URL");
  });

  it("is quiet for Passthrough, for apps that are not NDES, and without lab and Intune", () => {
    expect(run(world(), APPPROXY_PREAUTH_NOT_PASSTHROUGH)).toEqual([]);
    const other = base();
    other.applications.push({ ...other.applications[0]!, id: "app-2", displayName: "Expenses", onPremisesPublishing: { ...other.applications[0]!.onPremisesPublishing!, internalUrl: "https://web01.corp.contoso.com/", externalUrl: "https://expenses-contoso.msappproxy.net/", externalAuthenticationType: "aadPreAuthentication" } });
    expect(run(world({ entra: other }), APPPROXY_PREAUTH_NOT_PASSTHROUGH)).toEqual([]);
    expect(run(world({ lab: null, intune: false, entra: withPublishing(base(), { externalAuthenticationType: "aadPreAuthentication" }) }), APPPROXY_PREAUTH_NOT_PASSTHROUGH)).toEqual([]);
  });
});

describe("APPPROXY_INTERNAL_URL_WRONG", () => {
  it("fires for a typo in the NDES FQDN", () => {
    const [f] = run(world({ entra: withPublishing(base(), { internalUrl: "https://ndes01.corp.contoso.co/" }) }), APPPROXY_INTERNAL_URL_WRONG);
    expect(f?.message).toBe(
      "'NDES' has Internal URL 'https://ndes01.corp.contoso.co/', which names ndes01.corp.contoso.co, which is not an NDES server of the lab (ndes01.corp.contoso.com); use https://ndes01.corp.contoso.com/.",
    );
  });

  it("fires for a published path instead of the root, and for the short name", () => {
    expect(run(world({ entra: withPublishing(base(), { internalUrl: "https://ndes01.corp.contoso.com/certsrv/mscep/" }) }), APPPROXY_INTERNAL_URL_WRONG)[0]?.message).toContain(
      "publishes the path /certsrv/mscep/ instead of the root",
    );
    expect(run(world({ entra: withPublishing(base(), { internalUrl: "https://ndes01/" }) }), APPPROXY_INTERNAL_URL_WRONG)[0]?.message).toContain("rather than its FQDN");
  });

  it("is quiet for https://<NDES FQDN>/ and without a lab", () => {
    expect(run(world(), APPPROXY_INTERNAL_URL_WRONG)).toEqual([]);
    expect(run(world({ lab: null, entra: withPublishing(base(), { internalUrl: "https://ndes01.corp.contoso.co/" }) }), APPPROXY_INTERNAL_URL_WRONG)).toEqual([]);
  });
});

describe("APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT", () => {
  const otherCert = { ...NDES_IIS_CERT, subject: "CN=ndes.contoso.com", san: ["ndes.contoso.com"] };
  const lab = () => ndesLab({ ndesServer: { certificates: { my: [otherCert], root: [] } } });

  it("fires when IIS presents a certificate for another name and backend validation is on", () => {
    const [f] = run(world({ lab: lab() }), APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT);
    expect(f?.message).toBe(
      "'NDES' validates the backend certificate, but IIS on ndes01.corp.contoso.com presents 'CN=ndes.contoso.com' (names: ndes.contoso.com), which does not name ndes01.corp.contoso.com.",
    );
  });

  it("is quiet with backend validation off, or with a matching certificate", () => {
    expect(run(world({ lab: lab(), entra: withPublishing(base(), { isBackendCertificateValidationEnabled: false }) }), APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT)).toEqual([]);
    expect(run(world(), APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT)).toEqual([]);
  });
});

describe("APPX_NO_LINE_OF_SIGHT", () => {
  const withWebConnector = (): EntraSnapshot => {
    const e = base();
    e.connectors = [{ ...e.connectors[0]!, machineName: "WEB01.corp.contoso.com", serverId: LAB_IDS.web01 }];
    return e;
  };
  const dmzLab = () => ndesLab({ servers: [labServer(LAB_IDS.web01, "web01", { network: { outbound443: true, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false, reachableHosts: ["dc01.corp.contoso.com"] } })] });

  it("fires when the only Active connector's server cannot reach NDES", () => {
    const [f] = run(world({ entra: withWebConnector(), lab: dmzLab() }), APPX_NO_LINE_OF_SIGHT);
    expect(f?.message).toBe("'NDES' forwards to ndes01.corp.contoso.com through 'NDES Connector Group', but none of its Active connectors can reach it: WEB01.corp.contoso.com.");
  });

  it("is quiet when the connector's server reaches NDES (by list or by default), and without a lab", () => {
    const reaching = ndesLab({ servers: [labServer(LAB_IDS.web01, "web01", { network: { outbound443: true, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false, reachableHosts: ["NDES01"] } })] });
    expect(run(world({ entra: withWebConnector(), lab: reaching }), APPX_NO_LINE_OF_SIGHT)).toEqual([]);
    expect(run(world(), APPX_NO_LINE_OF_SIGHT)).toEqual([]);
    expect(run(world({ entra: withWebConnector(), lab: null }), APPX_NO_LINE_OF_SIGHT)).toEqual([]);
  });
});

describe("APPPROXY_INTUNE_URL_NOT_UPDATED", () => {
  function withProfileUrl(url: string): TenantSnapshot {
    const t = world();
    t.intune = { ...t.intune!, profiles: t.intune!.profiles.map((p) => (p.id === scepProfile("iOS").id ? { ...p, settings: { ...p.settings, scepServerUrls: [url] } } : p)) };
    return t;
  }

  it("fires for a profile that still uses the internal NDES URL", () => {
    const [f] = run(withProfileUrl("https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"), APPPROXY_INTUNE_URL_NOT_UPDATED);
    expect(f?.message).toBe(
      "SCEP profile 'SCEP - iOS' uses 'https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll'; 'NDES' publishes NDES at https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll.",
    );
  });

  it("is quiet for the External URL + certsrv/mscep/mscep.dll, and without Intune", () => {
    expect(run(world(), APPPROXY_INTUNE_URL_NOT_UPDATED)).toEqual([]);
    const t = withProfileUrl("https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll");
    delete t.intune;
    expect(run(t, APPPROXY_INTUNE_URL_NOT_UPDATED)).toEqual([]);
  });
});

describe("APPPROXY_BACKEND_TIMEOUT", () => {
  it("reports the Default timeout of the NDES app as info", () => {
    expect(run(world(), APPPROXY_BACKEND_TIMEOUT)[0]).toMatchObject({ severity: "info", message: "'NDES' has Backend Application Timeout = Default (85 seconds)." });
  });
  it("is quiet with Long", () => {
    expect(run(world({ entra: withPublishing(base(), { applicationServerTimeout: "long" }) }), APPPROXY_BACKEND_TIMEOUT)).toEqual([]);
  });
});

describe("APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI", () => {
  const ROOT_ID = "ca-root";
  function customDomainWorld(deployRoot: boolean): TenantSnapshot {
    const lab = ndesLab();
    const caCert = (subject: string, thumbprint: string) => ({ ...NDES_IIS_CERT, subject, issuer: ROOT_CERT.subject, thumbprint, isCa: true, signatureAlgorithm: "sha256RSA", keySize: 4096 });
    lab.cas = [
      { id: ROOT_ID, name: "Contoso Root CA", serverId: "srv-root", type: "standaloneRoot", certificate: caCert(ROOT_CERT.subject, ROOT_CERT.thumbprint), acl: [], editFlags: [], templatesToIssue: [], crlDistributionPoints: [], aia: [], dnLengthEnforced: true, running: true },
      { id: LAB_IDS.ca, name: "Contoso Issuing CA", serverId: "srv-ca", parentCaId: ROOT_ID, type: "enterpriseSubordinate", certificate: caCert(NDES_IIS_CERT.issuer, "AA"), acl: [], editFlags: [], templatesToIssue: [], crlDistributionPoints: [], aia: [], dnLengthEnforced: true, running: true },
    ];
    const entra = withNdesApp(withPublishing(base(), { externalUrl: "https://ndes.contoso.com/" }), (a) => ({
      ...a,
      customDomainCertificate: { subject: "CN=ndes.contoso.com", sanDns: ["ndes.contoso.com"], notBefore: "2026-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z", isSelfSigned: false, hasPrivateKey: true, issuer: NDES_IIS_CERT.issuer },
    }));
    entra.customDomains = [{ name: "contoso.com", isVerified: true }];
    const t = world({ entra, lab });
    if (!deployRoot) t.intune = { ...t.intune!, profiles: t.intune!.profiles.filter((p) => !p.certificate) };
    return t;
  }

  it("fires when no trusted certificate profile carries the private root", () => {
    expect(run(customDomainWorld(false), APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI)[0]?.message).toBe(
      "'NDES' presents 'CN=ndes.contoso.com' issued by 'Contoso Issuing CA'; no trusted certificate profile deploys its root 'Contoso Root CA'.",
    );
  });

  it("is quiet when a trusted certificate profile deploys the root", () => {
    expect(run(customDomainWorld(true), APPPROXY_CUSTOM_DOMAIN_PRIVATE_PKI)).toEqual([]);
  });
});

it("every Entra rule carries a catalogue-style code, a quoted symptom and sources", () => {
  for (const r of ENTRA_RULES) {
    expect(r.code).toMatch(/^(APPX|APPPROXY)_[A-Z0-9_]+$/);
    expect(r.area).toBe("entra");
    expect(r.sources.length).toBeGreaterThan(0);
    expect(r.symptom.length).toBeGreaterThan(0);
  }
  expect(new Set(ENTRA_RULES.map((r) => r.code)).size).toBe(ENTRA_RULES.length);
  expect(ENTRA_IDS.application).toBeTruthy();
});
