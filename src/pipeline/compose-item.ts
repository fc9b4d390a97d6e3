/** Model paths of composed items, as the revision diff names them (the redline finds items by them). */

/** The path of a party: by its organisation number (the diff matches parties by it), else by id. */
export function partyItem(orgnr: string, organisation: string): string {
  const digits = orgnr.replace(/\D/g, '');
  return `parties/${digits || organisation}`;
}
