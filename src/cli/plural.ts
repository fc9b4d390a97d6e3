/** Swedish counts: "1 fil", "2 filer". */

/** `n` with the singular or plural word. */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
