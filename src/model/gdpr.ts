/**
 * The items UK GDPR Articles 13 and 14 require a privacy notice to contain (ICO "right to be
 * informed" checklist). A section lists the ids it covers in `covers`, so a completeness check can
 * say which required items a notice never mentions.
 */
export const GDPR_ITEMS = {
  controller: { label: 'Name and contact details of the organisation', when: 'always' },
  representative: { label: 'Name and contact details of its representative', when: 'if it has one' },
  dpo: { label: 'Contact details of the data protection officer', when: 'if it has one (public authorities must)' },
  purposes: { label: 'The purposes of the processing', when: 'always' },
  'lawful-basis': { label: 'The lawful basis for each purpose', when: 'always' },
  'legitimate-interests': { label: 'The legitimate interests relied on', when: 'if that is a basis' },
  categories: { label: 'The categories of personal data', when: 'Article 14 only' },
  recipients: { label: 'Recipients or categories of recipients', when: 'always' },
  transfers: { label: 'Transfers to third countries and their safeguards', when: 'if any' },
  retention: { label: 'Retention periods, or the criteria used to set them', when: 'always' },
  rights: { label: "The person's rights", when: 'always' },
  'withdraw-consent': { label: 'The right to withdraw consent at any time', when: 'if consent is a basis' },
  complain: { label: 'The right to complain to the ICO', when: 'always' },
  source: { label: 'Where the data comes from', when: 'Article 14 only' },
  'statutory-requirement': { label: 'Whether giving the data is a statutory or contractual requirement', when: 'Article 13 only' },
  'automated-decisions': { label: 'Automated decision-making and profiling', when: 'if any' },
} as const;

export type GdprItem = keyof typeof GDPR_ITEMS;
export const GDPR_ITEM_IDS = Object.keys(GDPR_ITEMS) as [GdprItem, ...GdprItem[]];

