// Issue 10: Certlab's simulated managed devices. Graph /deviceManagement/managedDevices (beta) for the list, as the
// portal reads it; the lab API /api/intune/devices for what Graph doesn't have: create a simulated device, Sync
// (the hop-by-hop enrollment trace), the certificates on the device with their chain, and the one-time challenge a
// real SCEP client uses. /api/lab/scep/endpoints: the local SCEP URLs on this machine.
import type { z } from "zod";
import type { ZScepChallenge, ZScepEndpoint } from "@certlab/domain/lab/scep-schemas";
import type { ZDeviceCreate } from "@certlab/domain/devices/devices";
import type { EnrollmentTrace, TraceHop } from "@certlab/domain/enrollment/trace";
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { graph, odataString, request } from "@/shared/api/http";
import type { Collection, Group } from "@/shared/api/types";

// ------------------------------------------------------------------------------------------ shapes

/** Graph's managedDevice, the properties Certlab fills (Graph names). */
export type ManagedDevice = {
  id: string;
  deviceName: string;
  operatingSystem: string;
  osVersion: string | null;
  serialNumber: string | null;
  imei: string | null;
  meid: string | null;
  userId: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  managedDeviceOwnerType?: string;
  deviceEnrollmentType?: string;
  complianceState?: string;
  isEncrypted?: boolean;
  lastSyncDateTime: string | null;
  enrolledDateTime?: string;
  azureADDeviceId?: string | null;
  managementAgent?: string;
  [key: string]: unknown;
};

export type { EnrollmentTrace, IntuneStatus, TraceHop, TraceSymptom } from "@certlab/domain/enrollment/trace";
export type HopOutcome = TraceHop["outcome"];

export type SyncResult = { device: ManagedDevice; traces: EnrollmentTrace[] };

/** A certificate on the device (GET /api/intune/devices/{id}/certificates). */
export type DeviceCertificate = {
  id: string;
  profileId?: string | null;
  subject: string;
  subjectAlternativeNames?: unknown[];
  serialNumber?: string;
  issuer?: string;
  notBefore?: string;
  notAfter?: string;
  thumbprint?: string;
  pem?: string;
  /** The issuer chain, leaf's issuer first, as PEM. */
  chain?: (string | { subject?: string; pem?: string })[];
  [key: string]: unknown;
};

export type ScepChallenge = z.output<typeof ZScepChallenge>;
export type ScepEndpoint = z.output<typeof ZScepEndpoint>;

export type DeviceCreateBody = z.input<typeof ZDeviceCreate>;

// ------------------------------------------------------------------------------------------ reads

const API = "/api/intune/devices";
const GRAPH_DEVICES = "/deviceManagement/managedDevices";

export const deviceKeys = {
  all: (tenantId: string) => ["tenant", tenantId, "intune", "managedDevices"] as const,
  list: (tenantId: string) => [...deviceKeys.all(tenantId), "list"] as const,
  item: (tenantId: string, id: string) => [...deviceKeys.all(tenantId), "item", id] as const,
  certificates: (tenantId: string, id: string) => [...deviceKeys.all(tenantId), "certificates", id] as const,
};

export const devicesQuery = (tenantId: string) =>
  queryOptions({
    queryKey: deviceKeys.list(tenantId),
    queryFn: () => request<Collection<ManagedDevice>>(graph(`${GRAPH_DEVICES}?$top=999`)),
  });

export function useDevices(tenantId: string) {
  return useQuery(devicesQuery(tenantId));
}

export function useDevice(tenantId: string, id: string) {
  return useQuery({
    queryKey: deviceKeys.item(tenantId, id),
    queryFn: () => request<ManagedDevice>(`${API}/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
}

export function useDeviceCertificates(tenantId: string, id: string) {
  return useQuery({
    queryKey: deviceKeys.certificates(tenantId, id),
    queryFn: () => request<Collection<DeviceCertificate>>(`${API}/${encodeURIComponent(id)}/certificates`),
    enabled: !!id,
  });
}

export function useScepEndpoints(tenantId: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "lab", "scep-endpoints"],
    queryFn: () => request<{ value: ScepEndpoint[] }>("/api/lab/scep/endpoints"),
  });
}

// ------------------------------------------------------------------------------------------ writes

function invalidate(queryClient: ReturnType<typeof useQueryClient>, tenantId: string) {
  void queryClient.invalidateQueries({ queryKey: deviceKeys.all(tenantId) });
  // A sync changes the CA's issued certificates / failed requests and the profiles' device status reports.
  void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "intune", "deviceConfigurations"] });
  void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "lab"] });
}

export function useCreateDevice(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeviceCreateBody) => request<ManagedDevice>(API, { method: "POST", body }),
    meta: { success: (d) => `Created device ${(d as ManagedDevice).deviceName}`, error: "Could not create the device" },
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useDeleteDevice(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: ManagedDevice) => request<void>(`${API}/${encodeURIComponent(d.id)}`, { method: "DELETE" }),
    meta: { success: (_r, d) => `Deleted device ${(d as ManagedDevice).deviceName}`, error: "Could not delete the device" },
    onSuccess: (_r, d) => queryClient.removeQueries({ queryKey: deviceKeys.item(tenantId, d.id) }),
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useSyncDevice(tenantId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<SyncResult>(`${API}/${encodeURIComponent(id)}/sync`, { method: "POST", body: {} }),
    meta: {
      success: (r) => {
        const traces = (r as SyncResult).traces;
        const failed = traces.filter((t) => t.intuneStatus === "Error").length;
        return failed ? `Sync finished: ${failed} profile${failed === 1 ? "" : "s"} in error` : "Sync finished";
      },
      error: "Could not sync the device",
    },
    onSuccess: (r) => queryClient.setQueryData(deviceKeys.item(tenantId, id), r.device),
    onSettled: () => invalidate(queryClient, tenantId),
  });
}

export function useScepChallenge(id: string) {
  return useMutation({
    mutationFn: (profileId: string) =>
      request<ScepChallenge>(`${API}/${encodeURIComponent(id)}/scep-challenge`, { method: "POST", body: { profileId } }),
    // The challenge is single-use: never cached.
    meta: { error: "Could not get a challenge" },
  });
}

// ------------------------------------------------------------------------------------------ profiles (names only)

export type ProfileName = { id: string; displayName: string; "@odata.type": string };

/** The tenant's certificate profiles by id: the names the device pages show next to a trace's profileId. */
export function useProfileNames(tenantId: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "intune", "deviceConfigurations", "names"],
    queryFn: () => request<Collection<ProfileName>>(graph("/deviceManagement/deviceConfigurations")),
  });
}

/** A profile's state on the device after the last Sync (Graph complianceStatus names). */
export type DeviceConfigurationState = { profileId: string; status: string; statusText: string; lastReportedDateTime: string };

/** The inverse of the domain's GRAPH_DEVICE_STATUS (enrollment/trace.ts): the word Intune shows. */
const INTUNE_STATUS: Record<string, IntuneStatusWord> = { succeeded: "Succeeded", error: "Error", pending: "Pending", notApplicable: "Not applicable" };
type IntuneStatusWord = EnrollmentTrace["intuneStatus"];

export function intuneStatusOf(graphStatus: string): IntuneStatusWord {
  return INTUNE_STATUS[graphStatus] ?? "Pending";
}

export function deviceConfigurationStates(device: ManagedDevice | undefined): DeviceConfigurationState[] {
  const s = device?.["deviceConfigurationStates"];
  return Array.isArray(s) ? (s as DeviceConfigurationState[]) : [];
}

/** The traces of the device's last Sync, as the device answer carries them (lastSync.traces). */
export function lastSyncTraces(device: ManagedDevice | undefined): EnrollmentTrace[] {
  if (!device) return [];
  const ls = device["lastSync"] as { traces?: EnrollmentTrace[] } | null | undefined;
  if (ls && Array.isArray(ls.traces)) return ls.traces;
  const t = device["traces"];
  return Array.isArray(t) ? (t as EnrollmentTrace[]) : [];
}

/** Groups whose display name starts with the text (the device groups picker). */
export function useGroupSearch(tenantId: string, text: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "groups", "search", text],
    queryFn: () => {
      const params = new URLSearchParams({ $top: "15", $select: "id,displayName,description" });
      if (text.trim()) params.set("$filter", `startswith(displayName,${odataString(text.trim())})`);
      return request<Collection<Group>>(graph(`/groups?${params}`));
    },
    placeholderData: keepPreviousData,
  });
}
