/** The CSP of every rendered page: nothing outside the document loads and no script runs. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
