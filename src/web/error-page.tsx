import type { FastifyReply, FastifyRequest } from 'fastify';
import { isMember } from '../platform/access.ts';
import { Layout } from './layout.tsx';
import { viewOf } from './view.ts';

/**
 * The error page: the status in words, the translated message, and a way back. Someone a
 * community's insides are refused to (403, not an active member) is pointed to its page, which
 * says where they stand and how to join.
 */
export function renderErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  const view = viewOf(req, reply);
  const title = view.t(`status.${status}`, { defaultValue: String(status) });
  const { community } = view;
  const outsider = status === 403 && community !== undefined && !isMember(view.actor);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {outsider && (
        <p>
          <a href={`/c/${community.slug}`}>{view.t('errors.see_community', { community: community.name })}</a>
        </p>
      )}
      <p>
        <a href="/">{view.t('errors.go_home')}</a>
      </p>
    </Layout>
  );
}
