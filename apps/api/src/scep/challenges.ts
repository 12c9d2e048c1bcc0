// The simulated Intune service's SCEP challenges (issue 10): per-tenant keys kept in the database (every API
// process sees the same), minting for a device and a SCEP profile (what Intune hands the device in the profile),
// and single use: the policy module's first successful verification sets usedDateTime with a conditional update.
import { mintChallenge, newChallengeKeys, type ChallengeKeys } from "@certlab/pki/scep/challenge";
import { scepRequestFor, type ScepRequestSpec } from "@certlab/domain/intune/scep-request";
import { isScepType, type StoredProfile } from "@certlab/domain/intune/profiles";
import type { SubjectSample } from "@certlab/domain/intune/subject-name";
import { resolveInternalHost } from "@certlab/domain/lab/lab-browser";
import type { LabSnapshot } from "@certlab/domain/lab/snapshot";
import type { Db, Tx } from "../db/client.ts";
import { badRequest } from "../http/errors.ts";
import { executeRaw } from "../db/fast-read.ts";

/** How long a challenge is valid (Intune's SCEP challenge is valid for 60 minutes). */
export const CHALLENGE_VALIDITY_MINUTES = 60;

export async function challengeKeys(db: Db, tenantId: string): Promise<ChallengeKeys> {
  const found = await db.scepChallengeKey.findUnique({ where: { tenantId } });
  if (found) return { signingKeyPem: found.signingKeyPem, encryptionKey: found.encryptionKey };
  const fresh = newChallengeKeys();
  try {
    await db.scepChallengeKey.create({ data: { tenantId, ...fresh } });
    return fresh;
  } catch {
    // Another process created them first.
    const again = await db.scepChallengeKey.findUniqueOrThrow({ where: { tenantId } });
    return { signingKeyPem: again.signingKeyPem, encryptionKey: again.encryptionKey };
  }
}

/** "ok" the first time, "used" on a replay, "unknown" for a jti Intune never minted (in this tenant). `db` may be a transaction. */
export async function consumeChallenge(db: Tx, tenantId: string, jti: string, now = new Date()): Promise<"ok" | "used" | "unknown"> {
  // Raw SQL on the transaction (no query compiler): the one statement of a first use.
  const count = await executeRaw(db, `UPDATE "ScepChallenge" SET "usedDateTime" = ? WHERE "id" = ? AND "tenantId" = ? AND "usedDateTime" IS NULL`, [now, jti, tenantId]);
  if (count === 1) return "ok";
  return (await db.scepChallenge.count({ where: { id: jti, tenantId } })) ? "used" : "unknown";
}

export type MintedChallenge = Omit<ScepRequestSpec, "unresolved"> & { challenge: string; expiresDateTime: string; localUrl: string | null };

/** The local (Certlab-port) URL a real client on this machine uses for a lab SCEP URL. */
export function localScepUrl(origin: string, tenantId: string, labUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(labUrl);
  } catch {
    return null;
  }
  return `${origin}/scep/${tenantId}/${u.hostname.toLowerCase()}${u.pathname}`;
}

export async function mintForProfile(
  db: Db,
  tenantId: string,
  input: {
    profile: StoredProfile;
    deviceName: string;
    userId?: string;
    origin: string;
    lab?: LabSnapshot;
    now?: Date;
    /** The user's and device's values for the subject variables (a managed device's serial, IMEI, Entra id…);
     * default: the directory user's and the device name. */
    sample?: SubjectSample;
  },
): Promise<MintedChallenge> {
  const { profile } = input;
  if (!isScepType(profile.odataType))
    throw badRequest(`The profile '${profile.displayName}' is not a SCEP certificate profile.`, [{ code: "InvalidValue", target: "profileId", message: "Not a SCEP certificate profile." }]);
  let user: { userPrincipalName: string; mail: string | null; givenName: string | null; surname: string | null; department: string | null } | null = null;
  if (input.userId) {
    user = await db.user.findFirst({ where: { tenantId, id: input.userId }, select: { userPrincipalName: true, mail: true, givenName: true, surname: true, department: true } });
    if (!user) throw badRequest(`The user '${input.userId}' does not exist in this directory.`, [{ code: "InvalidValue", target: "userId", message: "No such user." }]);
  }
  const spec = scepRequestFor(profile.settings, input.sample ?? {
    ...(user
      ? {
          user: {
            userPrincipalName: user.userPrincipalName,
            emailAddress: user.mail ?? user.userPrincipalName,
            ...(user.givenName ? { givenName: user.givenName } : {}),
            ...(user.surname ? { surname: user.surname } : {}),
            ...(user.department ? { department: user.department } : {}),
          },
        }
      : {}),
    device: { deviceName: input.deviceName },
  });
  if (spec.unresolved.length)
    throw badRequest(`The profile's subject or subject alternative names use ${spec.unresolved.map((v) => `{{${v}}}`).join(", ")}, which this ${user ? "user and device" : "device (no userId given)"} has no value for.`, [
      { code: "InvalidValue", target: user ? "deviceName" : "userId", message: `No value for ${spec.unresolved.join(", ")}.` },
    ]);
  if (!spec.subject) throw badRequest("The profile has no subject name format.", [{ code: "InvalidValue", target: "profileId", message: "No subject name format." }]);
  const now = input.now ?? new Date();
  const expiresDateTime = new Date(now.getTime() + CHALLENGE_VALIDITY_MINUTES * 60_000).toISOString();
  const keys = await challengeKeys(db, tenantId);
  const { challenge, claims } = mintChallenge(keys, {
    tenantId,
    profileId: profile.id,
    deviceName: input.deviceName,
    ...(input.userId ? { userId: input.userId } : {}),
    subject: spec.subject,
    subjectAlternativeNames: spec.subjectAlternativeNames,
    keyUsage: spec.keyUsage,
    extendedKeyUsage: spec.extendedKeyUsage,
    keySize: spec.keySize,
    issuedDateTime: now.toISOString(),
    expiresDateTime,
  });
  await db.scepChallenge.create({
    data: { id: claims.jti, tenantId, profileId: profile.id, deviceName: input.deviceName, userId: input.userId ?? null, subject: spec.subject, expiresDateTime: new Date(expiresDateTime) },
  });
  const urls = (profile.settings.scepServerUrls as string[] | undefined) ?? [];
  // The first SCEP server URL the lab knows (an NDES internal name or an external name); else the first one.
  const known = urls.find((u) => {
    try {
      return !!input.lab && !!resolveInternalHost(input.lab, new URL(u).hostname);
    } catch {
      return false;
    }
  });
  const target = known ?? urls[0];
  const { unresolved: _u, ...rest } = spec;
  return { challenge, ...rest, expiresDateTime, localUrl: target ? localScepUrl(input.origin, tenantId, target) : null };
}
