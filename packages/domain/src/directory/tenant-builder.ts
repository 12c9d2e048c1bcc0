// Describe a directory the way an admin would (users with roles and licences, groups, subscriptions) and get the
// rule engine's snapshot of it. Used by the complete correct setup (setup/complete-setup.ts), rule tests and
// API tests.
import { SKU_IDS } from "./licenses";
import { ROLE_IDS } from "./roles";
import type { SnapSubscribedSku, TenantSnapshot } from "../rules/snapshot";

export type RoleName = keyof typeof ROLE_IDS;
export type SkuPartNumber = keyof typeof SKU_IDS;

export type UserSpec = {
  upn: string;
  displayName?: string;
  /** Default true. */
  enabled?: boolean;
  licenses?: SkuPartNumber[];
  roles?: RoleName[];
};
export type GroupSpec = { displayName: string; members?: string[] /* UPNs */; roles?: RoleName[] };
export type TenantSpec = {
  displayName?: string;
  /** The initial domain prefix: "contoso" → contoso.onmicrosoft.com. */
  domain?: string;
  skus?: SkuPartNumber[];
  otherSkus?: SnapSubscribedSku[];
  users?: UserSpec[];
  groups?: GroupSpec[];
};

/** Deterministic GUIDs for tests: 00000000-0000-4000-8000-00000000000a … */
export function testId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function aTenant(spec: TenantSpec = {}): TenantSnapshot {
  let next = 1;
  const prefix = spec.domain ?? "contoso";
  const users = (spec.users ?? []).map((u) => ({
    id: testId(next++),
    displayName: u.displayName ?? u.upn.split("@")[0] ?? u.upn,
    userPrincipalName: u.upn,
    accountEnabled: u.enabled ?? true,
    assignedLicenses: (u.licenses ?? []).map((l) => ({ skuId: SKU_IDS[l], disabledPlans: [] })),
  }));
  const idOfUpn = new Map(users.map((u) => [u.userPrincipalName, u.id]));
  const roleAssignments = (spec.users ?? []).flatMap((u, i) =>
    (u.roles ?? []).map((r) => ({ principalId: users[i]!.id, roleDefinitionId: ROLE_IDS[r] })),
  );
  const groups = (spec.groups ?? []).map((g) => ({ id: testId(next++), displayName: g.displayName }));
  const groupMembers = (spec.groups ?? []).flatMap((g, i) =>
    (g.members ?? []).map((upn) => ({ groupId: groups[i]!.id, memberId: idOfUpn.get(upn) ?? upn })),
  );
  for (const [i, g] of (spec.groups ?? []).entries())
    for (const r of g.roles ?? []) roleAssignments.push({ principalId: groups[i]!.id, roleDefinitionId: ROLE_IDS[r] });

  return {
    tenant: { id: testId(0), displayName: spec.displayName ?? "Contoso" },
    directory: {
      users,
      groups,
      groupMembers,
      roleAssignments,
      subscribedSkus: [
        ...(spec.skus ?? []).map((s) => ({ skuId: SKU_IDS[s], skuPartNumber: s, capabilityStatus: "Enabled" })),
        ...(spec.otherSkus ?? []),
      ],
      domains: [{ name: `${prefix}.onmicrosoft.com`, isVerified: true, isInitial: true, isDefault: true }],
    },
  };
}
