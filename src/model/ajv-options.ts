/** The options every schema validator is compiled with: precompiled (npm run schema) or at run time. */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;
