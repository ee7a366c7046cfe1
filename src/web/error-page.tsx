import type { FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from './layout.tsx';
import { viewOf } from './view.ts';

/** The error page: the status in words, the translated message, and a way back. */
export function renderErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  const view = viewOf(req, reply);
  const title = view.t(`status.${status}`, { defaultValue: String(status) });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{view.t('errors.go_home')}</a>
      </p>
    </Layout>
  );
}
