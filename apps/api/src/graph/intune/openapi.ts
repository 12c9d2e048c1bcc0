// OpenAPI paths of the Intune surface: the Graph deviceConfigurations / assignments / connectors (described for
// discoverability; graph-surface.md is the contract) and the portal helpers under /api.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { PLATFORMS, SCEP_TYPES, TRUSTED_ROOT_TYPES } from "@certlab/domain/intune/profile-types";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const err = (description: string) => ({ description, ...json(ZGraphError) });
const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

const TYPES = PLATFORMS.flatMap((p) => [TRUSTED_ROOT_TYPES[p], SCEP_TYPES[p]]);

// Bodies are documented loosely (the handlers validate with packages/domain intune/profiles.ts per type).
const ZProfile = z
  .looseObject({
    "@odata.type": z.enum(TYPES.map((t) => `#${t}`) as [string, ...string[]]),
    id: z.string(),
    displayName: z.string(),
    description: z.string().nullable(),
    version: z.number().int(),
    createdDateTime: z.string(),
    lastModifiedDateTime: z.string(),
    roleScopeTagIds: z.array(z.string()),
    supportsScopeTags: z.boolean(),
  })
  .meta({ description: "A trusted certificate or SCEP certificate profile (graph-reference.md §3–§4): every property of its type." });
const ZProfileWrite = z
  .looseObject({
    "@odata.type": z.string().meta({ description: `One of ${TYPES.map((t) => `#${t}`).join(", ")} ('#' optional)` }),
    displayName: z.string().optional(),
    "rootCertificate@odata.bind": z.string().optional().meta({ description: "SCEP: https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('<trusted profile id>')" }),
  })
  .meta({ description: "The profile's properties; trustedRootCertificate is the base64 of the DER .cer." });
const ZTarget = z.looseObject({ "@odata.type": z.string(), groupId: z.string().optional() });
const ZAssignment = z.object({ "@odata.type": z.string(), id: z.string(), source: z.string(), sourceId: z.string(), intent: z.string(), target: ZTarget });
const ZFindingOut = z.looseObject({ code: z.string(), severity: z.enum(["error", "warning", "info"]), title: z.string(), message: z.string(), objects: z.array(z.object({ type: z.string(), id: z.string(), displayName: z.string() })) });
const ZNdesConnector = z.object({ "@odata.type": z.string(), id: z.string(), lastConnectionDateTime: z.string(), state: z.enum(["none", "active", "inactive"]), displayName: z.string(), machineName: z.string(), enrolledDateTime: z.string(), roleScopeTagIds: z.array(z.string()), connectorVersion: z.string() });
const ZConnectorDetails = z.object({ "@odata.type": z.string(), id: z.string(), connectorName: z.string(), machineName: z.string(), enrollmentDateTime: z.string(), lastCheckinDateTime: z.string(), connectorVersion: z.string() });

export function registerIntunePaths(registry: OpenAPIRegistry): void {
  const g = (path: string) => `/graph/beta/deviceManagement${path}`;
  const id = z.object({ id: z.string() });
  const cast = z.object({ id: z.string(), castType: z.string().meta({ description: "e.g. microsoft.graph.iosScepCertificateProfile" }) });

  registry.registerPath({ method: "get", path: g("/deviceConfigurations"), summary: "List certificate profiles (polymorphic; $filter=isof('microsoft.graph.iosScepCertificateProfile'), $expand=rootCertificate, $select, $top, $orderby, $count)", security, responses: { 200: { description: "Profiles", ...json(z.object({ value: z.array(ZProfile) })) }, 403: err("Role required") } });
  registry.registerPath({ method: "post", path: g("/deviceConfigurations"), summary: "Create a profile (dispatches on @odata.type)", security, request: { body: json(ZProfileWrite) }, responses: { 201: { description: "Created: every property of the type", ...json(ZProfile) }, 400: err("Invalid body; details[] name each field"), 403: err("Intune Administrator or Global Administrator required") } });
  registry.registerPath({ method: "get", path: g("/deviceConfigurations/{id}"), summary: "A profile ($expand=rootCertificate adds the navigation)", security, request: { params: id }, responses: { 200: { description: "Profile (ETag)", ...json(ZProfile) }, 404: err("No such profile in this tenant") } });
  registry.registerPath({ method: "patch", path: g("/deviceConfigurations/{id}"), summary: "Update a profile (If-Match honoured; version bumps)", security, request: { params: id, body: json(ZProfileWrite.partial()) }, responses: { 200: { description: "The updated profile", ...json(ZProfile) }, 400: err("Invalid body"), 412: err("Stale ETag") } });
  registry.registerPath({ method: "delete", path: g("/deviceConfigurations/{id}"), summary: "Delete a profile", security, request: { params: id }, responses: { 204: { description: "Deleted" }, 409: err("A trusted certificate profile that SCEP profiles use") } });
  registry.registerPath({ method: "get", path: g("/deviceConfigurations/{id}/{castType}/rootCertificate"), summary: "The SCEP profile's trusted certificate profile", security, request: { params: cast }, responses: { 200: { description: "Trusted certificate profile", ...json(ZProfile) }, 404: err("None set") } });
  registry.registerPath({ method: "put", path: g("/deviceConfigurations/{id}/{castType}/rootCertificate/$ref"), summary: "Set the SCEP profile's trusted certificate profile", security, request: { params: cast, body: json(z.object({ "@odata.id": z.string() })) }, responses: { 204: { description: "Set" }, 400: err("Not a trusted certificate profile of the same platform") } });
  registry.registerPath({ method: "get", path: g("/deviceConfigurations/{id}/assignments"), summary: "A profile's assignments", security, request: { params: id }, responses: { 200: { description: "Assignments", ...json(z.object({ value: z.array(ZAssignment) })) } } });
  registry.registerPath({ method: "post", path: g("/deviceConfigurations/{id}/assignments"), summary: "Add one assignment", security, request: { params: id, body: json(z.object({ target: ZTarget })) }, responses: { 201: { description: "Assignment", ...json(ZAssignment) }, 400: err("Not a group of this tenant"), 409: err("Already assigned") } });
  registry.registerPath({ method: "delete", path: g("/deviceConfigurations/{id}/assignments/{assignmentId}"), summary: "Remove one assignment", security, request: { params: z.object({ id: z.string(), assignmentId: z.string() }) }, responses: { 204: { description: "Removed" } } });
  registry.registerPath({ method: "post", path: g("/deviceConfigurations/{id}/assign"), summary: "Replace the profile's assignments (include/exclude groups, All devices, All users)", security, request: { params: id, body: json(z.object({ assignments: z.array(z.object({ target: ZTarget })) })) }, responses: { 200: { description: "The new set", ...json(z.object({ value: z.array(ZAssignment) })) }, 400: err("assignments[i].target.groupId is not a group of this tenant") } });
  registry.registerPath({ method: "get", path: g("/ndesConnectors"), summary: "Legacy NDES connectors (state derived from check-in and the connector service)", security, responses: { 200: { description: "Connectors", ...json(z.object({ value: z.array(ZNdesConnector) })) } } });
  registry.registerPath({ method: "delete", path: g("/ndesConnectors/{id}"), summary: "Remove a legacy NDES connector", security, request: { params: id }, responses: { 204: { description: "Removed" } } });
  registry.registerPath({ method: "get", path: g("/certificateConnectorDetails"), summary: "Certificate Connectors for Microsoft Intune", security, responses: { 200: { description: "Connectors", ...json(z.object({ value: z.array(ZConnectorDetails) })) } } });
  registry.registerPath({ method: "delete", path: g("/certificateConnectorDetails/{id}"), summary: "Remove a certificate connector", security, request: { params: id }, responses: { 204: { description: "Removed" } } });

  registry.registerPath({ method: "get", path: "/api/tenants/{tenantId}/snapshot", summary: "The tenant as the rules see it (directory, Intune, lab, Entra) — for the wizards' live findings", security, request: { params: z.object({ tenantId: z.string() }) }, responses: { 200: { description: "TenantSnapshot", ...json(z.looseObject({ tenant: z.object({ id: z.string(), displayName: z.string() }), directory: z.looseObject({}) })) }, 404: err("Another tenant") } });
  registry.registerPath({
    method: "post",
    path: "/api/intune/profile-drafts/evaluate",
    summary: "The findings a draft profile would trigger before saving (the same rules as Health), its save-time validation, and the parsed certificate of a trusted certificate upload",
    security,
    request: { body: json(z.object({ draft: z.looseObject({ "@odata.type": z.string().optional() }), existingId: z.string().optional(), assignments: z.array(z.object({ target: ZTarget })).optional() })) },
    responses: {
      200: {
        description: "Findings naming the draft",
        ...json(
          z.object({
            value: z.array(ZFindingOut),
            summary: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
            validation: z.array(z.object({ code: z.string(), target: z.string(), message: z.string() })),
            certificate: z.object({ thumbprint: z.string(), subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(), isCa: z.boolean() }).optional(),
          }),
        ),
      },
      400: err("draft.@odata.type missing or unknown"),
    },
  });
}
