/** Days before a decision deadline from which `overens status` warns (kept apart so the CLI's help needs no more). */
export const WARN_DAYS = 30;
