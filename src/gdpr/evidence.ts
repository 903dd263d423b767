/**
 * Evidence heuristics: does a section's text back up the item its `covers` tag claims? One rule
 * per item, so a tag cannot claim what the text does not say. They read plain text (heading and
 * body, contact blocks as their lines) and look for the words or details each item needs; they
 * are deliberately simple, and each has tests with real and invented text.
 *
 * `suggestCovers` works the other way: for a section without the tag, it names the items the
 * section plainly covers, from its heading and the same evidence.
 */
import { RIGHTS, type CoverTag, type ItemId, type Right } from './ids.js';
import type { LawfulBasis } from './ids.js';
import { escapeRegExp } from '../text/regexp.js';

export interface Evidence {
  evidence: boolean;
  /** What was found, or what is missing and how to put it right. */
  reason: string;
}

export interface EvidenceContext {
  /** The organisation's name and short name, as a reader would see them. */
  organisationNames: readonly string[];
  /** data/organisations.yaml gives the organisation a data protection officer. */
  hasDpo: boolean;
}

export type EvidenceRule = (text: string, context: EvidenceContext) => Evidence;

const found = (reason: string): Evidence => ({ evidence: true, reason });
const lacking = (reason: string): Evidence => ({ evidence: false, reason });

// --- Details a reader can act on ------------------------------------------------------------------

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// UK numbers as notices write them: 03000 414141, 0303 123 1113, 03031 231113, +44 20 7946 0000.
const PHONE = /(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b/;
const WEB = /\bhttps?:\/\/\S+|\bwww\.[\w-]+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.uk|org\.uk|co\.uk|nhs\.uk|ac\.uk|uk|org|com|net)\b/i;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;

function withoutEmails(text: string): string {
  return text.replace(EMAIL, ' ');
}

/** The ways of getting in touch a text gives: email, phone, web address, postal address. */
function contactDetails(text: string): string[] {
  const details: string[] = [];
  if (new RegExp(EMAIL.source).test(text)) details.push('an email address');
  if (PHONE.test(text)) details.push('a phone number');
  if (WEB.test(withoutEmails(text))) details.push('a web address');
  if (POSTCODE.test(text)) details.push('a postal address');
  return details;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[0].trim();
  }
  return undefined;
}

/** Quoted words from the notice, cut short at a word so a message stays one line. */
function quote(words: string, max = 70): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return `"${flat}"`;
  const cut = flat.slice(0, max).replace(/\s+\S*$/, '');
  return `"${cut} …"`;
}

// --- Lawful bases -----------------------------------------------------------------------------------

const BASIS_PATTERNS: Record<LawfulBasis, RegExp> = {
  consent: /\barticle\s*\(?6\)?\s*\(1\)\s*\(a\)|\bconsent\s*[:–-]|\b(?:with|on|rely on|based on) (?:your )?consent\b/i,
  contract: /\barticle\s*\(?6\)?\s*\(1\)\s*\(b\)|\bcontract\s*[:–-]|\b(?:performance of|necessary for) a contract\b/i,
  'legal-obligation': /\barticle\s*\(?6\)?\s*\(1\)\s*\(c\)|\blegal obligations?\b/i,
  'vital-interests': /\barticle\s*\(?6\)?\s*\(1\)\s*\(d\)|\bvital interests?\b/i,
  'public-task': /\barticle\s*\(?6\)?\s*\(1\)\s*\(e\)|\bpublic task\b|\btask (?:carried out )?in the public interest\b|\bofficial (?:authority|functions)\b/i,
  'legitimate-interests': /\barticle\s*\(?6\)?\s*\(1\)\s*\(f\)|\blegitimate interests?\b/i,
};

/** The Article 6 bases a text names ("Article (6)(1)(c)", "legal obligation", "public task", …). */
export function lawfulBasesNamed(text: string): LawfulBasis[] {
  return (Object.keys(BASIS_PATTERNS) as LawfulBasis[]).filter((basis) => BASIS_PATTERNS[basis].test(text));
}

const ARTICLE_6 = /\barticle\s*\(?6\)?(?:\s*\(1\))?/i;
const STATUTE = /\b(?:[A-Z][\w’'()]*\s+){1,8}(?:Act|Regulations|Order),?\s+(?:19|20)\d\d\b/;
const BASIS_WORDS = /\b(?:legal obligations?|public task|public interests?|official (?:authority|functions)|consent|contract|vital interests?|legitimate interests?)\b/i;

// --- One rule per item ------------------------------------------------------------------------------

const controller: EvidenceRule = (text, { organisationNames }) => {
  const name = organisationNames.find((candidate) => candidate && new RegExp(`\\b${escapeRegExp(candidate)}\\b`, 'i').test(text));
  const details = contactDetails(text);
  if (!name) return lacking(`does not name the organisation (${organisationNames[0] ?? 'its name'}): say who is responsible for the information.`);
  if (!details.length) return lacking(`names ${name} but gives no way to contact it: add an email address, phone number or postal address (a contact block).`);
  return found(`names ${name} and gives ${details.join(', ')}.`);
};

const representative: EvidenceRule = (text) => {
  if (!/\brepresentative\b/i.test(text)) return lacking('does not mention a representative.');
  const details = contactDetails(text);
  return details.length ? found(`names a representative and gives ${details.join(', ')}.`) : lacking("mentions a representative but gives no way to contact them: add their details.");
};

const DPO = /\b(?:data protection officer|DPO)\b/i;
const dpo: EvidenceRule = (text, { hasDpo }) => {
  if (!DPO.test(text)) return lacking('does not mention the data protection officer.');
  const details = contactDetails(text);
  if (details.length) return found(`gives the data protection officer's contact: ${details.join(', ')}.`);
  return lacking(
    hasDpo
      ? 'names the data protection officer but gives no way to contact them: add a contact block for organisation/dpo, or their email or address.'
      : "names the data protection officer but gives no way to contact them, and data/organisations.yaml has none: add the organisation's dataProtectionOfficer and a contact block for it.",
  );
};

const PURPOSE = [
  /\bpurposes?\b[^.]*/i,
  /\b(?:we|to) use (?:your|this|the|their|personal)\b[^.:]*/i,
  /\bused? (?:it |this )?(?:to|for) \w+/i,
  /\bin order to \w+/i,
  /\bso that we can \w+/i,
  /\bthe aim\b[^.:]*/i,
];
const purposes: EvidenceRule = (text) => {
  const match = firstMatch(text, PURPOSE);
  return match ? found(`says what the information is used for: ${quote(match)}.`) : lacking('does not say what the information is used for: list the purposes ("We use your information to: …").');
};

const lawfulBasis: EvidenceRule = (text) => {
  const article = ARTICLE_6.exec(text);
  if (article) return found(`names ${quote(article[0])}.`);
  const basis = BASIS_WORDS.exec(text);
  if (basis) return found(`names the basis ${quote(basis[0])}.`);
  const statute = STATUTE.exec(text);
  if (statute) return found(`names the law ${quote(statute[0])}.`);
  return lacking('names no lawful basis: give the Article 6 basis for each purpose (for example "public task" or "legal obligation") or the law that requires it.');
};

const legitimateInterests: EvidenceRule = (text) => {
  for (const sentence of sentences(text)) {
    const match = /\blegitimate interests?\b(.*)$/i.exec(sentence);
    if (!match) continue;
    const rest = match[1]!.replace(/^\s*(?:as (?:a|our|the) (?:lawful |legal )?basis\b.*)$/i, '');
    if (rest.split(/\s+/).filter((word) => /\w/.test(word)).length >= 4) return found(`says which interests: ${quote(sentence)}.`);
  }
  return /\blegitimate interests?\b/i.test(text)
    ? lacking('names legitimate interests but not which ones: say what the interests are (for example "to prevent fraud").')
    : lacking('does not mention legitimate interests.');
};

const CATEGORY = /\b(?:categor(?:y|ies) of (?:personal )?(?:information|data)|personal (?:information|details|data) \(?(?:such as|including)|names?|(?:postal )?address(?:es)?|dates? of birth|contact details|gender|sex|ethnicity|disability|health|characteristics|special category|identifiers?|NHS numbers?|details of)\b/i;
const categories: EvidenceRule = (text) => {
  const match = CATEGORY.exec(text);
  return match ? found(`names kinds of information, such as ${quote(match[0])}.`) : lacking('does not say what kinds of personal information are used: list them (name, address, health, …).');
};

const RECIPIENT = /\b(?:shar(?:e|es|ed|ing)\b|recipients?\b|disclos(?:e|ed|ure)\b|pass(?:ed)? on\b|pass (?:some |this |your |the )?(?:of )?(?:this )?(?:information|data)\b|provided (?:to|with)\b)/i;
const recipients: EvidenceRule = (text) => {
  const match = RECIPIENT.exec(text);
  return match ? found(`says who the information goes to (${quote(match[0])}).`) : lacking('does not say who receives the information: name the organisations, or kinds of organisation, you share it with.');
};

const TRANSFER = /\b(?:transfer\w*|outside (?:of )?(?:the )?(?:UK|United Kingdom|EEA|European Economic Area)|abroad|overseas|third countr\w*|international organisations?|other countries)\b/i;
const NONE_TRANSFER = /\b(?:no|not|never|none|do not|don't|does not|will not|won't)\b[^.]*\b(?:transfer\w*|outside|abroad|overseas|other countries|third countr\w*)/i;
const SAFEGUARD = /\b(?:adequacy|standard contractual clauses|international data transfer (?:agreement|addendum)|IDTA|binding corporate rules|safeguards?)\b/i;
const transfers: EvidenceRule = (text) => {
  if (!TRANSFER.test(text)) return lacking('does not mention transfers abroad.');
  const none = NONE_TRANSFER.exec(text);
  if (none) return found(`says there are none: ${quote(none[0])}.`);
  const safeguard = SAFEGUARD.exec(text);
  if (safeguard) return found(`names the safeguard ${quote(safeguard[0])}.`);
  return lacking('mentions transfers but neither says there are none nor names their safeguards (adequacy regulations, standard contractual clauses, …).');
};

const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-five|thirty|forty|fifty|seventy-five|hundred';
const PERIOD = new RegExp(`(?:\\b\\d+|\\b(?:${NUMBER_WORD}))\\s*(?:years?|months?|weeks?|days?)\\b`, 'i');
const UNTIL_AGE = /\buntil\b[^.]*?\b(?:age|aged|turns?|reach(?:es)?)\b[^.]*?\d+|\bage of \d+/i;
const CRITERIA = /\bcriteria\b|\bretention (?:schedules?|polic(?:y|ies))\b/i;
const VAGUE = /\b(?:as long as (?:is |it is )?(?:necessary|needed|required)|no longer than (?:is )?(?:necessary|needed|required))\b/i;
const retention: EvidenceRule = (text) => {
  // The first period the text gives, as a reader meets it.
  const period = [PERIOD.exec(text), UNTIL_AGE.exec(text)].filter((match) => match !== null).sort((a, b) => a.index - b.index)[0];
  if (period) return found(`gives a period: ${quote(period[0])}.`);
  const criteria = CRITERIA.exec(text);
  if (criteria) return found(`refers to ${quote(criteria[0])}.`);
  const vague = VAGUE.exec(text);
  if (vague) return lacking(`says only ${quote(vague[0])}: give the period (for example "until the child is 25") or the criteria that set it, or refer to the retention schedule.`);
  return lacking('gives no retention period or criteria: say how long the information is kept, or how that is decided.');
};

const RIGHT_PATTERNS: Record<Right, RegExp> = {
  access: /\bright of access\b|\bsubject access\b|\baccess (?:to )?(?:your|the|their) (?:personal )?(?:information|data)\b|\b(?:ask|request) (?:to see|for a copy|access)\b|\bsee (?:a copy of )?(?:the |what )?(?:personal )?(?:information|data)\b|\bsee a copy\b|\bcopy of (?:the |your )?(?:personal )?(?:information|data)\b/i,
  rectification: /\brectif\w*|\bcorrect(?:ed|ion|ing)?\b|\binaccura\w*|\bput right\b|\bamend\w*/i,
  erasure: /\berasure\b|\beras(?:e|ed)\b|\bdelet(?:e|ed|ion)\b|\bright to be forgotten\b|\bremov(?:e|al of) (?:your )?(?:personal )?(?:information|data)\b/i,
  restriction: /\brestrict\w*|\blimit (?:how|the way|the use)\b|\bstop us using\b|\bsuspend\w*/i,
  objection: /\bobject(?:ion)?\b/i,
  portability: /\bportab\w*|\btransferred electronically\b|\b(?:move|copy|transfer)\w*\b[^.]*\b(?:another organisation|another service|to yourself)\b|\bmachine[- ]readable\b/i,
};

const RIGHT_NAMES: Record<Right, string> = {
  access: 'the right of access (to see your information)',
  rectification: 'the right to have it corrected',
  erasure: 'the right to have it deleted',
  restriction: 'the right to restrict its use',
  objection: 'the right to object',
  portability: 'the right to data portability (to move it)',
};

function rightRule(right: Right): EvidenceRule {
  return (text) => {
    const match = RIGHT_PATTERNS[right].exec(text);
    return match ? found(`names ${RIGHT_NAMES[right]}: ${quote(match[0])}.`) : lacking(`does not name ${RIGHT_NAMES[right]}: say it in words.`);
  };
}

const WITHDRAW = /\bwithdraw\w*\b[^.]{0,40}\bconsent\b|\bconsent\b[^.]{0,40}\bwithdraw\w*|\bchange your mind\b|\btake back your (?:consent|agreement)\b/i;
const withdrawConsent: EvidenceRule = (text) => {
  const match = WITHDRAW.exec(text);
  return match ? found(`says consent can be withdrawn: ${quote(match[0])}.`) : lacking('does not say that consent can be withdrawn at any time, or how.');
};

const ICO = /\b(?:Information Commissioner(?:['’]?s)?(?: Office)?|ICO)\b/;
const ICO_LOOSE = /\binformation commissioner|\bICO\b/i;
const complain: EvidenceRule = (text) => {
  const ico = ICO.exec(text) ?? ICO_LOOSE.exec(text);
  if (!ico) return lacking('does not name the Information Commissioner (ICO).');
  const route = [PHONE.exec(text)?.[0], WEB.exec(withoutEmails(text))?.[0], POSTCODE.exec(text)?.[0]].find(Boolean);
  if (route) return found(`names the ${ico[0].trim()} and gives a route: ${quote(route)}.`);
  return lacking(
    `names the ${ico[0].trim()} but gives no way to reach them: add their phone number, web address or postal address (a contact block for information-commissioners-office/helpline).`,
  );
};

const COMPLAINT_WORD = /\b(?:complain\w*|unhappy|dissatisfied|raise a concern|concerns?)\b/i;
const OWN_ROUTE = /\bform\b|\bwrite to\b|\bin writing\b/i;
const complainToUs: EvidenceRule = (text) => {
  const own = sentences(text).filter((sentence) => !ICO_LOOSE.test(sentence));
  const complaint = own.find((sentence) => COMPLAINT_WORD.test(sentence));
  if (!complaint) return lacking('does not say how to complain to the organisation itself (only to the Information Commissioner, if at all).');
  const route = own.map((sentence) => contactDetails(sentence)[0] ?? (OWN_ROUTE.test(sentence) ? 'a form or letter' : undefined)).find(Boolean);
  if (route) return found(`says how to complain to the organisation: ${quote(complaint)} (${route}).`);
  return lacking('says people can complain to the organisation but not how: give the complaints form, email address or phone number.');
};

const SOURCE = [
  /\bfrom (?:the following )?(?:other )?sources?\b/i,
  /\bsources? (?:of|such as|including)\b/i,
  /\brange of sources\b/i,
  /\b(?:obtain|receive|get|collect|given|provided|shared|supplied|passed)\w*\b[^.:]*\bfrom\b[^.:]*/i,
  /\bpublicly (?:available|accessible)\b|\bpublic sources?\b/i,
];
const source: EvidenceRule = (text) => {
  const match = firstMatch(text, SOURCE);
  return match ? found(`says where the information comes from: ${quote(match)}.`) : lacking('does not say where the information comes from: name the organisations or kinds of source.');
};

const REQUIREMENT = /\b(?:statutory (?:requirement|obligation|duty|duties)|legal (?:duty|duties|requirement|obligation)s?|required (?:by law|to meet|under)|contractual requirement|you (?:must|have to|need to) (?:give|provide|tell)|(?:is|are) (?:optional|voluntary)|if you (?:do not|don't|choose not to) (?:give|provide|share|tell)|consequences?)\b/i;
const statutoryRequirement: EvidenceRule = (text) => {
  const match = REQUIREMENT.exec(text);
  return match
    ? found(`says whether giving the information is required: ${quote(match[0])}.`)
    : lacking('does not say whether people must give the information (by law or contract), or what happens if they do not.');
};

const AUTOMATED = /\b(?:automated|automatic\w*|profiling|without (?:any )?human)\b/i;
const NONE_AUTOMATED = /\b(?:no|not|never|none|do not|don't|does not|will not|won't)\b[^.]*\b(?:automated|automatic\w*|profiling)/i;
const LOGIC = /\b(?:logic|how (?:the |this |a )?(?:decision|it) (?:is )?(?:made|works)|consequences?|significance|effects? on you|human review|ask for a person)\b/i;
const automatedDecisions: EvidenceRule = (text) => {
  if (!AUTOMATED.test(text)) return lacking('does not mention automated decision-making or profiling.');
  const none = NONE_AUTOMATED.exec(text);
  if (none) return found(`says there is none: ${quote(none[0])}.`);
  const logic = LOGIC.exec(text);
  if (logic) return found(`explains the decision-making (${quote(logic[0])}).`);
  return lacking('mentions automated decisions but neither says there are none nor explains the logic and its effects on people.');
};

/** The rule for each item the report assesses. */
export const EVIDENCE: Record<ItemId, EvidenceRule> = {
  controller,
  representative,
  dpo,
  purposes,
  'lawful-basis': lawfulBasis,
  'legitimate-interests': legitimateInterests,
  categories,
  recipients,
  transfers,
  retention,
  'rights.access': rightRule('access'),
  'rights.rectification': rightRule('rectification'),
  'rights.erasure': rightRule('erasure'),
  'rights.restriction': rightRule('restriction'),
  'rights.objection': rightRule('objection'),
  'rights.portability': rightRule('portability'),
  'withdraw-consent': withdrawConsent,
  complain,
  'complain-to-us': complainToUs,
  source,
  'statutory-requirement': statutoryRequirement,
  'automated-decisions': automatedDecisions,
};

export function evidenceFor(item: ItemId, text: string, context: EvidenceContext): Evidence {
  return EVIDENCE[item](text, context);
}

// --- Suggestions for untagged sections ------------------------------------------------------------

/** Headings that announce an item. A suggestion also needs the item's evidence in the text. */
const HEADING_SIGNALS: Partial<Record<CoverTag, RegExp>> = {
  controller: /\b(?:who we are|about us|controller)\b/i,
  dpo: /\b(?:data protection officer|DPO)\b/i,
  purposes: /\b(?:how we use|why we (?:collect|use|need|process)|purposes?|what we use)\b/i,
  'lawful-basis': /\b(?:lawful bas[ie]s|legal bas[ie]s|reasons? we can|our legal)\b/i,
  'legitimate-interests': /\blegitimate interests?\b/i,
  categories: /\b(?:information (?:that )?we (?:collect|hold|process|keep)|categories|what information|information collected|types of (?:personal )?(?:information|data))\b/i,
  recipients: /\b(?:who we share|sharing|share (?:your|this|the)|recipients)\b/i,
  transfers: /\b(?:transfers?|abroad|overseas|outside the UK)\b/i,
  retention: /\b(?:how long|retention|retain|storing)\b/i,
  rights: /\brights\b/i,
  'withdraw-consent': /\bwithdraw/i,
  complain: /\b(?:complain\w*|raise a concern|information commissioner)\b/i,
  'complain-to-us': /\b(?:complain\w*|unhappy|concerns?)\b/i,
  source: /\b(?:where we get|sources?|collecting this information|obtain\w*)\b/i,
  'statutory-requirement': /\b(?:do you have to|required|collecting this information|what happens if)\b/i,
  'automated-decisions': /\b(?:automated|profiling)\b/i,
};

/** Items whose evidence is specific enough to suggest the tag whatever the heading says. */
const BODY_ALONE: readonly ItemId[] = ['complain', 'complain-to-us', 'withdraw-consent', 'transfers', 'automated-decisions', 'dpo'];

const anyRight: EvidenceRule = (text, context) => {
  const named = RIGHTS.filter((right) => EVIDENCE[`rights.${right}`](text, context).evidence);
  return named.length ? found(`names ${named.join(', ')}.`) : lacking('names no right.');
};

function ruleForTag(tag: CoverTag): EvidenceRule {
  return tag === 'rights' ? anyRight : EVIDENCE[tag];
}

/**
 * The tags a section without them plainly deserves: its heading announces the item and its text
 * carries the evidence, or (for a few distinctive items) the text alone is unmistakable.
 */
export function suggestCovers(section: { heading: string; text: string }, context: EvidenceContext): CoverTag[] {
  const tags = Object.keys(HEADING_SIGNALS) as CoverTag[];
  return tags.filter((tag) => {
    const announced = HEADING_SIGNALS[tag]!.test(section.heading) || (BODY_ALONE as readonly string[]).includes(tag);
    return announced && ruleForTag(tag)(section.text, context).evidence;
  });
}
