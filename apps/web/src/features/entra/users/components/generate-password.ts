// A password Entra's policy accepts (upper, lower, digit, symbol; 16 characters), like "Auto-generate password".
export function generatePassword(length = 16): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!@#$%^&*-_+="];
  const all = sets.join("");
  const pick = (chars: string) => {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    return chars[(buf[0] ?? 0) % chars.length] ?? "x";
  };
  const chars = sets.map(pick);
  while (chars.length < length) chars.push(pick(all));
  // Shuffle so the character classes aren't always in the same places.
  for (let i = chars.length - 1; i > 0; i--) {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    const j = (buf[0] ?? 0) % (i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join("");
}
