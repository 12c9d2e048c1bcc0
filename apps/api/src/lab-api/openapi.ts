// /api/openapi.json: generated from the same zod schemas the handlers validate with (packages/domain).
// Each lab feature registers its paths here beside its schemas, so the document never drifts from the code.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZGraphError } from "@certlab/domain/schemas/common";
import {
  ZApiToken,
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZAssignLicense,
  ZGroup,
  ZGroupCreate,
  ZGroupUpdate,
  ZOrganization,
  ZOrganizationUpdate,
  ZRoleAssignmentCreate,
  ZSessionInfo,
  ZSignIn,
  ZSwitchDirectory,
  ZUser,
  ZUserCreate,
  ZUserUpdate,
} from "@certlab/domain/schemas/directory";
import { registerLabPaths } from "./lab/openapi.ts";
import { registerIntunePaths } from "../graph/intune/openapi.ts";
import { registerEntraPaths } from "../graph/entra/openapi.ts";
import { registerTopologyPaths } from "./topology.ts";
import { registerGuidePaths } from "./guides.ts";
import { registerScenarioPaths } from "../scenarios/routes.ts";
import { registerWorkshopPaths } from "../workshops/openapi.ts";
import { registerDevicePaths } from "../intune-devices/openapi.ts";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const err = (description: string) => ({ description, ...json(ZGraphError) });

const ZFinding = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  category: z.enum(["enrollment", "security"]),
  title: z.string(),
  message: z.string(),
  fix: z.string(),
  why: z.string(),
  symptom: z.string(),
  sources: z.array(z.string()),
  objects: z.array(z.object({ type: z.string(), id: z.string(), displayName: z.string() })),
  /** Security findings: the attack path, one step each. */
  attackPath: z.array(z.string()).optional(),
});
const ZRuleMeta = ZFinding.omit({ message: true, objects: true, attackPath: true }).extend({ area: z.enum(["directory", "lab", "intune", "entra"]) });

export function buildOpenApiDocument(serverUrl = "/"): unknown {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "A personal API token (clt_...) or an access token from POST /{tenant}/oauth2/v2.0/token." });
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "certlab_session", description: "The portal's session cookie; writes also need the X-CSRF-Token header." });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

  registry.registerPath({ method: "get", path: "/api/healthz", summary: "Liveness and database check", responses: { 200: { description: "Healthy", ...json(z.object({ status: z.literal("ok"), database: z.enum(["sqlite", "postgresql"]) })) }, 503: err("Database unreachable") } });
  registry.registerPath({ method: "post", path: "/api/session", summary: "Sign in to the portal", request: { body: json(ZSignIn) }, responses: { 200: { description: "Signed in; sets the session cookie", ...json(ZSessionInfo) }, 400: err("Invalid body"), 401: err("Your account or password is incorrect.") } });
  registry.registerPath({ method: "get", path: "/api/session", summary: "The signed-in session", security, responses: { 200: { description: "Session", ...json(ZSessionInfo) }, 401: err("Not signed in") } });
  registry.registerPath({ method: "delete", path: "/api/session", summary: "Sign out", security, responses: { 204: { description: "Signed out" } } });
  registry.registerPath({ method: "post", path: "/api/session/switch", summary: "Switch directory", security, request: { body: json(ZSwitchDirectory) }, responses: { 200: { description: "Session in the other directory", ...json(ZSessionInfo) }, 404: err("Not a member of that directory") } });
  registry.registerPath({ method: "get", path: "/api/tokens", summary: "Your personal API tokens", security, responses: { 200: { description: "Tokens", ...json(z.object({ value: z.array(ZApiToken) })) } } });
  registry.registerPath({ method: "post", path: "/api/tokens", summary: "Create a personal API token (shown once)", security, request: { body: json(ZApiTokenCreate) }, responses: { 201: { description: "Created", ...json(ZApiTokenCreated) }, 400: err("Invalid body") } });
  registry.registerPath({ method: "delete", path: "/api/tokens/{id}", summary: "Revoke a personal API token", security, request: { params: z.object({ id: z.string() }) }, responses: { 204: { description: "Revoked" }, 404: err("No such token") } });
  registry.registerPath({ method: "get", path: "/api/rules", summary: "The implemented rule catalogue", responses: { 200: { description: "Rules", ...json(z.object({ value: z.array(ZRuleMeta) })) } } });
  registry.registerPath({ method: "get", path: "/api/tenants/{tenantId}/findings", summary: "Evaluate the tenant against every rule", security, request: { params: z.object({ tenantId: z.string() }) }, responses: { 200: { description: "Findings", ...json(z.object({ value: z.array(ZFinding), summary: z.object({ error: z.number(), warning: z.number(), info: z.number() }) })) }, 404: err("Another tenant") } });

  // The Graph-compatible surface (graph-surface.md), described for discoverability.
  const g = (path: string) => `/graph/beta${path}`;
  registry.registerPath({ method: "get", path: g("/users"), summary: "List users (OData $filter/$select/$top/$skip/$orderby/$count)", security, responses: { 200: { description: "Users", ...json(z.object({ value: z.array(ZUser) })) } } });
  registry.registerPath({ method: "post", path: g("/users"), summary: "Create a user", security, request: { body: json(ZUserCreate) }, responses: { 201: { description: "Created", ...json(ZUser) }, 400: err("Invalid body"), 403: err("Role required") } });
  registry.registerPath({ method: "patch", path: g("/users/{id}"), summary: "Update a user (If-Match honoured)", security, request: { params: z.object({ id: z.string() }), body: json(ZUserUpdate) }, responses: { 204: { description: "Updated" }, 412: err("Stale ETag") } });
  registry.registerPath({ method: "post", path: g("/users/{id}/assignLicense"), summary: "Assign or remove licences", security, request: { params: z.object({ id: z.string() }), body: json(ZAssignLicense) }, responses: { 200: { description: "User", ...json(ZUser) } } });
  registry.registerPath({ method: "get", path: g("/groups"), summary: "List groups", security, responses: { 200: { description: "Groups", ...json(z.object({ value: z.array(ZGroup) })) } } });
  registry.registerPath({ method: "post", path: g("/groups"), summary: "Create a group", security, request: { body: json(ZGroupCreate) }, responses: { 201: { description: "Created", ...json(ZGroup) } } });
  registry.registerPath({ method: "patch", path: g("/groups/{id}"), summary: "Update a group", security, request: { params: z.object({ id: z.string() }), body: json(ZGroupUpdate) }, responses: { 204: { description: "Updated" } } });
  registry.registerPath({ method: "get", path: g("/organization"), summary: "The signed-in organization", security, responses: { 200: { description: "Organization", ...json(z.object({ value: z.array(ZOrganization) })) } } });
  registry.registerPath({ method: "patch", path: g("/organization/{id}"), summary: "Update organization settings", security, request: { params: z.object({ id: z.string() }), body: json(ZOrganizationUpdate) }, responses: { 204: { description: "Updated" } } });
  registry.registerPath({ method: "post", path: g("/roleManagement/directory/roleAssignments"), summary: "Assign a directory role", security, request: { body: json(ZRoleAssignmentCreate) }, responses: { 201: { description: "Assigned" } } });

  registerIntunePaths(registry);
  registerLabPaths(registry);
  registerEntraPaths(registry);
  registerTopologyPaths(registry, ZFinding);
  registerGuidePaths(registry, ZFinding);
  registerScenarioPaths(registry, ZFinding);
  registerWorkshopPaths(registry, ZFinding);
  registerDevicePaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Certlab API", version: "0.1.0", description: "The lab REST API and the Graph-compatible surface of Certlab." },
    servers: [{ url: serverUrl }],
  });
}
