import type { Severity } from '../../model';
import type { SourceMap, YamlSpan } from './source-map';

/** The Nova service a virtual document configures, when the YAML form says so. */
export type NovaRole = 'api' | 'scheduler' | 'conductor' | 'metadata' | 'novncproxy' | 'compute';

export type YamlForm =
  | 'rhoso-custom-service-config'
  | 'rhoso-configmap'
  | 'helm-conf-nova'
  | 'osa-conf-overrides'
  | 'osa-variables'
  | 'tripleo'
  | 'juju';

/** A problem of the YAML form itself (what the renderer will do with it), in YAML offsets. */
export interface YamlProblem {
  code: string;
  message: string;
  span: YamlSpan;
}

/** One nova.conf text a YAML form renders to, with a map back to the YAML. */
export interface NovaYamlDocument {
  /** Stable within the file: the YAML document index and the path of the form. */
  id: string;
  form: YamlForm;
  /** The services that read this text; undefined when every Nova service reads it. */
  roles?: NovaRole[];
  /** Human description, e.g. `OpenStackControlPlane spec.nova.template.schedulerServiceTemplate.customServiceConfig`. */
  label: string;
  /** The virtual nova.conf text, as the renderer writes it. */
  text: string;
  map: SourceMap;
  /** YAML span of the form's key (for messages about the document as a whole). */
  anchor: YamlSpan;
  /** True when the renderer merges this text with other configuration (a nova.conf.d file, an override). */
  fragment: boolean;
  /** Form-level problems. */
  problems: YamlProblem[];
  /** Virtual spans whose diagnostics of these codes a form problem already explains. */
  suppress: { start: number; end: number; codes: string[] }[];
}

export interface YamlRuleMeta {
  code: string;
  severity: Severity;
  title: string;
  description: string;
  /** The renderer file whose behaviour the rule follows. */
  mirrors: string;
  bad: string;
  good: string;
}
