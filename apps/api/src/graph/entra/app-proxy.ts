// /onPremisesPublishingProfiles/applicationProxy: the profile, connectors (created by the lab's connector install)
// and connector groups with their $ref writes (graph-reference.md §8.1–8.3). Beta only; the key matches
// case-insensitively ("applicationproxy" in the docs' URLs).
import type { Request, Router } from "express";
import { ZAppProxyRef, ZConnectorGroupCreate, ZConnectorGroupUpdate, applicationRefId, refTargetId } from "@certlab/domain/entra/on-premises-publishing";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { sendCollection, sendEntity } from "../respond.ts";
import { betaOnly, invalidRef, requireAppProxyWrite, sendApplications } from "./shared.ts";
import { toGraphApplication, toGraphConnector, toGraphConnectorGroup } from "./serialize.ts";
import { APPLICATION_TYPE, CONNECTOR_GROUP_TYPE, CONNECTOR_TYPE, PUBLISHING_PROFILE_TYPE } from "./types.ts";

const P = "/onPremisesPublishingProfiles/applicationProxy";
const CTX = "onPremisesPublishingProfiles('applicationProxy')";

function groupRef(req: Request): string {
  const ref = parseBody(ZAppProxyRef, req.body);
  const id = refTargetId(ref["@odata.id"], "connectorGroups");
  if (!id) throw invalidRef(ref["@odata.id"], "a connector group (…/onPremisesPublishingProfiles/applicationProxy/connectorGroups/{id})");
  return id;
}

function connectorRef(req: Request): string {
  const ref = parseBody(ZAppProxyRef, req.body);
  const id = refTargetId(ref["@odata.id"], "connectors");
  if (!id) throw invalidRef(ref["@odata.id"], "a connector (…/onPremisesPublishingProfiles/applicationProxy/connectors/{id})");
  return id;
}

export function appProxyRoutes(r: Router): void {
  r.use("/onPremisesPublishingProfiles", (req, _res, next) => {
    betaOnly(req, "onPremisesPublishingProfiles");
    next();
  });

  r.get(P, (req, res) => {
    requirePermission(req, "directory.read");
    sendEntity(req, res, { id: "applicationProxy", isEnabled: true, isDefaultAccessEnabled: true, hybridAgentUpdaterConfiguration: { allowUpdateConfigurationOverride: true, deferUpdateDateTime: null, updateWindow: null } }, PUBLISHING_PROFILE_TYPE, "onPremisesPublishingProfiles");
  });

  // ── connectors ──────────────────────────────────────────────────────────────────────────────────────────────

  r.get(`${P}/connectors`, async (req, res) => {
    requirePermission(req, "directory.read");
    const rows = await requireStore(req).entra.connectors.listConnectors();
    sendCollection(req, res, rows.map(toGraphConnector), CONNECTOR_TYPE, `${CTX}/connectors`);
  });

  r.get(`${P}/connectors/:id`, async (req, res) => {
    requirePermission(req, "directory.read");
    const c = await requireStore(req).entra.connectors.getConnector(req.params.id!);
    sendEntity(req, res, toGraphConnector(c), CONNECTOR_TYPE, `${CTX}/connectors`);
  });

  r.get(`${P}/connectors/:id/memberOf`, async (req, res) => {
    requirePermission(req, "directory.read");
    const g = await requireStore(req).entra.connectors.groupOfConnector(req.params.id!);
    sendCollection(req, res, [toGraphConnectorGroup(g)], CONNECTOR_GROUP_TYPE, `${CTX}/connectors('${req.params.id}')/memberOf`);
  });

  r.post(`${P}/connectors/:id/memberOf/\\$ref`, async (req, res) => {
    requirePermission(req, "entra.appProxy.write");
    await requireStore(req).entra.connectors.moveConnector(req.params.id!, groupRef(req));
    res.status(204).end();
  });

  // ── connector groups ────────────────────────────────────────────────────────────────────────────────────────

  r.get(`${P}/connectorGroups`, async (req, res) => {
    requirePermission(req, "directory.read");
    const groups = await requireStore(req).entra.connectors.listGroups();
    sendCollection(req, res, groups.map(toGraphConnectorGroup), CONNECTOR_GROUP_TYPE, `${CTX}/connectorGroups`);
  });

  r.post(`${P}/connectorGroups`, async (req, res) => {
    requirePermission(req, "entra.appProxy.write");
    const group = await requireStore(req).entra.connectors.createGroup(parseBody(ZConnectorGroupCreate, req.body));
    sendEntity(req, res, toGraphConnectorGroup(group), CONNECTOR_GROUP_TYPE, "connectorGroups", { status: 201 });
  });

  r.get(`${P}/connectorGroups/:id`, async (req, res) => {
    requirePermission(req, "directory.read");
    const group = await requireStore(req).entra.connectors.getGroup(req.params.id!);
    sendEntity(req, res, toGraphConnectorGroup(group), CONNECTOR_GROUP_TYPE, `${CTX}/connectorGroups`);
  });

  r.patch(`${P}/connectorGroups/:id`, async (req, res) => {
    requirePermission(req, "entra.appProxy.write");
    await requireStore(req).entra.connectors.updateGroup(req.params.id!, parseBody(ZConnectorGroupUpdate, req.body));
    res.status(204).end();
  });

  r.delete(`${P}/connectorGroups/:id`, async (req, res) => {
    requirePermission(req, "entra.appProxy.write");
    await requireStore(req).entra.connectors.deleteGroup(req.params.id!);
    res.status(204).end();
  });

  r.get(`${P}/connectorGroups/:id/members`, async (req, res) => {
    requirePermission(req, "directory.read");
    const rows = await requireStore(req).entra.connectors.listConnectors(req.params.id!);
    sendCollection(req, res, rows.map(toGraphConnector), CONNECTOR_TYPE, `${CTX}/connectorGroups('${req.params.id}')/members`);
  });

  r.post(`${P}/connectorGroups/:id/members/\\$ref`, async (req, res) => {
    requirePermission(req, "entra.appProxy.write");
    await requireStore(req).entra.connectors.moveConnector(connectorRef(req), req.params.id!);
    res.status(204).end();
  });

  r.get(`${P}/connectorGroups/:id/applications`, async (req, res) => {
    requirePermission(req, "directory.read");
    const store = requireStore(req);
    const group = await store.entra.connectors.getGroup(req.params.id!);
    const apps = await store.entra.applications.inConnectorGroup(group);
    const domain = (await store.organization.domains()).find((d) => d.isInitial)?.name ?? "";
    sendApplications(req, res, apps.map((a) => toGraphApplication(a, domain)), APPLICATION_TYPE, `${CTX}/connectorGroups('${group.id}')/applications`);
  });

  // The docs show POST …/applications with an @odata.id body (S7); the $ref form is accepted too.
  for (const path of [`${P}/connectorGroups/:id/applications`, `${P}/connectorGroups/:id/applications/\\$ref`]) {
    r.post(path, async (req, res) => {
      requireAppProxyWrite(req);
      const ref = parseBody(ZAppProxyRef, req.body);
      const appId = applicationRefId(ref["@odata.id"]);
      if (!appId) throw invalidRef(ref["@odata.id"], "an application (…/applications/{id})");
      await requireStore(req).entra.applications.setConnectorGroup(appId, String(req.params.id), requirePrincipal(req).roleIds);
      res.status(204).end();
    });
  }
}
