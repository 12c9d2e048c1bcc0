// /roleManagement/directory/roleDefinitions and roleAssignments.
import type { Router } from "express";
import { ZRoleAssignmentCreate } from "@certlab/domain/schemas/directory";
import { requirePermission } from "../../auth/middleware.ts";
import { requireStore } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { graphRoot, sendCollection, sendEntity } from "../respond.ts";
import { toGraphRoleAssignment } from "./serialize.ts";
import { ROLE_ASSIGNMENT_TYPE, ROLE_DEFINITION_TYPE } from "./types.ts";

const BASE = "/roleManagement/directory";

export function rolesRoutes(r: Router): void {
  r.get(`${BASE}/roleDefinitions`, (req, res) => {
    requirePermission(req, "directory.read");
    const defs = requireStore(req).roles.definitions().map((d) => ({ "@odata.type": "#microsoft.graph.unifiedRoleDefinition", ...d }));
    sendCollection(req, res, defs, ROLE_DEFINITION_TYPE, "roleManagement/directory/roleDefinitions");
  });

  r.get(`${BASE}/roleDefinitions/:id`, (req, res) => {
    requirePermission(req, "directory.read");
    const def = requireStore(req).roles.definition(req.params.id!);
    sendEntity(req, res, { "@odata.type": "#microsoft.graph.unifiedRoleDefinition", ...def }, ROLE_DEFINITION_TYPE, "roleManagement/directory/roleDefinitions");
  });

  r.get(`${BASE}/roleAssignments`, async (req, res) => {
    requirePermission(req, "directory.read");
    const rows = await requireStore(req).roles.assignments();
    sendCollection(req, res, rows.map(toGraphRoleAssignment), ROLE_ASSIGNMENT_TYPE, "roleManagement/directory/roleAssignments");
  });

  r.post(`${BASE}/roleAssignments`, async (req, res) => {
    requirePermission(req, "directory.roles.write");
    const row = await requireStore(req).roles.assign(parseBody(ZRoleAssignmentCreate, req.body));
    res.setHeader("Location", `${graphRoot(req)}${BASE}/roleAssignments/${row.id}`);
    sendEntity(req, res, toGraphRoleAssignment(row), ROLE_ASSIGNMENT_TYPE, "roleManagement/directory/roleAssignments", { status: 201 });
  });

  r.get(`${BASE}/roleAssignments/:id`, async (req, res) => {
    requirePermission(req, "directory.read");
    const row = await requireStore(req).roles.assignment(req.params.id!);
    sendEntity(req, res, toGraphRoleAssignment(row), ROLE_ASSIGNMENT_TYPE, "roleManagement/directory/roleAssignments");
  });

  r.delete(`${BASE}/roleAssignments/:id`, async (req, res) => {
    requirePermission(req, "directory.roles.write");
    await requireStore(req).roles.unassign(req.params.id!);
    res.status(204).end();
  });
}
