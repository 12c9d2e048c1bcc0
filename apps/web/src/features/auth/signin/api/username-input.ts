// The sign-in name's schema (the API's own, packages/domain ZSignIn), in a module of its own: the sign-in page
// imports it when the name is first submitted, so zod and the domain's schemas are not part of the page's first
// load (issue 9: first-load JS ≤ 250 KB per portal).
import { ZSignIn } from "@certlab/domain/schemas/directory";

export const usernameInput = ZSignIn.shape.username;
