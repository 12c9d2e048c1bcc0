// Entra derives a security group's mailNickname from its name; Graph forbids spaces and @ ( ) \ [ ] " ; : < > ,.
export function mailNicknameFrom(name: string): string {
  const cleaned = name.replace(/[@()\\[\]";:<>,\s]/g, "").slice(0, 56);
  const suffix = Math.random().toString(36).slice(2, 6);
  return cleaned ? `${cleaned}-${suffix}` : `group-${suffix}`;
}
