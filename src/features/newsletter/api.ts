/**
 * The newsletter's JSON API under `/api/v1/communities/:community/`. Reading: the published issues
 * to members, the public ones to anyone, drafts to stewards (anything else is 404). Compiling,
 * editing and publishing: stewards (403 otherwise). A published issue refuses changes and a second
 * sending with 409 and a `code`; input that cannot be is 422 naming the field, and writes nothing.
 */
import type { App } from '../../platform/module.ts';
import {
  CommunityParams,
  EditionIn,
  EditionParams,
  NewsletterListOut,
  NewsletterOut,
  NewsletterParams,
  PublishIn,
  PublishOut,
} from './schema.ts';
import * as newsletter from './service.ts';

const tags = ['newsletter'];

/** Registers the newsletter API routes. */
export function newsletterApi(app: App): void {
  const root = '/api/v1/communities/:community/newsletters';

  app.get(
    root,
    {
      schema: {
        tags,
        summary: 'The newsletters',
        description:
          'The issues the caller may read, newest month first: stewards every one (drafts too), members the published ones, anyone else the public ones.',
        params: CommunityParams,
        response: { 200: NewsletterListOut },
      },
      config: { public: true },
    },
    async (req) => ({ newsletters: await newsletter.listIssues(req.ctx) }),
  );

  app.post(
    root,
    {
      schema: {
        tags,
        summary: 'Compile this month’s draft now',
        description:
          'Compiles the current month’s issue as the monthly job would, or returns it when it exists (one per month). Stewards only.',
        params: CommunityParams,
        response: { 200: NewsletterOut },
      },
    },
    async (req) => newsletter.compileNow(req.ctx),
  );

  app.get(
    `${root}/:newsletterId`,
    {
      schema: {
        tags,
        summary: 'One newsletter',
        description: 'With its editions (one per language). 404 when the caller may not read it.',
        params: NewsletterParams,
        response: { 200: NewsletterOut },
      },
      config: { public: true },
    },
    async (req) => newsletter.getIssue(req.ctx, req.params.newsletterId),
  );

  app.put(
    `${root}/:newsletterId/editions/:lang`,
    {
      schema: {
        tags,
        summary: 'Edit one language of a draft',
        description:
          'Its title, introduction, each section’s heading and text; sections listed in `remove` are removed. Stewards only; 409 `newsletter.already_published` once published.',
        params: EditionParams,
        body: EditionIn,
        response: { 200: NewsletterOut },
      },
    },
    async (req) =>
      newsletter.editEdition(req.ctx, req.params.newsletterId, req.params.lang, {
        title: req.body.title,
        intro: req.body.intro ?? '',
        sections: req.body.sections,
        remove: req.body.remove ?? [],
      }),
  );

  app.post(
    `${root}/:newsletterId/compile`,
    {
      schema: {
        tags,
        summary: 'Compile a draft again',
        description: 'From the data up to now; the edits are replaced. Stewards only; 409 once published.',
        params: NewsletterParams,
        response: { 200: NewsletterOut },
      },
    },
    async (req) => newsletter.recompile(req.ctx, req.params.newsletterId),
  );

  app.post(
    `${root}/:newsletterId/publish`,
    {
      schema: {
        tags,
        summary: 'Publish and send',
        description:
          'Publishes the draft (to anyone when `isPublic`) and sends it to every active member, in their language, through their notification preferences. Once: again is 409 `newsletter.already_sent`. Stewards only.',
        params: NewsletterParams,
        body: PublishIn,
        response: { 200: PublishOut },
      },
    },
    async (req) =>
      newsletter.publish(req.ctx, req.params.newsletterId, { isPublic: req.body.isPublic === true }),
  );
}
