// Custom domains: POST /domains, GET /domains/{id}/verificationDnsRecords, POST /domains/{id}/verify, DELETE.
// (GET /domains and /domains/{id} live in ../directory/organization.ts.) A domain verifies when the lab's public
// DNS (POST /api/entra/public-dns) holds its TXT record.
import type { Router } from "express";
import { z } from "zod";
import { requirePermission } from "../../auth/middleware.ts";
import { requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { toGraphDomain } from "../directory/serialize.ts";
import { DOMAIN_TYPE } from "../directory/types.ts";
import { graphRoot, sendCollection, sendEntity } from "../respond.ts";
import { toGraphVerificationRecords } from "./serialize.ts";
import { DOMAIN_DNS_RECORD_TYPE } from "./types.ts";

export const ZDomainCreate = z.object({ id: z.string().trim().min(1).max(253) }).strict();

export function domainsRoutes(r: Router): void {
  r.post("/domains", async (req, res) => {
    requirePermission(req, "directory.domains.write");
    const domain = await requireStore(req).entra.domains.add(parseBody(ZDomainCreate, req.body).id);
    res.setHeader("Location", `${graphRoot(req)}/domains/${domain.name}`);
    sendEntity(req, res, toGraphDomain(domain), DOMAIN_TYPE, "domains", { status: 201 });
  });

  r.get("/domains/:id/verificationDnsRecords", async (req, res) => {
    requirePermission(req, "directory.read");
    const domain = await requireStore(req).entra.domains.get(req.params.id!);
    sendCollection(req, res, toGraphVerificationRecords(domain), DOMAIN_DNS_RECORD_TYPE, `domains('${domain.name}')/verificationDnsRecords`);
  });

  r.post("/domains/:id/verify", async (req, res) => {
    requirePermission(req, "directory.domains.write");
    const domain = await requireStore(req).entra.domains.verify(req.params.id!);
    sendEntity(req, res, toGraphDomain(domain), DOMAIN_TYPE, "domains");
  });

  r.delete("/domains/:id", async (req, res) => {
    requirePermission(req, "directory.domains.write");
    await requireStore(req).entra.domains.remove(req.params.id!);
    res.status(204).end();
  });
}
