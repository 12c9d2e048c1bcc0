// Portal helpers under /api for the Intune wizard (not Graph):
//   GET  /api/tenants/{tenantId}/snapshot          the TenantSnapshot the rules evaluate (the signed-in tenant only)
//   POST /api/intune/profile-drafts/evaluate       the findings a draft profile would trigger, before saving
// The draft is evaluated by packages/domain's evaluateDraft: the SAME Intune rules the Health page runs.
import { Router } from "express";
import { z } from "zod";
import {
  PROFILE_CREATE_SCHEMAS,
  TYPE_PROPERTIES,
  isTrustedRootType,
  newProfileSettings,
  normalizeProfileType,
  parseDeviceConfigurationRef,
  profilePatchSchema,
  ROOT_CERTIFICATE_BIND,
  type StoredProfile,
  type TProfileType,
} from "@certlab/domain/intune/profiles";
import { HASH_ALGORITHMS, KEY_USAGES, SUBJECT_ALTERNATIVE_NAME_TYPES, formatFlags, parseFlags, type FlagsEnum } from "@certlab/domain/intune/enums";
import { ZDeviceConfigurationAssignmentInput, normalizeTarget } from "@certlab/domain/intune/assignments";
import type { TrustedCertificateFacts } from "@certlab/domain/intune/snapshot";
import { evaluateDraft, type DraftProfile } from "@certlab/domain/intune/wizard";
import type { Finding } from "@certlab/domain/rules/types";
import { requirePermission } from "../../auth/middleware.ts";
import { requirePrincipal, requireStore } from "../../http/context.ts";
import { AppError, notFound, type ErrorDetail } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { tenantSnapshot } from "../../store/snapshot.ts";
import { readTrustedCertificate, pfxRefusal, TRUSTED_ROOT_FIELD } from "../../store/intune/certificate.ts";
import { certificateFactsOf, snapProfileOf } from "../../store/intune/rows.ts";

export const ZProfileDraftEvaluate = z.object({
  /** The Graph-shaped body the wizard would POST (or the PATCH it would send, with existingId). May be partial. */
  draft: z.record(z.string(), z.unknown()),
  /** The saved profile being edited; absent for a new profile. */
  existingId: z.string().optional(),
  /** The Assignments page as it stands (the `assignments` of the assign action); absent = keep the saved ones. */
  assignments: z.array(ZDeviceConfigurationAssignmentInput).optional(),
});

const FLAGS: Record<string, FlagsEnum> = { keyUsage: KEY_USAGES, hashAlgorithm: HASH_ALGORITHMS, subjectAlternativeNameType: SUBJECT_ALTERNATIVE_NAME_TYPES };

/** The save-time checks of the draft (what POST/PATCH would refuse), as field paths — the wizard shows them inline. */
function validationOf(odataType: TProfileType, draft: Record<string, unknown>, existing: StoredProfile | undefined): ErrorDetail[] {
  const schema = existing ? profilePatchSchema(odataType, existing.settings) : PROFILE_CREATE_SCHEMAS[odataType];
  const body = existing ? draft : { ...draft, "@odata.type": draft["@odata.type"] ?? `#${odataType}` };
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    code: "InvalidField",
    target:
      issue.code === "unrecognized_keys" && issue.path.length === 0
        ? issue.keys.join(",")
        : issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[") || "(body)",
    message: issue.code === "unrecognized_keys" ? issue.keys.map((k) => `Property '${k}' does not exist on this resource.`).join(" ") : issue.message,
  }));
}

/** The draft as the rules see a profile: read leniently (the admin is still typing). */
function draftProfile(
  odataType: TProfileType,
  draft: Record<string, unknown>,
  existing: StoredProfile | undefined,
): { profile: DraftProfile; certificate?: TrustedCertificateFacts; certificateProblem?: string } {
  const base = existing && existing.odataType === odataType ? snapProfileOf(existing) : undefined;
  const settings: Record<string, unknown> = base ? { ...base.settings } : newProfileSettings(odataType);
  for (const key of Object.keys(TYPE_PROPERTIES[odataType])) {
    if (!(key in draft)) continue;
    const value = draft[key];
    const flags = FLAGS[key];
    settings[key] = flags && typeof value === "string" && value.trim() !== "" ? formatFlags(flags, parseFlags(flags, value).members) || value : value;
  }
  const bind = draft[ROOT_CERTIFICATE_BIND];
  const rootCertificateId = typeof bind === "string" ? (parseDeviceConfigurationRef(bind) ?? null) : (base?.rootCertificateId ?? null);

  let certificate: TrustedCertificateFacts | undefined = existing ? certificateFactsOf(existing) : undefined;
  let certificateProblem: string | undefined;
  const upload = draft[TRUSTED_ROOT_FIELD];
  if (isTrustedRootType(odataType) && typeof upload === "string" && upload.trim() !== "") {
    const reading = readTrustedCertificate(upload);
    if (reading.kind === "certificate") certificate = reading.facts;
    else if (reading.kind === "privateKey") {
      // Only TRUST_PFX_UPLOADED should speak: the certificate inside a PFX can't be read without its password,
      // so the other certificate checks are given nothing to complain about.
      certificate = { thumbprint: "", subject: "", issuer: "", notBefore: "", notAfter: "", isCa: true, hasPrivateKey: true };
      certificateProblem = pfxRefusal(reading.what);
    } else {
      certificate = undefined;
      certificateProblem = reading.message;
    }
  }
  const displayName = typeof draft.displayName === "string" && draft.displayName.trim() !== "" ? draft.displayName : (existing?.displayName ?? "(new profile)");
  return {
    profile: { ...(existing ? { id: existing.id } : {}), odataType, displayName, settings, rootCertificateId, ...(certificate ? { certificate } : {}) },
    ...(certificate && !certificate.hasPrivateKey ? { certificate } : {}),
    ...(certificateProblem ? { certificateProblem } : {}),
  };
}

const summaryOf = (findings: Finding[]) => {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity] += 1;
  return summary;
};

export function intunePortalRouter(): Router {
  const r = Router();

  r.get("/tenants/:tenantId/snapshot", async (req, res) => {
    const p = requirePrincipal(req);
    // Tenant isolation: another directory's snapshot answers 404, as its findings do.
    if (req.params.tenantId!.toLowerCase() !== p.tenantId) throw notFound(req.params.tenantId!);
    res.json(await tenantSnapshot(requireStore(req).db, p.tenantId));
  });

  r.post("/intune/profile-drafts/evaluate", async (req, res) => {
    requirePermission(req, "intune.read");
    const body = parseBody(ZProfileDraftEvaluate, req.body);
    const store = requireStore(req);
    const existing = body.existingId ? await store.intune.getProfile(body.existingId) : undefined;
    const raw = body.draft["@odata.type"];
    const odataType = typeof raw === "string" ? normalizeProfileType(raw) : existing?.odataType;
    if (!odataType) {
      const message = raw === undefined ? "is required: choose a platform and a profile type." : `'${String(raw)}' is not a certificate profile type Certlab serves.`;
      throw new AppError("badRequest", `Invalid request body. draft.@odata.type: ${message}`, { details: [{ code: "InvalidField", target: "draft.@odata.type", message }] });
    }
    if (existing && existing.odataType !== odataType) {
      const message = `@odata.type can't be changed: this profile is #${existing.odataType}`;
      throw new AppError("badRequest", `Invalid request body. draft.@odata.type: ${message}`, { details: [{ code: "InvalidField", target: "draft.@odata.type", message }] });
    }
    const { profile, certificate, certificateProblem } = draftProfile(odataType, body.draft, existing);
    if (body.assignments) profile.assignments = body.assignments.map((a) => normalizeTarget(a.target));
    const snapshot = await tenantSnapshot(store.db, store.tenantId);
    const findings = evaluateDraft(snapshot, profile);
    const validation = validationOf(odataType, body.draft, existing);
    if (certificateProblem && !validation.some((d) => d.target === TRUSTED_ROOT_FIELD)) {
      validation.push({ code: "InvalidField", target: TRUSTED_ROOT_FIELD, message: certificateProblem });
    }
    res.json({
      value: findings,
      summary: summaryOf(findings),
      validation,
      ...(certificate ? { certificate } : {}),
    });
  });

  return r;
}
