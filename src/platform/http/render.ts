import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Sends `page` (a whole `<html>` tree) as an HTML document with the reply's current status. */
export function sendPage(reply: FastifyReply, page: VNode<any>): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${renderToString(page)}`);
}
