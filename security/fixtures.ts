// Shared by the security checks: the e2e helpers (users through the real CLI, sign-in) and a few
// HTTP helpers. Each check file names what it proves and against which finding of docs/security.md.
export { createUser, signIn, signInFresh, pageAs, expectAccessible, alertOf, NEW_PASSWORD } from "../e2e/fixtures";
export { test, expect } from "@playwright/test";
