/**
 * A needs survey and the pilot it suggests, in a real browser: Rosa, the steward (in Spanish),
 * opens a survey; a passer-by answers by its link without an account (JavaScript off, on a
 * phone); Lucía answers as a member (JavaScript off); Rosa types in a paper answer, prints the
 * paper form, reads the summary, starts the tool-shed pilot it suggests in one click, launches it
 * and writes its halfway note. Every page is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
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

describe('a needs survey and its pilot', () => {
  test('a steward opens a survey, neighbors answer by link, as members and on paper, and the summary starts a pilot', async () => {
    const rosa = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, rosa, email.rosa, `${home}/surveys`, { shown: false });
    await h1(rosa, 'Encuestas de necesidades');
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Abrir una encuesta' }).click();
    await h1(rosa, 'Abrir una encuesta de necesidades');
    await auditor.check(rosa);
    await rosa.locator('#f-title').fill('¿Qué necesita el callejón?');
    // A long word as a choice (a German compound) must wrap on a phone, in the form and the summary.
    await rosa.locator('#f-needsOther').fill('Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenantra');
    await rosa.locator('#f-freeQuestion').fill('¿Qué mejoraría la cuadra?');
    await rosa.getByRole('button', { name: 'Abrir la encuesta' }).click();
    await h1(rosa, '¿Qué necesita el callejón?');
    await auditor.check(rosa);
    const link = (await rosa.locator('.link-text a').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${server.url}${home}/surveys/[0-9a-f-]+/answer$`));
    const survey = new URL(link).pathname.replace(/\/answer$/, '');

    // A passer-by with the QR code, on a phone without JavaScript, in English.
    const passerBy = await browserFor(auditor, contexts, { js: false });
    await passerBy.setViewportSize({ width: 360, height: 740 });
    await passerBy.goto(link);
    await h1(passerBy, '¿Qué necesita el callejón?');
    await auditor.check(passerBy);
    await passerBy.locator('#answer').getByRole('button').click();
    await passerBy.getByText('Please tick at least one choice').first().waitFor();
    await auditor.check(passerBy);
    await passerBy.locator('#f-needs-tools').check();
    await passerBy.locator('#f-offers-tools').check();
    await passerBy.locator('#f-times-saturday_morning').check();
    await passerBy.locator('#answer').getByRole('button').click();
    await passerBy.getByText('Thank you for answering!').waitFor();
    await auditor.check(passerBy);

    // Lucía, a member, without JavaScript.
    const lucia = await browserFor(auditor, contexts, { js: false });
    await signIn(server, auditor, lucia, email.lucia, survey, { shown: false });
    await h1(lucia, '¿Qué necesita el callejón?');
    await auditor.check(lucia);
    await lucia.locator('#f-needs-tools').check();
    await lucia.locator('#f-free').fill('Más luz en el callejón.');
    await lucia.locator('#answer').getByRole('button').click();
    await lucia.locator('.notice').first().waitFor();
    await auditor.check(lucia);

    // Rosa types in a paper answer, and looks at the paper form.
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
    await rosa.goto(`${server.url}${survey}/paper`);
    await h1(rosa, '¿Qué necesita el callejón?');
    await auditor.check(rosa);

    // The summary suggests the tool shed; one click starts the pilot, prefilled.
    await rosa.goto(`${server.url}${survey}/summary`);
    await h1(rosa, /^Resumen/);
    await auditor.check(rosa);
    // On a phone its tables scroll in their own regions, reachable by keyboard (axe at 360 px).
    await rosa.setViewportSize({ width: 360, height: 740 });
    await auditor.check(rosa);
    await rosa.setViewportSize({ width: 1280, height: 800 });
    await rosa
      .getByText('3 quieren herramientas prestadas y 2 pueden prestarlas: ¿abrir el cobertizo?')
      .waitFor();
    await rosa
      .getByRole('button', { name: /^Empezar este piloto/ })
      .first()
      .click();
    await h1(rosa, 'Cambiar el piloto');
    await auditor.check(rosa);
    expect(await rosa.locator('#f-hypothesis').inputValue()).toMatch(
      /^Si abrimos un cobertizo de herramientas, los 3/,
    );
    await rosa.getByRole('button', { name: 'Guardar' }).click();
    await h1(rosa, 'Abrir el cobertizo de herramientas');
    await auditor.check(rosa);
    await rosa.getByRole('button', { name: 'Lanzar el piloto' }).click();
    await rosa.locator('#halfway-form').waitFor();
    await auditor.check(rosa);
    await rosa.locator('#f-note').fill('Siete préstamos la primera semana.');
    await rosa.locator('#halfway-form').getByRole('button').click();
    await rosa.getByText('Siete préstamos la primera semana.').first().waitFor();
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Pilotos' }).first().click();
    await h1(rosa, 'Pilotos');
    await auditor.check(rosa);
    expect(await rosa.getByRole('main').textContent()).toContain('Terminado');
    auditor.assertClean();
  });
});
