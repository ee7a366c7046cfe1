import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isolateHtml } from '../text.ts';

/**
 * Sends `page` (a whole `<html>` tree) as an HTML document with the reply's current status;
 * right-to-left text people wrote is isolated (`isolateHtml`).
 */
export function sendPage(reply: FastifyReply, page: VNode<any>): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${isolateHtml(renderToString(page))}`);
}
