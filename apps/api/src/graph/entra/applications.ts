// applicationTemplates/{id}/instantiate, /applications (with onPremisesPublishing, §8.4–8.5) and the application's
// connector group, /servicePrincipals with appRoleAssignedTo (seed 003's test user).
import type { Request, Router } from "express";
import { z } from "zod";
import {
  CUSTOM_APPLICATION_TEMPLATE_ID,
  ZAppProxyRef,
  ZApplicationPatch,
  ZInstantiateBody,
  refTargetId,
} from "@certlab/domain/entra/on-premises-publishing";
import { ZGuid } from "@certlab/domain/schemas/common";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { etagOf } from "../../store/etag.ts";
import type { ApplicationRow } from "../../store/entra/applications.ts";
import { contextUrl, graphRoot, graphVersion, ifMatch, sendCollection, sendEntity } from "../respond.ts";
import { applicationQuery, betaOnly, invalidRef, requireAppProxyWrite, sendApplications, trimApplication } from "./shared.ts";
import {
  CUSTOM_TEMPLATE,
  toGraphAppRoleAssignment,
  toGraphApplication,
  toGraphConnectorGroup,
  toGraphServicePrincipal,
} from "./serialize.ts";
import { APP_ROLE_ASSIGNMENT_TYPE, APPLICATION_TEMPLATE_TYPE, APPLICATION_TYPE, CONNECTOR_GROUP_TYPE, SERVICE_PRINCIPAL_TYPE } from "./types.ts";

/** POST servicePrincipals/{id}/appRoleAssignedTo (Graph's appRoleAssignment create body). */
export const ZAppRoleAssignmentCreate = z
  .object({ principalId: ZGuid, resourceId: ZGuid, appRoleId: ZGuid.optional(), "@odata.type": z.string().optional() })
  .strict();

async function publisherDomain(req: Request): Promise<string> {
  const domains = await requireStore(req).organization.domains();
  return domains.find((d) => d.isInitial)?.name ?? "";
}

function graphApp(req: Request, app: ApplicationRow, domain: string): Record<string, unknown> {
  return toGraphApplication(app, domain);
}

export function applicationsRoutes(r: Router): void {
  r.get("/applicationTemplates", (req, res) => {
    requirePermission(req, "directory.read");
    sendCollection(req, res, [CUSTOM_TEMPLATE], APPLICATION_TEMPLATE_TYPE, "applicationTemplates");
  });

  r.get("/applicationTemplates/:id", (req, res) => {
    requirePermission(req, "directory.read");
    if (req.params.id!.toLowerCase() !== CUSTOM_APPLICATION_TEMPLATE_ID) throw notFound(req.params.id!);
    sendEntity(req, res, CUSTOM_TEMPLATE, APPLICATION_TEMPLATE_TYPE, "applicationTemplates");
  });

  r.post("/applicationTemplates/:id/instantiate", async (req, res) => {
    requirePermission(req, "entra.applications.write");
    if (req.params.id!.toLowerCase() !== CUSTOM_APPLICATION_TEMPLATE_ID) throw notFound(req.params.id!);
    const body = parseBody(ZInstantiateBody, req.body);
    const store = requireStore(req);
    const { application, servicePrincipal } = await store.entra.applications.instantiate(body.displayName, CUSTOM_APPLICATION_TEMPLATE_ID);
    const { onPremisesPublishing: _p, ...app } = graphApp(req, application, await publisherDomain(req));
    res.status(201).json({
      "@odata.context": contextUrl(req, "microsoft.graph.applicationServicePrincipal"),
      application: app,
      servicePrincipal: toGraphServicePrincipal(servicePrincipal, store.tenantId),
    });
  });

  r.get("/applications", async (req, res) => {
    requirePermission(req, "directory.read");
    const apps = await requireStore(req).entra.applications.list();
    const domain = await publisherDomain(req);
    sendApplications(req, res, apps.map((a) => graphApp(req, a, domain)), APPLICATION_TYPE, "applications");
  });

  r.get("/applications/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const query = applicationQuery(req, APPLICATION_TYPE);
    const app = await requireStore(req).entra.applications.get(req.params.id!);
    const entity = trimApplication(graphApp(req, app, await publisherDomain(req)), query);
    sendEntity(req, res, entity, APPLICATION_TYPE, "applications", { version: app.version });
  });

  r.patch("/applications/:id", async (req, res) => {
    requirePermission(req, "entra.applications.write");
    const body = parseBody(ZApplicationPatch, req.body);
    if (body.onPremisesPublishing !== undefined && graphVersion(req) === "v1.0") {
      throw new AppError("badRequest", "Property 'onPremisesPublishing' does not exist on type 'microsoft.graph.application' in v1.0; use the beta endpoint.", {
        details: [{ code: "InvalidField", target: "onPremisesPublishing", message: "Available only in beta." }],
      });
    }
    const updated = await requireStore(req).entra.applications.update(req.params.id!, body, { ifMatch: ifMatch(req), callerRoleIds: requirePrincipal(req).roleIds });
    res.setHeader("ETag", etagOf(updated.version));
    res.status(204).end();
  });

  r.delete("/applications/:id", async (req, res) => {
    requirePermission(req, "entra.applications.write");
    await requireStore(req).entra.applications.delete(req.params.id!, ifMatch(req));
    res.status(204).end();
  });

  r.get("/applications/:id/connectorGroup", async (req, res) => {
    betaOnly(req, "connectorGroup");
    requirePermission(req, "directory.read");
    const group = await requireStore(req).entra.applications.connectorGroupOf(req.params.id!);
    sendEntity(req, res, toGraphConnectorGroup(group), CONNECTOR_GROUP_TYPE, "connectorGroups");
  });

  r.put("/applications/:id/connectorGroup/\\$ref", async (req, res) => {
    betaOnly(req, "connectorGroup");
    requireAppProxyWrite(req);
    const ref = parseBody(ZAppProxyRef, req.body);
    const groupId = refTargetId(ref["@odata.id"], "connectorGroups");
    if (!groupId) throw invalidRef(ref["@odata.id"], "a connector group (…/onPremisesPublishingProfiles/applicationProxy/connectorGroups/{id})");
    await requireStore(req).entra.applications.setConnectorGroup(req.params.id!, groupId, requirePrincipal(req).roleIds);
    res.status(204).end();
  });

  r.delete("/applications/:id/connectorGroup/\\$ref", async (req, res) => {
    betaOnly(req, "connectorGroup");
    requireAppProxyWrite(req);
    const store = requireStore(req);
    const def = await store.entra.connectors.defaultGroup();
    await store.entra.applications.setConnectorGroup(req.params.id!, def.id, requirePrincipal(req).roleIds);
    res.status(204).end();
  });

  // ── service principals ─────────────────────────────────────────────────────────────────────────────────────

  r.get("/servicePrincipals", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const sps = await store.entra.servicePrincipals.list();
    sendCollection(req, res, sps.map((s) => toGraphServicePrincipal(s, store.tenantId)), SERVICE_PRINCIPAL_TYPE, "servicePrincipals");
  });

  r.get("/servicePrincipals/:id", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const sp = await store.entra.servicePrincipals.get(req.params.id!);
    sendEntity(req, res, toGraphServicePrincipal(sp, store.tenantId), SERVICE_PRINCIPAL_TYPE, "servicePrincipals");
  });

  r.get("/servicePrincipals/:id/appRoleAssignedTo", async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const sp = await store.entra.servicePrincipals.get(req.params.id!);
    const rows = await store.entra.servicePrincipals.assignments(sp.id);
    sendCollection(req, res, rows.map((a) => toGraphAppRoleAssignment(a, sp.displayName)), APP_ROLE_ASSIGNMENT_TYPE, `servicePrincipals('${sp.id}')/appRoleAssignedTo`);
  });

  r.post("/servicePrincipals/:id/appRoleAssignedTo", async (req, res) => {
    requirePermission(req, "entra.applications.write");
    const body = parseBody(ZAppRoleAssignmentCreate, req.body);
    const store = requireStore(req);
    const sp = await store.entra.servicePrincipals.get(req.params.id!);
    const row = await store.entra.servicePrincipals.assign(sp.id, body);
    res.setHeader("Location", `${graphRoot(req)}/servicePrincipals/${sp.id}/appRoleAssignedTo/${row.id}`);
    sendEntity(req, res, toGraphAppRoleAssignment(row, sp.displayName), APP_ROLE_ASSIGNMENT_TYPE, `servicePrincipals('${sp.id}')/appRoleAssignedTo`, { status: 201 });
  });

  r.delete("/servicePrincipals/:id/appRoleAssignedTo/:assignmentId", async (req, res) => {
    requirePermission(req, "entra.applications.write");
    await requireStore(req).entra.servicePrincipals.unassign(req.params.id!, req.params.assignmentId!);
    res.status(204).end();
  });
}
