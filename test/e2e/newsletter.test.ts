/**
 * The newsletter in a real browser: Rosa, the steward (in Spanish), opens this month's draft,
 * compiles it again, edits its Spanish version, looks at the printable sheet and publishes it;
 * Lucía reads it on a phone without JavaScript. Every page is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, eventually, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

let browser: Browser;
let server: Server;
let auditor: Auditor;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await loadMapleStreet(server);
  auditor = new Auditor(browser);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await auditor?.close();
  await browser?.close();
  await server?.close();
});

describe('the monthly newsletter', () => {
  test('a steward edits this month’s draft, prints its sheet and sends it; a member reads it without JavaScript', async () => {
    const rosa = await browserFor(auditor, contexts, { js: true });
    // The monthly job compiles this month's draft as the server starts.
    await eventually('this month’s draft', async () => {
      const n = await server.app.services.db
        .selectFrom('newsletter')
        .select('id')
        .where('publishedAt', 'is', null)
        .executeTakeFirst();
      return n?.id;
    });
    await signIn(server, auditor, rosa, email.rosa, `${home}/newsletters`, { shown: false });
    await h1(rosa, 'Boletín');
    await auditor.check(rosa);
    await rosa.getByRole('main').getByRole('listitem').first().getByRole('link').click();
    await rosa.getByText('Esto es un borrador').waitFor();
    await auditor.check(rosa);
    await rosa.getByRole('button', { name: 'Preparar de nuevo' }).click();
    await rosa.getByText('El borrador está preparado').waitFor();
    await auditor.check(rosa);
    const draft = new URL(rosa.url()).pathname;

    await rosa.getByRole('link', { name: /Editar la versión en Español/ }).click();
    await h1(rosa, /^Editar el boletín de/);
    await auditor.check(rosa);
    await rosa.locator('#f-title').fill('Noticias de Maple Street');
    await rosa.locator('#f-intro').fill('¡Hola! Esto es lo que pasó en la calle.');
    await rosa.getByRole('button', { name: 'Guardar' }).click();
    await rosa.getByText('Tus cambios están guardados.').waitFor();
    await h1(rosa, 'Noticias de Maple Street');
    await auditor.check(rosa);

    await rosa.getByRole('link', { name: 'Hoja para imprimir' }).click();
    await h1(rosa, 'Noticias de Maple Street');
    await auditor.check(rosa);
    expect(await rosa.locator('.newsletter-sheet').count()).toBe(1);

    await rosa.goto(`${server.url}${draft}`);
    await auditor.check(rosa);
    await rosa.getByRole('button', { name: 'Publicar y enviar' }).click();
    await rosa.getByText(/^Publicado y enviado a/).waitFor();
    await auditor.check(rosa);

    // Lucía reads it on a phone, without JavaScript.
    const lucia = await browserFor(auditor, contexts, { js: false });
    await lucia.setViewportSize({ width: 360, height: 740 });
    await signIn(server, auditor, lucia, email.lucia, draft, { shown: false });
    await h1(lucia, 'Noticias de Maple Street');
    await auditor.check(lucia);
    await eventually('Lucía’s mail', () =>
      server.mailbox.to(email.lucia).find((m) => m.subject.includes('Noticias de Maple Street')),
    );
    auditor.assertClean();
  });
});
