// Benchmark (b): the rule engine's time per object for tenants of 1,000 and 10,000 objects. The engine
// is meant to be linear, so time per object should stay flat as the tenant grows (ratio near 1).
import { performance } from "node:perf_hooks";
import { evaluate } from "../../packages/domain/src/rules/engine.ts";
import { ALL_RULES } from "../../packages/domain/src/rules/catalogue.ts";
import type { TenantSnapshot } from "../../packages/domain/src/rules/snapshot.ts";
import { ROLE_IDS } from "../../packages/domain/src/directory/roles.ts";
import { SKU_IDS } from "../../packages/domain/src/directory/licenses.ts";

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** A directory of `objects` objects: 70% users, 20% groups, 10% role assignments, one membership per user. */
export function syntheticTenant(objects: number): TenantSnapshot {
  const userCount = Math.round(objects * 0.7);
  const groupCount = Math.max(1, Math.round(objects * 0.2));
  const assignmentCount = objects - userCount - groupCount;
  const roles = [ROLE_IDS.globalAdministrator, ROLE_IDS.intuneAdministrator, ROLE_IDS.applicationAdministrator, ROLE_IDS.globalReader];
  const users = Array.from({ length: userCount }, (_, i) => ({
    id: id(i + 1),
    displayName: `User ${i}`,
    userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
    accountEnabled: i % 17 !== 0,
    assignedLicenses: i % 3 === 0 ? [{ skuId: SKU_IDS.EMS, disabledPlans: [] }] : [],
  }));
  const groups = Array.from({ length: groupCount }, (_, i) => ({ id: id(1_000_000 + i), displayName: `Group ${i}` }));
  return {
    tenant: { id: id(0), displayName: "Bench" },
    directory: {
      users,
      groups,
      groupMembers: users.map((u, i) => ({ groupId: groups[i % groupCount]!.id, memberId: u.id })),
      roleAssignments: Array.from({ length: assignmentCount }, (_, i) => ({ principalId: users[i % userCount]!.id, roleDefinitionId: roles[i % roles.length]! })),
      subscribedSkus: [{ skuId: SKU_IDS.EMS, skuPartNumber: "EMS" }],
      domains: [{ name: "contoso.onmicrosoft.com", isVerified: true, isInitial: true, isDefault: true }],
    },
  };
}

export function benchRuleEngine(sizes = [1_000, 10_000], budgetMs = 1_500) {
  return sizes.map((objects) => {
    const snapshot = syntheticTenant(objects);
    evaluate(snapshot, ALL_RULES); // warm-up
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < budgetMs || runs < 3) {
      evaluate(snapshot, ALL_RULES);
      runs += 1;
    }
    const msPerRun = (performance.now() - start) / runs;
    return { objects, rules: ALL_RULES.length, runs, msPerRun, usPerObject: (msPerRun * 1000) / objects };
  });
}
