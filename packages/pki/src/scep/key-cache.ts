// Parsed keys and certificates kept per process, by their PEM text (issue 10, the SCEP bench): the RA keys and
// certificates of an NDES, the CA's and Intune's keys are the same on every request, and parsing a PEM private key
// (createPrivateKey) or a certificate (pkijs) costs as much as a good part of the request. The PEM is the key, so a
// renewed RA certificate or a rebuilt lab is simply a new entry; the caches are bounded (cleared when full).
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

function bounded<V>(max: number) {
  const m = new Map<string, V>();
  return (key: string, make: () => V): V => {
    let hit = m.get(key);
    if (hit === undefined) {
      if (m.size >= max) m.clear();
      m.set(key, (hit = make()));
    }
    return hit;
  };
}

const privateKeys = bounded<KeyObject>(128);
const publicKeys = bounded<KeyObject>(128);

/** createPrivateKey(pem), parsed once per PEM. */
export const privateKeyOf = (pem: string): KeyObject => privateKeys(pem, () => createPrivateKey(pem));

/** The public half of a PEM private key, derived once per PEM. */
export const publicKeyOfPrivate = (pem: string): KeyObject => publicKeys(pem, () => createPublicKey(privateKeyOf(pem)));

/** A per-process cache of anything parsed from a string (bounded). */
export function textCache<V>(max = 64): (text: string, make: () => V) => V {
  return bounded<V>(max);
}

const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

/**
 * A public key from its SubjectPublicKeyInfo. An RSA key is imported from the RSAPublicKey inside it (PKCS#1):
 * OpenSSL 3 finds the decoder for a PKCS#1 key at once but tries its decoders in turn for an SPKI (about 7 µs
 * against 150–230 µs here, once or twice per SCEP request). `parts`: the SPKI already parsed (algorithm OID and the
 * subjectPublicKey BIT STRING's bytes).
 */
export function publicKeyFromSpki(spkiDer: Uint8Array, parts?: { algorithm: string; subjectPublicKey: ArrayBuffer | Uint8Array }): KeyObject {
  if (parts?.algorithm === RSA_ENCRYPTION) {
    try {
      return createPublicKey({ key: Buffer.from(parts.subjectPublicKey instanceof Uint8Array ? parts.subjectPublicKey : new Uint8Array(parts.subjectPublicKey)), format: "der", type: "pkcs1" });
    } catch {
      // Not a well-formed RSAPublicKey: let OpenSSL read the SPKI (and say what is wrong with it).
    }
  }
  return createPublicKey({ key: Buffer.from(spkiDer), format: "der", type: "spki" });
}
