/**
 * List label styles: how the items of a list are labelled in print. The same vocabulary serves lists
 * in section text (recognised by src/pipeline/labelled-lists.ts) and lists laid out from YAML (the
 * `lista=` attribute of ::mal and ::ataganden). `A)`, `a)`, `1)` and `»` are kept as the original
 * sets them; `punkter` and `nummer` are the ordinary bullets and "1.".
 */

/** Every label style by the name an author writes. */
export const LIST_STYLES = ['punkter', 'nummer', '1)', 'A)', 'a)', '»'] as const;

export type ListStyle = (typeof LIST_STYLES)[number];

/** How a list of one style is written in HTML: the element, its class, and `type` for letters. */
export interface ListStyleView {
  tag: 'ul' | 'ol';
  className: string;
  type?: 'A' | 'a';
}

const VIEWS: Record<ListStyle, ListStyleView> = {
  punkter: { tag: 'ul', className: 'label-bullet' },
  nummer: { tag: 'ol', className: 'label-decimal' },
  '1)': { tag: 'ol', className: 'label-decimal-paren' },
  'A)': { tag: 'ol', className: 'label-upper-paren', type: 'A' },
  'a)': { tag: 'ol', className: 'label-lower-paren', type: 'a' },
  '»': { tag: 'ul', className: 'label-guillemet' },
};

/** True when `value` names a label style. */
export function isListStyle(value: string | undefined): value is ListStyle {
  return value !== undefined && (LIST_STYLES as readonly string[]).includes(value);
}

/** The HTML of a label style. */
export function listStyleView(style: ListStyle): ListStyleView {
  return VIEWS[style];
}
