/** The conversation page: who takes part, the messages, a reply form, "ask a steward to look". */
import { ErrorSummary, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits } from '../schema.ts';
import type { ConversationView, InboxEntry } from '../service.ts';

/** One conversation, oldest message first, with the reply form at the end. */
export function ConversationPage({
  view,
  conversation,
  state,
}: {
  view: View;
  conversation: ConversationView;
  state: FormState;
}) {
  const { t } = view;
  const base = `/c/${view.community?.slug}/conversations/${conversation.id}`;
  const names = conversation.participants.map((p) => p.displayName).join(', ');
  const title = conversation.subject
    ? t('conversations.title_about', { title: conversation.subject.title })
    : t('conversations.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {conversation.subject && (
        <p>
          <a href={conversation.subject.path}>{t('conversations.back_to_subject')}</a>
        </p>
      )}
      <p>{t('conversations.between', { names })}</p>
      <p class="muted">{t('conversations.privacy')}</p>
      {conversation.stewardAskedAt && (
        <p class="notice">
          {t('conversations.steward_asked', { date: formatInstant(view, conversation.stewardAskedAt) })}
        </p>
      )}
      <h2>{t('conversations.messages')}</h2>
      {conversation.messages.length === 0 && <p class="muted">{t('conversations.no_messages')}</p>}
      {/* Updated in place when someone writes (web/client/live.ts), announced politely. */}
      <ol class="cards" id="messages" data-live="append" aria-live="polite">
        {conversation.messages.map((m) => (
          <li class="card" id={`m-${m.id}`}>
            <p>
              <strong>{m.authorName ?? t('conversations.someone')}</strong>{' '}
              <time class="muted" dateTime={m.createdAt}>
                {formatInstant(view, m.createdAt)}
              </time>
            </p>
            {m.body.split('\n').map((line) => (
              <p>{line}</p>
            ))}
          </li>
        ))}
      </ol>
      <h2 id="reply">{t('conversations.reply')}</h2>
      <Form view={view} action={base}>
        <ErrorSummary view={view} state={state} />
        <TextArea
          state={state}
          name="body"
          label={t('conversations.fields.body')}
          hint={t('conversations.hints.body', { limit: limits.body })}
          maxLength={limits.body}
          required
        />
        <button type="submit">{t('conversations.send')}</button>
      </Form>
      {conversation.mayAskSteward && (
        <Form view={view} action={`${base}/ask-steward`} class="actions">
          <p class="hint">{t('conversations.ask_steward_hint')}</p>
          <button type="submit" class="secondary">
            {t('conversations.ask_steward')}
          </button>
        </Form>
      )}
    </Layout>
  );
}

/** My conversations, the most recently active first. */
export function InboxPage({ view, entries }: { view: View; entries: InboxEntry[] }) {
  const { t } = view;
  const me = view.account?.id;
  return (
    <Layout view={view} title={t('conversations.inbox.title')}>
      <h1>{t('conversations.inbox.title')}</h1>
      {entries.length === 0 ? (
        <p class="notice">{t('conversations.inbox.empty')}</p>
      ) : (
        <ul class="cards">
          {entries.map((e) => (
            <li class="card">
              <h2>
                <a href={`/c/${view.community?.slug}/conversations/${e.id}`}>
                  {e.subject ? e.subject.title : t('conversations.title')}
                </a>
              </h2>
              <p>
                {t('conversations.with', {
                  names: e.participants
                    .filter((p) => p.accountId !== me)
                    .map((p) => p.displayName)
                    .join(', '),
                })}
              </p>
              <p class="muted">
                {e.unread > 0 && (
                  <strong class="badge">{t('conversations.inbox.unread', { count: e.unread })}</strong>
                )}{' '}
                {t('conversations.inbox.count', { count: e.messageCount })}
                {e.lastMessageAt && ` · ${formatInstant(view, e.lastMessageAt)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/**
 * Writing to a member, when the message from their profile was refused (empty, too long): the
 * form again with what was typed and why.
 */
export function WriteToMemberPage({
  view,
  accountId,
  state,
}: {
  view: View;
  accountId: string;
  state: FormState;
}) {
  const { t } = view;
  const base = `/c/${view.community?.slug}/members/${accountId}`;
  return (
    <Layout view={view} title={t('conversations.to_member.title')}>
      <h1>{t('conversations.to_member.title')}</h1>
      <p>
        <a href={base}>{t('conversations.to_member.back')}</a>
      </p>
      <Form view={view} action={`${base}/message`}>
        <ErrorSummary view={view} state={state} />
        <TextArea
          state={state}
          name="body"
          label={t('conversations.fields.body')}
          hint={t('conversations.hints.body', { limit: limits.body })}
          maxLength={limits.body}
          required
        />
        <button type="submit">{t('conversations.send')}</button>
      </Form>
    </Layout>
  );
}
