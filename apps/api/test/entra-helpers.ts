// Shared set-up of the entra-*.test.ts files: users with a given role, connectors written the way the lab's connector
// install writes them (AppProxyConnector rows in the Default group), and the §8.5 calls.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { expect } from "vitest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { ensureDefaultConnectorGroup } from "../src/store/entra/connectors.ts";
import { bearerFor, DEMO, PASSWORD, type TestApp } from "./harness.ts";
import { GRAPH, newUserBody } from "./helpers.ts";

export const TENANT = DEMO.contoso.tenantId;
export const PROXY = `${GRAPH}/onPremisesPublishingProfiles/applicationProxy`;
export const GROUP_URL = (id: string) => `https://graph.microsoft.com/beta/onPremisesPublishingProfiles/applicationproxy/connectorGroups/${id}`;
export const CONNECTOR_URL = (id: string) => `https://graph.microsoft.com/beta/onPremisesPublishingProfiles/applicationProxy/connectors/${id}`;
export const EXTERNAL = (prefix: string) => `https://${prefix}-contoso.msappproxy.net/`;
export type Headers = Record<string, string>;

/** A new user of Contoso holding `role`, signed in with a personal API token. */
export async function userWithRole(t: TestApp, admin: Headers, alias: string, role: string): Promise<{ id: string; headers: Headers }> {
  const created = await request(t.app).post(`${GRAPH}/users`).set(admin).send(newUserBody(alias, DEMO.contoso.domain, PASSWORD));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const assigned = await request(t.app)
    .post(`${GRAPH}/roleManagement/directory/roleAssignments`)
    .set(admin)
    .send({ principalId: created.body.id, roleDefinitionId: role, directoryScopeId: "/" });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
  return { id: created.body.id, headers: { Authorization: `Bearer ${await bearerFor(t.app, created.body.userPrincipalName)}` } };
}

export const cloudAppAdminRole = ROLE_IDS.cloudApplicationAdministrator;

/** What the lab's connector install writes: an AppProxyConnector row in the tenant's Default connector group. */
export async function installConnector(t: TestApp, machineName: string, opts: { serverId?: string; tenantId?: string } = {}): Promise<string> {
  const tenantId = opts.tenantId ?? TENANT;
  const group = await ensureDefaultConnectorGroup(t.db, tenantId);
  const id = randomUUID();
  await t.db.appProxyConnector.create({
    data: { id, tenantId, serverId: opts.serverId ?? `srv-${machineName.split(".")[0]!.toLowerCase()}`, machineName, externalIp: "131.137.147.164", connectorVersion: "1.5.3437.0", connectorGroupId: group.id, data: JSON.stringify({ registeredByUpn: "app-admin@contoso.onmicrosoft.com" }) },
  });
  return id;
}

/** §8.5 steps 1–3: instantiate, PATCH identifierUris/web, PATCH onPremisesPublishing. Returns the application and service principal ids. */
export async function publishApp(
  t: TestApp,
  headers: Headers,
  name: string,
  publishing: Record<string, unknown>,
): Promise<{ id: string; appId: string; spId: string }> {
  const inst = await request(t.app).post(`${GRAPH}/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`).set(headers).send({ displayName: name });
  expect(inst.status, JSON.stringify(inst.body)).toBe(201);
  const { id, appId } = inst.body.application as { id: string; appId: string };
  const uris = await request(t.app).patch(`${GRAPH}/applications/${id}`).set(headers).send({ identifierUris: [`api://${appId}`] });
  expect(uris.status, JSON.stringify(uris.body)).toBe(204);
  const pub = await request(t.app).patch(`${GRAPH}/applications/${id}`).set(headers).send({ onPremisesPublishing: publishing });
  expect(pub.status, JSON.stringify(pub.body)).toBe(204);
  return { id, appId, spId: inst.body.servicePrincipal.id };
}
