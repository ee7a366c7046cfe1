/**
 * Form building blocks. Each field has a visible label, its hint and error tied to it with
 * `aria-describedby`, and `aria-invalid` when refused, so screen readers announce both.
 */
import type { ComponentChildren } from 'preact';
import type { ShownFieldError } from '../../platform/http/types.ts';
import type { View } from '../view.ts';

/**
 * The submitted values and the errors to show beside each field. `labels` gathers each field's
 * label as the fields render, so the error summary at the top can name them (`sendPage` renders
 * a page that shows one twice: the fields come after the summary).
 */
export interface FormState {
  values: Record<string, unknown>;
  errors: ShownFieldError[];
  labels?: Map<string, string>;
}

/** An empty form state, optionally prefilled with `values`. */
export function emptyForm(values: Record<string, unknown> = {}): FormState {
  return { values, errors: [] };
}

/** The form state from a refused submission (`req.body`). */
export function refusedForm(body: unknown, errors: ShownFieldError[]): FormState {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, errors, labels: new Map() };
}

/** The error of field `name` (its `label` noted for the error summary), if it was refused. */
export function errorFor(state: FormState, name: string, label: string) {
  const error = state.errors.find((e) => e.field === name)?.message;
  if (error) state.labels?.set(name, label);
  return error;
}

function fieldValue(state: FormState, name: string): string {
  const v = state.values[name];
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
}

/** A POST form with the CSRF token; `children` are its fields and buttons. */
export function Form(props: {
  view: View;
  action: string;
  children: ComponentChildren;
  class?: string;
  id?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.class} id={props.id} novalidate>
      <input type="hidden" name="_csrf" value={props.view.csrf} />
      {props.children}
    </form>
  );
}

/** A POST form with the CSRF token that may carry files (multipart; works without JavaScript). */
export function UploadForm(props: {
  view: View;
  action: string;
  children: ComponentChildren;
  class?: string;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      enctype="multipart/form-data"
      class={props.class}
      id={props.id}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.view.csrf} />
      {props.children}
    </form>
  );
}

/**
 * A one-button POST form (an action on the page's thing), with `hidden` fields if any; `of`
 * names the thing for screen readers when a list has one button per thing ("Done: Ladder").
 */
export function PostButton(props: {
  view: View;
  action: string;
  label: string;
  kind?: 'secondary' | 'danger';
  hidden?: Record<string, string>;
  of?: string;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.view.csrf} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={props.kind}>
        {props.label}
        {props.of && <span class="visually-hidden">{`: ${props.of}`}</span>}
      </button>
    </form>
  );
}

/**
 * A file input for photos with its label, hint and error (`name`, one file unless `multiple`),
 * for an `UploadForm`.
 */
export function PhotoField(props: {
  state: FormState;
  name: string;
  label: string;
  hint: string;
  multiple?: boolean;
}) {
  const { name } = props;
  const error = errorFor(props.state, name, props.label);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={`f-${name}`}>{props.label}</label>
      <p class="hint" id={`h-${name}`}>
        {props.hint}
      </p>
      {error && (
        <p class="field-error" id={`e-${name}`}>
          {error}
        </p>
      )}
      <input
        id={`f-${name}`}
        name={name}
        type="file"
        accept="image/*"
        multiple={props.multiple}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `h-${name} e-${name}` : `h-${name}`}
      />
    </div>
  );
}

/**
 * A thing's photos on its edit page: each with a button that removes it (`action`/<id>/remove),
 * and, below `max`, a form that adds more (`action`, field `photos`).
 */
export function EditPhotos(props: {
  view: View;
  state: FormState;
  photos: readonly { id: string; thumbUrl: string }[];
  /** The photos' path: `…/photos`. */
  action: string;
  /** The most photos the thing keeps. */
  max: number;
  /** The text alternative of the `n`th photo. */
  alt: (n: number) => string;
  texts: { heading: string; remove: string; hint: string; upload: string };
}) {
  const { view, state, photos, action, texts } = props;
  return (
    <>
      <h2>{texts.heading}</h2>
      <ul class="tags thumbs">
        {photos.map((p, i) => (
          <li>
            <img src={p.thumbUrl} alt={props.alt(i + 1)} width={160} />
            <PostButton
              view={view}
              action={`${action}/${p.id}/remove`}
              label={texts.remove}
              kind="secondary"
            />
          </li>
        ))}
      </ul>
      {photos.length < props.max && (
        <UploadForm view={view} action={action}>
          <PhotoField
            state={state}
            name="photos"
            multiple
            label={view.t('form.add_photos')}
            hint={texts.hint}
          />
          <button type="submit">{texts.upload}</button>
        </UploadForm>
      )}
    </>
  );
}

/** Lists the refused fields at the top of a form, each linking to its field. */
export function ErrorSummary({ view, state }: { view: View; state: FormState }) {
  if (state.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{view.t('form.fix_these')}</h2>
      <ul>
        {state.errors.map((e) => {
          const label = state.labels?.get(e.field);
          return (
            <li>
              {e.field === '_' ? (
                e.message
              ) : (
                <a href={`#f-${e.field}`}>
                  {label ? view.t('form.field_error', { label, message: e.message }) : e.message}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * A field's `maxLength` counts the characters people see (graphemes), as the server does. The
 * browser's own `maxlength` counts UTF-16 units and silently cuts what is typed or pasted (a
 * flag emoji to a bare 🏳, an accent off its letter), so it is not used: the limit goes in
 * `data-maxlength`, the client script shows a counter near it, and the server refuses a longer
 * text with a message that says the limit and the length.
 */
interface FieldProps {
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxLength?: number;
}

function described(name: string, hint?: string, error?: string) {
  return [hint && `h-${name}`, error && `e-${name}`].filter(Boolean).join(' ') || undefined;
}

function Messages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`h-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`e-${name}`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled text-like input. */
export function Field(p: FieldProps) {
  const error = errorFor(p.state, p.name, p.label);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={`f-${p.name}`}>{p.label}</label>
      <Messages name={p.name} hint={p.hint} error={error} />
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={fieldValue(p.state, p.name)}
        required={p.required}
        autocomplete={p.autocomplete}
        inputMode={p.inputmode as never}
        data-maxlength={p.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextArea(p: FieldProps & { rows?: number }) {
  const error = errorFor(p.state, p.name, p.label);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={`f-${p.name}`}>{p.label}</label>
      <Messages name={p.name} hint={p.hint} error={error} />
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required}
        data-maxlength={p.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      >
        {fieldValue(p.state, p.name)}
      </textarea>
    </div>
  );
}

/** A labelled drop-down; `options` are `[value, label]` pairs. */
export function Select(p: FieldProps & { options: [string, string][] }) {
  const error = errorFor(p.state, p.name, p.label);
  const current = fieldValue(p.state, p.name);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={`f-${p.name}`}>{p.label}</label>
      <Messages name={p.name} hint={p.hint} error={error} />
      <select
        id={`f-${p.name}`}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(p.name, p.hint, error)}
      >
        {p.options.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of radio buttons in a fieldset; `options` are `[value, label]` pairs. */
export function Radios(p: Omit<FieldProps, 'type'> & { options: [string, string][] }) {
  const error = errorFor(p.state, p.name, p.label);
  const current = fieldValue(p.state, p.name);
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      id={`f-${p.name}`}
      aria-describedby={described(p.name, p.hint, error)}
    >
      <legend>{p.label}</legend>
      <Messages name={p.name} hint={p.hint} error={error} />
      {p.options.map(([value, label]) => (
        <label class="choice">
          <input type="radio" name={p.name} value={value} checked={value === current} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A group of checkboxes in a fieldset, each sending `name` with its value when ticked; `options`
 * are `[value, label]` pairs, labels isolated (they may be names people wrote).
 */
export function Checkboxes(p: Omit<FieldProps, 'type'> & { options: [string, string][] }) {
  const error = errorFor(p.state, p.name, p.label);
  const v = p.state.values[p.name];
  const on = new Set((Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String));
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      id={`f-${p.name}`}
      aria-describedby={described(p.name, p.hint, error)}
    >
      <legend>{p.label}</legend>
      <Messages name={p.name} hint={p.hint} error={error} />
      {p.options.map(([value, label]) => (
        <label class="choice" for={`f-${p.name}-${value}`}>
          <input
            type="checkbox"
            id={`f-${p.name}-${value}`}
            name={p.name}
            value={value}
            checked={on.has(value)}
          />{' '}
          <bdi>{label}</bdi>
        </label>
      ))}
    </fieldset>
  );
}

/** A single checkbox; checked when the state's value is truthy ("1", "on", true). */
export function Checkbox(p: Omit<FieldProps, 'type'>) {
  const v = p.state.values[p.name];
  const checked = v === true || v === '1' || v === 'on' || v === 1;
  const error = errorFor(p.state, p.name, p.label);
  return (
    <div class={error ? 'field invalid' : 'field'}>
      {error && (
        <p class="field-error" id={`e-${p.name}`}>
          {error}
        </p>
      )}
      <label class="choice">
        <input
          type="checkbox"
          id={`f-${p.name}`}
          name={p.name}
          value="1"
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `e-${p.name}` : undefined}
        />{' '}
        {p.label}
      </label>
      {p.hint && <p class="hint">{p.hint}</p>}
    </div>
  );
}
