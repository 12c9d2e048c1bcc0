import { describe, expect, it } from "vitest";
import { ALL_DEVICES_ID, ALL_USERS_ID, assignmentId, normalizeTarget, parseAssignmentId, toGraphAssignment, ZAssignAction } from "./assignments";

const policy = "0e2f87bd-de2c-47c2-a69b-c8cbe9823042";
const group = "93f57a7f-e646-4a5a-b6a4-7c19e6ca6244";

describe("deviceConfiguration assignments (graph-reference.md §6)", () => {
  it("parses the assign body of the docs: include group, exclude group, All devices", () => {
    const body = ZAssignAction.parse({
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group, deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" } },
        { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: "1b2c3d4e-0000-4000-8000-000000000abc" } },
        { target: { "@odata.type": "microsoft.graph.allDevicesAssignmentTarget" } },
      ],
    });
    const targets = body.assignments.map((a) => normalizeTarget(a.target));
    expect(targets[2]).toEqual({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: "none" });
    expect(toGraphAssignment(policy, targets[0]!)).toMatchObject({ id: `${policy}_${group}`, source: "direct", sourceId: policy, intent: "apply" });
  });
  it("gives All devices and All users their pseudo-group ids", () => {
    expect(assignmentId(policy, { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" })).toBe(`${policy}_${ALL_DEVICES_ID}`);
    expect(assignmentId(policy, { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" })).toBe(`${policy}_${ALL_USERS_ID}`);
    expect(parseAssignmentId(`${policy}_${group}`)).toEqual({ profileId: policy, groupId: group });
  });
  it("refuses an unknown target type, an unknown property and the same group twice", () => {
    const r = ZAssignAction.safeParse({
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group, color: "red" } },
        { target: { "@odata.type": "#microsoft.graph.configurationManagerCollectionAssignmentTarget" } },
      ],
    });
    const issues = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
    expect(issues).toEqual(["assignments.0.target: unrecognized_keys", "assignments.1.target.@odata.type: invalid_union"]);
    const twice = ZAssignAction.safeParse({
      assignments: [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group } },
        { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", groupId: group } },
      ],
    });
    expect(twice.error!.issues[0]).toMatchObject({ path: ["assignments", 1, "target"], message: expect.stringContaining("already targeted by assignments[0]") });
  });
});
