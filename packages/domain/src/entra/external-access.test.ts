import { describe, expect, it } from "vitest";
import { correctLab } from "../lab/correct-lab";
import { evaluate } from "../rules/engine";
import { ENTRA_RULES } from "../rules/entra/entra-rules";
import type { TenantSnapshot } from "../rules/snapshot";
import { correctIntune } from "../intune/testing";
import { browseExternal, type BrowseResult, type ForwardToInternal } from "./external-access";
import { LAB_IDS, NDES_IIS_CERT, labServer, ndesLab } from "./lab-fixture";
import { correctEntra, withNdesApp, withPublishing } from "./testing";
import type { EntraSnapshot } from "./snapshot";
import type { LabSnapshot } from "../lab/snapshot";

/** A stand-in for the lab browser: NDES01's IIS as seed 000 describes it once the Intune connector is installed. */
const calls: { url: string; from: string | null }[] = [];
const iis: ForwardToInternal = (url, from) => {
  calls.push({ url, from });
  const path = new URL(url).pathname.toLowerCase();
  if (path === "/") return { status: 200, title: "IIS Windows Server", body: "Internet Information Services", reasonCodes: [] };
  if (path === "/certsrv/mscep/mscep.dll") return { status: 403, title: "403 - Forbidden: Access is denied.", body: "HTTP Error 403.0 – Forbidden", reasonCodes: [] };
  return { status: 404, title: "404 - File or directory not found.", body: "HTTP Error 404.0 - Not Found", reasonCodes: [] };
};

function world(entra: EntraSnapshot = correctEntra({ connectorServerId: LAB_IDS.ndesServer }), lab: LabSnapshot | null = ndesLab()): TenantSnapshot {
  const t = correctIntune();
  t.entra = entra;
  if (lab) t.lab = lab;
  return t;
}
const base = () => correctEntra({ connectorServerId: LAB_IDS.ndesServer });
const browse = (t: TenantSnapshot, url = "https://ndes-contoso.msappproxy.net/"): BrowseResult => browseExternal(t, url, iis);

describe("browseExternal: the healthy path of seed 000", () => {
  it("shows the IIS welcome page at the External URL, forwarded from the connector's server", () => {
    calls.length = 0;
    expect(browse(world())).toMatchObject({ status: 200, title: "IIS Windows Server", reasonCodes: [] });
    expect(calls).toEqual([{ url: "https://ndes01.corp.contoso.com/", from: LAB_IDS.ndesServer }]);
  });

  it("answers 403 on certsrv/mscep/mscep.dll, keeping the query string", () => {
    calls.length = 0;
    expect(browse(world(), "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll").status).toBe(403);
    browse(world(), "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca");
    expect(calls.at(-1)?.url).toBe("https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca");
  });

  it("works without a lab model too (forwarding as configured)", () => {
    expect(browse(world(base(), null)).status).toBe(200);
  });
});

describe("browseExternal: the documented failures (Hop 2)", () => {
  it("an unknown host cannot be resolved; an unknown msappproxy.net name can't be displayed", () => {
    expect(browse(world(), "https://ndes.example.org/")).toMatchObject({ status: 0, title: "This site can't be reached", body: "A server with the specified host name could not be found." });
    expect(browse(world(), "https://scep-contoso.msappproxy.net/")).toMatchObject({ status: 404, title: "This page can't be displayed" });
  });

  it("Microsoft Entra ID pre-authentication redirects to sign-in", () => {
    const r = browse(world(withPublishing(base(), { externalAuthenticationType: "aadPreAuthentication" })));
    expect(r).toMatchObject({ status: 302, reasonCodes: ["APPPROXY_PREAUTH_NOT_PASSTHROUGH"] });
    expect(r.headers?.Location).toMatch(/^https:\/\/login\.microsoftonline\.com\/contoso\.onmicrosoft\.com\//);
  });

  it("maintenance mode disables access", () => {
    expect(browse(world(withNdesApp(base(), (a) => ({ ...a, maintenanceMode: true }))))).toMatchObject({ status: 503, reasonCodes: ["APPPROXY_MAINTENANCE_MODE"] });
  });

  it("no Active connector in the group → Gateway time-out", () => {
    const e = base();
    e.connectors = e.connectors.map((c) => ({ ...c, status: "inactive" as const }));
    expect(browse(world(e))).toMatchObject({ status: 504, title: "Gateway time-out", reasonCodes: ["APPX_GROUP_NO_CONNECTOR", "APPPROXY_CONNECTOR_GROUP_EMPTY"] });
    expect(browse(world(e)).body).toContain("This corporate app can't be accessed");
  });

  it("the connector service stopped → GatewayTimeout", () => {
    const lab = ndesLab();
    lab.servers[0] = { ...lab.servers[0]!, services: lab.servers[0]!.services.map((s) => (s.name === "WAPCSvc" ? { ...s, status: "stopped" as const } : s)) };
    expect(browse(world(base(), lab))).toMatchObject({ status: 504, title: "GatewayTimeout", reasonCodes: ["APPX_SERVICE_STOPPED"] });
  });

  it("TLS inspection on the connector's egress → InternalServerError … ConnectorError:Unauthorized.", () => {
    const lab = ndesLab({ ndesServer: { network: { outbound443: true, outbound80: true, tlsInspection: true, proxyConfiguredForConnector: false } } });
    expect(browse(world(base(), lab)).body).toContain("ConnectorError:Unauthorized.");
  });

  it("a connector that cannot reach the internal URL → Bad gateway", () => {
    const e = base();
    e.connectors = [{ ...e.connectors[0]!, serverId: LAB_IDS.web01 }];
    const lab = ndesLab({ servers: [labServer(LAB_IDS.web01, "web01", { network: { outbound443: true, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false, reachableHosts: [] } })] });
    expect(browse(world(e, lab))).toMatchObject({ status: 502, title: "Bad gateway", body: "Bad gateway: The connector can't reach the back-end application.", reasonCodes: ["APPX_NO_LINE_OF_SIGHT"] });
  });

  it("a typo in the internal URL → Bad gateway", () => {
    expect(browse(world(withPublishing(base(), { internalUrl: "https://ndes01.corp.contoso.co/" })))).toMatchObject({ status: 502, reasonCodes: ["APPPROXY_INTERNAL_URL_WRONG"] });
  });

  it("a backend certificate for another name while validation is on → Bad gateway", () => {
    const lab = ndesLab({ ndesServer: { certificates: { my: [{ ...NDES_IIS_CERT, san: ["ndes.contoso.com"], subject: "CN=ndes.contoso.com" }], root: [] } } });
    expect(browse(world(base(), lab)).reasonCodes).toEqual(["APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT"]);
  });

  it("a custom domain without its CNAME cannot be resolved", () => {
    const e = withPublishing(base(), { externalUrl: "https://ndes.contoso.com/" });
    e.customDomains = [{ name: "contoso.com", isVerified: true }, { name: "ndes.contoso.com", isVerified: true, publicDnsCname: null }];
    expect(browse(world(e), "https://ndes.contoso.com/")).toMatchObject({ status: 0, body: "A server with the specified host name could not be found.", reasonCodes: ["APPPROXY_CNAME_MISSING"] });
  });
});

describe("with the lab engineer's correctLab()", () => {
  it("the seed 000 Entra state on top of seed 002's lab yields no error or warning", () => {
    const lab = correctLab({ now: new Date("2026-03-12T08:00:00Z") });
    const connectorServer = lab.appProxyConnectors[0]?.serverId ?? null;
    const t = world(correctEntra({ connectorServerId: connectorServer }), lab);
    expect(evaluate(t, ENTRA_RULES).filter((f) => f.severity !== "info")).toEqual([]);
    expect(browse(t).status).toBe(200);
  });
});
