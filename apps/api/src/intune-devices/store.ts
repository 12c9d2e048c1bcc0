// The signed-in tenant's simulated Intune managed devices (issue 10): the device rows, the state of each profile on
// a device (Intune's per-profile status, the profile's Device status report) and the certificates the lab CA
// issued to a device. Tenant-scoped like every store: a device of another tenant answers 404. Writes run in one
// transaction with their audit line (category "Device", logged by "Intune").
import { randomBytes, randomUUID } from "node:crypto";
import { deviceRecordFromCreate, type ManagedDeviceRecord, type TDeviceCreate } from "@certlab/domain/devices/devices";
import type { EnrollmentTrace } from "@certlab/domain/enrollment/trace";
import type { Tx } from "../db/client.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { StoreBase } from "../store/base.ts";
import { isGuid } from "../store/ids.ts";

const DEVICE = { category: "Device", loggedByService: "Intune" } as const;

type DeviceRow = {
  id: string;
  tenantId: string;
  deviceName: string;
  platform: string;
  userId: string | null;
  azureADDeviceId: string;
  data: string;
  lastSync: string | null;
  lastSyncDateTime: Date | null;
  enrolledDateTime: Date;
  version: number;
};

export type LastSync = { syncDateTime: string; traces: EnrollmentTrace[] };

export type StoredDevice = { record: ManagedDeviceRecord; lastSync: LastSync | null; version: number };

export type ProfileState = { deviceId: string; profileId: string; status: string; statusText: string; lastReportedDateTime: string };

export type StoredDeviceCertificate = {
  id: string;
  deviceId: string;
  profileId: string;
  serialNumber: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  certificatePem: string;
  chainPems: string[];
  caRequestId: number | null;
  createdDateTime: string;
};

function deviceOf(row: DeviceRow): StoredDevice {
  const data = JSON.parse(row.data) as Omit<ManagedDeviceRecord, "id" | "deviceName" | "platform" | "userId" | "azureADDeviceId" | "enrolledDateTime" | "lastSyncDateTime">;
  return {
    record: {
      ...data,
      id: row.id,
      deviceName: row.deviceName,
      platform: row.platform as ManagedDeviceRecord["platform"],
      userId: row.userId,
      azureADDeviceId: row.azureADDeviceId,
      enrolledDateTime: row.enrolledDateTime.toISOString(),
      lastSyncDateTime: row.lastSyncDateTime?.toISOString() ?? null,
    },
    lastSync: row.lastSync ? (JSON.parse(row.lastSync) as LastSync) : null,
    version: row.version,
  };
}

function dataOf(r: ManagedDeviceRecord): string {
  const { id: _i, deviceName: _n, platform: _p, userId: _u, azureADDeviceId: _a, enrolledDateTime: _e, lastSyncDateTime: _l, ...data } = r;
  return JSON.stringify(data);
}

const target = (d: Pick<ManagedDeviceRecord, "id" | "deviceName">) => ({ type: "ManagedDevice", id: d.id, displayName: d.deviceName });

/** A serial number like Apple's and OEMs' (12 upper-case letters and digits). */
const newSerial = () => randomBytes(9).toString("base64").replace(/[^A-Za-z0-9]/g, "").toUpperCase().padEnd(12, "X").slice(0, 12);

export class DevicesStore extends StoreBase {
  async list(): Promise<StoredDevice[]> {
    const rows = await this.db.managedDevice.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ deviceName: "asc" }, { id: "asc" }] });
    return rows.map(deviceOf);
  }

  private async row(tx: Tx, id: string): Promise<DeviceRow> {
    const row = isGuid(id) ? await tx.managedDevice.findFirst({ where: { id: id.toLowerCase(), tenantId: this.tenantId } }) : null;
    if (!row) throw notFound(id);
    return row;
  }

  async get(id: string): Promise<StoredDevice> {
    return deviceOf(await this.row(this.db, id));
  }

  /** Users by id (this tenant only), for the managedDevice shape's userPrincipalName / userDisplayName. */
  async usersById(ids: readonly string[]): Promise<Map<string, { userPrincipalName: string; displayName: string; mail: string | null }>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const users = await this.db.user.findMany({ where: { tenantId: this.tenantId, id: { in: unique } }, select: { id: true, userPrincipalName: true, displayName: true, mail: true } });
    return new Map(users.map((u) => [u.id, u]));
  }

  async create(input: TDeviceCreate): Promise<StoredDevice> {
    const now = new Date();
    const record = deviceRecordFromCreate(input, { id: randomUUID(), azureADDeviceId: randomUUID(), serialNumber: newSerial(), now: now.toISOString() });
    return this.write(async (tx) => {
      if (record.userId && !(await tx.user.findFirst({ where: { tenantId: this.tenantId, id: record.userId.toLowerCase() }, select: { id: true } })))
        throw badRequest(`The user '${record.userId}' does not exist in this directory.`, [{ code: "InvalidValue", target: "userId", message: "No such user." }]);
      if (record.userId) record.userId = record.userId.toLowerCase();
      if (record.groupIds.length) {
        const found = new Set((await tx.group.findMany({ where: { tenantId: this.tenantId, id: { in: record.groupIds } }, select: { id: true } })).map((g) => g.id));
        const missing = record.groupIds.findIndex((g) => !found.has(g));
        if (missing >= 0)
          throw badRequest(`The group '${record.groupIds[missing]}' does not exist in this directory.`, [{ code: "InvalidValue", target: `groupIds[${missing}]`, message: "No such group." }]);
      }
      await tx.managedDevice.create({
        data: {
          id: record.id,
          tenantId: this.tenantId,
          deviceName: record.deviceName,
          platform: record.platform,
          userId: record.userId,
          azureADDeviceId: record.azureADDeviceId,
          data: dataOf(record),
          enrolledDateTime: now,
        },
      });
      return { result: { record, lastSync: null, version: 1 }, audit: { activityDisplayName: "Create ManagedDevice", operationType: "Add", ...DEVICE, targets: [target(record)] } };
    });
  }

  /** Retire/delete: the device, its profile states and its certificates (the CA keeps its Issued Certificates). */
  async delete(id: string): Promise<void> {
    await this.write(async (tx) => {
      const row = await this.row(tx, id);
      await tx.managedDevice.delete({ where: { id: row.id } });
      return { result: undefined, audit: { activityDisplayName: "Delete ManagedDevice", operationType: "Delete", ...DEVICE, targets: [target(row)] } };
    });
  }

  async certificates(id: string): Promise<StoredDeviceCertificate[]> {
    const row = await this.row(this.db, id);
    const rows = await this.db.deviceCertificate.findMany({ where: { tenantId: this.tenantId, deviceId: row.id }, orderBy: [{ createdDateTime: "asc" }, { id: "asc" }] });
    return rows.map((c) => ({
      id: c.id,
      deviceId: c.deviceId,
      profileId: c.profileId,
      serialNumber: c.serialNumber,
      thumbprint: c.thumbprint,
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      certificatePem: c.certificatePem,
      chainPems: JSON.parse(c.chainPems) as string[],
      caRequestId: c.caRequestId,
      createdDateTime: c.createdDateTime.toISOString(),
    }));
  }

  async profileStates(deviceId: string): Promise<ProfileState[]> {
    const rows = await this.db.managedDeviceProfileState.findMany({ where: { tenantId: this.tenantId, deviceId }, orderBy: { profileId: "asc" } });
    return rows.map((s) => ({ ...s, lastReportedDateTime: s.lastReportedDateTime.toISOString() }));
  }

  /** The Device status report of a profile: every device that reported a state for it, with the device and user. */
  async statusesOfProfile(profileId: string): Promise<(ProfileState & { device: StoredDevice })[]> {
    const rows = await this.db.managedDeviceProfileState.findMany({ where: { tenantId: this.tenantId, profileId: profileId.toLowerCase() }, include: { device: true }, orderBy: { deviceId: "asc" } });
    return rows.map(({ device, ...s }) => ({ ...s, lastReportedDateTime: s.lastReportedDateTime.toISOString(), device: deviceOf(device) }));
  }

  /**
   * A Sync's result, in one transaction: the traces as the device's last sync, the state of every profile that
   * reaches it (states of profiles that no longer reach it removed), and the certificates it installed.
   */
  async saveSync(
    id: string,
    sync: LastSync,
    states: { profileId: string; status: string; statusText: string }[],
    certificates: Omit<StoredDeviceCertificate, "id" | "deviceId" | "createdDateTime">[],
  ): Promise<StoredDevice> {
    return this.write(async (tx) => {
      const row = await this.row(tx, id);
      const at = new Date(sync.syncDateTime);
      await tx.managedDeviceProfileState.deleteMany({ where: { deviceId: row.id, profileId: { notIn: states.map((s) => s.profileId) } } });
      for (const s of states)
        await tx.managedDeviceProfileState.upsert({
          where: { deviceId_profileId: { deviceId: row.id, profileId: s.profileId } },
          create: { deviceId: row.id, profileId: s.profileId, tenantId: this.tenantId, status: s.status, statusText: s.statusText, lastReportedDateTime: at },
          update: { status: s.status, statusText: s.statusText, lastReportedDateTime: at },
        });
      for (const c of certificates)
        await tx.deviceCertificate.create({
          data: {
            id: randomUUID(),
            tenantId: this.tenantId,
            deviceId: row.id,
            profileId: c.profileId,
            serialNumber: c.serialNumber,
            thumbprint: c.thumbprint,
            subject: c.subject,
            issuer: c.issuer,
            notBefore: new Date(c.notBefore),
            notAfter: new Date(c.notAfter),
            certificatePem: c.certificatePem,
            chainPems: JSON.stringify(c.chainPems),
            caRequestId: c.caRequestId,
          },
        });
      const updated = await tx.managedDevice.update({ where: { id: row.id }, data: { lastSync: JSON.stringify(sync), lastSyncDateTime: at, version: { increment: 1 } } });
      const failed = sync.traces.filter((t) => t.intuneStatus === "Error").length;
      return {
        result: deviceOf(updated),
        audit: {
          activityDisplayName: "Sync ManagedDevice",
          operationType: "Update",
          ...DEVICE,
          targets: [target(row)],
          ...(failed ? { resultReason: `${failed} profile(s) in error` } : {}),
        },
      };
    });
  }
}
