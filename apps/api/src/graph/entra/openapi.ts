// The Entra application proxy paths of /api/openapi.json, from the same zod schemas the handlers validate with.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  ZApplicationPatch,
  ZAppProxyRef,
  ZConnectorGroupCreate,
  ZConnectorGroupUpdate,
  ZConnectorGroupRegion,
  ZInstantiateBody,
} from "@certlab/domain/entra/on-premises-publishing";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { ZAppRoleAssignmentCreate } from "./applications.ts";
import { ZDomainCreate } from "./domains.ts";
import { ZAppProxyDraft, ZMaintenanceMode, ZPublicDnsRecordCreate } from "./api-routes.ts";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const err = (description: string) => ({ description, ...json(ZGraphError) });
const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const id = z.object({ id: z.string() });

const ZConnector = z.object({ id: z.string(), machineName: z.string(), externalIp: z.string(), status: z.enum(["active", "inactive"]), version: z.string() });
const ZConnectorGroup = z.object({ id: z.string(), name: z.string(), connectorGroupType: z.literal("applicationProxy"), isDefault: z.boolean(), region: ZConnectorGroupRegion.nullable() });
const ZDetectedIssue = z.object({ code: z.string(), severity: z.enum(["error", "warning", "info"]), title: z.string(), message: z.string(), resolution: z.string(), symptom: z.string() });
const ZDiagnostic = z.object({
  application: z.object({ id: z.string(), displayName: z.string(), externalUrl: z.string().nullable(), internalUrl: z.string().nullable() }),
  checkedAt: z.string(),
  detectedIssues: z.array(ZDetectedIssue),
});
const ZPublicDnsRecord = z.object({ id: z.string(), name: z.string(), type: z.enum(["TXT", "CNAME"]), value: z.string(), createdDateTime: z.string() });

export function registerEntraPaths(registry: OpenAPIRegistry): void {
  const g = (path: string) => `/graph/beta${path}`;
  const P = g("/onPremisesPublishingProfiles/applicationProxy");
  const reg = (method: "get" | "post" | "patch" | "put" | "delete", path: string, summary: string, extra: Record<string, unknown> = {}) =>
    registry.registerPath({ method, path, summary, security, responses: { 200: { description: "OK" } }, ...extra } as Parameters<OpenAPIRegistry["registerPath"]>[0]);

  reg("get", g("/applicationTemplates"), "Application templates (the 'Custom' non-gallery template)");
  reg("post", g("/applicationTemplates/{id}/instantiate"), "Create an application and its service principal (graph-reference.md §8.5 step 1)", {
    request: { params: id, body: json(ZInstantiateBody) },
    responses: { 201: { description: "applicationServicePrincipal" }, 400: err("Invalid body"), 403: err("Role required"), 404: err("Unknown template") },
  });
  reg("get", g("/applications"), "List applications; $select=…,onPremisesPublishing adds application proxy settings");
  reg("get", g("/applications/{id}"), "An application", { request: { params: id } });
  reg("patch", g("/applications/{id}"), "Update an application: identifierUris/web first, then onPremisesPublishing (seed 003 save-time checks)", {
    request: { params: id, body: json(ZApplicationPatch) },
    responses: { 204: { description: "Updated" }, 400: err("A save-time error naming the field (details[].code = APPPROXY_…)"), 403: err("APPPROXY_NOT_ADMIN: the caller may not create application proxy applications"), 412: err("Stale ETag") },
  });
  reg("delete", g("/applications/{id}"), "Delete an application and its service principal", { request: { params: id }, responses: { 204: { description: "Deleted" } } });
  reg("get", g("/applications/{id}/connectorGroup"), "The application's connector group", { request: { params: id } });
  reg("put", g("/applications/{id}/connectorGroup/$ref"), "Assign the application to a connector group", { request: { params: id, body: json(ZAppProxyRef) }, responses: { 204: { description: "Assigned" } } });
  reg("get", g("/servicePrincipals"), "List service principals");
  reg("get", g("/servicePrincipals/{id}/appRoleAssignedTo"), "Users and groups assigned to the enterprise application", { request: { params: id } });
  reg("post", g("/servicePrincipals/{id}/appRoleAssignedTo"), "Assign a user or group (seed 003's test user)", { request: { params: id, body: json(ZAppRoleAssignmentCreate) }, responses: { 201: { description: "appRoleAssignment" }, 404: err("No such user or group in this directory") } });
  reg("get", P, "The application proxy publishing profile");
  reg("get", `${P}/connectors`, "Private network connectors (status from the lab server)", { responses: { 200: { description: "Connectors", ...json(z.object({ value: z.array(ZConnector) })) } } });
  reg("post", `${P}/connectors/{id}/memberOf/$ref`, "Move a connector into a connector group", { request: { params: id, body: json(ZAppProxyRef) }, responses: { 204: { description: "Moved" } } });
  reg("get", `${P}/connectorGroups`, "Connector groups", { responses: { 200: { description: "Groups", ...json(z.object({ value: z.array(ZConnectorGroup) })) } } });
  reg("post", `${P}/connectorGroups`, "Create a connector group", { request: { body: json(ZConnectorGroupCreate) }, responses: { 201: { description: "Created", ...json(ZConnectorGroup) } } });
  reg("patch", `${P}/connectorGroups/{id}`, "Rename a connector group or set its region", { request: { params: id, body: json(ZConnectorGroupUpdate) }, responses: { 204: { description: "Updated" } } });
  reg("delete", `${P}/connectorGroups/{id}`, "Delete an empty connector group", { request: { params: id }, responses: { 204: { description: "Deleted" }, 400: err("All connectors and applications must be removed from the connector group before a connector group can be deleted.") } });
  reg("post", `${P}/connectorGroups/{id}/members/$ref`, "Add a connector to the group", { request: { params: id, body: json(ZAppProxyRef) }, responses: { 204: { description: "Added" } } });
  reg("post", `${P}/connectorGroups/{id}/applications`, "Assign an application to the group", { request: { params: id, body: json(ZAppProxyRef) }, responses: { 204: { description: "Assigned" } } });
  reg("post", g("/domains"), "Add a custom domain (unverified)", { request: { body: json(ZDomainCreate) }, responses: { 201: { description: "Domain" }, 409: err("Domain exists") } });
  reg("get", g("/domains/{id}/verificationDnsRecords"), "The TXT record that verifies the domain", { request: { params: id } });
  reg("post", g("/domains/{id}/verify"), "Verify the domain against the lab's public DNS", { request: { params: id }, responses: { 200: { description: "Domain" }, 400: err("TXT record not found") } });

  reg("post", "/api/entra/applications/{id}/test", "Test Application: detected issues with resolution guidance (?format=text downloads the report)", {
    request: { params: id, query: z.object({ format: z.enum(["json", "text"]).optional() }) },
    responses: { 200: { description: "Diagnostic", ...json(ZDiagnostic) }, 404: err("No such application") },
  });
  reg("post", "/api/entra/applications/validate", "The seed 003 save-time errors of a draft (live form check; nothing is written)", {
    request: { body: json(ZAppProxyDraft) },
    responses: { 200: { description: "Errors", ...json(z.object({ errors: z.array(z.object({ code: z.string(), field: z.string(), message: z.string(), checklist: z.string() })) })) } },
  });
  reg("get", "/api/entra/external-domains", "The External URL domain dropdown (default msappproxy.net domain and verified custom domains)", {
    responses: { 200: { description: "Domains", ...json(z.object({ value: z.array(z.object({ value: z.string(), label: z.string(), isDefault: z.boolean() })) })) } },
  });
  reg("put", "/api/entra/applications/{id}/maintenance-mode", "Maintenance Mode on or off", { request: { params: id, body: json(ZMaintenanceMode) } });
  reg("get", "/api/entra/public-dns", "The lab's public DNS records", { responses: { 200: { description: "Records", ...json(z.object({ value: z.array(ZPublicDnsRecord) })) } } });
  reg("post", "/api/entra/public-dns", "Add a public DNS record at the registrar (TXT for domain verification, CNAME for custom-domain External URLs)", { request: { body: json(ZPublicDnsRecordCreate) }, responses: { 201: { description: "Record", ...json(ZPublicDnsRecord) } } });
  reg("delete", "/api/entra/public-dns/{id}", "Remove a public DNS record", { request: { params: id }, responses: { 204: { description: "Removed" } } });
}
