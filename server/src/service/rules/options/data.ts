/** What each option finding carries in `data` for its fix (rules/types.ts DataMap). */
export type OptionsData = {
  'unknown-group': { group: string; suggestions: string[] };
  'unknown-option': { group: string; option: string; suggestions: string[] };
  'option-wrong-group': { group: string; option: string; targetGroups: string[] };
  'option-not-in-release': { group: string; option: string; releases?: string[]; suggestions?: string[] };
  'deprecated-option': { group: string; option: string; newGroup: string; newName: string };
  'deprecated-for-removal': undefined;
  'invalid-value': { group: string; option: string; type: string; choices?: string[]; suggestions?: string[] };
  'duplicate-option': undefined;
  'value-brackets': { group: string; option: string };
  'inline-comment': { valueOffset: number };
};
