// /deviceManagement/deviceConfigurations (the twelve trusted certificate and SCEP profile types, polymorphic on
// "@odata.type"), their rootCertificate navigation and assignments, and the certificate connectors
// (ndesConnectors, certificateConnectorDetails) — graph-surface.md, graph-reference.md §2–§7.
import type { Request, Response, Router } from "express";
import { ZRef } from "@certlab/domain/schemas/common";
import {
  PLATFORMS,
  PROFILE_CREATE_SCHEMAS,
  SCEP_TYPES,
  TRUSTED_ROOT_TYPES,
  deviceConfigurationRef,
  isScepType,
  normalizeProfileType,
  profilePatchSchema,
  type StoredProfile,
} from "@certlab/domain/intune/profiles";
import { ZAssignAction, ZDeviceConfigurationAssignmentInput } from "@certlab/domain/intune/assignments";
import { requirePermission } from "../../auth/middleware.ts";
import { requireStore } from "../../http/context.ts";
import { AppError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { etagOf } from "../../store/etag.ts";
import type { ConnectorGeneration } from "../../store/intune/connectors.ts";
import { ODataError, applyODataQuery, applySelect, type ODataQuery } from "../odata/index.ts";
import { bareTypeName, isInstanceOf } from "../odata/entity-type.ts";
import { contextUrl, graphRoot, ifMatch, parseQuery, sendCollection, sendEntity } from "../respond.ts";
import {
  toGraphCertificateConnectorDetails,
  toGraphDeviceConfiguration,
  toGraphDeviceConfigurationAssignment,
  toGraphNdesConnector,
} from "./serialize.ts";
import { managedDeviceRoutes } from "./managed-devices.ts";
import { ASSIGNMENT_TYPE, CERTIFICATE_CONNECTOR_DETAILS_TYPE, DEVICE_CONFIGURATION_TYPE, NDES_CONNECTOR_TYPE } from "./types.ts";

const CONFIGS = "/deviceManagement/deviceConfigurations";
const CONFIGS_CONTEXT = "deviceManagement/deviceConfigurations";
const ALL_TYPES = PLATFORMS.flatMap((p) => [TRUSTED_ROOT_TYPES[p], SCEP_TYPES[p]]);

// ------------------------------------------------------------------------------------------ $expand

type Expansion = { root: { cast?: string } | undefined; assignments: boolean };

/** $expand=rootCertificate | <castType>/rootCertificate | assignments (one level, as Graph). */
function expansionOf(query: ODataQuery): { expansion: Expansion; query: ODataQuery } {
  const expansion: Expansion = { root: undefined, assignments: false };
  const normalized: { property: string; select?: string[] }[] = [];
  for (const item of query.expand ?? []) {
    const parts = item.property.split("/");
    const nav = parts[parts.length - 1]!.toLowerCase();
    const cast = parts.length === 2 ? parts[0]! : undefined;
    if (parts.length > 2 || (cast !== undefined && !DEVICE_CONFIGURATION_TYPE.baseTypes?.[bareTypeName(cast) ?? ""])) {
      throw new ODataError(`Invalid $expand value '${item.property}': '${cast ?? item.property}' is not a type derived from microsoft.graph.deviceConfiguration.`, "$expand");
    }
    if (nav === "rootcertificate") {
      expansion.root = { cast: cast ? bareTypeName(cast) : undefined };
      normalized.push({ property: "rootCertificate" });
    } else if (nav === "assignments" && cast === undefined) {
      expansion.assignments = true;
      normalized.push({ property: "assignments" });
    } else {
      throw new ODataError(`Could not find a navigation property named '${item.property}' on type 'microsoft.graph.deviceConfiguration'; expandable: rootCertificate, assignments.`, "$expand");
    }
  }
  return { expansion, query: { ...query, expand: normalized.length ? normalized : undefined } };
}

async function withExpansions(req: Request, profiles: StoredProfile[], expansion: Expansion): Promise<Record<string, unknown>[]> {
  const store = requireStore(req).intune;
  const out = profiles.map((p) => toGraphDeviceConfiguration(p));
  if (expansion.root) {
    const cast = expansion.root.cast;
    const roots = await store.profilesById([...new Set(profiles.map((p) => p.rootCertificateId).filter((x): x is string => !!x))]);
    profiles.forEach((p, i) => {
      if (!isScepType(p.odataType) || (cast && !isInstanceOf(p.odataType, cast, DEVICE_CONFIGURATION_TYPE))) return;
      const root = p.rootCertificateId ? roots.get(p.rootCertificateId) : undefined;
      out[i]!["rootCertificate@odata.context"] = contextUrl(req, `${CONFIGS_CONTEXT}('${p.id}')/${p.odataType}/rootCertificate/$entity`);
      out[i]!.rootCertificate = root ? toGraphDeviceConfiguration(root) : null;
    });
  }
  if (expansion.assignments) {
    for (const [i, p] of profiles.entries()) {
      const { rows } = await store.assignments(p.id);
      out[i]!["assignments@odata.context"] = contextUrl(req, `${CONFIGS_CONTEXT}('${p.id}')/assignments`);
      out[i]!.assignments = rows.map(toGraphDeviceConfigurationAssignment);
    }
  }
  return out;
}

/** A profile answer: @odata.context, ETag, $select (expanded navigations survive it), $expand. */
async function sendProfile(req: Request, res: Response, profile: StoredProfile, status = 200): Promise<void> {
  const { expansion, query } = expansionOf(parseQuery(req, DEVICE_CONFIGURATION_TYPE));
  const [entity] = await withExpansions(req, [profile], expansion);
  res.setHeader("ETag", etagOf(profile.version));
  const keep = (query.expand ?? []).map((e) => e.property);
  res.status(status).json({
    "@odata.context": contextUrl(req, `${CONFIGS_CONTEXT}/$entity`),
    "@odata.etag": etagOf(profile.version),
    ...applySelect(entity!, query.select, keep),
  });
}

// ------------------------------------------------------------------------------------------ bodies

/** deviceConfiguration is abstract: a create must name one of the twelve types (with or without '#'). */
function createSchemaFor(body: unknown) {
  const raw = body && typeof body === "object" ? (body as Record<string, unknown>)["@odata.type"] : undefined;
  const detail = (message: string) =>
    new AppError("badRequest", `Invalid request body. @odata.type: ${message}`, { details: [{ code: "InvalidField", target: "@odata.type", message }] });
  const expected = `one of ${ALL_TYPES.map((t) => `#${t}`).join(", ")}`;
  if (raw === undefined || raw === null || raw === "") throw detail(`is required: microsoft.graph.deviceConfiguration is abstract; send ${expected}.`);
  const type = typeof raw === "string" ? normalizeProfileType(raw) : undefined;
  if (!type) throw detail(`'${String(raw)}' can't be created here: microsoft.graph.deviceConfiguration is abstract, and Certlab serves ${expected}.`);
  return PROFILE_CREATE_SCHEMAS[type];
}

/**
 * Annotations a client echoes back from a GET (`@odata.context`, `@odata.etag`, Certlab's
 * `trustedRootCertificate@certlab.certificateInfo`) are not properties: drop them before the strict schemas run, so
 * GET → modify → PATCH works as against Graph. `@odata.type` and `…@odata.bind` are kept: they mean something.
 */
function withoutAnnotations(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([k]) => !k.includes("@") || k === "@odata.type" || k.endsWith("@odata.bind")),
  );
}

/** The rootCertificate type-cast segment must name the profile's own type (or one of its bases). */
function checkCast(profile: StoredProfile, cast: string | undefined): void {
  if (cast === undefined) return;
  const bare = bareTypeName(cast) ?? cast;
  if (!isInstanceOf(profile.odataType, bare, { ...DEVICE_CONFIGURATION_TYPE, name: "\0" })) {
    throw new AppError("notFound", `Resource '${profile.id}' is a #${profile.odataType}, not a ${bare}; it has no such rootCertificate.`);
  }
  if (!isScepType(profile.odataType)) throw new AppError("badRequest", `#${profile.odataType} has no rootCertificate navigation property.`);
}

// ------------------------------------------------------------------------------------------ routes

export function intuneRoutes(r: Router): void {
  // OData key syntax, as binds and scripts write it: deviceConfigurations('<id>') ≡ deviceConfigurations/<id>.
  r.use((req, _res, next) => {
    if (/\/deviceManagement\/[A-Za-z]+\(/i.test(req.url)) {
      req.url = req.url.replace(/(\/deviceManagement\/[A-Za-z]+)\((?:'|%27)?([^')%/]+)(?:'|%27)?\)/i, "$1/$2");
    }
    next();
  });

  // ---- deviceConfigurations
  r.get(CONFIGS, async (req, res) => {
    requirePermission(req, "intune.read");
    const { expansion, query } = expansionOf(parseQuery(req, DEVICE_CONFIGURATION_TYPE));
    const profiles = await requireStore(req).intune.listProfiles();
    // Expand after filtering would be cheaper; the lists are small (a tenant's certificate profiles).
    sendCollection(req, res, await withExpansions(req, profiles, expansion), DEVICE_CONFIGURATION_TYPE, CONFIGS_CONTEXT, query);
  });

  r.get(`${CONFIGS}/\\$count`, async (req, res) => {
    requirePermission(req, "intune.read");
    const items = (await requireStore(req).intune.listProfiles()).map((p) => toGraphDeviceConfiguration(p));
    const query = parseQuery(req, DEVICE_CONFIGURATION_TYPE);
    const { count } = applyODataQuery(items, { ...query, count: true, top: undefined, skip: undefined }, DEVICE_CONFIGURATION_TYPE, { baseUrl: "", pageSize: Number.MAX_SAFE_INTEGER });
    res.type("text/plain").send(String(count ?? items.length));
  });

  r.post(CONFIGS, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const input = withoutAnnotations(req.body);
    const body = parseBody(createSchemaFor(input), input);
    const profile = await requireStore(req).intune.createProfile(body);
    res.setHeader("Location", `${graphRoot(req)}${CONFIGS}/${profile.id}`);
    await sendProfile(req, res, profile, 201);
  });

  r.get(`${CONFIGS}/:id`, async (req, res) => {
    requirePermission(req, "intune.read");
    await sendProfile(req, res, await requireStore(req).intune.getProfile(req.params.id!));
  });

  r.patch(`${CONFIGS}/:id`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const store = requireStore(req).intune;
    const current = await store.getProfile(req.params.id!);
    const patch = parseBody(profilePatchSchema(current.odataType, current.settings), withoutAnnotations(req.body)) as Record<string, unknown>;
    const updated = await store.updateProfile(current.id, patch, ifMatch(req));
    // The docs answer 200 with the updated entity (graph-reference.md §1.2).
    await sendProfile(req, res, updated);
  });

  r.delete(`${CONFIGS}/:id`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    await requireStore(req).intune.deleteProfile(req.params.id!, ifMatch(req));
    res.status(204).end();
  });

  // ---- assignments
  r.get(`${CONFIGS}/:id/assignments`, async (req, res) => {
    requirePermission(req, "intune.read");
    const { profile, rows } = await requireStore(req).intune.assignments(req.params.id!);
    sendCollection(req, res, rows.map(toGraphDeviceConfigurationAssignment), ASSIGNMENT_TYPE, `${CONFIGS_CONTEXT}('${profile.id}')/assignments`);
  });

  r.post(`${CONFIGS}/:id/assignments`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const body = parseBody(ZDeviceConfigurationAssignmentInput, req.body);
    const { profile, row } = await requireStore(req).intune.addAssignment(req.params.id!, body);
    res.setHeader("Location", `${graphRoot(req)}${CONFIGS}/${profile.id}/assignments/${row.id}`);
    sendEntity(req, res, toGraphDeviceConfigurationAssignment(row), ASSIGNMENT_TYPE, `${CONFIGS_CONTEXT}('${profile.id}')/assignments`, { status: 201 });
  });

  r.get(`${CONFIGS}/:id/assignments/:assignmentId`, async (req, res) => {
    requirePermission(req, "intune.read");
    const { profile, row } = await requireStore(req).intune.assignment(req.params.id!, req.params.assignmentId!);
    sendEntity(req, res, toGraphDeviceConfigurationAssignment(row), ASSIGNMENT_TYPE, `${CONFIGS_CONTEXT}('${profile.id}')/assignments`);
  });

  r.delete(`${CONFIGS}/:id/assignments/:assignmentId`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    await requireStore(req).intune.deleteAssignment(req.params.id!, req.params.assignmentId!);
    res.status(204).end();
  });

  r.post(`${CONFIGS}/:id/assign`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    const body = parseBody(ZAssignAction, req.body);
    const { rows } = await requireStore(req).intune.assign(req.params.id!, body.assignments);
    res.status(200).json({
      "@odata.context": contextUrl(req, "Collection(microsoft.graph.deviceConfigurationAssignment)"),
      value: rows.map(toGraphDeviceConfigurationAssignment),
    });
  });

  // ---- rootCertificate (single-valued navigation of the SCEP types; the cast segment is optional here)
  const param = (req: Request, name: string): string | undefined => {
    const v = (req.params as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const rootGet = async (req: Request, res: Response) => {
    requirePermission(req, "intune.read");
    const store = requireStore(req).intune;
    const profile = await store.getProfile(param(req, "id")!);
    checkCast(profile, param(req, "cast") ?? profile.odataType);
    if (!profile.rootCertificateId) throw new AppError("notFound", `SCEP profile '${profile.displayName}' has no rootCertificate.`);
    await sendProfile(req, res, await store.getProfile(profile.rootCertificateId));
  };
  const refGet = async (req: Request, res: Response) => {
    requirePermission(req, "intune.read");
    const profile = await requireStore(req).intune.getProfile(param(req, "id")!);
    checkCast(profile, param(req, "cast") ?? profile.odataType);
    if (!profile.rootCertificateId) throw new AppError("notFound", `SCEP profile '${profile.displayName}' has no rootCertificate.`);
    res.json({ "@odata.context": contextUrl(req, "$ref"), "@odata.id": deviceConfigurationRef(profile.rootCertificateId, graphRoot(req)) });
  };
  const refPut = async (req: Request, res: Response) => {
    requirePermission(req, "intune.configuration.write");
    const store = requireStore(req).intune;
    const profile = await store.getProfile(param(req, "id")!);
    checkCast(profile, param(req, "cast") ?? profile.odataType);
    const ref = parseBody(ZRef, req.body);
    await store.setRootCertificate(profile.id, ref["@odata.id"], ifMatch(req));
    res.status(204).end();
  };
  const refDelete = async (req: Request, res: Response) => {
    requirePermission(req, "intune.configuration.write");
    const store = requireStore(req).intune;
    const profile = await store.getProfile(param(req, "id")!);
    checkCast(profile, param(req, "cast") ?? profile.odataType);
    await store.setRootCertificate(profile.id, null, ifMatch(req));
    res.status(204).end();
  };
  for (const path of [`${CONFIGS}/:id/rootCertificate`, `${CONFIGS}/:id/:cast/rootCertificate`]) {
    r.get(path, rootGet);
    r.put(path, refPut);
    r.get(`${path}/\\$ref`, refGet);
    r.put(`${path}/\\$ref`, refPut);
    r.delete(`${path}/\\$ref`, refDelete);
  }

  // ---- certificate connectors
  const connectorRoutes = (path: string, generation: ConnectorGeneration) => {
    const type = generation === "legacy" ? NDES_CONNECTOR_TYPE : CERTIFICATE_CONNECTOR_DETAILS_TYPE;
    const shape = generation === "legacy" ? toGraphNdesConnector : toGraphCertificateConnectorDetails;
    const context = path.slice(1);
    r.get(path, async (req, res) => {
      requirePermission(req, "intune.read");
      sendCollection(req, res, (await requireStore(req).intune.connectors(generation)).map(shape), type, context);
    });
    r.get(`${path}/:id`, async (req, res) => {
      requirePermission(req, "intune.read");
      sendEntity(req, res, shape(await requireStore(req).intune.connector(generation, req.params.id!)), type, context);
    });
    r.delete(`${path}/:id`, async (req, res) => {
      requirePermission(req, "intune.connectors.write");
      await requireStore(req).intune.deleteConnector(generation, req.params.id!);
      res.status(204).end();
    });
  };
  connectorRoutes("/deviceManagement/ndesConnectors", "legacy");
  connectorRoutes("/deviceManagement/certificateConnectorDetails", "current");

  // ---- managed devices and the profiles' device status reports (issue 10)
  managedDeviceRoutes(r);
}
