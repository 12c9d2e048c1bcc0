// /api/entra: what the Entra admin center does that Graph has no API for. Test Application (seed 003 "select Test
// Application to run a test on the application and check for any configuration issues … download the diagnostic
// report to review the resolution guidance"), Maintenance Mode, and the lab's public DNS where the admin "adds the
// record at the registrar" (domain verification TXT, custom-domain CNAME).
import { Router, type Request } from "express";
import { z } from "zod";
import { findingsFor } from "../../store/tenant-cache.ts";
import type { Finding } from "@certlab/domain/rules/types";
import { externalDomainOptions, urlHost, validateAppProxySave } from "@certlab/domain/entra/on-premises-publishing";
import { applicationData } from "../../store/entra/data.ts";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { tenantSnapshot } from "../../store/snapshot.ts";
import type { ApplicationRow } from "../../store/entra/applications.ts";
import { requireAppProxyWrite } from "./shared.ts";

export const ZPublicDnsRecordCreate = z
  .object({
    name: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9_*.-]+$/, "a DNS name such as contoso.com or ndes.contoso.com"),
    type: z.enum(["TXT", "CNAME"]),
    value: z.string().trim().min(1).max(1024),
  })
  .strict();

export const ZMaintenanceMode = z.object({ enabled: z.boolean() }).strict();

/** The form's live check: the URLs as typed (and the app being edited, if any). */
export const ZAppProxyDraft = z
  .object({ applicationId: z.string().optional(), internalUrl: z.string().max(2048), externalUrl: z.string().max(2048) })
  .strict();

export type DetectedIssue = { code: string; severity: Finding["severity"]; title: string; message: string; resolution: string; symptom: string };
export type ApplicationDiagnostic = {
  application: { id: string; displayName: string; externalUrl: string | null; internalUrl: string | null };
  checkedAt: string;
  detectedIssues: DetectedIssue[];
};

/** The findings that involve the app, its connector group, that group's connectors and their servers, or its NDES server. */
async function diagnose(req: Request, app: ApplicationRow): Promise<ApplicationDiagnostic> {
  const store = requireStore(req);
  const snapshot = await tenantSnapshot(store.db, store.tenantId);
  const group = await store.entra.applications.connectorGroupOf(app.id);
  const connectors = await store.entra.connectors.listConnectors(group.id);
  const ids = new Set<string>([app.id, group.id, ...connectors.map((c) => c.id), ...connectors.map((c) => c.serverId)]);
  if (!app.connectorGroupId) ids.add("default");
  const p = app.parsed.onPremisesPublishing;
  const host = p ? urlHost(p.internalUrl.trim()) : undefined;
  if (host && snapshot.lab) {
    for (const s of snapshot.lab.servers) {
      if (s.fqdn.toLowerCase() !== host && s.name.toLowerCase() !== host) continue;
      ids.add(s.id);
      for (const n of snapshot.lab.ndes) if (n.serverId === s.id) ids.add(n.id);
    }
  }
  const findings = findingsFor(snapshot).filter((f) => f.objects.some((o) => ids.has(o.id)));
  const seen = new Set<string>();
  const detectedIssues: DetectedIssue[] = [];
  for (const f of findings) {
    const key = `${f.code}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    detectedIssues.push({ code: f.code, severity: f.severity, title: f.title, message: f.message, resolution: f.fix, symptom: f.symptom });
  }
  return {
    application: { id: app.id, displayName: app.displayName, externalUrl: p?.externalUrl ?? null, internalUrl: p?.internalUrl ?? null },
    checkedAt: new Date().toISOString(),
    detectedIssues,
  };
}

/** The downloadable report. */
export function diagnosticText(d: ApplicationDiagnostic): string {
  const lines = [
    "Application proxy diagnostic report",
    `Application: ${d.application.displayName} (${d.application.id})`,
    `Internal URL: ${d.application.internalUrl ?? "(not configured)"}`,
    `External URL: ${d.application.externalUrl ?? "(not configured)"}`,
    `Checked at: ${d.checkedAt}`,
    "",
    d.detectedIssues.length === 0 ? "No issues detected." : `Detected issues: ${d.detectedIssues.length}`,
  ];
  d.detectedIssues.forEach((i, n) => {
    lines.push("", `${n + 1}. [${i.severity.toUpperCase()}] ${i.code}: ${i.title}`, `   Issue: ${i.message}`, `   Resolution: ${i.resolution}`, `   What you see: ${i.symptom}`);
  });
  return `${lines.join("\r\n")}\r\n`;
}

export function entraApiRouter(): Router {
  const r = Router();

  r.post("/entra/applications/:id/test", async (req, res) => {
    requirePermission(req, "directory.read");
    const app = await requireStore(req).entra.applications.get(req.params.id!);
    const report = await diagnose(req, app);
    if (String(req.query.format ?? "").toLowerCase() === "text") {
      const file = `${app.displayName.replace(/[^A-Za-z0-9._-]+/g, "_") || "application"}-diagnostic.txt`;
      res.type("text/plain; charset=utf-8").setHeader("Content-Disposition", `attachment; filename="${file}"`);
      res.send(diagnosticText(report));
      return;
    }
    res.json(report);
  });

  // The save-time errors of seed 003 for a draft, as the form shows them while the admin types (nothing is written).
  r.post("/entra/applications/validate", async (req, res) => {
    requirePermission(req, "directory.read");
    const draft = parseBody(ZAppProxyDraft, req.body);
    const store = requireStore(req);
    const [domains, apps] = await Promise.all([store.organization.domains(), store.db.application.findMany({ where: { tenantId: store.tenantId } })]);
    const errors = validateAppProxySave(draft, {
      tenantInitialDomain: domains.find((d) => d.isInitial)?.name ?? "",
      domains: domains.map((d) => ({ name: d.name, isVerified: d.isVerified })),
      applications: apps.map((a) => {
        const p = applicationData(a).onPremisesPublishing;
        return { id: a.id, displayName: a.displayName, onPremisesPublishing: p ? { internalUrl: p.internalUrl, externalUrl: p.externalUrl } : null };
      }),
      callerRoleIds: requirePrincipal(req).roleIds,
    });
    res.json({ errors });
  });

  // The External URL domain dropdown: the default <tenant>.msappproxy.net domain and every verified custom domain.
  r.get("/entra/external-domains", async (req, res) => {
    requirePermission(req, "directory.read");
    const domains = await requireStore(req).organization.domains();
    res.json({ value: externalDomainOptions(domains.find((d) => d.isInitial)?.name ?? "", domains) });
  });

  r.put("/entra/applications/:id/maintenance-mode", async (req, res) => {
    requireAppProxyWrite(req);
    const body = parseBody(ZMaintenanceMode, req.body);
    const app = await requireStore(req).entra.applications.setMaintenanceMode(req.params.id!, body.enabled, requirePrincipal(req).roleIds);
    res.json({ id: app.id, maintenanceMode: app.parsed.maintenanceMode });
  });

  r.get("/entra/public-dns", async (req, res) => {
    requirePermission(req, "directory.read");
    res.json({ value: await requireStore(req).entra.domains.publicDns() });
  });

  r.post("/entra/public-dns", async (req, res) => {
    requirePermission(req, "lab.write");
    const record = await requireStore(req).entra.domains.addPublicDns(parseBody(ZPublicDnsRecordCreate, req.body));
    res.status(201).json(record);
  });

  r.delete("/entra/public-dns/:id", async (req, res) => {
    requirePermission(req, "lab.write");
    await requireStore(req).entra.domains.removePublicDns(req.params.id!);
    res.status(204).end();
  });

  return r;
}
