// Graph /deviceManagement/managedDevices (issue 10): the simulated devices in Graph's managedDevice shape through
// the shared OData layer ($filter, $select, $top, $orderby, $count), DELETE, and the syncDevice action (204, as
// Graph answers it; the Sync runs the enrollment of every profile that reaches the device). And a profile's
// Device status report: deviceConfigurations/{id}/deviceStatuses (deviceConfigurationDeviceStatus) and
// /deviceStatusOverview (deviceConfigurationDeviceOverview), filled by the devices' Syncs.
import type { Router } from "express";
import { ZDeviceSync } from "@certlab/domain/devices/devices";
import { requirePermission } from "../../auth/middleware.ts";
import { parseBody } from "../../http/validate.ts";
import { originOf, requireStore } from "../../http/context.ts";
import { devicesStore } from "../../intune-devices/routes.ts";
import { syncDevice } from "../../intune-devices/sync.ts";
import { graphDevices } from "../../intune-devices/views.ts";
import type { EntityTypeInfo } from "../odata/index.ts";
import { contextUrl, sendCollection, sendEntity } from "../respond.ts";

const DEVICES = "/deviceManagement/managedDevices";
const CONFIGS = "/deviceManagement/deviceConfigurations";

const str = "string" as const;

export const MANAGED_DEVICE_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.managedDevice",
  properties: {
    id: str,
    userId: str,
    deviceName: str,
    managedDeviceName: str,
    managedDeviceOwnerType: "enum",
    enrolledDateTime: "datetime",
    lastSyncDateTime: "datetime",
    operatingSystem: str,
    osVersion: str,
    complianceState: "enum",
    jailBroken: str,
    managementAgent: "enum",
    azureADRegistered: "boolean",
    azureADDeviceId: str,
    deviceEnrollmentType: "enum",
    deviceRegistrationState: "enum",
    emailAddress: str,
    userPrincipalName: str,
    userDisplayName: str,
    isEncrypted: "boolean",
    isSupervised: "boolean",
    model: str,
    manufacturer: str,
    serialNumber: str,
    imei: str,
    meid: str,
    phoneNumber: str,
    wiFiMacAddress: str,
    managementState: "enum",
    partnerReportedThreatState: "enum",
    deviceCategoryDisplayName: str,
  },
};

export const DEVICE_STATUS_TYPE: EntityTypeInfo = {
  name: "microsoft.graph.deviceConfigurationDeviceStatus",
  properties: {
    id: str,
    deviceDisplayName: str,
    userName: str,
    deviceModel: str,
    platform: "number",
    complianceGracePeriodExpirationDateTime: "datetime",
    status: "enum",
    lastReportedDateTime: "datetime",
    userPrincipalName: str,
  },
};

export function managedDeviceRoutes(r: Router): void {
  r.get(DEVICES, async (req, res) => {
    requirePermission(req, "intune.read");
    const store = devicesStore(req);
    sendCollection(req, res, await graphDevices(store, await store.list()), MANAGED_DEVICE_TYPE, "deviceManagement/managedDevices");
  });

  r.get(`${DEVICES}/:id`, async (req, res) => {
    requirePermission(req, "intune.read");
    const store = devicesStore(req);
    const [device] = await graphDevices(store, [await store.get(req.params.id!)]);
    sendEntity(req, res, device!, MANAGED_DEVICE_TYPE, "deviceManagement/managedDevices");
  });

  r.delete(`${DEVICES}/:id`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    await devicesStore(req).delete(req.params.id!);
    res.status(204).end();
  });

  r.post(`${DEVICES}/:id/syncDevice`, async (req, res) => {
    requirePermission(req, "intune.configuration.write");
    parseBody(ZDeviceSync, req.body ?? {});
    const store = devicesStore(req);
    await syncDevice(requireStore(req).db, store, req.params.id!, originOf(req));
    res.status(204).end();
  });

  r.get(`${CONFIGS}/:id/deviceStatuses`, async (req, res) => {
    requirePermission(req, "intune.read");
    const profile = await requireStore(req).intune.getProfile(req.params.id!);
    const rows = await devicesStore(req).statusesOfProfile(profile.id);
    const users = await devicesStore(req).usersById(rows.map((s) => s.device.record.userId ?? ""));
    const items = rows.map((s) => {
      const user = s.device.record.userId ? users.get(s.device.record.userId) : undefined;
      return {
        id: `${profile.id}_${s.deviceId}`,
        deviceDisplayName: s.device.record.deviceName,
        userName: user?.displayName ?? "",
        deviceModel: null,
        platform: 0,
        complianceGracePeriodExpirationDateTime: "9999-12-31T23:59:59Z",
        status: s.status,
        lastReportedDateTime: s.lastReportedDateTime,
        userPrincipalName: user?.userPrincipalName ?? "",
        // Certlab: the error text Intune shows for the device (the trace's status text).
        "statusText@certlab": s.statusText,
        "deviceId@certlab": s.deviceId,
      };
    });
    sendCollection(req, res, items, DEVICE_STATUS_TYPE, `deviceManagement/deviceConfigurations('${profile.id}')/deviceStatuses`);
  });

  r.get(`${CONFIGS}/:id/deviceStatusOverview`, async (req, res) => {
    requirePermission(req, "intune.read");
    const profile = await requireStore(req).intune.getProfile(req.params.id!);
    const rows = await devicesStore(req).statusesOfProfile(profile.id);
    const count = (s: string) => rows.filter((x) => x.status === s).length;
    res.json({
      "@odata.context": contextUrl(req, `deviceManagement/deviceConfigurations('${profile.id}')/deviceStatusOverview/$entity`),
      "@odata.type": "#microsoft.graph.deviceConfigurationDeviceOverview",
      id: `${profile.id}_DeviceStatusOverview`,
      pendingCount: count("pending"),
      notApplicableCount: count("notApplicable"),
      notApplicablePlatformCount: rows.filter((x) => x.status === "notApplicable" && /platform|runs/.test(x.statusText)).length,
      successCount: count("succeeded"),
      errorCount: count("error"),
      failedCount: 0,
      conflictCount: 0,
      lastUpdateDateTime: rows.map((x) => x.lastReportedDateTime).sort().at(-1) ?? "0001-01-01T00:00:00Z",
      configurationVersion: profile.version,
    });
  });
}
