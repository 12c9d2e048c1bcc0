// What a device or browser on the internet gets for an application proxy External URL (rules-reference.md Part B
// Hop 2 and D.5; seed 000 steps 16–18). The answer follows the configuration hop by hop — DNS, the published app,
// Maintenance Mode, Pre Authentication, the connector group, the connector's server, the Internal URL — and names
// the rule codes that explain a failure. When every hop holds, the request is translated to the Internal URL and
// forwarded from the connector's server by `forward` (the lab browser), whose answer is returned.
import { labIndex, certificateNames as labCertCovers } from "../lab/lab-index";
import type { LabSnapshot } from "../lab/snapshot";
import { buildIndex, type TenantSnapshot } from "../rules/snapshot";
import { entraContext, externalHost, type PublishedApp } from "../rules/entra/entra-context";
import { customDomainApps, expectedCnameTarget, publicCname } from "../rules/entra/custom-domain/custom-domain-rules";
import { connectorService, connectorsOfApp, ndesAppReason, ndesForHost, serverReaches } from "../rules/entra/cross/ndes-apps";
import { checkCustomDomainCertificate } from "./custom-domain-certificate";
import { urlHost } from "./on-premises-publishing";
import type { EntraConnector } from "./snapshot";

/** A browser's view of one request. `status` 0 means no HTTP response at all (DNS or TLS failure). */
export type BrowseResult = {
  status: number;
  title: string;
  body: string;
  /** Rule codes that explain a failure (empty when all is well). */
  reasonCodes: string[];
  headers?: Record<string, string>;
};

/** Sends the translated request from a lab server (the connector's) to the internal URL: the lab browser. */
export type ForwardToInternal = (internalUrl: string, fromServerId: string | null) => BrowseResult;

const result = (status: number, title: string, body: string, reasonCodes: string[], headers?: Record<string, string>): BrowseResult => ({
  status,
  title,
  body,
  reasonCodes,
  ...(headers ? { headers } : {}),
});

const cannotResolve = (reasonCodes: string[]) =>
  result(0, "This site can't be reached", "A server with the specified host name could not be found.", reasonCodes);

/**
 * The internal URL an external one is translated to: the External URL's base is replaced by the Internal URL
 * ("the connector will translate the requests from the external URL to the internal URL", S1).
 */
export function translateToInternal(app: PublishedApp, requested: URL): string {
  const ext = new URL(app.onPremisesPublishing.externalUrl.trim());
  const internal = app.onPremisesPublishing.internalUrl.trim();
  const basePath = ext.pathname.endsWith("/") ? ext.pathname : `${ext.pathname}/`;
  const rest = requested.pathname.toLowerCase().startsWith(basePath.toLowerCase())
    ? requested.pathname.slice(basePath.length)
    : requested.pathname.replace(/^\//, "");
  return `${internal.endsWith("/") ? internal : `${internal}/`}${rest}${requested.search}`;
}

export function browseExternal(snapshot: TenantSnapshot, url: string, forward: ForwardToInternal): BrowseResult {
  let requested: URL;
  try {
    requested = new URL(url.trim());
  } catch {
    return cannotResolve([]);
  }
  const host = requested.hostname.toLowerCase().replace(/\.$/, "");
  const index = buildIndex(snapshot);
  const ctx = entraContext(snapshot, index);
  const lab = snapshot.lab as LabSnapshot | undefined;
  const app = ctx?.published.find((a) => externalHost(a) === host);

  if (!ctx || !app) {
    // Hop 2: "Wrong external URL in profile / app-proxy config" → "This page can't be displayed" on an
    // application proxy name; any other name does not resolve.
    if (host.endsWith(".msappproxy.net"))
      return result(404, "This page can't be displayed", "The application you are trying to access is not published at this address. Check the External URL.", []);
    return cannotResolve([]);
  }

  // DNS and TLS of a custom domain.
  const custom = customDomainApps(ctx).find((c) => c.app.id === app.id);
  if (custom) {
    const dns = publicCname(ctx, lab, host);
    if (dns.modelled && dns.cname !== expectedCnameTarget(ctx, host, custom.domain)) return cannotResolve(["APPPROXY_CNAME_MISSING"]);
    const cert = app.customDomainCertificate;
    const problems = cert ? checkCustomDomainCertificate(cert, host, ctx.asOf).filter((p) => p.code !== "APPPROXY_CUSTOM_DOMAIN_CERT_NO_KEY") : [];
    if (!cert || problems.length > 0)
      return result(
        0,
        "Your connection isn't private",
        `The certificate presented for ${host} is not valid${problems.length > 0 ? `: ${problems.map((p) => p.message).join(" ")}` : " (no certificate was uploaded for the custom domain)."}`,
        problems.map((p) => p.code),
      );
  }

  const labIx = lab ? labIndex(lab) : undefined;
  const isNdes = ndesAppReason(app, labIx, undefined) !== undefined;

  if (app.maintenanceMode)
    // UNCONFIRMED rendering: seed 003 says only that maintenance mode disables access for all users.
    return result(503, "This corporate app can't be accessed", `'${app.displayName}' is in maintenance mode: access is temporarily disabled for all users.`, ["APPPROXY_MAINTENANCE_MODE"]);

  if (app.onPremisesPublishing.externalAuthenticationType === "aadPreAuthentication") {
    const tenantDomain = ctx.tenantInitialDomain || "common";
    const location =
      `https://login.microsoftonline.com/${tenantDomain}/oauth2/authorize?response_type=code&client_id=${app.appId}` +
      `&redirect_uri=${encodeURIComponent(app.onPremisesPublishing.externalUrl)}`;
    return result(302, "Sign in to your account", "Redirecting to Microsoft Entra ID sign-in.", isNdes ? ["APPPROXY_PREAUTH_NOT_PASSTHROUGH"] : [], { Location: location });
  }

  // The connector group.
  const connectors = connectorsOfApp(ctx, app);
  const active = connectors.filter((c) => c.status === "active");
  if (active.length === 0)
    return result(
      504,
      "Gateway time-out",
      "This corporate app can't be accessed. The error is seen when an application is assigned to a connector group that has no working connectors.",
      ["APPX_GROUP_NO_CONNECTOR", "APPPROXY_CONNECTOR_GROUP_EMPTY"],
    );

  // The connectors' servers, when the lab models them.
  const serverOf = (c: EntraConnector) => (c.serverId && labIx ? labIx.serversById.get(c.serverId) : undefined);
  const serviceStopped = (c: EntraConnector) => {
    const s = serverOf(c);
    return s !== undefined && connectorService(s)?.status === "stopped";
  };
  const running = active.filter((c) => !serviceStopped(c));
  if (running.length === 0) return result(504, "GatewayTimeout", "GatewayTimeout — the connector did not answer (Status Code: 504).", ["APPX_SERVICE_STOPPED"]);
  const online = running.filter((c) => serverOf(c)?.network.outbound443 !== false);
  if (online.length === 0)
    return result(504, "Gateway time-out", "This corporate app can't be accessed. The connector cannot reach the application proxy service.", ["APPX_OUTBOUND_BLOCKED"]);
  const uninspected = online.filter((c) => serverOf(c)?.network.tlsInspection !== true);
  if (uninspected.length === 0)
    return result(
      500,
      "InternalServerError",
      "InternalServerError: This corporate app can’t be accessed right now. Please try again later… ConnectorError:Unauthorized.",
      ["APPX_TLS_INSPECTION"],
    );

  // The Internal URL, from a connector's server.
  const internalUrl = translateToInternal(app, requested);
  const iHost = urlHost(app.onPremisesPublishing.internalUrl.trim());
  if (iHost === undefined) return badGateway("A typo or mistake is in the internal URL.", ["APPPROXY_INTERNAL_URL_WRONG"]);
  let chosen: EntraConnector | undefined = uninspected[0];
  if (labIx) {
    const known =
      ndesForHost(labIx, iHost) !== undefined ||
      labIx.lab.servers.some((s) => s.fqdn.toLowerCase() === iHost || s.name.toLowerCase() === iHost);
    if (!known) return badGateway("A typo or mistake is in the internal URL.", ["APPPROXY_INTERNAL_URL_WRONG"]);
    chosen = uninspected.find((c) => {
      const s = serverOf(c);
      return s === undefined || serverReaches(labIx, s, iHost);
    });
    if (!chosen) return badGateway("The connector can't reach the back-end application.", ["APPX_NO_LINE_OF_SIGHT"]);
    const target = ndesForHost(labIx, iHost);
    const cert = target?.boundCertificate;
    if (
      app.onPremisesPublishing.isBackendCertificateValidationEnabled &&
      /^https:/i.test(internalUrl) &&
      cert !== undefined &&
      !labCertCovers(cert, iHost)
    )
      return badGateway(`The back-end certificate '${cert.subject}' does not match ${iHost}.`, ["APPPROXY_INTERNAL_URL_HOST_NOT_IN_CERT"]);
  }
  return forward(internalUrl, chosen?.serverId ?? null);
}

function badGateway(detail: string, reasonCodes: string[]): BrowseResult {
  return result(502, "Bad gateway", `Bad gateway: ${detail}`, reasonCodes);
}
