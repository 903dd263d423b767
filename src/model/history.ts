/**
 * The fields that keep a notice current, as zod fragments for the notice schema
 * (src/model/schema.ts) and for data/owners.yaml:
 *
 *   owner: kent-childrens-social-care        # a team in data/owners.yaml
 *   changes:
 *     - date: 2026-11-29
 *       note: We now share information with the regional adoption agency.
 *       kind: major
 *
 * Part of the content model (src/model/schema.ts uses it); depends on zod only.
 */
import { z } from 'zod';

/** A whole day, YYYY-MM-DD: a change happens on a day, unlike lastUpdated, which may be a month. */
export const DAY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The same rule as the model's slugs: lower-case letters, digits and single hyphens. */
const TEAM_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const CHANGE_KINDS = ['major', 'minor'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ChangeEntry = z
  .object({
    date: z
      .string()
      .regex(DAY_PATTERN, { message: 'date' })
      .meta({ description: 'The day the change was published, as YYYY-MM-DD.', examples: ['2026-11-29'] }),
    note: z
      .string()
      .min(1)
      .meta({ description: 'What changed, in one or two plain sentences a reader understands, e.g. "We now keep records for 25 years, not 75."' }),
    kind: z
      .enum(CHANGE_KINDS)
      .meta({
        description:
          'major: a change that matters to the people the notice is about (what is collected, why, the lawful basis, who receives it, how long it is kept, their rights). It is listed on the page and in the feeds. minor: wording, spelling or layout; recorded but not listed publicly.',
      }),
  })
  .strict()
  .meta({ title: 'Change note', description: 'One published change to this notice.' });

export const Changes = z
  .array(ChangeEntry)
  .meta({ description: 'The changes made to this notice since it was first published, newest first or oldest first. The page shows the latest major one.' });

export const OwnerId = z
  .string()
  .regex(TEAM_ID_PATTERN, { message: 'slug' })
  .meta({ description: 'The team that keeps this notice current: an id from data/owners.yaml. Review reminders go to them.', examples: ['kent-childrens-social-care'] });

export const OwnerTeam = z
  .object({
    name: z.string().min(1).meta({ description: 'The team, as people in the organisation know it.' }),
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'email' })
      .meta({ description: "The team's shared email address (not a person's), so reminders survive staff changes." }),
    githubLabel: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'The GitHub label that routes review reminders to this team. Default: owner: <team id>.' }),
  })
  .strict()
  .meta({ title: 'Owner team', description: 'A team that owns notices and is reminded to review them.' });

export const OwnersFile = z
  .record(z.string().regex(TEAM_ID_PATTERN, { message: 'slug' }), OwnerTeam)
  .meta({ title: 'Owners', description: 'Teams that own notices, by id (data/owners.yaml).' });

export type ChangeEntryData = z.infer<typeof ChangeEntry>;
export type OwnerTeamData = z.infer<typeof OwnerTeam>;
export type OwnersFileData = z.infer<typeof OwnersFile>;

/** The GitHub label of a team: its own, or owner: <id>. */
export function ownerLabel(id: string, team: Pick<OwnerTeamData, 'githubLabel'> | undefined): string {
  return team?.githubLabel ?? `owner: ${id}`;
}
