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
