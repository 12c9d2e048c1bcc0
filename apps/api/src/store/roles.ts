// Role assignments of the built-in directory roles (definitions are data in packages/domain).
import { randomUUID } from "node:crypto";
import { BUILT_IN_ROLES, findRole } from "@certlab/domain/directory/roles";
import type { TRoleAssignmentCreate, TRoleDefinition } from "@certlab/domain/schemas/directory";
import type { RoleAssignment } from "../generated/sqlite/client.ts";
import { AppError, notFound } from "../http/errors.ts";
import { StoreBase } from "./base.ts";
import { GroupsStore } from "./groups.ts";

export type RoleAssignmentRow = RoleAssignment;

export class RolesStore extends StoreBase {
  definitions(): TRoleDefinition[] {
    return BUILT_IN_ROLES;
  }

  definition(id: string): TRoleDefinition {
    const role = findRole(id);
    if (!role) throw notFound(id);
    return role;
  }

  assignments(): Promise<RoleAssignmentRow[]> {
    return this.db.roleAssignment.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ createdDateTime: "asc" }, { id: "asc" }] });
  }

  async assignment(id: string): Promise<RoleAssignmentRow> {
    const row = await this.db.roleAssignment.findFirst({ where: { id, tenantId: this.tenantId } });
    if (!row) throw notFound(id);
    return row;
  }

  async assign(input: TRoleAssignmentCreate): Promise<RoleAssignmentRow> {
    const role = findRole(input.roleDefinitionId);
    if (!role) {
      throw new AppError("badRequest", `Role definition '${input.roleDefinitionId}' does not exist.`, {
        details: [{ code: "InvalidValue", target: "roleDefinitionId", message: "Use the id of a built-in role definition." }],
      });
    }
    if (input.directoryScopeId !== "/") {
      throw new AppError("badRequest", "Only the directory scope '/' is supported for these roles.", {
        details: [{ code: "InvalidValue", target: "directoryScopeId", message: "Use '/'." }],
      });
    }
    const groups = new GroupsStore(this.db, this.principal, this.requestId);
    return this.write(async (tx) => {
      const principal = await groups.directoryObject(tx, input.principalId).catch(() => {
        throw new AppError("badRequest", `Principal '${input.principalId}' does not exist in this directory.`, {
          details: [{ code: "InvalidValue", target: "principalId", message: "Use the id of a user or group of this directory." }],
        });
      });
      const principalId = input.principalId.toLowerCase();
      const clash = await tx.roleAssignment.findFirst({ where: { tenantId: this.tenantId, principalId, roleDefinitionId: role.id, directoryScopeId: "/" } });
      if (clash) {
        throw new AppError("conflict", "A conflicting object with one or more of the specified property values is present in the directory.", { code: "Request_BadRequest" });
      }
      const row = await tx.roleAssignment.create({
        data: { id: randomUUID(), tenantId: this.tenantId, principalId, roleDefinitionId: role.id, directoryScopeId: "/" },
      });
      const name = principal.type === "user" ? principal.user.displayName : principal.group.displayName;
      return {
        result: row,
        audit: {
          activityDisplayName: "Add member to role",
          category: "RoleManagement",
          operationType: "Assign",
          loggedByService: "Core Directory",
          targets: [
            { type: principal.type === "user" ? "User" : "Group", id: principalId, displayName: name, modifiedProperties: [{ displayName: "Role.DisplayName", oldValue: null, newValue: role.displayName }] },
            { type: "Role", id: role.id, displayName: role.displayName },
          ],
        },
      };
    });
  }

  async unassign(id: string): Promise<void> {
    const row = await this.assignment(id);
    const role = findRole(row.roleDefinitionId);
    const groups = new GroupsStore(this.db, this.principal, this.requestId);
    await this.write(async (tx) => {
      const principal = await groups.directoryObject(tx, row.principalId).catch(() => null);
      await tx.roleAssignment.delete({ where: { id: row.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Remove member from role",
          category: "RoleManagement",
          operationType: "Unassign",
          loggedByService: "Core Directory",
          targets: [
            {
              type: principal?.type === "group" ? "Group" : "User",
              id: row.principalId,
              displayName: principal ? (principal.type === "user" ? principal.user.displayName : principal.group.displayName) : row.principalId,
              modifiedProperties: [{ displayName: "Role.DisplayName", oldValue: role?.displayName ?? row.roleDefinitionId, newValue: null }],
            },
            { type: "Role", id: row.roleDefinitionId, displayName: role?.displayName ?? row.roleDefinitionId },
          ],
        },
      };
    });
  }
}
