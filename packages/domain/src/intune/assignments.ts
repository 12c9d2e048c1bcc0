// deviceConfigurationAssignment and its targets (graph-reference.md §6), and the body of the `assign` action,
// which replaces a profile's whole set of assignments, as the portal's Assignments page does.
import { z } from "zod";
import { ZGuid, zODataType } from "../schemas/common";

/** The pseudo-group ids community scripts hard-code for the two built-in targets (S12). */
export const ALL_DEVICES_ID = "adadadad-808e-44e2-905a-0b7873a8a531";
export const ALL_USERS_ID = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

export const ASSIGNMENT_TARGET_TYPES = {
  group: "microsoft.graph.groupAssignmentTarget",
  exclusionGroup: "microsoft.graph.exclusionGroupAssignmentTarget",
  allDevices: "microsoft.graph.allDevicesAssignmentTarget",
  allLicensedUsers: "microsoft.graph.allLicensedUsersAssignmentTarget",
} as const;

export const ZAssignmentFilterType = z.enum(["none", "include", "exclude"]);

const filterShape = {
  deviceAndAppManagementAssignmentFilterId: ZGuid.nullable().optional(),
  deviceAndAppManagementAssignmentFilterType: ZAssignmentFilterType.optional(),
};

export const ZGroupAssignmentTarget = z.strictObject({
  "@odata.type": zODataType(ASSIGNMENT_TARGET_TYPES.group),
  groupId: ZGuid,
  ...filterShape,
});
export const ZExclusionGroupAssignmentTarget = z.strictObject({
  "@odata.type": zODataType(ASSIGNMENT_TARGET_TYPES.exclusionGroup),
  groupId: ZGuid,
  ...filterShape,
});
export const ZAllDevicesAssignmentTarget = z.strictObject({
  "@odata.type": zODataType(ASSIGNMENT_TARGET_TYPES.allDevices),
  ...filterShape,
});
export const ZAllLicensedUsersAssignmentTarget = z.strictObject({
  "@odata.type": zODataType(ASSIGNMENT_TARGET_TYPES.allLicensedUsers),
  ...filterShape,
});

export const ZAssignmentTarget = z.discriminatedUnion(
  "@odata.type",
  [ZGroupAssignmentTarget, ZExclusionGroupAssignmentTarget, ZAllDevicesAssignmentTarget, ZAllLicensedUsersAssignmentTarget],
  {
    error: (iss) =>
      iss.code === "invalid_union"
        ? `target @odata.type must be one of ${Object.values(ASSIGNMENT_TARGET_TYPES).map((t) => `#${t}`).join(", ")}`
        : undefined,
  },
);
export type TAssignmentTargetInput = z.output<typeof ZAssignmentTarget>;

/** A target as Certlab stores and returns it: '#'-prefixed type, filter properties always present. */
export type TAssignmentTarget =
  | { "@odata.type": `#${typeof ASSIGNMENT_TARGET_TYPES.group}`; groupId: string } & TargetFilter
  | { "@odata.type": `#${typeof ASSIGNMENT_TARGET_TYPES.exclusionGroup}`; groupId: string } & TargetFilter
  | { "@odata.type": `#${typeof ASSIGNMENT_TARGET_TYPES.allDevices}` } & TargetFilter
  | { "@odata.type": `#${typeof ASSIGNMENT_TARGET_TYPES.allLicensedUsers}` } & TargetFilter;
type TargetFilter = {
  deviceAndAppManagementAssignmentFilterId: string | null;
  deviceAndAppManagementAssignmentFilterType: "none" | "include" | "exclude";
};

export function normalizeTarget(t: TAssignmentTargetInput): TAssignmentTarget {
  const filter: TargetFilter = {
    deviceAndAppManagementAssignmentFilterId: t.deviceAndAppManagementAssignmentFilterId ?? null,
    deviceAndAppManagementAssignmentFilterType: t.deviceAndAppManagementAssignmentFilterType ?? "none",
  };
  const type = t["@odata.type"].replace(/^#/, "");
  if ("groupId" in t) return { "@odata.type": `#${type}`, ...filter, groupId: t.groupId } as TAssignmentTarget;
  return { "@odata.type": `#${type}`, ...filter } as TAssignmentTarget;
}

export type TargetKind = "group" | "exclusionGroup" | "allDevices" | "allLicensedUsers";

export function targetKind(t: { "@odata.type": string }): TargetKind | undefined {
  const bare = t["@odata.type"].replace(/^#/, "");
  const hit = Object.entries(ASSIGNMENT_TARGET_TYPES).find(([, v]) => v === bare);
  return hit?.[0] as TargetKind | undefined;
}

/** The group id an assignment id carries: the group's own id, or the pseudo-group id of All devices / All users. */
export function targetGroupId(t: { "@odata.type": string; groupId?: string }): string {
  const kind = targetKind(t);
  if (kind === "allDevices") return ALL_DEVICES_ID;
  if (kind === "allLicensedUsers") return ALL_USERS_ID;
  return t.groupId ?? "";
}

/** Observed assignment id format `{policyId}_{groupId}` (S12). */
export function assignmentId(profileId: string, target: { "@odata.type": string; groupId?: string }): string {
  return `${profileId}_${targetGroupId(target)}`;
}

export function parseAssignmentId(id: string): { profileId: string; groupId: string } | undefined {
  const m = /^([0-9a-fA-F-]{36})_([0-9a-fA-F-]{36})$/.exec(id);
  return m ? { profileId: m[1]!, groupId: m[2]! } : undefined;
}

/** One element of `assignments` in POST …/assign, or the body of POST …/assignments. */
export const ZDeviceConfigurationAssignmentInput = z.strictObject({
  "@odata.type": zODataType("microsoft.graph.deviceConfigurationAssignment").optional(),
  id: z.string().optional(),
  target: ZAssignmentTarget,
  source: z.enum(["direct", "policySets"]).optional(),
  sourceId: z.string().nullable().optional(),
  intent: z.enum(["apply", "remove"]).optional(),
});

/** POST /deviceManagement/deviceConfigurations/{id}/assign — replaces the set; a group may appear once. */
export const ZAssignAction = z
  .strictObject({
    assignments: z.array(ZDeviceConfigurationAssignmentInput),
    deviceConfigurationGroupAssignments: z.array(z.unknown()).optional(),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.assignments.forEach((a, i) => {
      const key = targetGroupId(a.target);
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["assignments", i, "target"],
          message: `group ${key} is already targeted by assignments[${first}]; a group can be included or excluded once`,
        });
      else seen.set(key, i);
    });
  });
export type TAssignAction = z.output<typeof ZAssignAction>;

/** The deviceConfigurationAssignment a GET returns. */
export function toGraphAssignment(profileId: string, target: TAssignmentTarget, intent: "apply" | "remove" = "apply") {
  return {
    "@odata.type": "#microsoft.graph.deviceConfigurationAssignment",
    id: assignmentId(profileId, target),
    source: "direct" as const,
    sourceId: profileId,
    intent,
    target,
  };
}
