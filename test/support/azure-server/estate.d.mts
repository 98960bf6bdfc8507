// Types of estate.mjs.
export const TENANT: string;
export const SUB_A: string;
export const SUB_DENIED: string;
export const WORKSPACE: string;
export const OFFICER: string;
export const APP: string;
export const LEGACY_ADMIN: string;
export function fixtureEstate(now?: number): unknown;
export function generatedEstate(opts?: { keys?: number; vaults?: number; now?: number }): unknown;
