/**
 * Editor features on the Jinja of a template (sources/jinja.ts): hover says what a tag is and what a
 * placeholder stands for; completion offers nothing inside a tag; quick fixes never edit one.
 */
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { PlaceholderRole } from '../sources/jinja-document';
import { mdCode } from '../describe/markdown';

const RENDER = 'Ansible renders it when Kolla-Ansible or Kayobe writes the config; nova-conf never evaluates it';

function stands(role: PlaceholderRole | undefined): string {
  switch (role?.at) {
    case 'json-string':
      return `It stands for any text inside this JSON string${role.key ? ` (the value of "${role.key}")` : ''}: the JSON around it is still checked, the text it writes is not.`;
    case 'json-value':
      return `It stands for any JSON value${role.key ? ` of "${role.key}"` : ''} (a filter such as \`to_json\` writes one): the JSON around it is still checked, the value it writes is not.`;
    case 'json-key':
      return 'It stands for a property name: the checks of that property are skipped.';
    case 'json-members':
      return 'It stands for any number of properties of this object, so checks of the object as a whole (required or conflicting fields) are skipped; its JSON syntax is still checked.';
    case 'value':
      return `It stands for (part of) the value of "${role.key}", which is therefore not checked; the option name and the file's shape still are.`;
    case 'key':
      return 'It stands for (part of) an option name: that line is not checked against the option catalogue.';
    case 'line':
      return 'It stands for whole lines of the file (options, or even sections), which nova-conf cannot know: they are not checked.';
    default:
      return 'What it writes is not checked.';
  }
}

/** Hover over a Jinja tag; undefined when the offset is not on one. */
export function jinjaHover(doc: NovaConfDocument, offset: number): Hover | undefined {
  const j = doc.jinja;
  if (!j) return undefined;
  const tag = j.tagAt(offset);
  if (!tag) return undefined;
  let md: string;
  if (tag.kind === 'expression') {
    const p = j.placeholderAt(tag.span.start);
    md = `**Jinja placeholder** ${mdCode(`{{ ${tag.body.length > 80 ? `${tag.body.slice(0, 77)}…` : tag.body} }}`)}\n\nSet by the template at deploy time (${RENDER}). ${stands(p ? j.roles.get(p) : undefined)}`;
  } else if (tag.kind === 'comment') {
    md = '**Jinja comment**: removed when the template is rendered; not part of the file Nova reads.';
  } else {
    const kw = tag.keyword;
    const what =
      kw === 'if' || kw === 'elif' || kw === 'else'
        ? 'Each branch of an `if` is checked on its own: a key set in two branches is not a repeated key, and two branches are never compared with each other.'
        : kw === 'for'
          ? 'The loop body is checked once, as it is written.'
          : kw === 'raw' || kw === 'endraw'
            ? 'In a Kayobe configuration `raw` hands the Jinja inside to Kolla-Ansible, which renders it a second time; nova-conf reads it as template.'
            : 'It writes nothing into the file Nova reads.';
    md = `**Jinja statement** ${mdCode(`{% ${tag.body} %}`)}: structure of the template, not an INI line (with Ansible's \`trim_blocks\`, a line holding only statements disappears from the rendered file). ${what}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: doc.rangeOf(tag.span) };
}

/** True when the offset is inside (or right after) a Jinja tag. */
export function inJinja(doc: NovaConfDocument, offset: number): boolean {
  return Boolean(doc.jinja?.tagAt(offset));
}

