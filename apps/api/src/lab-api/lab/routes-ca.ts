// Certification Authority (certsrv.msc) and Certificate Templates (certtmpl.msc).
import type { Router } from "express";
import { duplicateTemplate } from "@certlab/domain/lab/defaults";
import type { CertificateTemplate } from "@certlab/domain/lab/snapshot";
import { exportCaCertificate } from "@certlab/pki/ca";
import { requirePermission } from "../../auth/middleware.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { publicCa } from "../../store/lab/snapshot.ts";
import type { LabDraft, StoredCa } from "../../store/lab/state.ts";
import { findTemplate, ifMatchOf, labStore, requireAccount, sendVersioned, serverOut, withVersion } from "./common.ts";
import { decideCaRequest } from "@certlab/domain/lab/ca-request";
import { parseCsr, type ParsedCsr } from "@certlab/pki/csr";
import { PkiInputError } from "@certlab/pki/certificate-info";
import { toLabSnapshot } from "../../store/lab/snapshot.ts";
import { certRefOf, issueFrom, keyUsageFor } from "../../store/lab/pki.ts";
import type { CaRequest } from "../../store/lab/state.ts";
import { resolvePrincipal } from "./routes-servers.ts";
import { ZCaAce, ZCaPublication, ZCaRequestSubmit, ZCaSetReg, ZCaUpdate, ZTemplateDuplicate, ZTemplateTabs, ZTemplateToIssue, ZWebEnrollmentUpdate, type TemplateTab } from "@certlab/domain/lab/schemas";
import { DEFAULT_INTERFACE_FLAGS } from "@certlab/domain/lab/snapshot";

const caOut = (d: LabDraft, c: StoredCa) => withVersion(d, c.id, publicCa(c));
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function caRoutes(r: Router): void {
  r.get("/cas", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("ca").map((c) => caOut(d, c)) });
  });

  r.get("/cas/:id", async (req, res) => {
    const d = await labStore(req).draft();
    sendVersioned(res, caOut(d, d.get("ca", req.params.id!)));
  });

  // Properties: DN length enforcement, the CertSvc service.
  r.patch("/cas/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCaUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Update certification authority", "Update", (d) => {
      const c = d.get("ca", id);
      Object.assign(c, body);
      return { result: { c, d }, target: { kind: "ca", id } };
    }, { kind: "ca", id, value: ifMatchOf(req) });
    sendVersioned(res, caOut(out.d, out.c));
  });

  // Properties › Security: add or change one principal's entry (Read, Request Certificates, Issue and Manage
  // Certificates, Manage CA).
  r.put("/cas/:id/acl", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCaAce, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Set CA security entry", "Update", (d) => {
      const c = d.get("ca", id);
      const principal = resolvePrincipal(d, body.principal, "principal");
      const ace = { ...body, principal };
      const i = c.acl.findIndex((a) => sameName(a.principal, principal));
      c.acl = i >= 0 ? c.acl.map((a, j) => (j === i ? ace : a)) : [...c.acl, ace];
      return { result: { c, d }, target: { kind: "ca", id } };
    }, { kind: "ca", id, value: ifMatchOf(req) });
    sendVersioned(res, caOut(out.d, out.c));
  });

  r.delete("/cas/:id/acl/:principal", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Remove CA security entry", "Update", (d) => {
      const c = d.get("ca", id);
      const p = req.params.principal!;
      const next = c.acl.filter((a) => !sameName(a.principal, p) && !sameName(a.principal.split("\\").pop() ?? "", p));
      if (next.length === c.acl.length) throw badRequest(`'${p}' has no entry on the CA's Security tab.`, [{ code: "InvalidValue", target: "principal", message: "No entry." }]);
      c.acl = next;
      return { result: undefined, target: { kind: "ca", id } };
    });
    res.status(204).end();
  });

  // certutil -setreg Policy\EditFlags +EDITF_ATTRIBUTEENDDATE (then net stop/start certsvc).
  r.post("/cas/:id/setreg", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCaSetReg, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change(`certutil -setreg ${body.name}`, "Update", (d) => {
      const c = d.get("ca", id);
      const flag = body.value.slice(1);
      const add = body.value.startsWith("+");
      if (body.name === "CA\\InterfaceFlags") {
        // Issue 14 (ESC11): CA\InterfaceFlags, IF_ENFORCEENCRYPTICERTREQUEST on by default.
        const flags = c.interfaceFlags ?? [...DEFAULT_INTERFACE_FLAGS];
        c.interfaceFlags = add ? [...new Set([...flags, flag])] : flags.filter((f) => f !== flag);
      } else c.editFlags = add ? [...new Set([...c.editFlags, flag])] : c.editFlags.filter((f) => f !== flag);
      return { result: { c, d }, target: { kind: "ca", id } };
    });
    sendVersioned(res, caOut(out.d, out.c));
  });

  // Certificate Templates › New › Certificate Template to Issue / Delete.
  r.post("/cas/:id/templates-to-issue", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZTemplateToIssue, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Publish certificate template", "Update", (d) => {
      const c = d.get("ca", id);
      if (!c.type.startsWith("enterprise")) throw new AppError("conflict", "A Standalone CA doesn't use certificate templates.", { code: "StandaloneCa" });
      const t = findTemplate(d, body.template);
      if (!t) throw badRequest(`The template '${body.template}' does not exist.`, [{ code: "InvalidValue", target: "template", message: "No such template." }]);
      if (c.templatesToIssue.some((x) => sameName(x, t.name))) throw new AppError("conflict", `The CA already issues '${t.displayName}'.`, { code: "ObjectConflict" });
      c.templatesToIssue = [...c.templatesToIssue, t.name];
      return { result: { c, d }, target: { kind: "ca", id } };
    });
    sendVersioned(res, caOut(out.d, out.c));
  });

  r.delete("/cas/:id/templates-to-issue/:template", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Unpublish certificate template", "Update", (d) => {
      const c = d.get("ca", id);
      const t = findTemplate(d, req.params.template!);
      const name = t?.name ?? req.params.template!;
      if (!c.templatesToIssue.some((x) => sameName(x, name))) throw new AppError("notFound", `The CA does not issue '${name}'.`);
      c.templatesToIssue = c.templatesToIssue.filter((x) => !sameName(x, name));
      return { result: undefined, target: { kind: "ca", id } };
    });
    res.status(204).end();
  });

  // Properties › Extensions: CDP and AIA locations, and whether they are reachable.
  r.patch("/cas/:id/publication", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCaPublication, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Update CRL and AIA locations", "Update", (d) => {
      const c = d.get("ca", id);
      if (body.crlDistributionPoints) c.crlDistributionPoints = body.crlDistributionPoints;
      if (body.aia) c.aia = body.aia;
      return { result: { c, d }, target: { kind: "ca", id } };
    });
    sendVersioned(res, caOut(out.d, out.c));
  });

  // Issued Certificates / Failed Requests.
  r.get("/cas/:id/requests", async (req, res) => {
    const store = labStore(req);
    const d = await store.draft();
    const c = d.get("ca", req.params.id!);
    const disposition = req.query.disposition;
    if (disposition !== undefined && disposition !== "issued" && disposition !== "failed" && disposition !== "pending")
      throw badRequest("disposition is issued, failed or pending.", [{ code: "InvalidValue", target: "disposition", message: "issued, failed or pending." }]);
    res.json({ value: await d.caRequests(store.db, c.id, disposition) });
  });

  // Issue 14: "Request a certificate as…" (certreq -submit -attrib "CertificateTemplate:…\nSAN:upn=…" as that
  // account). The lab CA decides as the real one does (packages/domain lab/ca-request.ts) and issues a real
  // certificate (packages/pki) or records the refusal in Failed Requests. Bad input answers 400 and writes nothing.
  r.post("/cas/:id/requests", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZCaRequestSubmit, req.body);
    const id = req.params.id!;
    let csr: ParsedCsr | undefined;
    if (body.csr) {
      try {
        csr = await parseCsr(body.csr);
      } catch (e) {
        if (!(e instanceof PkiInputError)) throw e;
        throw badRequest(`The csr is not a valid certificate request: ${e.message}`, [{ code: "InvalidValue", target: "csr", message: e.message }]);
      }
    }
    type Outcome = { entry: CaRequest; notes: string[] };
    const out = await labStore(req).change<Outcome>("Submit certificate request", "Update", async (d, tx) => {
      const c = d.get("ca", id);
      const account = requireAccount(d, body.account, "account");
      if (!c.running) throw new AppError("conflict", `The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE): ${c.name} is stopped.`, { code: "CaUnavailable" });
      const template = findTemplate(d, body.template);
      if (!template) throw badRequest(`The template '${body.template}' does not exist.`, [{ code: "InvalidValue", target: "template", message: "No such template." }]);
      if (!c.type.startsWith("enterprise") || !c.templatesToIssue.some((x) => sameName(x, template.name)))
        throw badRequest(`'${template.displayName}' is not published on ${c.name}: The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)`, [
          { code: "InvalidValue", target: "template", message: `Not in ${c.name}'s Certificate Templates to Issue.` },
        ]);
      const lab = toLabSnapshot(d)!;
      const labCa = lab.cas.find((x) => x.id === c.id)!;
      const decision = decideCaRequest(lab, labCa, {
        account: lab.accounts.find((a) => a.id === account.id)!,
        template: lab.templates.find((t) => t.id === template.id)!,
        subject: body.subject ?? (csr?.subject || undefined),
        subjectAlternativeNames: body.subjectAlternativeNames.length ? body.subjectAlternativeNames : (csr?.subjectAlternativeNames ?? []),
        keySize: csr?.keySize,
      });
      const requestId = await d.nextCaRequestId(tx, c.id);
      const base = { requestId, requesterName: `${account.domain}\\${account.samAccountName}`, template: template.name, submittedDateTime: new Date().toISOString() };
      let entry: CaRequest;
      if (decision.disposition !== "issued") {
        entry = { ...base, disposition: decision.disposition, subject: decision.subject, statusCode: decision.statusCode, statusMessage: decision.statusMessage };
        d.addCaRequest(c.id, entry);
        return { result: { entry, notes: [] }, target: { kind: "ca", id } };
      }
      const issued = await issueFrom(c.material, {
        subject: decision.subject,
        validityDays: decision.validityDays,
        keySize: Math.max(2048, template.minimumKeySize),
        keyUsage: keyUsageFor(template),
        eku: decision.eku,
        sans: decision.subjectAlternativeNames,
        ...(csr ? { publicKey: csr.publicKeySpki } : {}),
        crlUrl: c.crlDistributionPoints[0]?.url,
        aiaUrl: c.aia[0]?.url,
      });
      const ref = certRefOf(issued.info);
      entry = {
        ...base,
        disposition: "issued",
        subject: ref.subject,
        serialNumber: issued.info.serialNumber,
        thumbprint: ref.thumbprint,
        notAfter: ref.notAfter,
        subjectAlternativeNames: issued.info.subjectAlternativeNames.map((n) => `${n.type}:${n.value}`),
        certificatePem: issued.certificatePem,
      };
      d.addCaRequest(c.id, entry);
      return { result: { entry, notes: decision.notes }, target: { kind: "ca", id } };
    });
    const status = out.entry.disposition === "issued" ? 201 : out.entry.disposition === "pending" ? 202 : 200;
    res.status(status).json({ ...out.entry, notes: out.notes });
  });

  // Issue 14 (ESC8): IIS Manager › Default Web Site › certsrv — bindings, Windows Authentication, Extended Protection.
  r.patch("/servers/:id/web-enrollment", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZWebEnrollmentUpdate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Configure Certification Authority Web Enrollment", "Update", (d) => {
      const s = d.get("server", id);
      if (!s.features.includes("ADCS-Web-Enrollment") || !s.webEnrollment)
        throw new AppError("conflict", `Certification Authority Web Enrollment is not installed on ${s.name}.`, { code: "RoleNotInstalled" });
      if (body.caId && !d.find("ca", body.caId)) throw badRequest(`The CA '${body.caId}' does not exist.`, [{ code: "InvalidValue", target: "caId", message: "No such CA." }]);
      s.webEnrollment = { ...s.webEnrollment, ...body };
      return { result: { s, d }, target: { kind: "server", id } };
    });
    sendVersioned(res, serverOut(out.d, out.s));
  });

  // certutil -ca.cert <file>: the CA certificate, DER (.cer) or base64.
  r.get("/cas/:id/certificate", async (req, res) => {
    const d = await labStore(req).draft();
    const c = d.get("ca", req.params.id!);
    const format = req.query.format ?? "der";
    if (format !== "der" && format !== "base64") throw badRequest("format is der or base64.", [{ code: "InvalidValue", target: "format", message: "der or base64." }]);
    const file = `${c.name.replace(/[\\/:*?"<>|]/g, "_")}.cer`;
    res.setHeader("Content-Disposition", `attachment; filename="${file}"`);
    if (format === "der") {
      res.type("application/pkix-cert").send(Buffer.from(exportCaCertificate(c.material, "der")));
    } else {
      res.type("text/plain").send(exportCaCertificate(c.material, "pem"));
    }
  });

  // ───────── Certificate Templates ─────────

  r.get("/templates", async (req, res) => {
    const d = await labStore(req).draft();
    res.json({ value: d.list("template").map((t) => withVersion(d, t.id, t)) });
  });

  r.get("/templates/:id", async (req, res) => {
    const d = await labStore(req).draft();
    sendVersioned(res, withVersion(d, req.params.id!, d.get("template", req.params.id!)));
  });

  // Right-click › Duplicate Template: the console derives the template name from the display name (spaces removed).
  r.post("/templates/:id/duplicate", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZTemplateDuplicate, req.body);
    const id = req.params.id!;
    const out = await labStore(req).change("Duplicate certificate template", "Add", (d) => {
      const source = d.get("template", id);
      const copy = duplicateTemplate(source, body);
      const clash = d.list("template").find((t) => sameName(t.name, copy.name) || sameName(t.displayName, copy.displayName));
      if (clash)
        throw new AppError("conflict", `The template name or display name is already in use by '${clash.displayName}' (${clash.name}).`, {
          code: "ObjectConflict",
          details: [{ code: "ObjectConflict", target: sameName(clash.name, copy.name) ? "name" : "displayName", message: "Already in use." }],
        });
      d.add("template", copy);
      return { result: { t: copy, d }, target: { kind: "template", id: copy.id } };
    });
    res.setHeader("Location", `/api/lab/templates/${out.t.id}`);
    sendVersioned(res, withVersion(out.d, out.t.id, out.t), 201);
  });

  r.patch("/templates/:id/:tab", async (req, res) => {
    requirePermission(req, "lab.write");
    const tab = req.params.tab as TemplateTab;
    const schema = ZTemplateTabs[tab];
    if (!schema) throw new AppError("notFound", `No template tab '${req.params.tab}'. Tabs: ${Object.keys(ZTemplateTabs).join(", ")}.`);
    const body = parseBody(schema as (typeof ZTemplateTabs)["general"], req.body) as Record<string, unknown>;
    const id = req.params.id!;
    const out = await labStore(req).change(`Edit certificate template (${tab})`, "Update", (d) => {
      const t = d.get("template", id);
      // Version 1 templates are read-only in certtmpl.msc except their Security tab.
      if (t.schemaVersion === 1 && tab !== "security")
        throw new AppError("conflict", `'${t.displayName}' is a version 1 template: only its Security tab can be edited. Duplicate it to change ${tab}.`, { code: "TemplateReadOnly" });
      applyTab(d, t, tab, body);
      return { result: { t, d }, target: { kind: "template", id } };
    }, { kind: "template", id, value: ifMatchOf(req) });
    sendVersioned(res, withVersion(out.d, id, out.t));
  });

  r.delete("/templates/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Delete certificate template", "Delete", (d) => {
      const t = d.get("template", id);
      if (t.builtIn) throw new AppError("conflict", "Built-in templates can't be deleted.", { code: "TemplateReadOnly" });
      for (const c of d.list("ca")) c.templatesToIssue = c.templatesToIssue.filter((x) => !sameName(x, t.name));
      d.remove("template", id);
      return { result: undefined, target: { kind: "template", id } };
    }, { kind: "template", id, value: ifMatchOf(req) });
    res.status(204).end();
  });
}

function applyTab(d: LabDraft, t: CertificateTemplate, tab: TemplateTab, body: Record<string, unknown>): void {
  switch (tab) {
    case "general": {
      const b = body as { displayName?: string };
      if (b.displayName && d.list("template").some((x) => x.id !== t.id && sameName(x.displayName, b.displayName!)))
        throw new AppError("conflict", `The display name '${b.displayName}' is already in use.`, { code: "ObjectConflict" });
      Object.assign(t, body);
      return;
    }
    case "compatibility": {
      const c = body as CertificateTemplate["compatibility"];
      t.compatibility = c;
      t.schemaVersion = c.ca === "2003" ? 2 : c.ca === "2008" || c.ca === "2008R2" ? 3 : 4;
      if (t.schemaVersion >= 3 && t.providerCategory === "legacyCsp") t.providerCategory = "ksp";
      if (t.schemaVersion === 2) t.providerCategory = "legacyCsp";
      return;
    }
    case "cryptography": {
      const b = body as { providerCategory?: string };
      if (b.providerCategory === "ksp" && t.schemaVersion < 3)
        throw badRequest("Key Storage Providers need Windows Server 2008 compatibility or later (a version 3 template).", [{ code: "InvalidValue", target: "providerCategory", message: "Not available on a version 2 template." }]);
      Object.assign(t, body);
      return;
    }
    case "extensions": {
      const b = body as { applicationPolicies?: string[]; keyUsage?: Partial<CertificateTemplate["keyUsage"]> };
      if (b.applicationPolicies) t.applicationPolicies = [...new Set(b.applicationPolicies)];
      if (b.keyUsage) t.keyUsage = { ...t.keyUsage, ...b.keyUsage };
      return;
    }
    case "security": {
      const b = body as { set: CertificateTemplate["security"]; remove: string[] };
      let acl = t.security.filter((a) => !b.remove.some((p) => sameName(a.principal, p) || sameName(a.principal.split("\\").pop() ?? "", p)));
      for (const [i, ace] of b.set.entries()) {
        const principal = resolvePrincipal(d, ace.principal, `set[${i}].principal`);
        const entry = { ...ace, principal };
        acl = acl.some((a) => sameName(a.principal, principal)) ? acl.map((a) => (sameName(a.principal, principal) ? entry : a)) : [...acl, entry];
      }
      t.security = acl;
      return;
    }
    default:
      Object.assign(t, body);
  }
}
