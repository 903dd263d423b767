/** Contact references ("organisation/point") resolved against the loaded organisations: plain data in, plain data out. */
import type { ContactPoint, Organisation } from './notice.js';

/**
 * The contact point a reference such as "kent-county-council/information-resilience" names (no
 * point: the organisation's first; "dpo": its data protection officer), or undefined.
 */
export function findContactPoint(ref: string, organisations: ReadonlyMap<string, Organisation>): ContactPoint | undefined {
  const [orgId, pointId, extra] = ref.split('/');
  const organisation = organisations.get(orgId ?? '');
  if (!organisation || extra !== undefined) return undefined;
  const points = organisation.contacts ?? {};
  if (pointId === undefined) {
    const first = Object.keys(points)[0];
    return first ? { ...points[first]!, ref: `${orgId}/${first}`, organisation } : undefined;
  }
  if (pointId === 'dpo' && organisation.dataProtectionOfficer) return { ...organisation.dataProtectionOfficer, ref, organisation };
  const point = points[pointId];
  return point ? { ...point, ref, organisation } : undefined;
}
