// Service principals (enterprise applications) and their user / group assignments (appRoleAssignedTo: seed 003
// "Assign a user for testing").
import { randomBytes } from "node:crypto";
import type { AppRoleAssignment } from "../../generated/sqlite/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { StoreBase } from "../base.ts";
import { requireGuid } from "../ids.ts";
import { withParsedSp, type ServicePrincipalRow } from "./applications.ts";

/** The default access role: "User" assignments without an app role (Graph's all-zero appRoleId). */
export const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

/** Graph's appRoleAssignment ids are 43-character base64url strings. */
function assignmentId(): string {
  return randomBytes(32).toString("base64url").slice(0, 43);
}

export class ServicePrincipalsStore extends StoreBase {
  async list(): Promise<ServicePrincipalRow[]> {
    const rows = await this.db.servicePrincipal.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }] });
    return rows.map(withParsedSp);
  }

  async get(id: string): Promise<ServicePrincipalRow> {
    const sp = await this.db.servicePrincipal.findFirst({ where: { id: requireGuid(id), tenantId: this.tenantId } });
    if (!sp) throw notFound(id);
    return withParsedSp(sp);
  }

  async assignments(id: string): Promise<AppRoleAssignment[]> {
    const sp = await this.get(id);
    return this.db.appRoleAssignment.findMany({ where: { resourceId: sp.id, tenantId: this.tenantId }, orderBy: [{ createdDateTime: "asc" }, { id: "asc" }] });
  }

  /** POST servicePrincipals/{id}/appRoleAssignedTo: the principal must be a user or group of this directory. */
  async assign(id: string, input: { principalId: string; resourceId: string; appRoleId?: string }): Promise<AppRoleAssignment> {
    const sp = await this.get(id);
    if (input.resourceId.toLowerCase() !== sp.id) {
      throw new AppError("badRequest", `resourceId '${input.resourceId}' must be the id of the service principal in the URL ('${sp.id}').`, {
        details: [{ code: "InvalidField", target: "resourceId", message: "Must be the service principal's id." }],
      });
    }
    const appRoleId = (input.appRoleId ?? DEFAULT_ACCESS_ROLE_ID).toLowerCase();
    if (appRoleId !== DEFAULT_ACCESS_ROLE_ID) {
      throw new AppError("badRequest", `Permission '${appRoleId}' does not exist on the service principal '${sp.displayName}': it defines no app roles, so assign the default access role ${DEFAULT_ACCESS_ROLE_ID}.`, {
        details: [{ code: "InvalidField", target: "appRoleId", message: "The application defines no app roles." }],
      });
    }
    return this.write(async (tx) => {
      const principalId = requireGuid(input.principalId);
      const user = await tx.user.findFirst({ where: { id: principalId, tenantId: this.tenantId } });
      const group = user ? null : await tx.group.findFirst({ where: { id: principalId, tenantId: this.tenantId } });
      if (!user && !group) throw notFound(input.principalId);
      const existing = await tx.appRoleAssignment.findUnique({ where: { resourceId_principalId_appRoleId: { resourceId: sp.id, principalId, appRoleId } } });
      if (existing) throw new AppError("badRequest", "Permission being assigned already exists on the object.");
      const principalType = user ? "User" : "Group";
      const principalDisplayName = user ? user.displayName : group!.displayName;
      const row = await tx.appRoleAssignment.create({
        data: { id: assignmentId(), tenantId: this.tenantId, resourceId: sp.id, principalId, principalType, principalDisplayName, appRoleId },
      });
      return {
        result: row,
        audit: {
          activityDisplayName: user ? "Add app role assignment grant to user" : "Add app role assignment to group",
          category: "UserManagement",
          operationType: "Assign",
          loggedByService: "Core Directory",
          targets: [
            { type: principalType, id: principalId, displayName: principalDisplayName, ...(user ? { userPrincipalName: user.userPrincipalName } : {}) },
            { type: "ServicePrincipal", id: sp.id, displayName: sp.displayName, modifiedProperties: [{ displayName: "AppRole.Id", oldValue: null, newValue: appRoleId }] },
          ],
        },
      };
    });
  }

  async unassign(id: string, assignment: string): Promise<void> {
    const sp = await this.get(id);
    const row = await this.db.appRoleAssignment.findFirst({ where: { id: assignment, resourceId: sp.id, tenantId: this.tenantId } });
    if (!row) throw notFound(assignment);
    await this.write(async (tx) => {
      await tx.appRoleAssignment.delete({ where: { id: row.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: row.principalType === "User" ? "Remove app role assignment from user" : "Remove app role assignment from group",
          category: "UserManagement",
          operationType: "Unassign",
          loggedByService: "Core Directory",
          targets: [
            { type: row.principalType, id: row.principalId, displayName: row.principalDisplayName },
            { type: "ServicePrincipal", id: sp.id, displayName: sp.displayName },
          ],
        },
      };
    });
  }
}
