/** placeholder */
export async function renderRedlineHtml(..._a: unknown[]): Promise<{ html: string }> { return { html: '' }; }
