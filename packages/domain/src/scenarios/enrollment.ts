// The enrollment check's trace (issue 10's traceEnrollment, enrollment/trace.ts): a simulated device of the
// platform, enrolled by the user (UPN or its local part; default: a member of a group the platform's SCEP profile is
// assigned to), syncs and asks for the certificate of the platform's SCEP profile; the result is the trace's
// outcome and the hop it failed at ("profile", "trustedRoot", "request", "challenge", "edge", "ndesIis",
// "policyModule", "ca", "delivery", "reported").
import { deviceRecordFromCreate, withManagedDevices, ZDeviceCreate } from "../devices/devices";
import { traceEnrollment } from "../enrollment/trace";
import { SCEP_TYPES } from "../intune/profiles";
import type { TPlatform } from "../intune/profile-types";
import { evaluate } from "../rules/engine";
import type { TenantSnapshot } from "../rules/snapshot";
import type { EnrollmentTracer } from "./evaluate";

const DEVICE_ID = "00000000-0000-4000-8000-00000005ce01";
const AAD_DEVICE_ID = "00000000-0000-4000-8000-00000005ce02";

function userFor(snapshot: TenantSnapshot, scepProfileIds: readonly string[], wanted?: string) {
  const users = snapshot.directory.users;
  if (wanted) {
    const w = wanted.toLowerCase();
    return users.find((u) => u.userPrincipalName.toLowerCase() === w || u.userPrincipalName.toLowerCase().split("@")[0] === w);
  }
  const groups = new Set((snapshot.intune?.assignments ?? []).filter((a) => scepProfileIds.includes(a.profileId) && "groupId" in a.target && !a.target["@odata.type"].includes("exclusion")).map((a) => (a.target as { groupId: string }).groupId));
  const member = snapshot.directory.groupMembers.find((m) => groups.has(m.groupId) && users.some((u) => u.id === m.memberId && u.accountEnabled));
  return users.find((u) => u.id === member?.memberId) ?? users.find((u) => u.accountEnabled);
}

export const scenarioEnrollmentTracer: EnrollmentTracer = (snapshot, request) => {
  const platform = request.platform as TPlatform;
  const type = (SCEP_TYPES as Record<string, string>)[platform];
  const profiles = (snapshot.intune?.profiles ?? []).filter((p) => p.odataType === type);
  if (!profiles.length) return { result: "failed", failedHop: "profile", reason: `no ${platform} SCEP profile` };
  const user = userFor(snapshot, profiles.map((p) => p.id), request.user);
  if (!user) return { result: "failed", failedHop: "profile", reason: request.user ? `no user '${request.user}'` : "no user to enroll" };
  const now = new Date(snapshot.lab?.asOf ?? snapshot.intune?.asOf ?? Date.now());
  const input = ZDeviceCreate.parse({ deviceName: `scenario-${platform}`, platform, userId: user.id });
  const device = deviceRecordFromCreate(input, { id: DEVICE_ID, azureADDeviceId: AAD_DEVICE_ID, serialNumber: "SCENARIO0001", now: now.toISOString() });
  const withDevice = withManagedDevices(snapshot, [device]);
  const findings = evaluate(withDevice);
  // Several SCEP profiles of the platform: the first that issues, else the first one's failure.
  let first: ReturnType<typeof traceEnrollment> | undefined;
  for (const p of profiles) {
    const t = traceEnrollment(withDevice, findings, device, p.id, { now });
    if (t.outcome === "issued") return { result: "issued" };
    first ??= t;
  }
  const hop = first!.hops.find((h) => h.id === first!.failedHop);
  return { result: "failed", failedHop: first!.failedHop ?? undefined, reason: hop ? `${hop.title}: ${hop.detail}` : first!.statusText };
};
