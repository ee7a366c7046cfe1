/** The mark of who a page is shown to, for the copies kept on a device (client/offline.ts). */
import { createHash } from 'node:crypto';
import type { View } from './view.ts';

/**
 * An opaque mark of the signed-in account the page is rendered for (16 base64url characters of
 * the SHA-256 of its id), or '' for nobody. Equal marks mean the same account; the mark names no
 * one and is not a credential.
 */
export function viewerMark(view: Pick<View, 'account'>): string {
  const id = view.account?.id;
  return id ? createHash('sha256').update(`porch-viewer:${id}`).digest('base64url').slice(0, 16) : '';
}
