// Request and response shapes of the lab's SCEP API (issue 10): the URLs a real SCEP client on this machine can
// use for each NDES instance, and minting an Intune-style challenge for a SCEP profile and a device.
import { z } from "zod";

export const ZScepChallengeCreate = z.strictObject({
  profileId: z.string().trim().min(1, "profileId is required"),
  deviceName: z
    .string()
    .trim()
    .min(1, "deviceName is required")
    .max(64, "a device name has at most 64 characters")
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-' only"),
  userId: z.string().trim().min(1).optional(),
});
export type TScepChallengeCreate = z.output<typeof ZScepChallengeCreate>;

export const ZScepChallenge = z.object({
  challenge: z.string(),
  subject: z.string(),
  subjectAlternativeNames: z.array(z.object({ type: z.enum(["email", "upn", "dns", "uri"]), value: z.string() })),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  keySize: z.number().int(),
  expiresDateTime: z.string(),
  localUrl: z.string().nullable(),
});

export const ZScepEndpoint = z.object({
  ndesInstanceId: z.string(),
  internalUrl: z.string(),
  externalUrl: z.string().nullable(),
  localInternalUrl: z.string(),
  localExternalUrl: z.string().nullable(),
});
export const ZScepEndpoints = z.object({ value: z.array(ZScepEndpoint) });
