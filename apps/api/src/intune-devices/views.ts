// The answers of the device routes: Graph's managedDevice (toManagedDevice) for /graph and, for /api, the same
// shape plus what Graph has no property for (platform, enrollment type, device groups, the Android PIN state) and
// the device's last Sync (its traces) and per-profile states.
import { deviceExtras, toManagedDevice } from "@certlab/domain/devices/devices";
import type { DevicesStore, ProfileState, StoredDevice, StoredDeviceCertificate } from "./store.ts";
import { parseCertificate } from "@certlab/pki/certificate-info";

type UserInfo = { userPrincipalName: string; displayName: string; mail: string | null };

export async function graphDevices(store: DevicesStore, devices: StoredDevice[]): Promise<Record<string, unknown>[]> {
  const users = await store.usersById(devices.map((d) => d.record.userId ?? ""));
  return devices.map((d) => toManagedDevice(d.record, d.record.userId ? users.get(d.record.userId) : null));
}

export function apiDevice(d: StoredDevice, user: UserInfo | null | undefined, states?: ProfileState[]): Record<string, unknown> {
  return {
    ...toManagedDevice(d.record, user),
    ...deviceExtras(d.record),
    lastSync: d.lastSync,
    ...(states ? { deviceConfigurationStates: states.map(({ deviceId: _d, ...s }) => s) } : {}),
  };
}

export async function apiDeviceOf(store: DevicesStore, d: StoredDevice, withStates = true): Promise<Record<string, unknown>> {
  const users = await store.usersById([d.record.userId ?? ""]);
  return apiDevice(d, d.record.userId ? users.get(d.record.userId) : null, withStates ? await store.profileStates(d.record.id) : undefined);
}

/** A certificate on the device with its issuer chain (issuing CA first, up to the root). */
export function certificateView(c: StoredDeviceCertificate): Record<string, unknown> {
  const info = parseCertificate(c.certificatePem);
  return {
    id: c.id,
    profileId: c.profileId,
    subject: c.subject,
    issuer: c.issuer,
    subjectAlternativeNames: info.subjectAlternativeNames,
    serialNumber: c.serialNumber,
    thumbprint: c.thumbprint,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    keyUsage: info.keyUsage,
    extendedKeyUsage: info.extendedKeyUsage,
    caRequestId: c.caRequestId,
    installedDateTime: c.createdDateTime,
    pem: c.certificatePem,
    chain: c.chainPems.map((pem) => ({ subject: parseCertificate(pem).subject, pem })),
  };
}
