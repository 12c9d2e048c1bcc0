// A minimal on-premises lab for the cross-checks of application proxy (tests and the browser's examples): the
// forest corp.contoso.com, NDES01 running NDES behind IIS with a Web Server certificate for its FQDN, and the
// private network connector installed on it (seed 000). Only what application proxy looks at is filled in
// with care; the rest holds the Windows defaults.
import type { CertRef, LabServer, LabSnapshot, NdesInstance } from "../lab/snapshot";

export const LAB_IDS = { ndesServer: "srv-ndes01", ndes: "ndes-1", ca: "ca-1", web01: "srv-web01" } as const;

export const NDES_IIS_CERT: CertRef = {
  thumbprint: "3C1A9B7D5E2F4A6C8B0D1E3F5A7C9B1D3E5F7A9C",
  subject: "CN=ndes01.corp.contoso.com",
  issuer: "CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com",
  notBefore: "2026-01-05T00:00:00Z",
  notAfter: "2028-01-05T00:00:00Z",
  isCa: false,
  eku: ["1.3.6.1.5.5.7.3.1"],
  san: ["ndes01.corp.contoso.com"],
  hasPrivateKey: true,
  template: "WebServer",
};

export function labServer(id: string, name: string, change: Partial<LabServer> = {}): LabServer {
  return {
    id,
    name: name.toUpperCase(),
    fqdn: `${name.toLowerCase()}.corp.contoso.com`,
    os: "2022",
    edition: "standard",
    domainJoined: true,
    domainFqdn: "corp.contoso.com",
    isDomainController: false,
    features: [],
    localGroups: { IIS_IUSRS: [], Administrators: ["CONTOSO\\Domain Admins"] },
    userRights: { impersonateClient: [], logOnAsService: [], logOnLocally: [], logOnAsBatchJob: [] },
    ieEscEnabled: false,
    tls12: { client: true, server: true, schUseStrongCrypto: true },
    winHttpHttp2Enabled: false,
    dotNetRelease: 528040,
    desktopExperience: true,
    edgeInstalled: true,
    services: [],
    hotfixes: [],
    certificates: { my: [], root: [] },
    network: { outbound443: true, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false },
    pendingRestart: false,
    installedAgents: [],
    ...change,
  };
}

/** Seed 000's lab: NDES01 runs NDES and IIS, and the private network connector. */
export function ndesLab(change: { ndesServer?: Partial<LabServer>; ndes?: Partial<NdesInstance>; servers?: LabServer[] } = {}): LabSnapshot {
  const ndesServer = labServer(LAB_IDS.ndesServer, "ndes01", {
    features: ["Web-Server", "ADCS-Device-Enrollment"],
    services: [
      { name: "WAPCSvc", displayName: "Microsoft Entra private network connector", status: "running", startupType: "automatic" },
      { name: "WAPCUpdaterSvc", displayName: "Microsoft Entra private network connector updater", status: "running", startupType: "automatic" },
      { name: "W3SVC", displayName: "World Wide Web Publishing Service", status: "running", startupType: "automatic" },
    ],
    certificates: { my: [NDES_IIS_CERT], root: [] },
    installedAgents: ["Microsoft Entra private network connector", "Certificate Connector for Microsoft Intune"],
    ...change.ndesServer,
  });
  const ndes: NdesInstance = {
    id: LAB_IDS.ndes,
    serverId: LAB_IDS.ndesServer,
    configured: true,
    serviceAccountId: "acct-svc-ndes",
    caId: LAB_IDS.ca,
    raInfo: { name: "NDES01-MSCEP-RA" },
    cryptography: {
      signatureProvider: "Microsoft Strong Cryptographic Provider",
      encryptionProvider: "Microsoft Strong Cryptographic Provider",
      signatureKeyLength: 2048,
      encryptionKeyLength: 2048,
      providerIsCryptoApi: true,
    },
    raCertificates: [],
    configuredAt: "2026-01-05T00:00:00Z",
    configuredByEnterpriseAdmin: true,
    mscepRegistry: { present: true, SignatureTemplate: "IntuneSCEP", EncryptionTemplate: "IntuneSCEP", GeneralPurposeTemplate: "IntuneSCEP" },
    iis: {
      sites: [
        {
          id: 1,
          name: "Default Web Site",
          bindings: [
            { protocol: "http", port: 80, hostName: "" },
            { protocol: "https", port: 443, hostName: "", certificateThumbprint: NDES_IIS_CERT.thumbprint },
          ],
        },
      ],
      requestFiltering: { maxUrl: 65534, maxQueryString: 65534 },
      appPools: [{ name: "SCEP", identity: "CONTOSO\\svc-ndes", state: "started" }],
      mscepAdminPublished: false,
    },
    httpSysParameters: { MaxFieldLength: 65534, MaxRequestBytes: 65534 },
    tempWritableByNetworkService: true,
    aliasHostNames: [],
    ...change.ndes,
  };
  return {
    asOf: "2026-03-12T08:00:00Z",
    forest: { name: "corp.contoso.com", domains: [{ fqdn: "corp.contoso.com", netbiosName: "CONTOSO" }] },
    accounts: [],
    groups: [],
    servers: [ndesServer, ...(change.servers ?? [])],
    cas: [],
    templates: [],
    ndes: [ndes],
    intuneCertificateConnectors: [],
    appProxyConnectors: [],
    reverseProxies: [],
    network: { inbound443ToNdesFromInternet: false, ndesToCaRpcOpen: true, externalDnsRecords: [] },
  };
}
