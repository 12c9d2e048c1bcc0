// A.10: the network around NDES — publication to the internet, NDES ↔ CA/DC, public DNS (S1, S29, S49;
// 002_823a4c777ce30773.txt "Network requirements").
import { configuredNdes, labRule, q, ref } from "../lab-rule";

export const NET_NO_REVERSE_PROXY_NO_443 = labRule(
  {
    code: "NET_NO_REVERSE_PROXY_NO_443",
    severity: "error",
    title: "NDES is not reachable from the internet",
    why: "Without a reverse proxy (Entra application proxy, WAP or a third-party proxy), devices on the internet reach NDES only if TCP 443 from the internet is allowed to it.",
    fix: '"allow TCP traffic on port 443 from all hosts and IP addresses on the internet to the NDES service"',
    symptom: "IIS logs nothing",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    if (lab.reverseProxies.length || lab.appProxyConnectors.length || lab.network.inbound443ToNdesFromInternet) return;
    for (const c of configuredNdes(ix))
      report([ref.ndes(c), ref.server(c.server)], `No reverse proxy or private network connector publishes ${c.server.fqdn}, and the perimeter doesn't allow TCP 443 from the internet to it.`);
  },
);

export const NET_NDES_TO_INFRA_BLOCKED = labRule(
  {
    code: "NET_NDES_TO_INFRA_BLOCKED",
    severity: "error",
    title: "NDES can't reach the CA",
    why: "NDES submits requests to the CA over RPC/DCOM and needs LDAP and DNS to the domain controllers.",
    fix: "open required ports",
    symptom: 'NDES Event 31 "The Network Device Enrollment Service cannot submit the certificate request (0x800706ba). The RPC server is unavailable."',
    sources: ["S1", "S49", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const caServer = c.ca && ix.serversById.get(c.ca.serverId);
      if (!c.ca || !caServer) continue;
      const reach = c.server.network.reachableHosts;
      const unreachable = reach && !reach.some((h) => h.toLowerCase() === caServer.fqdn.toLowerCase());
      if (!lab.network.ndesToCaRpcOpen || unreachable)
        report([ref.ndes(c), ref.ca(c.ca)], `RPC/DCOM from ${c.server.fqdn} to ${caServer.fqdn} (${q(c.ca.name)}) is blocked.`);
    }
  },
);

export const NET_DNS_EXTERNAL_MISSING = labRule(
  {
    code: "NET_DNS_EXTERNAL_MISSING",
    severity: "error",
    title: "The external NDES name doesn't resolve in public DNS",
    why: "Devices on the internet look up the name in the SCEP server URL.",
    fix: "add record",
    symptom: 'Validate-NDESUrl "Error: Cannot resolve <server>"',
    sources: ["S29"],
  },
  (lab, _ix, report) => {
    const names = new Set(lab.network.externalDnsRecords.map((r) => r.name.toLowerCase()));
    for (const p of lab.reverseProxies)
      if (!names.has(p.externalHostName.toLowerCase()))
        report([ref.reverseProxy(p)], `Public DNS has no record for ${q(p.externalHostName)}, the name ${q(p.displayName)} publishes.`);
  },
);
