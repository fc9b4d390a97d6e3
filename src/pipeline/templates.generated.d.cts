// Types of templates.generated.cjs (written by `npm run schema`): template text sha256 → precompiled spec.
declare const templates: Record<string, object | undefined>;
export = templates;
