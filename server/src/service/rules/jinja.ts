/**
 * Jinja templates (Kolla-Ansible / Kayobe overrides, `*.conf.j2`): what stops the template from
 * rendering at all. The template is never evaluated; see sources/jinja.ts for how it is read.
 */
import type { DocumentRuleFamily, RuleContext, RuleMeta } from './types';

/** The template rules carry no data (rules/types.ts DataMap). */
type JinjaData = { 'jinja-syntax': undefined; 'jinja-line-join': undefined };

const rules: RuleMeta<keyof JinjaData>[] = [
  {
    code: 'jinja-syntax', severity: 'error', mirrors: 'jinja2/lexer.py, jinja2/parser.py (as Ansible\'s template engine and Kolla-Ansible\'s merge_configs call them)',
    title: 'Jinja tag not closed, or block not balanced',
    description: 'A `{{`, `{%` or `{#` without its closing delimiter on the line, an `{% endif %}` or `{% endfor %}` without its opening statement, an `{% else %}` outside a block, or a block that is never closed. Jinja refuses the template, so Ansible (Kolla-Ansible, Kayobe) fails to render it and the deployment stops before any Nova service reads the file.',
    bad: '[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}',
    good: '[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}\n{% endfor %}',
  },
  {
    code: 'jinja-line-join', severity: 'warning', mirrors: 'jinja2/lexer.py (trim_blocks, lstrip_blocks, "-" whitespace control) with Ansible\'s template defaults',
    title: 'Jinja whitespace handling changes the lines oslo.config reads',
    description: 'Ansible renders templates with `trim_blocks` on and `lstrip_blocks` off (Kolla-Ansible\'s merge_configs and Kayobe use the same engine). So a statement written after text on its line (`alias = …{% endfor %}`) removes the line break after it and glues the next line on; spaces before an indented `{% if %}` stay in front of the next line, which oslo.config then reads as a continuation; `{%-` removes the line breaks before a tag and `-%}` removes the line break, blank lines and indentation after it. The file nova-conf checks is the template as written, one line per line; the rendered file differs, and is usually refused by oslo.config or misread. A first line `#jinja2: trim_blocks: False` (or `lstrip_blocks: True`) is honoured.',
    bad: '[pci]\n{% for gpu in gpus %}alias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}{% endfor %}\n[DEFAULT]',
    good: '[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4"}\n{% endfor %}\n[DEFAULT]',
  },
];

function check(ctx: RuleContext<JinjaData>): void {
  const j = ctx.doc.jinja;
  if (!j) return;
  // sources/jinja.ts reports only this family's codes.
  for (const p of j.template.problems) ctx.report(p.code as keyof JinjaData, p.span, p.message);
}

export const jinjaFamily: DocumentRuleFamily<JinjaData> = { name: 'jinja', scope: 'document', rules, check };
