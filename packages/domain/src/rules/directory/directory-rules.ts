// The rules that need only the directory: licences, roles and accounts.
import type { Rule } from "../types";
import { APPX_LICENSE_MISSING } from "./appx-license-missing";
import { APPX_NO_APP_ADMIN } from "./appx-no-app-admin";
import { CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT } from "./conn-no-eligible-signin-account";
import { DIR_ADMIN_ACCOUNT_DISABLED } from "./dir-admin-account-disabled";

export const DIRECTORY_RULES: readonly Rule[] = [
  APPX_LICENSE_MISSING,
  CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT,
  APPX_NO_APP_ADMIN,
  DIR_ADMIN_ACCOUNT_DISABLED,
];
