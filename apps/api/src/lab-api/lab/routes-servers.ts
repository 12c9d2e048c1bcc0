// Server Manager and the on-server consoles that are not NDES-specific: servers, Add Roles and Features, local
// groups (lusrmgr.msc), IE ESC / TLS / WinHttp / .NET (PATCH), services.msc, the Certificates snap-in (import,
// remove, Request New Certificate — issued for real by the lab CA), the network, restart vs iisreset.
import { caDecision, templateValidityDays } from "@certlab/domain/lab/ca-policy";
import type { Router } from "express";
import { computerAccountOf, installFeatures, newServer } from "@certlab/domain/lab/defaults";
import { labIndex } from "@certlab/domain/lab/lab-index";
import type { CertRef, LabServer } from "@certlab/domain/lab/snapshot";
import { PkiInputError, parseCertificate } from "@certlab/pki/certificate-info";
import { requirePermission } from "../../auth/middleware.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import type { LabDraft, StoredServer } from "../../store/lab/state.ts";
import { toLabSnapshot } from "../../store/lab/snapshot.ts";
import { certRefOf, issueFrom, keyUsageFor } from "../../store/lab/pki.ts";
import { accountLabel, findAccount, findGroup, findTemplate, ifMatchOf, labStore, ndesOf, netbiosOf, sendVersioned, serverOut } from "./common.ts";
import {
  ZCertificateImport,
  ZCertificateRequest,
  ZFeatures,
  ZLocalGroupMember,
  ZServerCreate,
  ZServerNetworkUpdate,
  ZServerUpdate,
  ZServiceUpdate,
} from "@certlab/domain/lab/schemas";

const LOCAL_GROUPS = { iis_iusrs: "IIS_IUSRS", administrators: "Administrators" } as const;
const WELL_KNOWN = new Set(["authenticated users", "everyone", "administrator", "nt authority\\system", "system", "network service", "local service", "domain admins", "domain users"]);

/** What an admin types in "Select Users, Computers, Service Accounts, or Groups", resolved to how the console shows it. */
export function resolvePrincipal(d: LabDraft, name: string, target: string): string {
  const account = findAccount(d, name);
  if (account) return accountLabel(account);
  const group = findGroup(d, name);
  if (group) return `${group.domain}\\${group.name}`;
  if (WELL_KNOWN.has(name.toLowerCase()) || WELL_KNOWN.has(name.toLowerCase().split("\\").pop() ?? "")) return name;
  throw badRequest(`An object named "${name}" cannot be found.`, [{ code: "InvalidValue", target, message: "No such account, group or well-known principal." }]);
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function serverRoutes(r: Router): void {
  r.get("/servers", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("server").map((s) => serverOut(d, s)) });
  });

  r.get("/servers/:id", async (req, res) => {
    const d = await labStore(req).draft();
    sendVersioned(res, serverOut(d, d.get("server", req.params.id!)));
  });

  r.post("/servers", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZServerCreate, req.body);
    const out = await labStore(req).change("Add server", "Add", (d) => {
      const domain = d.forest().forest.domains[0];
      const server = newServer({ name: body.name.toUpperCase(), os: body.os, edition: body.edition, domain: body.domainJoined ? domain : undefined }) as StoredServer;
      if (d.list("server").some((s) => sameName(s.fqdn, server.fqdn) || sameName(s.name, server.name)))
        throw new AppError("conflict", `A computer named ${server.name} already exists.`, { code: "ObjectConflict" });
      server.privateKeys = {};
      d.add("server", server);
      if (domain && body.domainJoined && !findAccount(d, `${domain.netbiosName}\\${server.name}$`)) d.add("adAccount", computerAccountOf(server, domain.netbiosName));
      return { result: { s: server, d }, target: { kind: "server", id: server.id } };
    });
    res.setHeader("Location", `/api/lab/servers/${out.s.id}`);
    sendVersioned(res, serverOut(out.d, out.s), 201);
  });

  r.patch("/servers/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZServerUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change(
      "Update server",
      "Update",
      (d) => {
        const s = d.get("server", id);
        const { tls12, userRights, ...rest } = body;
        if (rest.domainJoined === false) s.domainFqdn = undefined;
        if (rest.domainJoined === true && !rest.domainFqdn && !s.domainFqdn) s.domainFqdn = d.forest().forest.domains[0]?.fqdn;
        // Joining or leaving a domain, and installing .NET, ask for a restart.
        if ((rest.domainJoined !== undefined && rest.domainJoined !== s.domainJoined) || (rest.dotNetRelease !== undefined && rest.dotNetRelease !== s.dotNetRelease)) s.pendingRestart = true;
        Object.assign(s, rest);
        if (tls12) s.tls12 = { ...s.tls12, ...tls12 };
        if (userRights) s.userRights = { ...s.userRights, ...userRights };
        if (s.domainJoined && s.domainFqdn) s.fqdn = `${s.name.toLowerCase()}.${s.domainFqdn}`;
        return { result: { s, d }, target: { kind: "server", id } };
      },
      { kind: "server", id, value: ifMatchOf(req) },
    );
    sendVersioned(res, serverOut(out.d, out.s));
  });

  r.delete("/servers/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change(
      "Remove server",
      "Delete",
      (d) => {
        const s = d.get("server", id);
        const ca = d.list("ca").find((c) => c.serverId === id);
        if (ca) throw new AppError("conflict", `The server hosts the CA '${ca.name}'; a CA can't be removed from the lab.`, { code: "ObjectInUse" });
        for (const n of d.list("ndes").filter((x) => x.serverId === id)) d.remove("ndes", n.id);
        d.removeConnectorsOf(id, "intune");
        d.removeConnectorsOf(id, "appx");
        const computer = findAccount(d, `${netbiosOf(d)}\\${s.name}$`);
        if (computer) d.remove("adAccount", computer.id);
        d.remove("server", id);
        return { result: undefined, target: { kind: "server", id } };
      },
      { kind: "server", id, value: ifMatchOf(req) },
    );
    res.status(204).end();
  });

  // Add Roles and Features / Remove Roles and Features.
  r.post("/servers/:id/features", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZFeatures, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Add or remove roles and features", "Update", (d) => {
      const s = d.get("server", id);
      for (const [i, f] of body.remove.entries()) {
        if (!s.features.includes(f)) throw badRequest(`The feature ${f} is not installed on ${s.name}.`, [{ code: "InvalidValue", target: `remove[${i}]`, message: "Not installed." }]);
        if (f === "ADCS-Cert-Authority" && d.list("ca").some((c) => c.serverId === id))
          throw new AppError("conflict", "Remove the Certification Authority configuration before removing the role.", { code: "ObjectInUse" });
      }
      Object.assign(s, installFeatures(s, body.install));
      if (body.remove.length) {
        s.features = s.features.filter((f) => !body.remove.includes(f));
        if (body.remove.includes("Web-Server")) s.services = s.services.filter((x) => x.name !== "W3SVC");
        if (body.remove.includes("ADCS-Web-Enrollment")) delete s.webEnrollment;
        // Removing the role service removes its configuration (the MSCEP key and the SCEP application).
        if (body.remove.includes("ADCS-Device-Enrollment")) for (const n of d.list("ndes").filter((x) => x.serverId === id)) d.remove("ndes", n.id);
      }
      s.pendingRestart = true;
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // Computer Management › Local Users and Groups.
  r.post("/servers/:id/local-groups/:group/members", async (req, res) => {
    requirePermission(req, "lab.write");
    const { member } = parseBody(ZLocalGroupMember, req.body);
    const group = LOCAL_GROUPS[req.params.group!.toLowerCase() as keyof typeof LOCAL_GROUPS];
    if (!group) throw badRequest(`The local group '${req.params.group}' is not modelled (IIS_IUSRS, Administrators).`, [{ code: "InvalidValue", target: "group", message: "IIS_IUSRS or Administrators." }]);
    const id = req.params.id!;
    const out = await labStore(req).change(`Add member to local group ${group}`, "Update", (d) => {
      const s = d.get("server", id);
      if (s.isDomainController) throw new AppError("conflict", "A domain controller has no local groups.", { code: "NoLocalGroups" });
      const name = resolvePrincipal(d, member, "member");
      if (s.localGroups[group].some((m) => sameName(m, name))) throw new AppError("conflict", `The specified account name is already a member of the group ${group}.`, { code: "ObjectConflict" });
      s.localGroups = { ...s.localGroups, [group]: [...s.localGroups[group], name] };
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  r.delete("/servers/:id/local-groups/:group/members/:member", async (req, res) => {
    requirePermission(req, "lab.write");
    const group = LOCAL_GROUPS[req.params.group!.toLowerCase() as keyof typeof LOCAL_GROUPS];
    if (!group) throw badRequest(`The local group '${req.params.group}' is not modelled (IIS_IUSRS, Administrators).`, [{ code: "InvalidValue", target: "group", message: "IIS_IUSRS or Administrators." }]);
    const id = req.params.id!;
    const member = req.params.member!;
    await labStore(req).change(`Remove member from local group ${group}`, "Update", (d) => {
      const s = d.get("server", id);
      const account = findAccount(d, member);
      const names = new Set([member.toLowerCase(), ...(account ? [accountLabel(account).toLowerCase()] : [])]);
      if (!s.localGroups[group].some((m) => names.has(m.toLowerCase()))) throw badRequest(`'${member}' is not a member of ${group}.`, [{ code: "InvalidValue", target: "member", message: "Not a member." }]);
      s.localGroups = { ...s.localGroups, [group]: s.localGroups[group].filter((m) => !names.has(m.toLowerCase())) };
      return { result: undefined, target: { kind: "server", id } };
    });
    res.status(204).end();
  });

  r.patch("/servers/:id/network", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZServerNetworkUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Update server network", "Update", (d) => {
      const s = d.get("server", id);
      const next = { ...s.network } as Record<string, unknown>;
      for (const [k, v] of Object.entries(body)) {
        if (v === null) delete next[k];
        else if (v !== undefined) next[k] = v;
      }
      s.network = next as unknown as LabServer["network"];
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // services.msc: Start / Stop / Startup type.
  r.patch("/servers/:id/services/:name", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZServiceUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Change service", "Update", (d) => {
      const s = d.get("server", id);
      const svc = s.services.find((x) => sameName(x.name, req.params.name!) || sameName(x.displayName, req.params.name!));
      if (!svc) throw new AppError("notFound", `The service '${req.params.name}' is not installed on ${s.name}.`);
      const startupType = body.startupType ?? svc.startupType;
      if (body.status === "running" && startupType === "disabled")
        throw new AppError("conflict", "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.", { code: "ServiceDisabled" });
      Object.assign(svc, { ...body, startupType });
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // Restart: services set to Automatic start, IIS app pools start, pending changes take effect.
  r.post("/servers/:id/restart", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    const out = await labStore(req).change("Restart server", "Update", (d) => {
      const s = d.get("server", id) as StoredServer & { lastRestartDateTime?: string };
      s.pendingRestart = false;
      s.lastRestartDateTime = new Date().toISOString();
      s.services = s.services.map((x) => (x.startupType === "automatic" ? { ...x, status: "running" } : x.startupType === "disabled" ? { ...x, status: "stopped" } : x));
      const ndes = ndesOf(d, id);
      if (ndes) ndes.iis.appPools = ndes.iis.appPools.map((p) => ({ ...p, state: "started" }));
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // iisreset: restarts IIS (W3SVC, app pools) — not the server: a pending restart stays pending (seed 002).
  r.post("/servers/:id/iisreset", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    const out = await labStore(req).change("iisreset", "Update", (d) => {
      const s = d.get("server", id);
      if (!s.features.includes("Web-Server")) throw new AppError("conflict", "IIS is not installed on this server.", { code: "IisNotInstalled" });
      s.services = s.services.map((x) => (x.name === "W3SVC" ? { ...x, status: "running" } : x));
      const ndes = ndesOf(d, id);
      if (ndes) ndes.iis.appPools = ndes.iis.appPools.map((p) => ({ ...p, state: "started" }));
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // ───────── Certificates snap-in (Local Computer) ─────────

  r.get("/servers/:id/certificates", async (req, res) => {
    const d = await labStore(req).draft();
    const s = d.get("server", req.params.id!);
    res.json(s.certificates);
  });

  r.post("/servers/:id/certificates", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCertificateImport, req.body);
    let ref: CertRef;
    try {
      ref = certRefOf(parseCertificate(body.certificate));
    } catch (err) {
      if (err instanceof PkiInputError) throw badRequest(err.message, [{ code: "InvalidValue", target: "certificate", message: err.message }]);
      throw err;
    }
    const id = req.params.id!;
    const out = await labStore(req).change(`Import certificate into ${body.store === "my" ? "Personal" : "Trusted Root Certification Authorities"}`, "Update", (d) => {
      const s = d.get("server", id);
      if (s.certificates[body.store].some((c) => c.thumbprint === ref.thumbprint))
        throw new AppError("conflict", "The certificate is already in the store.", { code: "ObjectConflict" });
      s.certificates = { ...s.certificates, [body.store]: [...s.certificates[body.store], ref] };
      return { result: { s, d }, target: { kind: "server", id } };
    });
    res.status(201).json({ ...ref, store: body.store, serverVersion: out.d.versionOf(id) });
  });

  r.delete("/servers/:id/certificates/:store/:thumbprint", async (req, res) => {
    requirePermission(req, "lab.write");
    const store = req.params.store as "my" | "root";
    if (store !== "my" && store !== "root") throw badRequest("The store is my (Personal) or root (Trusted Root Certification Authorities).", [{ code: "InvalidValue", target: "store", message: "my or root." }]);
    const id = req.params.id!;
    const thumb = req.params.thumbprint!.toUpperCase();
    await labStore(req).change("Delete certificate", "Update", (d) => {
      const s = d.get("server", id);
      if (!s.certificates[store].some((c) => c.thumbprint === thumb)) throw new AppError("notFound", `No certificate ${thumb} in ${store}.`);
      s.certificates = { ...s.certificates, [store]: s.certificates[store].filter((c) => c.thumbprint !== thumb) };
      if (s.privateKeys) delete s.privateKeys[thumb];
      return { result: undefined, target: { kind: "server", id } };
    });
    res.status(204).end();
  });

  // Personal › All Tasks › Request New Certificate (Active Directory Enrollment Policy): the server's computer
  // account enrolls; the CA checks the template, its permissions and the key, and issues for real — or records a
  // failed request with the CA's status.
  r.post("/servers/:id/certificates/request", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCertificateRequest, req.body);
    const id = req.params.id!;
    type Outcome = { failure: { code: string; message: string } | undefined; requestId: number; d: LabDraft; cert: CertRef | undefined };
    const out = await labStore(req).change<Outcome>("Request certificate", "Update", async (d, tx) => {
      const s = d.get("server", id);
      const ca = d.find("ca", body.caId);
      if (!ca) throw badRequest(`The CA '${body.caId}' does not exist.`, [{ code: "InvalidValue", target: "caId", message: "No such CA." }]);
      const template = findTemplate(d, body.template);
      if (!template) throw badRequest(`The template '${body.template}' does not exist.`, [{ code: "InvalidValue", target: "template", message: "No such template." }]);
      if (!ca.running) throw new AppError("conflict", `The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE): ${ca.name} is stopped.`, { code: "CaUnavailable" });
      const snapshot = toLabSnapshot(d)!;
      const ix = labIndex(snapshot);
      const server = ix.serversById.get(s.id)!;
      const computer = ix.computerAccount(server);
      const requester = computer ? `${computer.domain}\\${computer.samAccountName}` : s.name;
      const keySize = body.keySize ?? Math.max(2048, template.minimumKeySize);
      const subject = template.subjectName === "buildFromAd" ? `CN=${s.fqdn}` : (body.subject ?? `CN=${s.fqdn}`);
      const dnsNames = template.subjectName === "buildFromAd" ? [s.fqdn] : body.dnsNames;
      // The CA's checks (packages/domain/src/lab/ca-policy.ts), the same ones NDES's SCEP requests meet.
      const decided = caDecision(ix, { ca, template, requester: computer, server, keySize, subject });
      const failure = decided ? { code: decided.code, message: decided.message } : undefined;
      const requestId = await d.nextCaRequestId(tx, ca.id);
      const submitted = new Date().toISOString();
      if (failure) {
        d.addCaRequest(ca.id, { requestId, disposition: "failed", requesterName: requester, template: template.name, subject, submittedDateTime: submitted, statusCode: failure.code, statusMessage: failure.message });
        return { result: { failure, requestId, d, cert: undefined }, target: { kind: "ca", id: ca.id } };
      }
      const validityDays = templateValidityDays(template);
      const issued = await issueFrom(ca.material, {
        subject,
        validityDays,
        keySize,
        keyUsage: keyUsageFor(template),
        eku: template.applicationPolicies,
        san: dnsNames,
        crlUrl: ca.crlDistributionPoints[0]?.url,
        aiaUrl: ca.aia[0]?.url,
      });
      const cert: CertRef = { ...certRefOf(issued.info, { hasPrivateKey: true }), template: template.name, keyProvider: template.providerCategory === "ksp" ? "cng" : "cryptoApi" };
      s.certificates = { ...s.certificates, my: [...s.certificates.my, cert] };
      s.privateKeys = { ...(s.privateKeys ?? {}), [cert.thumbprint]: issued.privateKeyPkcs8Pem! };
      s.certificatePems = { ...(s.certificatePems ?? {}), [cert.thumbprint]: issued.certificatePem };
      d.addCaRequest(ca.id, { requestId, disposition: "issued", requesterName: requester, template: template.name, subject: cert.subject, submittedDateTime: submitted, serialNumber: issued.info.serialNumber, thumbprint: cert.thumbprint, notAfter: cert.notAfter });
      return { result: { failure: undefined, requestId, d, cert }, target: { kind: "server", id } };
    });
    if (out.failure) {
      throw new AppError("badRequest", `The certificate request failed (request ${out.requestId}): ${out.failure.message}`, {
        code: "CertificateRequestDenied",
        details: [{ code: "RequestDenied", target: "template", message: out.failure.message }],
      });
    }
    res.status(201).json({ requestId: out.requestId, certificate: out.cert, serverVersion: out.d.versionOf(id) });
  });
}
