// Groups and their members (users or groups) in the signed-in tenant.
import { randomUUID } from "node:crypto";
import type { TGroupCreate, TGroupUpdate } from "@certlab/domain/schemas/directory";
import type { Group, User } from "../generated/sqlite/client.ts";
import type { Tx } from "../db/client.ts";
import { AppError, notFound } from "../http/errors.ts";
import { diff } from "./audit.ts";
import { StoreBase } from "./base.ts";
import { checkIfMatch, concurrentChange } from "./etag.ts";
import { idFromODataUrl, requireGuid } from "./ids.ts";

export type GroupRow = Group;
export type MemberRow = { type: "user"; user: User } | { type: "group"; group: Group };

const UPDATABLE = ["displayName", "description", "mailNickname", "mailEnabled", "securityEnabled", "groupTypes"] as const;
const view = (g: GroupRow) => ({ ...Object.fromEntries(UPDATABLE.map((k) => [k, g[k]])), groupTypes: JSON.parse(g.groupTypes) as string[] });

export class GroupsStore extends StoreBase {
  list(page?: { skip: number; take: number }): Promise<GroupRow[]> {
    return this.db.group.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }], ...page });
  }

  async get(id: string): Promise<GroupRow> {
    const group = await this.db.group.findFirst({ where: { id: requireGuid(id), tenantId: this.tenantId } });
    if (!group) throw notFound(id);
    return group;
  }

  /** A user or group of this tenant, for membership and role assignment. */
  async directoryObject(tx: Tx, id: string): Promise<MemberRow> {
    const guid = requireGuid(id);
    const user = await tx.user.findFirst({ where: { id: guid, tenantId: this.tenantId } });
    if (user) return { type: "user", user };
    const group = await tx.group.findFirst({ where: { id: guid, tenantId: this.tenantId } });
    if (group) return { type: "group", group };
    throw notFound(id);
  }

  async create(input: TGroupCreate): Promise<GroupRow> {
    return this.write(async (tx) => {
      const group = await tx.group.create({
        data: {
          id: randomUUID(),
          tenantId: this.tenantId,
          displayName: input.displayName,
          description: input.description ?? null,
          mailNickname: input.mailNickname,
          mailEnabled: input.mailEnabled,
          securityEnabled: input.securityEnabled,
          groupTypes: JSON.stringify(input.groupTypes ?? []),
        },
      });
      // Owners are not kept (the lab has no group ownership), but each must be an object of this directory, as on
      // Graph: a reference to another directory's user is a 404, never silently accepted.
      for (const ownerId of new Set((input["owners@odata.bind"] ?? []).map(idFromODataUrl))) await this.directoryObject(tx, ownerId);
      const memberIds = (input["members@odata.bind"] ?? []).map(idFromODataUrl);
      for (const memberId of new Set(memberIds)) {
        const member = await this.directoryObject(tx, memberId);
        await tx.groupMember.create({ data: { groupId: group.id, memberId: memberId.toLowerCase(), memberType: member.type, tenantId: this.tenantId } });
      }
      return {
        result: group,
        audit: {
          activityDisplayName: "Add group",
          category: "GroupManagement",
          operationType: "Add",
          loggedByService: "Core Directory",
          targets: [{ type: "Group", id: group.id, displayName: group.displayName, modifiedProperties: diff({}, view(group), [...UPDATABLE]) }],
        },
      };
    });
  }

  async update(id: string, patch: TGroupUpdate, ifMatch?: string): Promise<GroupRow> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current.version);
    return this.write(async (tx) => {
      const data: Record<string, unknown> = {};
      for (const key of UPDATABLE) {
        if (key in patch) data[key] = key === "groupTypes" ? JSON.stringify(patch.groupTypes ?? []) : (patch as Record<string, unknown>)[key];
      }
      const res = await tx.group.updateMany({ where: { id: current.id, version: current.version }, data: { ...data, version: { increment: 1 } } });
      if (res.count !== 1) throw concurrentChange();
      const updated = await tx.group.findUniqueOrThrow({ where: { id: current.id } });
      return {
        result: updated,
        audit: {
          activityDisplayName: "Update group",
          category: "GroupManagement",
          operationType: "Update",
          loggedByService: "Core Directory",
          targets: [{ type: "Group", id: updated.id, displayName: updated.displayName, modifiedProperties: diff(view(current), view(updated), [...UPDATABLE]) }],
        },
      };
    });
  }

  async delete(id: string, ifMatch?: string): Promise<void> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current.version);
    await this.write(async (tx) => {
      await tx.groupMember.deleteMany({ where: { tenantId: this.tenantId, memberId: current.id } });
      await tx.roleAssignment.deleteMany({ where: { tenantId: this.tenantId, principalId: current.id } });
      await tx.group.delete({ where: { id: current.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Delete group",
          category: "GroupManagement",
          operationType: "Delete",
          loggedByService: "Core Directory",
          targets: [{ type: "Group", id: current.id, displayName: current.displayName }],
        },
      };
    });
  }

  async members(id: string): Promise<MemberRow[]> {
    const group = await this.get(id);
    const rows = await this.db.groupMember.findMany({ where: { groupId: group.id } });
    const userIds = rows.filter((r) => r.memberType === "user").map((r) => r.memberId);
    const groupIds = rows.filter((r) => r.memberType === "group").map((r) => r.memberId);
    const users = await this.db.user.findMany({ where: { id: { in: userIds }, tenantId: this.tenantId }, orderBy: { displayName: "asc" } });
    const groups = await this.db.group.findMany({ where: { id: { in: groupIds }, tenantId: this.tenantId }, orderBy: { displayName: "asc" } });
    return [...users.map((user) => ({ type: "user" as const, user })), ...groups.map((group) => ({ type: "group" as const, group }))];
  }

  /** The groups a user or group is a direct member of. */
  async memberOf(memberId: string): Promise<GroupRow[]> {
    const rows = await this.db.groupMember.findMany({ where: { tenantId: this.tenantId, memberId: memberId.toLowerCase() } });
    return this.db.group.findMany({ where: { id: { in: rows.map((r) => r.groupId) }, tenantId: this.tenantId }, orderBy: { displayName: "asc" } });
  }

  async addMember(id: string, memberId: string): Promise<void> {
    const group = await this.get(id);
    await this.write(async (tx) => {
      const member = await this.directoryObject(tx, memberId);
      const memberGuid = memberId.toLowerCase();
      if (memberGuid === group.id) throw new AppError("badRequest", "A group can't be a member of itself.");
      const existing = await tx.groupMember.findUnique({ where: { groupId_memberId: { groupId: group.id, memberId: memberGuid } } });
      if (existing) {
        throw new AppError("badRequest", "One or more added object references already exist for the following modified properties: 'members'.");
      }
      await tx.groupMember.create({ data: { groupId: group.id, memberId: memberGuid, memberType: member.type, tenantId: this.tenantId } });
      const name = member.type === "user" ? member.user.displayName : member.group.displayName;
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Add member to group",
          category: "GroupManagement",
          operationType: "Assign",
          loggedByService: "Core Directory",
          targets: [
            { type: member.type === "user" ? "User" : "Group", id: memberGuid, displayName: name, modifiedProperties: [{ displayName: "Group.DisplayName", oldValue: null, newValue: group.displayName }] },
            { type: "Group", id: group.id, displayName: group.displayName },
          ],
        },
      };
    });
  }

  async removeMember(id: string, memberId: string): Promise<void> {
    const group = await this.get(id);
    const memberGuid = requireGuid(memberId);
    await this.write(async (tx) => {
      const existing = await tx.groupMember.findUnique({ where: { groupId_memberId: { groupId: group.id, memberId: memberGuid } } });
      if (!existing) throw notFound(memberId);
      const member = await this.directoryObject(tx, memberGuid).catch(() => null);
      const memberName = member ? (member.type === "user" ? member.user.displayName : member.group.displayName) : memberGuid;
      await tx.groupMember.delete({ where: { groupId_memberId: { groupId: group.id, memberId: memberGuid } } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Remove member from group",
          category: "GroupManagement",
          operationType: "Unassign",
          loggedByService: "Core Directory",
          targets: [
            { type: existing.memberType === "user" ? "User" : "Group", id: memberGuid, displayName: memberName, modifiedProperties: [{ displayName: "Group.DisplayName", oldValue: group.displayName, newValue: null }] },
            { type: "Group", id: group.id, displayName: group.displayName },
          ],
        },
      };
    });
  }
}
