// A.3: HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP — the template names NDES submits with (S1, S17, S28, S48;
// 002_823a4c777ce30773.txt's Purpose-to-registry table; 001_6feb1c2e8b30dee5.txt).
import { MSCEP_VALUES, PURPOSE_VALUE } from "../../../lab/lab-index";
import { MSCEP_DEFAULT_TEMPLATE } from "../../../lab/snapshot";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

const PURPOSE_LABEL = { signature: "Signature", encryption: "Encryption", signatureAndEncryption: "Signature and encryption" } as const;

export const NDES_MSCEP_KEY_MISSING = labRule(
  {
    code: "NDES_MSCEP_KEY_MISSING",
    severity: "error",
    title: "The MSCEP registry key doesn't exist (NDES installed but not configured)",
    why: "The AD CS Configuration wizard creates HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP; without it NDES has no templates to request.",
    fix: "finish AD CS Configuration wizard",
    symptom: '"Error: Registry key does not exist. This can occur if the NDES role has been installed but not configured."',
    sources: ["S28"],
  },
  (_lab, ix, report) => {
    for (const c of ix.ndesContexts)
      if (c.server && (!c.ndes.configured || !c.ndes.mscepRegistry.present))
        report([ref.ndes(c), ref.server(c.server)], `HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP does not exist on ${c.server.fqdn}${c.ndes.configured ? "" : "; the AD CS Configuration wizard has not been completed"}.`);
  },
);

export const NDES_TEMPLATE_REGISTRY_DEFAULT = labRule(
  {
    code: "NDES_TEMPLATE_REGISTRY_DEFAULT",
    severity: "error",
    title: "The MSCEP registry still names the default template",
    why: "A freshly configured NDES requests IPSECIntermediateOffline for every purpose; the SCEP template's name must be written into the registry values.",
    fix: "write the SCEP template **name**",
    symptom: '"Error: Registry has not been configured with the SCEP Certificate template name. Default values have _not_ been changed." → CA denies',
    sources: ["S1", "S28", "002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const r = c.ndes.mscepRegistry;
      if (r.present && MSCEP_VALUES.every((v) => r[v] === MSCEP_DEFAULT_TEMPLATE))
        report([ref.ndes(c)], `SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate on ${c.server.fqdn} all still hold ${q(MSCEP_DEFAULT_TEMPLATE)}.`);
    }
  },
);

export const NDES_TEMPLATE_REGISTRY_DISPLAY_NAME = labRule(
  {
    code: "NDES_TEMPLATE_REGISTRY_DISPLAY_NAME",
    severity: "error",
    title: "The MSCEP registry holds a template's display name",
    why: "NDES passes the registry value to the CA as the template name; the display name (often with spaces) is not a template the CA knows.",
    fix: 'use the template name ("not the display name of the template"), restart Intune Connector Service',
    symptom:
      'CA "0x80094800 … CERTSRV_E_UNSUPPORTED_CERT_TYPE"; Request Disposition "The request was for a certificate template that is not supported by the Active Directory Certificate Services Policy: <Template name in the client request>"; NDES Event 31',
    sources: ["S1", "S17", "S28", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      for (const v of MSCEP_VALUES) {
        const r = c.registry[v];
        if (r?.by === "displayName" && r.template)
          report(
            [ref.ndes(c), ref.template(r.template)],
            `${v} holds ${q(r.value)} — that is the template's display name; the template name is ${q(r.template.name)}.`,
          );
      }
  },
);

export const NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH = labRule(
  {
    code: "NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH",
    severity: "error",
    title: "The SCEP template is not under the registry value its Purpose maps to",
    why: "NDES picks the template by the key usage the device requests: Purpose Signature → SignatureTemplate (profile Digital Signature), Encryption → EncryptionTemplate (Key Encipherment), Signature and encryption → GeneralPurposeTemplate (both).",
    fix: "set the matching key (community practice: set all three to the same template — S48)",
    symptom:
      'request lands on the default/other template → 0x80094800 or wrong cert; script warnings "SignatureTemplate key does not match the SCEP certificate template name. Unless your template is explicitly set for the "Signature" purpose, this can safely be ignored." (same for Encryption/GeneralPurpose)',
    sources: ["S1", "S28", "S48", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      for (const t of c.scepTemplates) {
        const key = PURPOSE_VALUE[t.purpose];
        const held = c.registry[key];
        if (held?.template?.id !== t.id)
          report(
            [ref.ndes(c), ref.template(t)],
            `Template ${q(t.name)} has Purpose "${PURPOSE_LABEL[t.purpose]}", so NDES reads it from ${key}, which holds ${held ? q(held.value) : "nothing"}.`,
          );
      }
  },
);

export const NDES_HASH_SHA1 = labRule(
  {
    code: "NDES_HASH_SHA1",
    severity: "info",
    title: "NDES uses SHA1 for requests",
    why: "Without MSCEP\\HashAlgorithm NDES defaults to SHA1 (community hardening guidance).",
    fix: "set `HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\HashAlgorithm\\HashAlgorithm` = SHA256 (community)",
    symptom: "none",
    sources: ["S48"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const h = c.ndes.mscepRegistry.HashAlgorithm;
      if (c.ndes.mscepRegistry.present && (!h || h.toUpperCase() === "SHA1"))
        report([ref.ndes(c)], `MSCEP\\HashAlgorithm\\HashAlgorithm on ${c.server.fqdn} is ${h ? q(h) : "not set (SHA1)"}.`);
    }
  },
);
