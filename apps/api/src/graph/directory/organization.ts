// /organization, /domains, /subscribedSkus and /auditLogs/directoryAudits.
import type { Router } from "express";
import { ZOrganizationUpdate } from "@certlab/domain/schemas/directory";
import { requirePermission } from "../../auth/middleware.ts";
import { requireStore } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { licensesOf } from "../../store/users.ts";
import { ifMatch, sendCollection, sendEntity } from "../respond.ts";
import { toGraphDirectoryAudit, toGraphDomain, toGraphOrganization, toGraphSubscribedSku } from "./serialize.ts";
import { DIRECTORY_AUDIT_TYPE, DOMAIN_TYPE, ORGANIZATION_TYPE, SUBSCRIBED_SKU_TYPE } from "./types.ts";

export function organizationRoutes(r: Router): void {
  r.get("/organization", async (req, res) => {
    requirePermission(req, "directory.read");
    const org = await requireStore(req).organization.get();
    sendCollection(req, res, [toGraphOrganization(org)], ORGANIZATION_TYPE, "organization");
  });

  r.get("/organization/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const org = await requireStore(req).organization.get(req.params.id!);
    sendEntity(req, res, toGraphOrganization(org), ORGANIZATION_TYPE, "organization", { version: org.version });
  });

  r.patch("/organization/:id", async (req, res) => {
    requirePermission(req, "directory.organization.write");
    await requireStore(req).organization.update(req.params.id!, parseBody(ZOrganizationUpdate, req.body), ifMatch(req));
    res.status(204).end();
  });

  r.get("/domains", async (req, res) => {
    requirePermission(req, "directory.read");
    const domains = await requireStore(req).organization.domains();
    sendCollection(req, res, domains.map(toGraphDomain), DOMAIN_TYPE, "domains");
  });

  r.get("/domains/:name", async (req, res) => {
    requirePermission(req, "directory.read");
    const domain = (await requireStore(req).organization.domains()).find((d) => d.name === req.params.name!.toLowerCase());
    if (!domain) throw notFound(req.params.name!);
    sendEntity(req, res, toGraphDomain(domain), DOMAIN_TYPE, "domains");
  });

  r.get("/subscribedSkus", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const [skus, users] = await Promise.all([store.organization.subscribedSkus(), store.users.list()]);
    const consumed = new Map<string, number>();
    for (const u of users) for (const l of licensesOf(u)) consumed.set(l.skuId, (consumed.get(l.skuId) ?? 0) + 1);
    sendCollection(req, res, skus.map((s) => toGraphSubscribedSku(s, consumed.get(s.skuId) ?? 0)), SUBSCRIBED_SKU_TYPE, "subscribedSkus");
  });

  r.get("/auditLogs/directoryAudits", async (req, res) => {
    requirePermission(req, "audit.read");
    const rows = await requireStore(req).audit.list();
    sendCollection(req, res, rows.map(toGraphDirectoryAudit), DIRECTORY_AUDIT_TYPE, "auditLogs/directoryAudits");
  });

  r.get("/auditLogs/directoryAudits/:id", async (req, res) => {
    requirePermission(req, "audit.read");
    const row = await requireStore(req).audit.get(req.params.id!);
    sendEntity(req, res, toGraphDirectoryAudit(row), DIRECTORY_AUDIT_TYPE, "auditLogs/directoryAudits");
  });
}
