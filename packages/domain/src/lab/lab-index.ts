// Lookups every lab rule needs, built once per LabSnapshot (memoised on the object) in linear passes, so that a
// lab of thousands of servers and templates evaluates in linear time: rules read Maps, never nested scans.
import {
  MSCEP_DEFAULT_TEMPLATE,
  WINDOWS_SERVER_VERSIONS,
  type AdAccount,
  type AdGroup,
  type AppProxyConnector,
  type CertRef,
  type CertificateTemplate,
  type CertificationAuthority,
  type IntuneCertificateConnector,
  type LabServer,
  type LabSnapshot,
  type NdesInstance,
  type WindowsServerVersion,
} from "./snapshot";

/** "CONTOSO\svc-ndes" → "svc-ndes"; "NT AUTHORITY\SYSTEM" → "system"; lower-case. */
export function principalKey(principal: string): string {
  const i = principal.lastIndexOf("\\");
  return (i >= 0 ? principal.slice(i + 1) : principal).trim().toLowerCase();
}

const EVERYONE = new Set(["authenticated users", "everyone"]);

/** Windows Server versions in release order: osAtLeast("2012", "2012R2") is false. */
export function osAtLeast(os: WindowsServerVersion, min: WindowsServerVersion): boolean {
  return WINDOWS_SERVER_VERSIONS.indexOf(os) >= WINDOWS_SERVER_VERSIONS.indexOf(min);
}

/** The MSCEP registry values, in the order of the Purpose table of seed 002. */
export const MSCEP_VALUES = ["SignatureTemplate", "EncryptionTemplate", "GeneralPurposeTemplate"] as const;
export type MscepValueName = (typeof MSCEP_VALUES)[number];
/** Request Handling › Purpose → the registry value NDES reads for it (002_823a4c777ce30773.txt). */
export const PURPOSE_VALUE: Record<CertificateTemplate["purpose"], MscepValueName> = {
  signature: "SignatureTemplate",
  encryption: "EncryptionTemplate",
  signatureAndEncryption: "GeneralPurposeTemplate",
};

export type ResolvedTemplate = { value: string; template: CertificateTemplate | undefined; by: "name" | "displayName" | "none" };

/** One NDES instance with what it points at, resolved once. */
export type NdesContext = {
  ndes: NdesInstance;
  server: LabServer | undefined;
  ca: CertificationAuthority | undefined;
  serviceAccount: AdAccount | undefined;
  /** Each MSCEP value resolved against the templates (by name, else by display name). */
  registry: Partial<Record<MscepValueName, ResolvedTemplate>>;
  /** The SCEP templates the registry names (default IPSECIntermediateOffline excluded), each once. */
  scepTemplates: CertificateTemplate[];
  /** The SCEP app pool (IIS › Application Pools › SCEP). */
  scepPool: NdesInstance["iis"]["appPools"][number] | undefined;
  /** Site ID 1 (Default Web Site). */
  defaultSite: NdesInstance["iis"]["sites"][number] | undefined;
  /** The https :443 binding of site 1 and its certificate from LocalMachine\My. */
  httpsBinding: NdesInstance["iis"]["sites"][number]["bindings"][number] | undefined;
  boundCertificate: CertRef | undefined;
  intuneConnectors: IntuneCertificateConnector[];
};

export type LabIndex = {
  lab: LabSnapshot;
  /** Milliseconds since epoch of lab.asOf (or now). */
  now: number;
  serversById: ReadonlyMap<string, LabServer>;
  casById: ReadonlyMap<string, CertificationAuthority>;
  /** lower-case subject DN → CA. */
  casBySubject: ReadonlyMap<string, CertificationAuthority>;
  /** serverId → CAs installed on it. */
  casByServer: ReadonlyMap<string, CertificationAuthority[]>;
  templatesByName: ReadonlyMap<string, CertificateTemplate>;
  templatesByDisplayName: ReadonlyMap<string, CertificateTemplate>;
  accountsById: ReadonlyMap<string, AdAccount>;
  /** lower-case sAMAccountName / UPN → account. */
  accountsByName: ReadonlyMap<string, AdAccount>;
  groupsByName: ReadonlyMap<string, AdGroup>;
  ndesByServer: ReadonlyMap<string, NdesInstance[]>;
  intuneConnectorsByServer: ReadonlyMap<string, IntuneCertificateConnector[]>;
  appProxyConnectorsByServer: ReadonlyMap<string, AppProxyConnector[]>;
  forestDomains: ReadonlySet<string>;
  ndesContexts: NdesContext[];
  /** The account an identity string names ("CONTOSO\svc-ndes"), if it is an AD account. */
  account(principal: string): AdAccount | undefined;
  /** The computer account of a server ("NDES01$"). */
  computerAccount(server: LabServer): AdAccount | undefined;
  /** Lower-case names of every AD group the account is in, directly or through nesting. */
  groupsOf(account: AdAccount): ReadonlySet<string>;
  /** Does any principal in `principals` include `account`? Local groups IIS_IUSRS and Administrators are
   * expanded on `server`. */
  covers(principals: readonly string[], account: AdAccount, server?: LabServer): boolean;
  /** The CA and its parents, issuing CA first. */
  chain(ca: CertificationAuthority): CertificationAuthority[];
  resolveTemplate(value: string): ResolvedTemplate;
};

function group<K, V>(items: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const cache = new WeakMap<LabSnapshot, LabIndex>();

export function labIndex(lab: LabSnapshot): LabIndex {
  const hit = cache.get(lab);
  if (hit) return hit;
  const index = buildLabIndex(lab);
  cache.set(lab, index);
  return index;
}

export function buildLabIndex(lab: LabSnapshot): LabIndex {
  const now = lab.asOf ? Date.parse(lab.asOf) : Date.now();
  const serversById = new Map(lab.servers.map((s) => [s.id, s]));
  const casById = new Map(lab.cas.map((c) => [c.id, c]));
  const casBySubject = new Map(lab.cas.map((c) => [c.certificate.subject.toLowerCase(), c]));
  const casByServer = group(lab.cas, (c) => c.serverId);
  const templatesByName = new Map(lab.templates.map((t) => [t.name.toLowerCase(), t]));
  const templatesByDisplayName = new Map(lab.templates.map((t) => [t.displayName.toLowerCase(), t]));
  const accountsById = new Map(lab.accounts.map((a) => [a.id, a]));
  const accountsByName = new Map<string, AdAccount>();
  for (const a of lab.accounts) {
    accountsByName.set(a.samAccountName.toLowerCase(), a);
    if (a.userPrincipalName) accountsByName.set(a.userPrincipalName.toLowerCase(), a);
  }
  const groupsByName = new Map(lab.groups.map((g) => [g.name.toLowerCase(), g]));
  const forestDomains = new Set(lab.forest.domains.map((d) => d.fqdn.toLowerCase()));

  const groupsMemo = new Map<string, Set<string>>();
  const groupsOf = (account: AdAccount): ReadonlySet<string> => {
    const known = groupsMemo.get(account.id);
    if (known) return known;
    const seen = new Set<string>();
    const queue = account.memberOf.map((g) => principalKey(g));
    // Implicit primary groups, as AD adds them.
    queue.push(account.kind === "computer" ? "domain computers" : "domain users");
    while (queue.length) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const parent of groupsByName.get(name)?.memberOf ?? []) queue.push(principalKey(parent));
    }
    groupsMemo.set(account.id, seen);
    return seen;
  };

  const account = (principal: string) => accountsByName.get(principalKey(principal));
  const computerAccount = (server: LabServer) => accountsByName.get(`${server.name.toLowerCase()}$`);

  const covers = (principals: readonly string[], acct: AdAccount, server?: LabServer, depth = 0): boolean => {
    const groups = groupsOf(acct);
    const sam = acct.samAccountName.toLowerCase();
    const upn = acct.userPrincipalName?.toLowerCase();
    for (const p of principals) {
      const key = principalKey(p);
      if (EVERYONE.has(key) || key === sam || key === upn || groups.has(key)) return true;
      if (key === "system" && server && computerAccount(server)?.id === acct.id) return true;
      if (server && depth === 0 && (key === "iis_iusrs" || key === "administrators")) {
        const local = key === "iis_iusrs" ? server.localGroups.IIS_IUSRS : server.localGroups.Administrators;
        if (covers(local, acct, server, depth + 1)) return true;
      }
    }
    return false;
  };

  const chain = (ca: CertificationAuthority): CertificationAuthority[] => {
    const out: CertificationAuthority[] = [];
    const seen = new Set<string>();
    let current: CertificationAuthority | undefined = ca;
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      out.push(current);
      current = current.parentCaId ? casById.get(current.parentCaId) : undefined;
    }
    return out;
  };

  const resolveTemplate = (value: string): ResolvedTemplate => {
    const byName = templatesByName.get(value.toLowerCase());
    if (byName) return { value, template: byName, by: "name" };
    const byDisplay = templatesByDisplayName.get(value.toLowerCase());
    if (byDisplay) return { value, template: byDisplay, by: "displayName" };
    return { value, template: undefined, by: "none" };
  };

  const intuneConnectorsByServer = group(lab.intuneCertificateConnectors, (c) => c.serverId);
  const ndesContexts: NdesContext[] = lab.ndes.map((ndes) => {
    const server = serversById.get(ndes.serverId);
    const registry: NdesContext["registry"] = {};
    const scep = new Map<string, CertificateTemplate>();
    for (const name of MSCEP_VALUES) {
      const value = ndes.mscepRegistry[name];
      if (value === undefined) continue;
      const resolved = resolveTemplate(value);
      registry[name] = resolved;
      if (resolved.template && resolved.template.name !== MSCEP_DEFAULT_TEMPLATE) scep.set(resolved.template.id, resolved.template);
    }
    const defaultSite = ndes.iis.sites.find((s) => s.id === 1);
    const httpsBinding = defaultSite?.bindings.find((b) => b.protocol === "https" && b.port === 443);
    const thumb = httpsBinding?.certificateThumbprint?.toUpperCase();
    return {
      ndes,
      server,
      ca: casById.get(ndes.caId),
      serviceAccount: accountsById.get(ndes.serviceAccountId),
      registry,
      scepTemplates: [...scep.values()],
      scepPool: ndes.iis.appPools.find((p) => p.name.toLowerCase() === "scep"),
      defaultSite,
      httpsBinding,
      boundCertificate: thumb ? server?.certificates.my.find((c) => c.thumbprint.toUpperCase() === thumb) : undefined,
      intuneConnectors: intuneConnectorsByServer.get(ndes.serverId) ?? [],
    };
  });

  return {
    lab,
    now,
    serversById,
    casById,
    casBySubject,
    casByServer,
    templatesByName,
    templatesByDisplayName,
    accountsById,
    accountsByName,
    groupsByName,
    ndesByServer: group(lab.ndes, (n) => n.serverId),
    intuneConnectorsByServer,
    appProxyConnectorsByServer: group(lab.appProxyConnectors, (c) => c.serverId),
    forestDomains,
    ndesContexts,
    account,
    computerAccount,
    groupsOf,
    covers: (principals, acct, server) => covers(principals, acct, server),
    chain,
    resolveTemplate,
  };
}

/** Common name of a DN: "CN=ndes01.corp.contoso.com, O=Contoso" → "ndes01.corp.contoso.com". */
export function commonName(dn: string): string | undefined {
  const m = /(?:^|,)\s*CN=([^,]+)/i.exec(dn);
  return m?.[1]?.trim();
}

/** Does a certificate name `host` (SAN DNS names, else its CN), with wildcard matching of one label? */
export function certificateNames(cert: CertRef, host: string): boolean {
  const h = host.toLowerCase();
  const names = cert.san.length ? cert.san : [commonName(cert.subject) ?? ""];
  return names.some((n) => {
    const name = n.toLowerCase();
    if (name === h) return true;
    if (name.startsWith("*.")) {
      const dot = h.indexOf(".");
      return dot > 0 && h.slice(dot + 1) === name.slice(2);
    }
    return false;
  });
}

export function isExpired(cert: { notAfter: string }, now: number): boolean {
  return Date.parse(cert.notAfter) < now;
}

export function isSelfSigned(cert: CertRef): boolean {
  return cert.subject.trim().toLowerCase() === cert.issuer.trim().toLowerCase();
}

/** Template validity in days (months = 30, years = 365), as the 5-day rule and lifetime comparisons need. */
export function validityDays(v: CertificateTemplate["validity"]): number {
  const factor = { hours: 1 / 24, days: 1, weeks: 7, months: 30, years: 365 }[v.unit];
  return v.value * factor;
}

/** Does `server` trust certificates issued under `ca`'s chain? Domain members of the forest get the Enterprise
 * root from AD (Group Policy / NTAuth); anyone else needs the root in LocalMachine\Root. */
export function serverTrustsChain(ix: LabIndex, server: LabServer, issuerDn: string): boolean {
  const issuing = ix.casBySubject.get(issuerDn.toLowerCase());
  if (!issuing) return true; // a public CA: in the Windows root program
  const root = ix.chain(issuing).at(-1)!;
  if (root.type.startsWith("enterprise") && server.domainJoined && ix.forestDomains.has((server.domainFqdn ?? "").toLowerCase()))
    return true;
  const thumb = root.certificate.thumbprint.toUpperCase();
  return server.certificates.root.some((c) => c.thumbprint.toUpperCase() === thumb);
}
