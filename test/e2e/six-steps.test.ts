/**
 * Issue 18's journey in a real browser: Rosa, the steward (in Spanish), runs a needs survey; three
 * neighbors answer (Lucía without JavaScript, Walter, and Doña Carmen on paper, typed in by Rosa);
 * the summary suggests the tool shed; Rosa proposes shed guidelines, Lucía and Rosa consent, the
 * deadline passes and the proposal passes; the newsletter draft, compiled again, lists the
 * decision. Every page is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localDateTime } from '../../src/platform/db/time.ts';
import {
  Auditor,
  eventually,
  type LaterClock,
  laterClock,
  launchBrowser,
  type Server,
  startServer,
} from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

let browser: Browser;
let server: Server;
let auditor: Auditor;
const clock: LaterClock = laterClock();
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer(clock)]);
  await loadMapleStreet(server);
  auditor = new Auditor(browser);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await auditor?.close();
  await browser?.close();
  await server?.close();
});

describe('the six steps, from a survey to the newsletter', () => {
  test('a survey answered three ways suggests the shed; its guidelines pass by consent; the newsletter lists the decision', async () => {
    const rosa = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, rosa, email.rosa, `${home}/surveys/new`, { shown: false });
    await h1(rosa, 'Abrir una encuesta de necesidades');
    await auditor.check(rosa);
    await rosa.locator('#f-title').fill('¿Qué necesita la calle?');
    await rosa.getByRole('button', { name: 'Abrir la encuesta' }).click();
    await h1(rosa, '¿Qué necesita la calle?');
    await auditor.check(rosa);
    const survey = new URL(rosa.url()).pathname;

    const lucia = await browserFor(auditor, contexts, { js: false });
    await signIn(server, auditor, lucia, email.lucia, survey, { shown: false });
    await h1(lucia, '¿Qué necesita la calle?');
    await auditor.check(lucia);
    await lucia.locator('#f-needs-tools').check();
    await lucia.locator('#answer').getByRole('button').click();
    await lucia.locator('.notice').first().waitFor();
    await auditor.check(lucia);

    const walter = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, walter, email.walter, survey, { shown: false });
    await walter.getByRole('heading', { level: 1 }).waitFor();
    await auditor.check(walter);
    await walter.locator('#f-needs-tools').check();
    await walter.locator('#f-offers-tools').check();
    await walter.locator('#answer').getByRole('button').click();
    await walter.locator('.notice').first().waitFor();
    await auditor.check(walter);

    await rosa.goto(`${server.url}${survey}`);
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Escribir una respuesta en papel' }).click();
    await h1(rosa, /^Escribir una respuesta en papel/);
    await auditor.check(rosa);
    await rosa.locator('#f-needs-tools').check();
    await rosa.locator('#f-offers-tools').check();
    await rosa.locator('#f-name').fill('Doña Carmen');
    await rosa.getByRole('button', { name: 'Guardar esta respuesta en papel' }).click();
    await rosa.getByText('La respuesta en papel está guardada.').waitFor();
    await auditor.check(rosa);
    await rosa.goto(`${server.url}${survey}/summary`);
    await h1(rosa, /^Resumen/);
    await auditor.check(rosa);
    await rosa
      .getByText('3 quieren herramientas prestadas y 2 pueden prestarlas: ¿abrir el cobertizo?')
      .waitFor();

    // Guidelines for the shed, by consent.
    await rosa.goto(`${server.url}${home}/proposals/new`);
    await auditor.check(rosa);
    await rosa.locator('#f-title').fill('Normas del cobertizo');
    await rosa.locator('#f-body').fill('Cómo prestamos las herramientas del cobertizo.');
    await rosa.locator('input[name="change"][value="amend"]').check();
    await rosa.locator('#f-guidelineText').fill('Las herramientas vuelven limpias en una semana.');
    const deadline = localDateTime(new Date(clock.now().getTime() + 49 * 3600_000), 'America/Chicago');
    await rosa.locator('#f-deadline').fill(deadline);
    await rosa.getByRole('button', { name: 'Plantearla a la comunidad' }).click();
    await h1(rosa, 'Normas del cobertizo');
    await auditor.check(rosa);
    const proposal = new URL(rosa.url()).pathname;
    await rosa.locator('input[name="stance"][value="agree"]').check();
    await rosa.getByRole('button', { name: 'Guardar mi postura' }).click();
    await rosa.getByText(/^Tu postura está guardada/).waitFor();
    await auditor.check(rosa);
    await lucia.goto(`${server.url}${proposal}`);
    await auditor.check(lucia);
    await lucia.locator('input[name="stance"][value="agree"]').check();
    await lucia.getByRole('button', { name: 'Guardar mi postura' }).click();
    await lucia.getByText(/^Tu postura está guardada/).waitFor();
    await auditor.check(lucia);

    // Two days later the deadline has passed: the close job decides.
    clock.ahead = 50 * 3600_000;
    await eventually(
      'the proposal closed',
      async () =>
        (
          await server.app.services.db
            .selectFrom('proposal')
            .select('outcome')
            .where('title', '=', 'Normas del cobertizo')
            .executeTakeFirst()
        )?.outcome ?? undefined,
      30_000,
    );

    // The newsletter's draft (the newest issue), compiled again, lists the decision.
    await rosa.goto(`${server.url}${home}/newsletters`);
    await h1(rosa, 'Boletín');
    await auditor.check(rosa);
    await rosa.getByRole('main').getByRole('listitem').first().getByRole('link').click();
    await rosa.getByText('Esto es un borrador').waitFor();
    await auditor.check(rosa);
    await rosa.getByRole('button', { name: 'Preparar de nuevo' }).click();
    await rosa.getByText('El borrador está preparado').waitFor();
    await auditor.check(rosa);
    const main = await rosa.getByRole('main').textContent();
    expect(main).toContain('Decisiones tomadas');
    expect(main).toMatch(/Normas del cobertizo — acordada: las normas van ahora por la versión \d/);
    auditor.assertClean();
  });
});
