// /api/openapi.json for the simulated managed devices (issue 10 part 5, names fixed by the issue): request bodies are
// the domain's schemas the handlers parse with; the trace and device shapes mirror packages/domain's types.
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZGraphError } from "@certlab/domain/schemas/common";
import { ZDeviceCreate, ZDeviceScepChallengeCreate, ZDeviceSync } from "@certlab/domain/devices/devices";
import { ZScepChallenge } from "@certlab/domain/lab/scep-schemas";

const HOP_IDS = ["profile", "trustedRoot", "request", "challenge", "edge", "ndesIis", "policyModule", "ca", "delivery", "reported"] as const;

export const ZTraceHop = z.object({
  id: z.enum(HOP_IDS),
  title: z.string(),
  flowHop: z.enum(["a", "b", "c", "d", "e", "f"]).describe("Seed 004's request-flow hop"),
  partB: z.string().describe("rules-reference.md part B hop number(s)"),
  outcome: z.enum(["ok", "failed", "skipped"]),
  detail: z.string(),
  symptom: z.object({ httpStatus: z.number().int().optional(), body: z.string().optional(), eventId: z.number().int().optional(), eventSource: z.string().optional(), text: z.string() }).optional(),
  codes: z.array(z.string()).describe("Finding codes that caused the failure"),
});

export const ZEnrollmentTrace = z.object({
  profileId: z.string(),
  profileDisplayName: z.string(),
  deviceId: z.string(),
  outcome: z.enum(["issued", "failed", "notApplicable", "pending"]),
  hops: z.array(ZTraceHop),
  failedHop: z.enum(HOP_IDS).nullable(),
  request: z.object({ subject: z.string(), subjectAlternativeNames: z.array(z.object({ type: z.string(), value: z.string() })), keyUsage: z.array(z.string()), keySize: z.number().int(), ekus: z.array(z.string()) }),
  intuneStatus: z.enum(["Succeeded", "Error", "Pending", "Not applicable"]),
  statusText: z.string(),
  scepServerUrl: z.string().nullable(),
  requestUrlLength: z.number().int().nullable().describe("Length of the PKIOperation GET request line the device sent"),
  ndesServer: z.string().optional(),
  ca: z.object({ requestId: z.number().int().optional(), template: z.string().optional(), disposition: z.enum(["issued", "failed"]), serialNumber: z.string().optional(), thumbprint: z.string().optional() }).optional(),
  tracedDateTime: z.string(),
});

const ZManagedDevice = z
  .object({
    id: z.string(),
    deviceName: z.string(),
    operatingSystem: z.string(),
    osVersion: z.string(),
    userId: z.string().nullable(),
    userPrincipalName: z.string(),
    userDisplayName: z.string(),
    serialNumber: z.string(),
    imei: z.string(),
    meid: z.string(),
    managedDeviceOwnerType: z.string(),
    deviceEnrollmentType: z.string(),
    complianceState: z.string(),
    isEncrypted: z.boolean(),
    azureADDeviceId: z.string(),
    managementAgent: z.string(),
    enrolledDateTime: z.string(),
    lastSyncDateTime: z.string(),
    platform: z.string().describe("Certlab: the SCEP platform (iOS, macOS, windows, androidDeviceOwner, androidWorkProfile, aosp)"),
    lastSync: z.object({ syncDateTime: z.string(), traces: z.array(ZEnrollmentTrace) }).nullable(),
    deviceConfigurationStates: z.array(z.object({ profileId: z.string(), status: z.string(), statusText: z.string(), lastReportedDateTime: z.string() })).optional(),
  })
  .describe("Graph managedDevice plus Certlab's device facts and last Sync");

const ZDeviceCertificate = z.object({
  id: z.string(),
  profileId: z.string(),
  subject: z.string(),
  issuer: z.string(),
  subjectAlternativeNames: z.array(z.object({ type: z.string(), value: z.string() })),
  serialNumber: z.string(),
  thumbprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  caRequestId: z.number().int().nullable(),
  pem: z.string(),
  chain: z.array(z.object({ subject: z.string(), pem: z.string() })).describe("Issuing CA first, up to the root"),
});

export function registerDevicePaths(registry: OpenAPIRegistry): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const err = (description: string) => ({ description, ...json(ZGraphError) });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const params = z.object({ id: z.string() });
  registry.registerPath({ method: "post", path: "/api/intune/devices", summary: "Create a simulated managed device", security, request: { body: json(ZDeviceCreate) }, responses: { 201: { description: "The device (Graph managedDevice shape)", ...json(ZManagedDevice) }, 400: err("Invalid body (the field is named)"), 403: err("Intune Administrator required") } });
  registry.registerPath({ method: "get", path: "/api/intune/devices", summary: "The tenant's simulated managed devices", security, responses: { 200: { description: "Devices", ...json(z.object({ value: z.array(ZManagedDevice) })) } } });
  registry.registerPath({ method: "get", path: "/api/intune/devices/{id}", summary: "A device with its last Sync and per-profile states", security, request: { params }, responses: { 200: { description: "Device", ...json(ZManagedDevice) }, 404: err("No such device") } });
  registry.registerPath({ method: "delete", path: "/api/intune/devices/{id}", summary: "Delete a device and its certificates", security, request: { params }, responses: { 204: { description: "Deleted" }, 404: err("No such device") } });
  registry.registerPath({ method: "post", path: "/api/intune/devices/{id}/sync", summary: "Sync: enroll every profile that reaches the device, hop by hop (real issuance by the lab CA)", security, request: { params, body: json(ZDeviceSync) }, responses: { 200: { description: "The device and one trace per applicable profile", ...json(z.object({ device: ZManagedDevice, traces: z.array(ZEnrollmentTrace) })) }, 404: err("No such device") } });
  registry.registerPath({ method: "get", path: "/api/intune/devices/{id}/certificates", summary: "The certificates on the device, with their chain", security, request: { params }, responses: { 200: { description: "Certificates", ...json(z.object({ value: z.array(ZDeviceCertificate) })) }, 404: err("No such device") } });
  registry.registerPath({ method: "post", path: "/api/intune/devices/{id}/scep-challenge", summary: "What Intune hands this device for a SCEP profile: a one-time challenge for a real SCEP client", security, request: { params, body: json(ZDeviceScepChallengeCreate) }, responses: { 201: { description: "Challenge", ...json(ZScepChallenge) }, 400: err("Not a SCEP profile of this device"), 404: err("No such device") } });
}
