// Microsoft Entra's password policy for cloud users: 8–256 characters and at least three of
// lower-case letters, upper-case letters, digits and symbols. The message is the one Graph returns.
export const PASSWORD_COMPLEXITY_MESSAGE =
  "The specified password does not comply with password complexity requirements. Please provide a different password.";

export function meetsPasswordComplexity(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}
