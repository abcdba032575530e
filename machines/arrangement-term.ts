import { amsterdamMidnight } from './dutch-time';

/**
 * The Beheerarrangement runs ten years, from 1 January 2019 "t/m 2028" (DOMAIN.md, "Other dated
 * obligations"): it has run out at the start of 1 January 2029, Amsterdam time. No deadline that
 * belongs to the term may be moved past its end; a later term is a later arrangement's.
 */
export const ARRANGEMENT_TERM_END = amsterdamMidnight('2029-01-01');
