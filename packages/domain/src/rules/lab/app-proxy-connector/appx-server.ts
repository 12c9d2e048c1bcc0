// A.8, on the server: the Microsoft Entra private network connector's host — OS, .NET, TLS 1.2, HTTP/2, neighbours,
// outbound network, registration, services, trust certificate (S32–S36, S41; 003_43f76a8e56847852.txt).
import { isExpired, osAtLeast } from "../../../lab/lab-index";
import { SERVICE } from "../../../lab/services";
import type { AppProxyConnector, LabServer } from "../../../lab/snapshot";
import { CONNECTOR_REGISTRATION_ROLES } from "../../directory/admin-roles";
import type { LabIndex } from "../../../lab/lab-index";
import { labRule, q, ref } from "../lab-rule";

function hosts(ix: LabIndex): { conn: AppProxyConnector; s: LabServer }[] {
  return ix.lab.appProxyConnectors.flatMap((conn) => {
    const s = ix.serversById.get(conn.serverId);
    return s ? [{ conn, s }] : [];
  });
}

/** .NET Framework 4.7.1 (seed 003). */
export const DOTNET_471 = 461308;

export const APPX_OS_UNSUPPORTED = labRule(
  {
    code: "APPX_OS_UNSUPPORTED",
    severity: "error",
    title: "The private network connector's server runs an unsupported Windows Server",
    why: "The connector needs Windows Server 2012 R2 or later (2023 docs); current docs ask for Windows Server 2016 or later.",
    fix: "upgrade",
    symptom: "install fails",
    sources: ["S35", "S34", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix)) {
      if (!osAtLeast(s.os, "2012R2")) report([ref.appProxyConnector(conn, s), ref.server(s)], `${s.fqdn} runs Windows Server ${s.os}; the connector needs 2012 R2 or later.`);
      else if (!osAtLeast(s.os, "2016"))
        report([ref.appProxyConnector(conn, s), ref.server(s)], `${s.fqdn} runs Windows Server 2012 R2; current docs require "a server running Windows Server 2016 or later".`, { severity: "warning" });
    }
  },
);

export const APPX_DOTNET_OLD = labRule(
  {
    code: "APPX_DOTNET_OLD",
    severity: "error",
    title: ".NET Framework on the private network connector's server is too old",
    why: "The connector (1.5.3437.0 and later) needs .NET 4.7.1 or later; the 2026 docs say 4.7.2.",
    fix: "install .NET 4.7.2+",
    symptom: "install/upgrade fails",
    sources: ["S34", "S35", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (s.dotNetRelease < DOTNET_471) report([ref.appProxyConnector(conn, s), ref.server(s)], `NDP\\v4\\Full Release on ${s.fqdn} is ${s.dotNetRelease}; .NET 4.7.1 is ${DOTNET_471}.`);
  },
);

export const APPX_TLS12_DISABLED = labRule(
  {
    code: "APPX_TLS12_DISABLED",
    severity: "error",
    title: "TLS 1.2 is not fully enabled on the private network connector's server",
    why: "The connector registers with a SHA512 certificate over TLS 1.2; SCHANNEL TLS 1.2 Client and Server and .NET SchUseStrongCrypto must be on.",
    fix: "set registry keys, restart",
    symptom:
      '"The connector tries to create a SHA512 cert that is supported by TLS1.2. If the machine or the backend firewall and proxy does not support TLS1.2, the installation fails."',
    sources: ["S34", "S35", "S41", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix)) {
      const off = [!s.tls12.client && "TLS 1.2\\Client", !s.tls12.server && "TLS 1.2\\Server", !s.tls12.schUseStrongCrypto && "SchUseStrongCrypto"].filter(Boolean);
      if (off.length) report([ref.appProxyConnector(conn, s), ref.server(s)], `On ${s.fqdn}: ${off.join(", ")} not enabled.`);
    }
  },
);

export const APPX_HTTP2_ON_2019 = labRule(
  {
    code: "APPX_HTTP2_ON_2019",
    severity: "info",
    title: "WinHttp HTTP/2 is on on a 2019+ private network connector",
    why: "HTTP/2 in WinHttp breaks Kerberos constrained delegation through the connector; NDES uses Passthrough without KCD, so this is informational.",
    fix: "`EnableDefaultHTTP2`=0 under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp (only for KCD)",
    symptom: "KCD breaks",
    sources: ["S34", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (osAtLeast(s.os, "2019") && s.winHttpHttp2Enabled)
        report([ref.appProxyConnector(conn, s), ref.server(s)], `WinHttp EnableDefaultHTTP2 is not 0 on ${s.fqdn} (Windows Server ${s.os}).`);
  },
);

export const APPX_WITH_PASSWORD_PROTECTION_PROXY = labRule(
  {
    code: "APPX_WITH_PASSWORD_PROTECTION_PROXY",
    severity: "error",
    title: "The private network connector shares its server with the Password Protection Proxy",
    why: "The two agents ship incompatible Agent Updater versions.",
    fix: 'separate machines ("do not install Microsoft Entra application proxy and Microsoft Entra Password Protection Proxy together on the same machine")',
    symptom: "incompatible Agent Updater versions",
    sources: ["S34", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (s.installedAgents.includes("Microsoft Entra Password Protection Proxy"))
        report([ref.appProxyConnector(conn, s), ref.server(s)], `${s.fqdn} also runs the Microsoft Entra Password Protection Proxy.`);
  },
);

export const APPX_OUTBOUND_BLOCKED = labRule(
  {
    code: "APPX_OUTBOUND_BLOCKED",
    severity: "error",
    title: "The private network connector's outbound ports or URLs are blocked",
    why: "The connector keeps outbound connections on 443 to *.msappproxy.net, *.servicebus.windows.net and the login URLs, and fetches CRLs/OCSP on 80.",
    fix: "open ports/URLs",
    symptom:
      '"The connector was unable to connect to the service due to networking issues. The connector tried to access the following URL."; connector shows Inactive',
    sources: ["S34", "S36", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix)) {
      const n = s.network;
      const blocked = (n.blockedHosts ?? []).filter((h) => /(msappproxy\.net|servicebus\.windows\.net|login\.microsoftonline\.com|digicert\.com|crl\.microsoft\.com|ocsp)/i.test(h));
      const why = [!n.outbound443 && "outbound TCP 443", !n.outbound80 && "outbound TCP 80", ...blocked].filter(Boolean);
      if (why.length) report([ref.appProxyConnector(conn, s), ref.server(s)], `From ${s.fqdn} the firewall blocks ${why.join(", ")}.`);
    }
  },
);

export const APPX_TLS_INSPECTION = labRule(
  {
    code: "APPX_TLS_INSPECTION",
    severity: "error",
    title: "TLS inspection between the private network connector and the service",
    why: "The connector authenticates to the service with its client certificate; a proxy that terminates TLS breaks it.",
    fix: "bypass inspection",
    symptom: '"InternalServerError: This corporate app can’t be accessed right now. Please try again later… ConnectorError:Unauthorized."',
    sources: ["S34", "S36", "003_43f76a8e56847852.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (s.network.tlsInspection) report([ref.appProxyConnector(conn, s), ref.server(s)], `Outbound TLS from ${s.fqdn} is inspected by a firewall or proxy.`);
  },
);

export const APPX_OUTBOUND_PROXY_UNCONFIGURED = labRule(
  {
    code: "APPX_OUTBOUND_PROXY_UNCONFIGURED",
    severity: "error",
    title: "The private network connector isn't configured for the outbound proxy",
    why: "Where the organisation forces an outbound proxy, the connector and its updater must be told to use it.",
    fix: "run `ConfigureOutBoundProxy.ps1` / follow proxy guidance",
    symptom: "registration/connectivity failure",
    sources: ["S32", "S33"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (s.network.outboundProxy && !s.network.proxyConfiguredForConnector)
        report([ref.appProxyConnector(conn, s), ref.server(s)], `${s.fqdn} reaches the internet through ${q(s.network.outboundProxy)}, but the connector isn't configured to use it.`);
  },
);

export const APPX_REGISTERED_BY_WRONG_ACCOUNT = labRule(
  {
    code: "APPX_REGISTERED_BY_WRONG_ACCOUNT",
    severity: "error",
    title: "The private network connector was registered by an account that can't register it",
    why: "Registration needs an Application Administrator (or Global Administrator) of the same directory.",
    fix: "register with an Application Administrator of the same directory (e.g. admin@contoso.com)",
    symptom:
      "\"Connector registration failed: Make sure you are an Application Administrator of your Active Directory to register the connector. Error: 'The registration request was denied.'\" / \"…Error: 'AADSTS50059: No tenant-identifying information found…'\"",
    sources: ["S32", "S36", "S41", "000_6abfab919ea0a4d2.txt"],
  },
  (_lab, ix, report) => {
    const allowed = new Set<string>(CONNECTOR_REGISTRATION_ROLES);
    for (const { conn, s } of hosts(ix)) {
      if (!conn.registeredTenantMatches) report([ref.appProxyConnector(conn, s)], `The connector on ${s.fqdn} was registered by ${conn.registeredByUpn}, an account of another directory.`);
      else if (!conn.registeredByRoles.some((r) => allowed.has(r.toLowerCase())))
        report([ref.appProxyConnector(conn, s)], `The connector on ${s.fqdn} was registered by ${conn.registeredByUpn}, who is neither Application Administrator nor Global Administrator.`);
    }
  },
);

export const APPX_IE_ESC_BLOCKS_REGISTRATION = labRule(
  {
    code: "APPX_IE_ESC_BLOCKS_REGISTRATION",
    severity: "warning",
    title: "IE Enhanced Security Configuration is on on the private network connector's server",
    why: "The registration sign-in window may be blocked by IE ESC.",
    fix: "turn off IE ESC during install",
    symptom: '"the registration screen might be blocked"',
    sources: ["S32", "S34", "000_6abfab919ea0a4d2.txt"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (s.ieEscEnabled) report([ref.appProxyConnector(conn, s), ref.server(s)], `IE Enhanced Security Configuration is on on ${s.fqdn}.`);
  },
);

export const APPX_SERVICE_STOPPED = labRule(
  {
    code: "APPX_SERVICE_STOPPED",
    severity: "error",
    title: "The private network connector service is not running automatically",
    why: "Requests to the published NDES URL reach NDES only through a running connector.",
    fix: "start service, Startup Type Automatic",
    symptom: 'browsing SCEP URL → "GatewayTimeout" error page',
    sources: ["S13", "S36"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix)) {
      const svc = s.services.find((x) => x.name === SERVICE.appProxyConnector.name);
      if (!svc || svc.status !== "running" || svc.startupType !== "automatic")
        report(
          [ref.appProxyConnector(conn, s), ref.server(s)],
          `${SERVICE.appProxyConnector.displayName} (${SERVICE.appProxyConnector.name}) on ${s.fqdn} is ${svc ? `${svc.status}, startup ${svc.startupType}` : "not installed"}.`,
        );
    }
  },
);

export const APPX_TRUST_CERT_EXPIRED = labRule(
  {
    code: "APPX_TRUST_CERT_EXPIRED",
    severity: "error",
    title: "The private network connector's trust certificate has expired",
    why: "The connector renews its trust certificate (issuer connectorregistrationca.msappproxy.net) while online; offline for months, it expires and the connector must be registered again.",
    fix: "`Import-module AppProxyPSModule; Register-AppProxyConnector` or reinstall",
    symptom:
      'Admin Event 1000 "Connector re-registration failed: The Connector trust certificate expired. Run the PowerShell cmdlet Register-AppProxyConnector on the computer on which the Connector is running to re-register your Connector."; "Connector failed to download the configuration."',
    sources: ["S36", "S41"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix))
      if (isExpired({ notAfter: conn.trustCertificateNotAfter }, ix.now))
        report([ref.appProxyConnector(conn, s)], `The connector trust certificate on ${s.fqdn} expired on ${conn.trustCertificateNotAfter.slice(0, 10)}.`);
  },
);

export const APPX_UPDATER_MISSING = labRule(
  {
    code: "APPX_UPDATER_MISSING",
    severity: "warning",
    title: "The private network connector updater is not running",
    why: "Without the updater service the connector gets no automatic updates.",
    fix: "reinstall connector",
    symptom: "no auto-updates",
    sources: ["S35"],
  },
  (_lab, ix, report) => {
    for (const { conn, s } of hosts(ix)) {
      const svc = s.services.find((x) => x.name === SERVICE.appProxyUpdater.name);
      if (!svc || svc.status !== "running")
        report([ref.appProxyConnector(conn, s), ref.server(s)], `${SERVICE.appProxyUpdater.displayName} (${SERVICE.appProxyUpdater.name}) on ${s.fqdn} is ${svc ? svc.status : "not installed"}.`);
    }
  },
);
