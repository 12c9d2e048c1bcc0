// /api/entra: what the Entra admin center does that Graph has no API for. Test Application (seed 003 "select Test
// Application to run a test on the application and check for any configuration issues … download the diagnostic
// report to review the resolution guidance"), Maintenance Mode, and the lab's public DNS where the admin "adds the
// record at the registrar" (domain verification TXT, custom-domain CNAME).
import { Router, type Request } from "express";
import { z } from "zod";
import { evaluate } from "@certlab/domain/rules/engine";
import type { Finding } from "@certlab/domain/rules/types";
import { urlHost } from "@certlab/domain/entra/on-premises-publishing";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { tenantSnapshot } from "../../store/snapshot.ts";
import type { ApplicationRow } from "../../store/entra/applications.ts";

export const ZPublicDnsRecordCreate = z
  .object({
    name: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9_*.-]+$/, "a DNS name such as contoso.com or ndes.contoso.com"),
    type: z.enum(["TXT", "CNAME"]),
    value: z.string().trim().min(1).max(1024),
  })
  .strict();

export const ZMaintenanceMode = z.object({ enabled: z.boolean() }).strict();

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
  const findings = evaluate(snapshot).filter((f) => f.objects.some((o) => ids.has(o.id)));
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

  r.put("/entra/applications/:id/maintenance-mode", async (req, res) => {
    requirePermission(req, "entra.applications.write");
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
