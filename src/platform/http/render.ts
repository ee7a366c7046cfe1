import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isolateHtml } from '../text.ts';

/**
 * Sends `page` (a whole `<html>` tree) as an HTML document with the reply's current status;
 * right-to-left text people wrote is isolated (`isolateHtml`).
 */
export function sendPage(reply: FastifyReply, page: VNode<any>): FastifyReply {
  let html = renderToString(page);
  // A refused form's error summary, at the top, names each field by the label its field (further
  // down) noted as it rendered: a second rendering has them all. Only refused forms pay for it.
  if (html.includes('class="error-summary"')) html = renderToString(page);
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${isolateHtml(html)}`);
}
