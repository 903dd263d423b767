/**
 * Which UK GDPR items (src/model/gdpr.ts) a section seems to cover, from its heading and text.
 * One pure function, so the completeness report's evidence rules can replace it. A heading is
 * strong evidence; in the text only phrases that hardly mean anything else count.
 */
import type { GdprItem } from '../model/gdpr.js';

interface Evidence {
  heading: RegExp;
  text?: RegExp;
}

const EVIDENCE: Record<GdprItem, Evidence> = {
  controller: { heading: /\bwho we are\b|\babout us\b|\bdata controller\b/i, text: /\b(?:is|are|as) (?:the )?['‘]?(?:data )?controller\b/i },
  representative: { heading: /\brepresentative\b/i, text: /\bour representative in\b/i },
  dpo: { heading: /\bdata protection officer\b|\bdpo\b/i, text: /\bdata protection officer\b/i },
  purposes: { heading: /\bhow we use\b|\bwhy we (?:collect|use|need|process)\b|\bpurposes?\b|\bwhat we do with\b/i, text: /\bwe use (?:your|this|the) (?:personal )?(?:information|data) to\b/i },
  'lawful-basis': { heading: /\blawful basis\b|\blegal bas[ie]s\b|\breasons? we can\b|\bwhy we are allowed\b/i, text: /\blawful bas[ie]s\b|\blegal bas[ie]s\b|\barticle\s*\(?6\)?\s*\(1\)/i },
  'legitimate-interests': { heading: /\blegitimate interests?\b/i, text: /\blegitimate interests?\b/i },
  categories: { heading: /\bcategories of\b|\binformation (?:we collect|collected)\b|\bwhat (?:personal )?information\b|\binformation we (?:hold|process)\b/i, text: /\bcategories of personal (?:information|data)\b|\bwe collect the following\b/i },
  recipients: { heading: /\bshar(?:e|ing)\b|\brecipients?\b|\bwho (?:we give|sees)\b/i, text: /\bwe (?:routinely )?share (?:your |this )?(?:personal )?(?:information|data) with\b/i },
  transfers: { heading: /\btransfers?\b|\boutside the (?:uk|eea)\b|\boverseas\b|\binternational\b/i, text: /\boutside the (?:uk|united kingdom|eea|european economic area)\b|\bthird countr/i },
  retention: { heading: /\bhow long\b|\bretention\b|\bretain\b|\bkeep(?:ing)? (?:your )?(?:information|data)\b|\bstoring\b/i, text: /\bretention (?:period|schedule)s?\b|\bhow long we (?:keep|retain)\b/i },
  rights: { heading: /\byour rights\b|\brights\b|\baccess(?:ing)? (?:your )?(?:information|data)\b/i, text: /\bsubject access request\b|\bright of access\b|\bright to (?:rectification|erasure)\b/i },
  'withdraw-consent': { heading: /\bwithdraw\b/i, text: /\bwithdraw (?:your )?consent\b/i },
  complain: { heading: /\bcomplain(?:ts?)?\b|\bconcerns?\b/i, text: /\binformation commissioner(?:'|’)?s?\b|\bico\b/i },
  source: { heading: /\bwhere (?:we get|your information comes from)\b|\bsources?\b|\bcollecting\b/i, text: /\bfrom the following (?:other )?sources\b|\bwe (?:also )?obtain (?:personal )?information from\b/i },
  'statutory-requirement': { heading: /\bdo you have to\b|\bstatutory requirement\b/i, text: /\b(?:statutory|contractual) requirement\b|\brequired to meet our legal duties\b|\bwhere information is optional\b/i },
  'automated-decisions': { heading: /\bautomated\b|\bprofiling\b/i, text: /\bautomated decision|\bprofiling\b/i },
};

/** The items a section with this heading and text seems to cover, in the order of src/model/gdpr.ts. */
export function suggestCovers(section: { heading: string; text: string }): GdprItem[] {
  return (Object.keys(EVIDENCE) as GdprItem[]).filter((item) => {
    const evidence = EVIDENCE[item];
    return evidence.heading.test(section.heading) || (evidence.text?.test(section.text) ?? false);
  });
}
