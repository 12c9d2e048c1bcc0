// What the rule engine sees of a tenant: a plain, serialisable picture the API assembles from the store (and a
// wizard assembles from its draft). Rules read it only through the SnapshotIndex, built once per evaluation.
import type { LabSnapshot } from "../lab/snapshot";
import type { EntraSnapshot } from "../entra/snapshot";

export type SnapUser = {
  id: string;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  assignedLicenses: { skuId: string; disabledPlans?: string[] }[];
};
export type SnapGroup = { id: string; displayName: string };
export type SnapSubscribedSku = { skuId: string; skuPartNumber: string; capabilityStatus?: string };
export type SnapDomain = { name: string; isVerified: boolean; isInitial: boolean; isDefault: boolean };

export type TenantSnapshot = {
  tenant: { id: string; displayName: string };
  directory: {
    users: SnapUser[];
    groups: SnapGroup[];
    groupMembers: { groupId: string; memberId: string }[];
    roleAssignments: { principalId: string; roleDefinitionId: string }[];
    subscribedSkus: SnapSubscribedSku[];
    domains: SnapDomain[];
  };
  /** The on-premises lab (forest, servers, CA, templates, NDES, IIS). Typed by a later issue. */
  lab?: LabSnapshot;
  /** Intune: trusted root and SCEP profiles, assignments, certificate connectors. Typed by a later issue. */
  intune?: import("../intune/snapshot").IntuneSnapshot;
  /** Entra application proxy: connectors, connector groups, the NDES application. Typed by a later issue. */
  entra?: EntraSnapshot;
};

export function emptySnapshot(tenant: { id: string; displayName: string }): TenantSnapshot {
  return {
    tenant,
    directory: { users: [], groups: [], groupMembers: [], roleAssignments: [], subscribedSkus: [], domains: [] },
  };
}

/** Lookups every rule needs, each built in one pass so that evaluation stays linear in the snapshot's size. */
export type SnapshotIndex = {
  usersById: ReadonlyMap<string, SnapUser>;
  groupsById: ReadonlyMap<string, SnapGroup>;
  /** groupId → member ids (users or groups). */
  membersOfGroup: ReadonlyMap<string, readonly string[]>;
  /** memberId → the groups it belongs to directly. */
  groupsOfMember: ReadonlyMap<string, readonly string[]>;
  /** principalId (user or group) → role definition ids assigned to it directly, lower-case. */
  rolesOfPrincipal: ReadonlyMap<string, readonly string[]>;
  /** userId → role definition ids the user holds, directly or through a role-assignable group. */
  rolesOfUser: ReadonlyMap<string, ReadonlySet<string>>;
  /** roleDefinitionId (lower-case) → users who hold it, directly or through a group; each user once. */
  usersWithRole: ReadonlyMap<string, readonly SnapUser[]>;
  defaultDomain: SnapDomain | undefined;
  initialDomain: SnapDomain | undefined;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(snapshot: TenantSnapshot): SnapshotIndex {
  const { users, groups, groupMembers, roleAssignments, domains } = snapshot.directory;
  const usersById = new Map(users.map((u) => [u.id, u]));
  const groupsById = new Map(groups.map((g) => [g.id, g]));

  const membersOfGroup = new Map<string, string[]>();
  const groupsOfMember = new Map<string, string[]>();
  for (const { groupId, memberId } of groupMembers) {
    push(membersOfGroup, groupId, memberId);
    push(groupsOfMember, memberId, groupId);
  }

  const rolesOfPrincipal = new Map<string, string[]>();
  const rolesOfUser = new Map<string, Set<string>>();
  const usersWithRole = new Map<string, SnapUser[]>();
  const grant = (userId: string, roleId: string) => {
    const user = usersById.get(userId);
    if (!user) return;
    let held = rolesOfUser.get(userId);
    if (!held) rolesOfUser.set(userId, (held = new Set()));
    if (held.has(roleId)) return;
    held.add(roleId);
    push(usersWithRole, roleId, user);
  };
  // Role-assignable groups cannot be nested (Entra), so one level of expansion is the whole truth.
  for (const { principalId, roleDefinitionId } of roleAssignments) {
    const roleId = roleDefinitionId.toLowerCase();
    push(rolesOfPrincipal, principalId, roleId);
    if (usersById.has(principalId)) grant(principalId, roleId);
    else for (const memberId of membersOfGroup.get(principalId) ?? []) grant(memberId, roleId);
  }

  return {
    usersById,
    groupsById,
    membersOfGroup,
    groupsOfMember,
    rolesOfPrincipal,
    rolesOfUser,
    usersWithRole,
    defaultDomain: domains.find((d) => d.isDefault),
    initialDomain: domains.find((d) => d.isInitial),
  };
}
