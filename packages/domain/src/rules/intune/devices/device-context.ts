// Which managed devices a SCEP profile reaches (catalogue A.11): the profile's included targets (a group's users
// and devices, nested groups followed; All users = every device with a primary user; All devices = every device)
// minus its exclusion groups. A device *receives* the profile only when it runs the profile's platform ("The SCEP
// certificate profile installs only on devices that run the platform you specified", S5) on a supported version.
// A tenant without managed devices has nothing to resolve: every helper answers [] and the device rules are silent.
import { ALL_DEVICES_ID, ALL_USERS_ID, targetGroupId, targetKind } from "../../../intune/assignments";
import type { IntuneIndex, ScepContext, SnapManagedDevice } from "../../../intune/snapshot";
import type { SnapshotIndex } from "../../snapshot";
import type { ObjectRef } from "../../types";

export type DeviceIndex = {
  devices: readonly SnapManagedDevice[];
  /** Devices (of any platform) a profile's assignments reach. */
  reachedBy(c: ScepContext): readonly SnapManagedDevice[];
  /** Devices that install the profile: reached, same platform, supported OS version. */
  receivedBy(c: ScepContext): readonly SnapManagedDevice[];
  /** SCEP profiles a device installs. */
  profilesOf(device: SnapManagedDevice): readonly ScepContext[];
};

const cache = new WeakMap<IntuneIndex, { directory: SnapshotIndex; index: DeviceIndex }>();

/** The numeric parts of an OS version: "10.0.22631.3296" → [10, 0, 22631, 3296]; "13" → [13]. */
export function versionParts(v: string): number[] {
  return v
    .trim()
    .split(/[.\s]/)
    .map((x) => Number.parseInt(x, 10))
    .filter((n) => Number.isFinite(n));
}

/** a < b, comparing version parts left to right (missing parts are 0). */
export function versionBelow(v: string, min: readonly number[]): boolean {
  const parts = versionParts(v);
  if (!parts.length) return false;
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a < min[i]!;
  }
  return false;
}

/**
 * Windows 8.1 and older: the SCEP profile type is "Windows 10 and later" and Windows 8.1 is out of support (S5, S7).
 * (Windows 8.1 reports 6.3.x; Windows 10 and 11 report 10.0.x.)
 */
export function isUnsupportedWindows(d: SnapManagedDevice): boolean {
  return d.platform === "windows" && versionBelow(d.osVersion, [10]);
}

const OS_LABEL: Record<SnapManagedDevice["platform"], string> = {
  iOS: "iOS/iPadOS",
  macOS: "macOS",
  windows: "Windows",
  androidDeviceOwner: "Android",
  androidWorkProfile: "Android",
  aosp: "Android (AOSP)",
};

/** "'iPhone-07' (iOS/iPadOS 13.7)" — how messages name a device. */
export function deviceNamed(d: SnapManagedDevice): string {
  return `'${d.deviceName}' (${OS_LABEL[d.platform]} ${d.osVersion})`;
}

export const deviceRef = (d: SnapManagedDevice): ObjectRef => ({ type: "managedDevice", id: d.id, displayName: d.deviceName });

export function deviceIndex(ix: IntuneIndex, directory: SnapshotIndex): DeviceIndex {
  const hit = cache.get(ix);
  if (hit && hit.directory === directory) return hit.index;
  const index = buildDeviceIndex(ix, directory);
  cache.set(ix, { directory, index });
  return index;
}

function buildDeviceIndex(ix: IntuneIndex, directory: SnapshotIndex): DeviceIndex {
  const devices = ix.intune.managedDevices ?? [];

  // A group and every group nested in it (to match a device's own groupIds against a target).
  const nested = new Map<string, ReadonlySet<string>>();
  const groupsWithin = (groupId: string): ReadonlySet<string> => {
    const known = nested.get(groupId);
    if (known) return known;
    const out = new Set<string>([groupId]);
    const stack = [groupId];
    while (stack.length) {
      for (const m of directory.membersOfGroup.get(stack.pop()!) ?? [])
        if (directory.groupsById.has(m) && !out.has(m)) {
          out.add(m);
          stack.push(m);
        }
    }
    nested.set(groupId, out);
    return out;
  };

  /** Is the device (or its primary user) in the group, nested groups followed? */
  const inGroup = (d: SnapManagedDevice, groupId: string): boolean => {
    if (groupId === ALL_DEVICES_ID) return true;
    if (groupId === ALL_USERS_ID) return !!d.userId;
    const members = ix.groupMembers(groupId);
    if (members.has(d.id) || (d.azureADDeviceId && members.has(d.azureADDeviceId)) || (d.userId && members.has(d.userId)))
      return true;
    if (d.groupIds?.length) {
      const within = groupsWithin(groupId);
      return d.groupIds.some((g) => within.has(g));
    }
    return false;
  };

  const reached = new Map<string, SnapManagedDevice[]>();
  const reachedBy = (c: ScepContext): SnapManagedDevice[] => {
    const known = reached.get(c.profile.id);
    if (known) return known;
    const included: string[] = [];
    const excluded: string[] = [];
    for (const { target } of ix.assignmentsOf(c.profile.id)) {
      const kind = targetKind(target);
      if (!kind) continue;
      (kind === "exclusionGroup" ? excluded : included).push(targetGroupId(target));
    }
    const out = included.length
      ? devices.filter((d) => included.some((g) => inGroup(d, g)) && !excluded.some((g) => inGroup(d, g)))
      : [];
    reached.set(c.profile.id, out);
    return out;
  };

  const receivedBy = (c: ScepContext) => reachedBy(c).filter((d) => d.platform === c.platform && !isUnsupportedWindows(d));

  const byDevice = new Map<string, ScepContext[]>();
  for (const c of ix.scep)
    for (const d of receivedBy(c)) {
      const list = byDevice.get(d.id);
      if (list) list.push(c);
      else byDevice.set(d.id, [c]);
    }

  return { devices, reachedBy, receivedBy, profilesOf: (d) => byDevice.get(d.id) ?? [] };
}
