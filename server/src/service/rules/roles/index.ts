/** The `# nova-conf: service=… release=…` directive: what it could not understand. */
import { parseDirective } from '../../workspace/roles';
import type { DocumentRuleFamily, RuleContext, RuleMeta } from '../types';

/** The directive rule carries no data (rules/types.ts DataMap). */
type RolesData = { 'directive-invalid': undefined };

const rules: RuleMeta<keyof RolesData>[] = [
  {
    code: 'directive-invalid', severity: 'warning', mirrors: 'nova-conf itself (docs/deployments.md); Nova reads the line as a comment',
    title: 'the nova-conf service/release directive names an unknown service or release',
    description: 'A comment line `# nova-conf: service=nova-compute[,nova-api] release=2024.1` tells nova-conf which Nova services read the file and which release applies to it. Nova ignores the comment, so a misspelt service or release does not break anything, but nova-conf then judges the file for the wrong services or release. Use the service names of the Nova binaries (nova-api, nova-scheduler, nova-compute, nova-conductor …) and a release name or number.',
    bad: '# nova-conf: service=nova-compte\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}',
    good: '# nova-conf: service=nova-compute\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}',
  },
];

function check(ctx: RuleContext<RolesData>): void {
  const d = parseDirective(ctx.doc.text);
  for (const p of d?.problems ?? []) ctx.report('directive-invalid', p.span.end > p.span.start ? p.span : d!.directive!, `${p.message[0].toUpperCase()}${p.message.slice(1)} — nova-conf ignores this directive.`);
}

export const rolesFamily: DocumentRuleFamily<RolesData> = { name: 'roles', scope: 'document', rules, check };
