// A.5: the connector server's way out to Intune — TLS 1.2, endpoints, proxy, auto-update (S2, S3, S4, S30).
import { labRule, q, ref } from "../lab-rule";

/** Intune endpoints the connector needs ("same network requirements as managed devices"). */
export function blocksIntune(blockedHosts: readonly string[] = []): string[] {
  return blockedHosts.filter((h) => /(^|\.)manage\.microsoft\.com$/i.test(h) || /^login\.microsoftonline\.com$/i.test(h));
}

export const CONN_TLS12_OFF = labRule(
  {
    code: "CONN_TLS12_OFF",
    severity: "error",
    title: "TLS 1.2 is disabled on the connector's server",
    why: "The connector talks to Intune over TLS 1.2 only.",
    fix: "enable TLS 1.2",
    symptom: "connector can't reach Intune (UNCONFIRMED text)",
    sources: ["S2"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (s && !s.tls12.client) report([ref.connector(conn, s), ref.server(s)], `SCHANNEL\\Protocols\\TLS 1.2\\Client is disabled on ${s.fqdn}.`);
    }
  },
);

export const CONN_NET_ENDPOINTS_BLOCKED = labRule(
  {
    code: "CONN_NET_ENDPOINTS_BLOCKED",
    severity: "error",
    title: "The connector's server can't reach Intune",
    why: "The connector has the same network requirements as managed devices: outbound 443 to the Intune endpoints, through the organisation's proxy where there is one.",
    fix: "open Intune endpoints; configure proxy",
    symptom: 'new script: "Last sync date is not updated for more than 1 day."; Health events 5001/5002',
    sources: ["S2", "S4", "S30"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (!s) continue;
      const n = s.network;
      const blocked = blocksIntune(n.blockedHosts);
      let why: string | undefined;
      if (!n.outbound443) why = `outbound TCP 443 from ${s.fqdn} is blocked`;
      else if (blocked.length) why = `the firewall blocks ${blocked.join(", ")} for ${s.fqdn}`;
      else if (n.outboundProxy && !conn.proxy) why = `${s.fqdn} reaches the internet only through ${q(n.outboundProxy)}, and the connector has no proxy configured`;
      if (why) report([ref.connector(conn, s), ref.server(s)], `The connector can't reach Intune: ${why}.`);
    }
  },
);

export const CONN_PROXY_NO_SCHEME = labRule(
  {
    code: "CONN_PROXY_NO_SCHEME",
    severity: "error",
    title: "The connector's proxy has no http:// or https:// prefix",
    why: "The connector's Proxy page needs the address with its scheme.",
    fix: '"Be sure to include the HTTP or HTTPS prefix." e.g. `http://proxy.contoso.com`',
    symptom: "UNCONFIRMED",
    sources: ["S3"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors)
      if (conn.proxy && !/^https?:\/\//i.test(conn.proxy))
        report([ref.connector(conn, ix.serversById.get(conn.serverId))], `The connector's proxy is ${q(conn.proxy)}, without http:// or https://.`);
  },
);

export const CONN_AUTOUPDATE_BLOCKED = labRule(
  {
    code: "CONN_AUTOUPDATE_BLOCKED",
    severity: "warning",
    title: "The connector can't reach autoupdate.msappproxy.net",
    why: "The connector updates itself from autoupdate.msappproxy.net on port 443.",
    fix: "allow endpoint or update manually",
    symptom: '"Connection to autoupdate.msappproxy.net on port 443 failed."; updater log Microsoft-AzureADConnect-AgentUpdater/Admin errors',
    sources: ["S2", "S4", "S30"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors) {
      const s = ix.serversById.get(conn.serverId);
      if (s?.network.outbound443 && (s.network.blockedHosts ?? []).some((h) => /^(\*\.)?(autoupdate\.)?msappproxy\.net$/i.test(h)))
        report([ref.connector(conn, s), ref.server(s)], `The firewall blocks autoupdate.msappproxy.net:443 for ${s.fqdn}.`);
    }
  },
);
