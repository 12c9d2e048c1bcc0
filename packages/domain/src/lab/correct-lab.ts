// The complete, correct on-premises configuration of seed 002 (002_823a4c777ce30773.txt), built step by step with
// the builders of defaults.ts, in the two-tier PKI seed 004 recommends, published through Entra application proxy
// (seed 000). Every lab rule is quiet on it: zero errors, zero warnings, and no info either (the community
// hardening of S48 is applied too).
import { ROLE_IDS } from "../directory/roles";
import {
  addDays,
  aCertificate,
  computerAccountOf,
  configureNdes,
  duplicateTemplate,
  emptyLab,
  installAppProxyConnector,
  installFeatures,
  installIntuneConnector,
  newAdAccount,
  newCa,
  newServer,
  NDES_FEATURES,
} from "./defaults";
import { EKU, MSCEP_DEFAULT_TEMPLATE, type CertificateTemplate, type LabSnapshot } from "./snapshot";

export const CORRECT_LAB_NAMES = {
  forest: { fqdn: "corp.contoso.com", netbiosName: "CONTOSO" },
  ndesServer: "NDES01",
  ndesFqdn: "ndes01.corp.contoso.com",
  rootCa: "Contoso Root CA",
  issuingCa: "Contoso Issuing CA",
  scepTemplate: { name: "IntuneSCEP", displayName: "Intune SCEP" },
  iisTemplate: { name: "NDESServer", displayName: "NDES Server" },
  serviceAccount: "svc-ndes",
  intuneAdmin: "intune.admin@contoso.com",
  appAdmin: "app.admin@contoso.com",
} as const;

export type CorrectLabOptions = {
  /** The moment the lab describes (default: the current time). */
  now?: Date;
  /** The servers running a private network connector (default one, APPPROXY01; issue 8's complete setup has two). */
  appProxyServers?: readonly string[];
  /** The private network connectors' connector group (default: the Default group). */
  appProxyConnectorGroupId?: string;
  /** The account that signed in to the Certificate Connector (an Intune Administrator with an Intune licence). */
  intuneAdminUpn?: string;
  /** The account that registered the private network connectors (an Application Administrator). */
  appAdminUpn?: string;
  /** More DNS names for the NDES IIS certificate's SAN (the application proxy External URL host, seed 000). */
  extraIisSanNames?: readonly string[];
};

/** Seed 002 done right, as of `now` (default: the current time). */
export function correctLab(opts: CorrectLabOptions = {}): LabSnapshot {
  const now = opts.now ?? new Date();
  const N = CORRECT_LAB_NAMES;
  const { netbiosName: nb } = N.forest;
  const lab = emptyLab(N.forest, now.toISOString());
  const domain = N.forest;

  // Servers: a DC, the root CA, the issuing CA, NDES (a separate member server, 2022: Edge built in) and the
  // private network connector's server. IE ESC off where seed 002 and S32 say so; TLS 1.2 with strong crypto.
  const dc = { ...newServer({ name: "DC01", os: "2022", domain }), isDomainController: true, features: ["AD-Domain-Services", "DNS"] };
  let rootSrv = installFeatures(newServer({ name: "ROOTCA01", os: "2022", domain }), ["ADCS-Cert-Authority"]);
  let caSrv = installFeatures(newServer({ name: "CA01", os: "2022", domain }), ["ADCS-Cert-Authority", "Web-Server"]);
  let ndesSrv = installFeatures(newServer({ name: N.ndesServer, os: "2022", domain }), NDES_FEATURES);
  const appxSrvs = (opts.appProxyServers ?? ["APPPROXY01"]).map((name) => ({
    ...newServer({ name, os: "2022", domain }),
    ieEscEnabled: false,
    winHttpHttp2Enabled: false,
    tls12: { client: true, server: true, schUseStrongCrypto: true },
  }));
  ndesSrv = { ...ndesSrv, ieEscEnabled: false, tls12: { client: true, server: true, schUseStrongCrypto: true } };
  rootSrv = { ...rootSrv };
  caSrv = { ...caSrv };

  // AD: computer accounts, the NDES service account (seed 001 part 1: IIS_IUSRS, Request Certificates, SPN).
  const svc = newAdAccount({
    samAccountName: N.serviceAccount,
    domain: nb,
    kind: "serviceAccount",
    userPrincipalName: `${N.serviceAccount}@${domain.fqdn}`,
    spns: [`HTTP/${N.ndesFqdn}`, `HTTP/${N.ndesServer}`],
  });
  const computers = [dc, rootSrv, caSrv, ndesSrv, ...appxSrvs].map((s) => computerAccountOf(s, nb));
  lab.accounts.push(svc, ...computers);
  const dcComputer = computers[0]!;
  dcComputer.memberOf = ["Domain Controllers"];
  computers[2]!.memberOf = ["Cert Publishers"];
  ndesSrv.localGroups = { ...ndesSrv.localGroups, IIS_IUSRS: [`${nb}\\${N.serviceAccount}`] };

  // Two-tier PKI (seed 004): an Enterprise root and an Enterprise issuing CA under it. The issuing CA publishes its
  // CRL where internet devices reach it too (seed 004), and honours profile validity (EDITF_ATTRIBUTEENDDATE, seed 002).
  const root = newCa({ name: N.rootCa, server: rootSrv, netbios: nb, type: "enterpriseRoot", notBefore: addDays(now, -800), validityYears: 20 });
  const issuing = newCa({ name: N.issuingCa, server: caSrv, netbios: nb, type: "enterpriseSubordinate", parent: root, notBefore: addDays(now, -790), validityYears: 10 });
  issuing.editFlags = [...issuing.editFlags, "EDITF_ATTRIBUTEENDDATE"];
  issuing.crlDistributionPoints = [
    ...issuing.crlDistributionPoints,
    { url: "http://crl.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crl", reachableInternally: true, reachableFromInternet: true },
  ];
  // Seed 001: the NDES service account gets Request Certificates; seed 002: the NDES computer (the connector runs
  // as SYSTEM) gets Issue and Manage Certificates for revocation.
  issuing.acl.push(
    { principal: `${nb}\\${N.serviceAccount}`, read: false, request: true, issueAndManage: false, manageCa: false },
    { principal: `${nb}\\${N.ndesServer}$`, read: false, request: false, issueAndManage: true, manageCa: false },
  );
  lab.cas.push(root, issuing);

  // Templates (seed 002): the SCEP template duplicated from User with Windows 2003 compatibility (v2): Publish in AD
  // unchecked, Supply in the request, Client Authentication, not exportable, NDES service account Read + Enroll (and
  // the NDES computer, the connector's account as SYSTEM). The IIS template duplicated from Web Server with the
  // NDES computer Read + Enroll.
  const user = lab.templates.find((t) => t.name === "User")!;
  const webServer = lab.templates.find((t) => t.name === "WebServer")!;
  const scep: CertificateTemplate = {
    ...duplicateTemplate(user, { displayName: N.scepTemplate.displayName, name: N.scepTemplate.name }),
    publishInAd: false,
    subjectName: "supplyInRequest",
    allowPrivateKeyExport: false,
    applicationPolicies: [EKU.clientAuthentication],
    validity: { value: 1, unit: "years" },
  };
  scep.security = [
    ...scep.security.filter((a) => !a.principal.endsWith("Domain Users")),
    { principal: `${nb}\\${N.serviceAccount}`, read: true, write: false, enroll: true, autoenroll: false },
    { principal: `${nb}\\${N.ndesServer}$`, read: true, write: false, enroll: true, autoenroll: false },
  ];
  const iisTpl: CertificateTemplate = duplicateTemplate(webServer, { displayName: N.iisTemplate.displayName, name: N.iisTemplate.name });
  iisTpl.security = [...iisTpl.security, { principal: `${nb}\\${N.ndesServer}$`, read: true, write: false, enroll: true, autoenroll: false }];
  lab.templates.push(scep, iisTpl);
  issuing.templatesToIssue = [...issuing.templatesToIssue, scep.name, iisTpl.name, MSCEP_DEFAULT_TEMPLATE, "CEPEncryption", "EnrollmentAgentOffline"];

  // NDES (seed 002 "Set up NDES"): configured by an Enterprise Admin against the issuing CA, then the template NAME
  // in all three MSCEP values (S48's practice), request filtering and HTTP.sys at 65534, https:443 with a
  // server-authentication certificate for the NDES FQDN and an empty host name; S48 hardening: no http:80, no
  // mscep_admin, SHA256.
  let ndes = configureNdes({ server: ndesSrv, serviceAccount: svc, ca: issuing, at: addDays(now, -30) });
  const iisCert = aCertificate({
    subject: `CN=${N.ndesFqdn}`,
    issuer: issuing.certificate.subject,
    notBefore: addDays(now, -29),
    notAfter: addDays(now, 700),
    eku: [EKU.serverAuthentication],
    san: [N.ndesFqdn, ...(opts.extraIisSanNames ?? [])],
    template: iisTpl.name,
  });
  ndesSrv = { ...ndesSrv, certificates: { ...ndesSrv.certificates, my: [...ndes.raCertificates, iisCert] } };
  ndes = {
    ...ndes,
    // Seeds 001 and 002: the template's purpose is "Signature and encryption", so its NAME goes into
    // GeneralPurposeTemplate; the other two keep their defaults (a profile asking for one key usage
    // only then lands on the wrong template: PROF_KEYUSAGE_REGISTRY_MISMATCH).
    mscepRegistry: { ...ndes.mscepRegistry, GeneralPurposeTemplate: scep.name, HashAlgorithm: "SHA256" },
    iis: {
      ...ndes.iis,
      sites: [{ id: 1, name: "Default Web Site", bindings: [{ protocol: "https", port: 443, hostName: "", certificateThumbprint: iisCert.thumbprint }] }],
      requestFiltering: { maxUrl: 65534, maxQueryString: 65534 },
      mscepAdminPublished: false,
    },
    httpSysParameters: { MaxFieldLength: 65534, MaxRequestBytes: 65534 },
  };

  // The Certificate Connector for Microsoft Intune (S3): SCEP and revocation, SYSTEM, signed in by an Intune
  // Administrator with an Intune licence; then the server restarted (seed 001).
  const installed = installIntuneConnector(ndesSrv, ndes, {
    at: addDays(now, -20),
    signedInUpn: opts.intuneAdminUpn ?? N.intuneAdmin,
    signedInUserRoles: [ROLE_IDS.intuneAdministrator],
    signedInUserHasIntuneLicense: true,
    features: { scep: true, revocation: true },
  });
  ndesSrv = { ...installed.server, pendingRestart: false };
  ndes = installed.ndes!;
  const connector = { ...installed.connector, lastCheckinDateTime: addDays(now, -0.01) };

  // The Microsoft Entra private network connector (seed 000), registered by an Application Administrator.
  const appx = appxSrvs.map((server) =>
    installAppProxyConnector(server, {
      at: addDays(now, -10),
      registeredByUpn: opts.appAdminUpn ?? N.appAdmin,
      registeredByRoles: [ROLE_IDS.applicationAdministrator],
      connectorGroupId: opts.appProxyConnectorGroupId ?? "default",
    }),
  );

  lab.servers.push(dc, rootSrv, caSrv, ndesSrv, ...appx.map((a) => a.server));
  lab.ndes.push(ndes);
  lab.intuneCertificateConnectors.push(connector);
  lab.appProxyConnectors.push(...appx.map((a) => a.connector));
  return lab;
}
