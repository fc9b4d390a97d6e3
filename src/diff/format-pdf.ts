/** placeholder */
export async function renderRedlinePdf(..._a: unknown[]): Promise<Uint8Array> { return new Uint8Array(); }
