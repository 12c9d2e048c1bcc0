// NDES: the AD CS Configuration wizard (which issues the RA certificates for real from the CA for NDES), the
// Registry Editor views of MSCEP and HTTP\Parameters, and IIS Manager (sites, bindings, request filtering,
// application pools, CertificateRegistrationSvc authentication).
import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import type { Request, Response, Router } from "express";
import { configureNdes } from "@certlab/domain/lab/defaults";
import { EKU, type CertRef, type NdesInstance } from "@certlab/domain/lab/snapshot";
import { requirePermission } from "../../auth/middleware.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import type { LabDraft } from "../../store/lab/state.ts";
import { certRefOf, issueFrom } from "../../store/lab/pki.ts";
import { accountLabel, findAccount, ifMatchOf, labStore, ndesOf, requireAccount, requireNdes, sendVersioned, withVersion } from "./common.ts";
import { resolvePrincipal } from "./routes-servers.ts";
import {
  CNG_KSPS,
  ZAdcsConfiguration,
  ZAppPoolUpdate,
  ZBindingCreate,
  ZBindingRemove,
  ZCrpAuthentication,
  ZHttpParametersUpdate,
  ZIisUpdate,
  ZMscepUpdate,
  ZRequestFiltering,
  ZSiteUpdate,
} from "@certlab/domain/lab/schemas";

const ndesOut = (d: LabDraft, n: NdesInstance) => withVersion(d, n.id, n);
const isCng = (p: string) => (CNG_KSPS as readonly string[]).includes(p);


/** An RSA key pair for an RA certificate: the SPKI DER the CA certifies and the PKCS#8 PEM NDES keeps. */
async function raKeyPair(modulusLength: number): Promise<{ publicKey: Uint8Array; privateKeyPkcs8Pem: string }> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)("rsa", {
    modulusLength,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKey: new Uint8Array(publicKey), privateKeyPkcs8Pem: privateKey };
}

export function ndesRoutes(r: Router): void {
  r.get("/ndes", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("ndes").map((n) => ndesOut(d, n)) });
  });

  // Server Manager › Configure Active Directory Certificate Services on the destination server.
  r.post("/servers/:id/adcs-configuration", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZAdcsConfiguration, req.body);
    const id = req.params.id!;
    // The two RA key pairs are made before the transaction (RSA key generation takes seconds on a busy machine and
    // would hold the database's write lock, or outlive the transaction's timeout); the CA signs inside it.
    const [signatureKey, encryptionKey] = await Promise.all([raKeyPair(body.cryptography.signatureKeyLength), raKeyPair(body.cryptography.encryptionKeyLength)]);
    const out = await labStore(req).change("Configure Network Device Enrollment Service", "Add", async (d, tx) => {
      const s = d.get("server", id);
      if (!s.features.includes("ADCS-Device-Enrollment"))
        throw new AppError("conflict", "The Network Device Enrollment Service role service is not installed on this server. Install it with Add Roles and Features first.", { code: "RoleNotInstalled" });
      const existing = ndesOf(d, id);
      if (existing?.configured) throw new AppError("conflict", "The Network Device Enrollment Service is already configured on this server.", { code: "AlreadyConfigured" });
      const svc = requireAccount(d, body.serviceAccount, "serviceAccount");
      if (svc.kind === "computer") throw badRequest("The service account for NDES must be a user account.", [{ code: "InvalidValue", target: "serviceAccount", message: "A computer account can't be used." }]);
      const ca = d.find("ca", body.caId);
      if (!ca) throw badRequest(`The CA '${body.caId}' does not exist.`, [{ code: "InvalidValue", target: "caId", message: "No such CA." }]);
      if (!ca.running) throw new AppError("conflict", `The CA ${ca.name} is not available (the Certification Authority service is stopped).`, { code: "CaUnavailable" });
      const runAs = body.runAs ? requireAccount(d, body.runAs, "runAs") : findAccount(d, "Administrator");
      const byEa = !!runAs && runAs.memberOf.some((g) => g.toLowerCase().endsWith("enterprise admins"));
      const crypto = body.cryptography;
      const at = new Date().toISOString();
      const ndes = configureNdes({
        server: s,
        serviceAccount: svc,
        ca,
        at,
        byEnterpriseAdmin: byEa,
        raName: body.raInformation?.name,
        signatureProvider: crypto.signatureProvider,
        encryptionProvider: crypto.encryptionProvider,
        keyLength: crypto.signatureKeyLength,
      });
      ndes.raInfo = { ...ndes.raInfo, ...(body.raInformation ?? {}) };
      ndes.cryptography = { ...ndes.cryptography, encryptionKeyLength: crypto.encryptionKeyLength };
      // The RA certificates, issued for real by the CA for NDES: CEP Encryption (key encipherment) and Exchange
      // Enrollment Agent (Offline request) (digital signature), both with the Certificate Request Agent EKU.
      const ra: CertRef[] = [];
      if (byEa) {
        const subject = `CN=${ndes.raInfo.name}${ndes.raInfo.country ? `, C=${ndes.raInfo.country}` : ""}`;
        for (const [template, keyUsage, provider, key] of [
          ["EnrollmentAgentOffline", "digitalSignature", crypto.signatureProvider, signatureKey],
          ["CEPEncryption", "keyEncipherment", crypto.encryptionProvider, encryptionKey],
        ] as const) {
          const issued = await issueFrom(ca.material, { subject, validityDays: 730, publicKey: key.publicKey, keyUsage: [keyUsage], eku: [EKU.certificateRequestAgent], crlUrl: ca.crlDistributionPoints[0]?.url, aiaUrl: ca.aia[0]?.url });
          const cert: CertRef = {
            ...certRefOf(issued.info, { hasPrivateKey: true }),
            template,
            keyProvider: isCng(provider) ? "cng" : "cryptoApi",
            privateKeyReadableBy: ["Administrators", "NT AUTHORITY\\SYSTEM", accountLabel(svc)],
          };
          ra.push(cert);
          s.privateKeys = { ...(s.privateKeys ?? {}), [cert.thumbprint]: key.privateKeyPkcs8Pem };
          s.certificatePems = { ...(s.certificatePems ?? {}), [cert.thumbprint]: issued.certificatePem };
          d.addCaRequest(ca.id, {
            requestId: await d.nextCaRequestId(tx, ca.id),
            disposition: "issued",
            requesterName: runAs ? accountLabel(runAs) : "Administrator",
            template,
            subject: cert.subject,
            submittedDateTime: at,
            serialNumber: issued.info.serialNumber,
            thumbprint: cert.thumbprint,
            notAfter: cert.notAfter,
          });
          // The wizard publishes the RA templates on the CA.
          if (!ca.templatesToIssue.includes(template)) ca.templatesToIssue = [...ca.templatesToIssue, template];
        }
      }
      ndes.raCertificates = ra;
      s.certificates = { ...s.certificates, my: [...s.certificates.my.filter((c) => !ra.some((x) => x.thumbprint === c.thumbprint)), ...ra] };
      s.pendingRestart = true;
      if (existing) d.remove("ndes", existing.id);
      d.add("ndes", ndes);
      return { result: { n: ndes, d }, target: { kind: "ndes", id: ndes.id } };
    });
    res.setHeader("Location", `/api/lab/ndes/${out.n.id}`);
    sendVersioned(res, ndesOut(out.d, out.n), 201);
  });

  // ───────── Registry Editor ─────────

  r.get("/servers/:id/registry/mscep", async (req, res) => {
    const d = await labStore(req).draft();
    d.get("server", req.params.id!);
    const n = ndesOf(d, req.params.id!);
    res.json({ path: "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", ...(n?.mscepRegistry ?? { present: false }) });
  });

  r.patch("/servers/:id/registry/mscep", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZMscepUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Edit MSCEP registry values", "Update", (d) => {
      const n = requireNdes(d, id);
      if (!n.mscepRegistry.present) throw new AppError("conflict", "The key HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP does not exist.", { code: "RegistryKeyMissing" });
      n.mscepRegistry = { ...n.mscepRegistry, ...body };
      d.get("server", id).pendingRestart = true;
      return { result: { n, d }, target: { kind: "ndes", id: n.id } };
    });
    res.json({ path: "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", ...out.n.mscepRegistry });
  });

  r.get("/servers/:id/registry/http-parameters", async (req, res) => {
    const d = await labStore(req).draft();
    d.get("server", req.params.id!);
    const n = ndesOf(d, req.params.id!);
    res.json({ path: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", ...(n?.httpSysParameters ?? {}) });
  });

  r.patch("/servers/:id/registry/http-parameters", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZHttpParametersUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Edit HTTP.sys registry values", "Update", (d) => {
      const n = requireNdes(d, id);
      const next = { ...n.httpSysParameters } as Record<string, number | undefined>;
      for (const [k, v] of Object.entries(body)) {
        if (v === null) delete next[k];
        else if (v !== undefined) next[k] = v;
      }
      n.httpSysParameters = next;
      d.get("server", id).pendingRestart = true;
      return { result: { n, d }, target: { kind: "ndes", id: n.id } };
    });
    res.json({ path: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", ...out.n.httpSysParameters });
  });

  // ───────── IIS Manager ─────────

  r.get("/servers/:id/iis", async (req, res) => {
    const d = await labStore(req).draft();
    const n = requireNdes(d, req.params.id!);
    sendVersioned(res, { ...n.iis, ndesId: n.id, version: d.versionOf(n.id) });
  });

  const iisChange = (activity: string, fn: (n: NdesInstance, d: LabDraft) => void, restart = false) =>
    async (req: Request, res: Response) => {
      requirePermission(req, "lab.write");
      const id = String(req.params.id);
      const d0 = await labStore(req).draft();
      const n0 = requireNdes(d0, id);
      const out = await labStore(req).change(activity, "Update", (d) => {
        const n = requireNdes(d, id);
        fn(n, d);
        if (restart) d.get("server", id).pendingRestart = true;
        return { result: { n, d }, target: { kind: "ndes", id: n.id } };
      }, { kind: "ndes", id: n0.id, value: ifMatchOf(req) });
      sendVersioned(res, { ...out.n.iis, ndesId: out.n.id, version: out.d.versionOf(out.n.id) });
    };

  r.patch("/servers/:id/iis", (req, res) => {
    const body = parseBody(ZIisUpdate, req.body);
    return iisChange("Edit IIS applications", (n) => Object.assign(n.iis, body))(req, res);
  });

  r.patch("/servers/:id/iis/sites/:siteId", (req, res) => {
    const body = parseBody(ZSiteUpdate, req.body);
    return iisChange("Rename IIS site", (n) => {
      const site = n.iis.sites.find((s) => String(s.id) === req.params.siteId);
      if (!site) throw new AppError("notFound", `No IIS site with ID ${req.params.siteId}.`);
      if (n.iis.sites.some((s) => s.id !== site.id && s.name.toLowerCase() === body.name.toLowerCase())) throw new AppError("conflict", `A site named '${body.name}' already exists.`, { code: "ObjectConflict" });
      site.name = body.name;
    })(req, res);
  });

  // Default Web Site › Bindings › Add (https, 443, SSL certificate from LocalMachine\My, host name).
  r.post("/servers/:id/iis/sites/:siteId/bindings", (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZBindingCreate, req.body);
    return iisChange("Add IIS binding", (n, d) => {
      const site = n.iis.sites.find((s) => String(s.id) === req.params.siteId);
      if (!site) throw new AppError("notFound", `No IIS site with ID ${req.params.siteId}.`);
      const thumb = body.certificateThumbprint?.toUpperCase();
      if (thumb) {
        const cert = d.get("server", n.serverId).certificates.my.find((c) => c.thumbprint.toUpperCase() === thumb);
        if (!cert) throw badRequest("The SSL certificate is not in the server's Personal (LocalMachine\\My) store.", [{ code: "InvalidValue", target: "certificateThumbprint", message: "Not in LocalMachine\\My." }]);
        if (!cert.hasPrivateKey) throw badRequest("The SSL certificate has no private key.", [{ code: "InvalidValue", target: "certificateThumbprint", message: "No private key." }]);
      }
      if (site.bindings.some((b) => b.protocol === body.protocol && b.port === body.port && b.hostName.toLowerCase() === body.hostName.toLowerCase()))
        throw new AppError("conflict", "The binding '" + `${body.protocol}/*:${body.port}:${body.hostName}` + "' is assigned to another site or already exists.", { code: "ObjectConflict" });
      site.bindings = [...site.bindings, { protocol: body.protocol, port: body.port, hostName: body.hostName, ...(thumb ? { certificateThumbprint: thumb } : {}) }];
    })(req, res);
  });

  r.delete("/servers/:id/iis/sites/:siteId/bindings", (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZBindingRemove, req.body ?? {});
    return iisChange("Remove IIS binding", (n) => {
      const site = n.iis.sites.find((s) => String(s.id) === req.params.siteId);
      if (!site) throw new AppError("notFound", `No IIS site with ID ${req.params.siteId}.`);
      const next = site.bindings.filter((b) => !(b.protocol === body.protocol && b.port === body.port && b.hostName.toLowerCase() === body.hostName.toLowerCase()));
      if (next.length === site.bindings.length) throw new AppError("notFound", `No ${body.protocol} binding on port ${body.port} with host name '${body.hostName}'.`);
      site.bindings = next;
    })(req, res);
  });

  // Default Web Site › Request Filtering › Edit Feature Settings.
  r.patch("/servers/:id/iis/request-filtering", (req, res) => {
    const body = parseBody(ZRequestFiltering, req.body);
    return iisChange("Edit request filtering settings", (n) => {
      n.iis.requestFiltering = { ...n.iis.requestFiltering, ...body };
    })(req, res);
  });

  // Application Pools › SCEP: Start / Stop / Advanced Settings › Identity.
  r.patch("/servers/:id/iis/app-pools/:name", (req, res) => {
    const body = parseBody(ZAppPoolUpdate, req.body);
    return iisChange("Change application pool", (n, d) => {
      const pool = n.iis.appPools.find((p) => p.name.toLowerCase() === req.params.name!.toLowerCase());
      if (!pool) throw new AppError("notFound", `No application pool '${req.params.name}'.`);
      if (body.identity) {
        const builtIn = ["ApplicationPoolIdentity", "NETWORK SERVICE", "LOCAL SERVICE", "LOCAL SYSTEM"];
        pool.identity = builtIn.find((b) => b.toLowerCase() === body.identity!.toLowerCase()) ?? resolvePrincipal(d, body.identity, "identity");
      }
      if (body.state) pool.state = body.state;
    })(req, res);
  });

  // CertificateRegistrationSvc › Authentication (legacy connector).
  r.patch("/servers/:id/iis/certificate-registration-svc", (req, res) => {
    const body = parseBody(ZCrpAuthentication, req.body);
    return iisChange("Edit CertificateRegistrationSvc authentication", (n) => {
      if (!n.iis.certificateRegistrationSvc) throw new AppError("notFound", "The CertificateRegistrationSvc application exists only with the legacy Microsoft Intune Connector.");
      n.iis.certificateRegistrationSvc = { ...n.iis.certificateRegistrationSvc, ...body };
    }, true)(req, res);
  });
}
